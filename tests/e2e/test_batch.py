"""JSON-RPC batches and typed multicalls against real nodes: anvil and geth, HTTP and IPC (and
WebSocket), deployless and deployed aggregators, and a geth that refuses large batches."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bindings.token import Token
from bindings.type_zoo import DescribeResult, Point, TypeZoo

import abigen
from abigen.devnode import Anvil, DevNode, Geth, GethNotFound, find_geth
from abigen.runtime.asyncnode import connect_async
from abigen.runtime.multicall import MULTICALL3
from abigen.runtime.tx import Transaction

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
BIG = 10**30


def _deploy_aggregator(node: abigen.Node, sender: str) -> str:
    """Deploy contracts/Multicall.sol's Aggregator; its address."""
    code = "0x" + (BUILD / "Aggregator.bin").read_text().strip()
    call = {"from": sender, "data": code}
    tx_hash = node.request("eth_sendTransaction", [call])
    receipt = Transaction(node, tx_hash, call, {}, {}).wait()
    assert receipt.contract_address is not None
    return receipt.contract_address


@pytest.fixture(scope="module")
def aggregator(node: abigen.Node, alice: str) -> str:
    return _deploy_aggregator(node, alice)


# ---- batches ----


def test_a_batch_of_mixed_contracts_gives_each_call_its_typed_result(
    node: abigen.Node, token: Token, zoo: TypeZoo, alice: str, bob: str
) -> None:
    balance, name, origin, described, seed = node.batch(
        token.balance_of.prepare(alice),
        token.name.prepare(),
        zoo.origin.prepare(),
        zoo.describe.prepare(),
        zoo.seed.prepare(),
    )
    assert balance == token.balance_of(alice) == 1_000_000
    assert name == "Gold"
    assert isinstance(origin, Point) and origin == zoo.origin()
    assert isinstance(described, DescribeResult) and described == zoo.describe()
    assert seed == zoo.seed() == 42
    assert node.batch(token.balance_of.prepare(bob)) == (0,)


def test_a_revert_in_a_batch_raises_its_decoded_error_naming_the_item(
    node: abigen.Node, token: Token, zoo: TypeZoo, bob: str
) -> None:
    with pytest.raises(Token.InsufficientBalance) as caught:
        node.batch(token.name.prepare(), token.transfer.prepare(bob, 5, sender=bob))
    assert caught.value.needed == 5 and caught.value.available == 0
    assert "batch item 1 (Token.transfer(address,uint256) at" in str(caught.value)
    with pytest.raises(abigen.Revert, match=r"batch item 0 .*: execution reverted: no way"):
        node.batch(zoo.fail_require.prepare("no way"), zoo.seed.prepare())


def test_with_allow_failure_each_revert_stands_in_its_place(
    node: abigen.Node, token: Token, zoo: TypeZoo, alice: str, bob: str
) -> None:
    results = node.batch(
        token.transfer.prepare(bob, 5, sender=bob),
        zoo.fail_require.prepare("nope"),
        zoo.fail_panic.prepare(1),
        zoo.fail_custom.prepare(bob, 7),
        token.balance_of.prepare(alice),
        allow_failure=True,
    )
    insufficient, revert, panic, custom, balance = results
    assert isinstance(insufficient, Token.InsufficientBalance) and insufficient.needed == 5
    assert isinstance(revert, abigen.Revert) and revert.reason == "nope"
    assert isinstance(panic, abigen.Panic)
    assert isinstance(custom, TypeZoo.Unauthorized) and custom.code == 7 and custom.who == bob
    assert balance == 1_000_000


def test_batch_many_splits_by_size_and_keeps_every_item_in_order(
    node: abigen.Node, zoo: TypeZoo
) -> None:
    calls = [zoo.echo_uint_array.prepare([i, i * i]) for i in range(237)]
    assert node.batch_many(calls, size=50) == [[i, i * i] for i in range(237)]
    assert node.batch_many(calls[:3]) == [[0, 0], [1, 1], [2, 4]]
    assert node.batch_many([]) == []


def test_an_item_error_that_is_not_a_revert_raises_naming_the_item(
    node: abigen.Node, token: Token, alice: str
) -> None:
    future = token.balance_of.prepare(alice, block=10**12)
    with pytest.raises(abigen.RpcError, match=r"batch item 1 \(Token.balanceOf\(address\) at"):
        node.batch(token.name.prepare(), future)
    with pytest.raises(abigen.RpcError, match="batch item 0"):  # allow_failure: reverts only
        node.batch(future, allow_failure=True)


def test_a_call_to_an_address_without_code_says_so(node: abigen.Node, token: Token) -> None:
    nowhere = Token("0x" + "12" * 20, node)
    with pytest.raises(abigen.DecodingError, match=r"batch item 0 .*returned no data"):
        node.batch(nowhere.name.prepare())


def test_request_batch_returns_checked_results_and_error_objects(
    node: abigen.Node, alice: str
) -> None:
    number, balance, missing = node.request_batch(
        [
            ("eth_blockNumber", []),
            ("eth_getBalance", [alice, "latest"]),
            ("no_such_method", []),
        ]
    )
    assert isinstance(number, str) and int(number, 16) >= 1
    assert int(str(balance), 16) == node.get_balance(alice)
    assert isinstance(missing, abigen.RpcError) and missing.method == "no_such_method"
    assert node.request_batch([]) == []


def test_a_non_prepared_call_is_refused(node: abigen.Node, token: Token, alice: str) -> None:
    with pytest.raises(TypeError, match="batch item 1 is not a prepared call"):
        node.batch(token.name.prepare(), token.balance_of(alice))  # type: ignore[call-overload]


# ---- multicalls ----


def test_a_multicall_runs_deployless_where_the_chain_has_no_multicall3(
    node: abigen.Node, token: Token, zoo: TypeZoo, alice: str
) -> None:
    assert node.request("eth_getCode", [MULTICALL3, "latest"]) == "0x"
    calls = (token.balance_of.prepare(alice), token.symbol.prepare(), zoo.describe.prepare())
    assert node.multicall(*calls) == node.batch(*calls)
    many = [zoo.echo_uint_array.prepare([i]) for i in range(700)]
    assert node.multicall_many(many) == [[i] for i in range(700)]  # several eth_calls


def test_deployless_results_over_the_code_size_limit_are_fetched_in_halves(
    node: abigen.Node, zoo: TypeZoo
) -> None:
    # 20 results of 3.3 kB: over the 24,576 bytes a constructor may return, however chunked
    # by calldata; the node refuses (anvil: CreateContractSizeLimit, geth: max code size
    # exceeded) and each refused chunk is sent again in halves.
    calls = [zoo.echo_uint_array.prepare(list(range(i, i + 100))) for i in range(20)]
    assert node.multicall_many(calls) == [list(range(i, i + 100)) for i in range(20)]


def test_a_multicall_raises_or_returns_each_failure_decoded(
    node: abigen.Node, token: Token, zoo: TypeZoo, alice: str, bob: str
) -> None:
    with pytest.raises(TypeZoo.Unauthorized, match=r"multicall item 1 \(TypeZoo.failCustom"):
        node.multicall(token.name.prepare(), zoo.fail_custom.prepare(bob, 3))
    name, custom, panic, balance = node.multicall(
        token.name.prepare(),
        zoo.fail_custom.prepare(bob, 3),
        zoo.fail_panic.prepare(1),
        token.balance_of.prepare(alice),
        allow_failure=True,
    )
    assert name == "Gold"
    assert isinstance(custom, TypeZoo.Unauthorized) and custom.code == 3
    assert isinstance(panic, abigen.Panic)
    assert balance == 1_000_000


def test_a_multicall_refuses_calls_it_cannot_make_as_asked(
    node: abigen.Node, token: Token, zoo: TypeZoo, alice: str
) -> None:
    with pytest.raises(ValueError, match=r"item 1 .* has a sender"):
        node.multicall(token.name.prepare(), token.balance_of.prepare(alice, sender=alice))
    with pytest.raises(ValueError, match=r"item 0 .* sends value"):
        node.multicall(zoo.deposit.prepare(value=1))
    with pytest.raises(ValueError, match="runs at block 0x1, not latest"):
        node.multicall(token.name.prepare(), token.name.prepare(block=1))


def test_a_multicall_through_a_deployed_aggregator(
    node: abigen.Node, token: Token, zoo: TypeZoo, alice: str, bob: str, aggregator: str
) -> None:
    calls = [token.balance_of.prepare(alice), zoo.fail_custom.prepare(bob, 9)]
    balance, failure = node.multicall_many(calls, allow_failure=True, address=aggregator)
    assert balance == 1_000_000
    assert isinstance(failure, TypeZoo.Unauthorized) and failure.code == 9
    many = [zoo.echo_uint_array.prepare([i, 1]) for i in range(300)]
    assert node.multicall_many(many, address=aggregator, size=120) == [[i, 1] for i in range(300)]
    with pytest.raises(abigen.RpcError, match=r"multicall of items 0\.\.0: .*reverted"):
        node.multicall(token.name.prepare(), address=token.address)  # not an aggregator
    with pytest.raises(abigen.NodeError, match="aggregator's answer does not decode"):
        node.multicall(token.name.prepare(), address=bob)  # no code at all


def test_multicall3_at_its_canonical_address_is_found_and_used(anvil: Anvil) -> None:
    node = abigen.connect(anvil.ipc_path)
    owner = node.accounts[0]
    runtime = _runtime_code(node, _deploy_aggregator(node, owner))
    probe = Token.deploy(node, "Gold", "GLD", 1, sender=owner)
    try:
        node.request("anvil_setCode", [MULTICALL3, runtime])
        assert node.multicall(probe.name.prepare(), probe.symbol.prepare()) == ("Gold", "GLD")
        assert node._multicall3 == MULTICALL3  # looked up once, remembered
        # Proof that the canonical address, not the deployless code, ran: break it.
        node.request("anvil_setCode", [MULTICALL3, "0x00"])
        with pytest.raises(abigen.NodeError, match="aggregator's answer does not decode"):
            node.multicall(probe.name.prepare())
    finally:
        node.request("anvil_setCode", [MULTICALL3, "0x"])
    fresh = abigen.connect(anvil.http_url)
    assert fresh.multicall(probe.name.prepare()) == ("Gold",)  # deployless again
    assert fresh._multicall3 is None


def _runtime_code(node: abigen.Node, address: str) -> str:
    code: str = node.request("eth_getCode", [address, "latest"])
    return code


# ---- WebSocket: the sync connect's WebSocket bridge batches too ----


def test_batches_and_multicalls_over_websocket(
    devnode: DevNode, token: Token, zoo: TypeZoo, alice: str
) -> None:
    with abigen.connect(devnode.ws_url) as ws:
        here = Token(token.address, ws)
        assert ws.batch(here.balance_of.prepare(alice), here.name.prepare()) == (1_000_000, "Gold")
        assert ws.multicall(here.symbol.prepare()) == ("GLD",)
        calls = [TypeZoo(zoo.address, ws).echo_uint_array.prepare([i]) for i in range(120)]
        assert ws.batch_many(calls, size=40) == [[i] for i in range(120)]


# ---- a node that refuses large batches: geth --rpc.batch-request-limit 5 ----


@pytest.fixture(scope="module")
def limited_geth() -> Iterator[Geth]:
    try:
        find_geth()
    except GethNotFound as exc:
        pytest.skip(f"geth suites skipped: {exc}")
    with Geth(extra_args=["--rpc.batch-request-limit", "5"]) as node:
        yield node


@pytest.mark.e2e
@pytest.mark.parametrize("transport", ["http", "ws"])  # (geth does not limit IPC batches)
def test_a_node_refusing_large_batches_gets_smaller_ones(
    limited_geth: Geth, transport: str
) -> None:
    node = abigen.connect(limited_geth.http_url if transport == "http" else limited_geth.ws_url)
    (dev,) = node.accounts
    with pytest.raises(abigen.BatchRefused, match="batch too large"):
        node.request_batch([("eth_blockNumber", [])] * 6)
    assert len(node.request_batch([("eth_blockNumber", [])] * 5)) == 5
    token = Token.deploy(node, "Gold", "GLD", 1_000, sender=dev)
    calls = [token.balance_of.prepare(dev if i % 3 else token.address) for i in range(23)]
    assert node.batch_many(calls) == [1_000 if i % 3 else 0 for i in range(23)]
    assert node.batch(*calls[:7]) == tuple(1_000 if i % 3 else 0 for i in range(7))
    assert node.multicall_many(calls, size=2) == [1_000 if i % 3 else 0 for i in range(23)]


# ---- the async face: AsyncNode's batches and multicalls ----


@pytest.mark.parametrize("transport", ["http", "ipc", "ws"])
def test_the_async_face_batches_and_multicalls(
    devnode: DevNode, token: Token, zoo: TypeZoo, alice: str, bob: str, transport: str
) -> None:
    target = {"http": devnode.http_url, "ipc": devnode.ipc_path, "ws": devnode.ws_url}[transport]

    async def run() -> Any:
        node = await connect_async(target)
        try:
            here, there = Token(token.address, _sync), TypeZoo(zoo.address, _sync)
            first = await node.batch(here.balance_of.prepare(alice), there.describe.prepare())
            failed = await node.batch(there.fail_custom.prepare(bob, 4), allow_failure=True)
            many = await node.batch_many(
                [there.echo_uint_array.prepare([i]) for i in range(130)], size=60
            )
            multi = await node.multicall(here.name.prepare(), there.seed.prepare())
            multi_many = await node.multicall_many(
                [there.echo_uint_array.prepare([i]) for i in range(200)]
            )
            with pytest.raises(Token.InsufficientBalance, match="batch item 0"):
                await node.batch(here.transfer.prepare(alice, 1, sender=bob))
            return first, failed, many, multi, multi_many
        finally:
            await node.close()

    _sync = abigen.connect(devnode.http_url)  # prepared calls are offline: any node binds them
    first, failed, many, multi, multi_many = asyncio.run(run())
    assert first == (1_000_000, zoo.describe())
    assert isinstance(failed[0], TypeZoo.Unauthorized) and failed[0].code == 4
    assert many == [[i] for i in range(130)]
    assert multi == ("Gold", 42)
    assert multi_many == [[i] for i in range(200)]
