"""AsyncNode on real nodes (anvil and geth, over HTTP, IPC and WebSocket): the same answers as
the sync Node, many requests in flight at once, batches, chain pinning, web3's async forms."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Awaitable
from typing import Any, TypeVar

import pytest
from bindings.token import Token
from web3 import AsyncHTTPProvider, AsyncWeb3, WebSocketProvider
from web3.providers.persistent import AsyncIPCProvider

import abigen
from abigen.devnode import DevNode
from abigen.runtime.asyncrpc import AsyncRpcProvider

pytestmark = pytest.mark.e2e
T = TypeVar("T")


def run(awaitable: Awaitable[T]) -> T:
    async def main() -> T:
        return await awaitable

    return asyncio.run(main())


@pytest.fixture(scope="module")
def funded(devnode: DevNode) -> tuple[str, list[str]]:
    """A token (deployed with the sync binding) and holders with balances 1..8."""
    node = abigen.connect(devnode.http_url)
    alice = node.accounts[0]
    token = Token.deploy(node, "Gold", "GLD", 10**6, sender=alice)
    holders = ["0x" + f"{i:040x}" for i in range(1, 9)]
    for i, holder in enumerate(holders, 1):
        token.transfer(holder, i, sender=alice).wait()
    return token.address, holders


def test_the_same_answers_as_the_sync_node(devnode: DevNode, async_target: str) -> None:
    sync = abigen.connect(devnode.http_url)
    alice = sync.accounts[0]
    # A recent block, not 0: geth keeps the state of the latest 128 blocks only, and other
    # suites (the async face's on geth) may have mined more than that before this test.
    head = sync.block_number

    async def main() -> tuple[Any, ...]:
        async with await abigen.connect_async(async_target) as node:
            assert isinstance(node.provider, AsyncRpcProvider)
            return (
                await node.chain_id,
                await node.accounts,
                await node.get_balance(alice, head),
                await node.signing_chain_id(),
                await node.block_number,
            )

    chain_id, accounts, balance, signing, block = run(main())
    assert (chain_id, signing) == (sync.chain_id, sync.chain_id)
    assert accounts == sync.accounts
    assert balance == sync.get_balance(alice, head)
    assert 0 <= block <= sync.block_number


def test_many_calls_in_flight(async_target: str, funded: tuple[str, list[str]]) -> None:
    address, holders = funded
    function = Token.balance_of

    async def balance(node: abigen.AsyncNode, holder: str) -> int:
        call = [{"to": address, "data": "0x" + function.encode_input(holder).hex()}, "latest"]
        return int(function.decode_output(await node.request("eth_call", call)))

    async def main() -> list[int]:
        async with await abigen.connect_async(async_target) as node:
            return await asyncio.gather(*(balance(node, holders[i % 8]) for i in range(200)))

    assert run(main()) == [i % 8 + 1 for i in range(200)]


def test_an_error_answer_leaves_the_connection_usable(async_target: str) -> None:
    async def main() -> int:
        async with await abigen.connect_async(async_target) as node:
            results = await asyncio.gather(
                node.request("eth_noSuchMethod", []),
                node.request("eth_chainId", []),
                return_exceptions=True,
            )
            assert isinstance(results[0], abigen.RpcError), results
            assert results[0].method == "eth_noSuchMethod"
            return await node.chain_id

    assert run(main()) > 0


def test_a_batch_on_a_real_node(async_target: str) -> None:
    async def main() -> list[Any]:
        async with await abigen.connect_async(async_target) as node:
            requests: Any = [("eth_chainId", []), ("eth_noSuchMethod", []), ("eth_blockNumber", [])]
            return await node.provider.make_batch_request(requests)

    chain, missing, block = run(main())
    assert int(chain["result"], 16) > 0
    assert "error" in missing and "result" not in missing
    assert block["result"].startswith("0x")


def test_a_pinned_chain_is_checked_first(devnode: DevNode, async_target: str) -> None:
    async def main() -> None:
        async with await abigen.connect_async(async_target, chain_id=devnode.chain_id + 1) as node:
            with pytest.raises(abigen.NodeError, match="nothing was sent"):
                await node.block_number
        async with await abigen.connect_async(async_target, chain_id=devnode.chain_id) as node:
            assert await node.block_number >= 0

    run(main())


@pytest.mark.parametrize("form", ["async_web3_http", "async_ipc", "web3_ws", "ours_in_web3"])
def test_web3_async_forms(devnode: DevNode, form: str) -> None:
    async def main() -> int:
        if form == "async_web3_http":
            target: object = AsyncWeb3(AsyncHTTPProvider(devnode.http_url))
        elif form == "async_ipc":
            target = AsyncIPCProvider(devnode.ipc_path)  # not connected yet: connect_async does
        elif form == "web3_ws":
            target = WebSocketProvider(devnode.ws_url)
        else:  # our provider inside AsyncWeb3, and AsyncWeb3 reading through it
            ours = (await abigen.connect_async(devnode.ipc_path)).provider
            assert await AsyncWeb3(ours).eth.chain_id == devnode.chain_id
            target = AsyncWeb3(ours)
        async with await abigen.connect_async(target) as node:
            return await node.chain_id

    assert run(main()) == devnode.chain_id


EXIT = """
import asyncio, sys
import abigen

async def main():
    node = await abigen.connect_async(sys.argv[1])
    await asyncio.gather(*(node.request("eth_blockNumber", []) for _ in range(20)))
    if sys.argv[2] == "closed":
        await node.close()

asyncio.run(main())
"""


@pytest.mark.parametrize("closed", ["closed", "unclosed"])
def test_no_warnings_at_exit(async_target: str, closed: str) -> None:
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", EXIT, async_target, closed],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
