"""The async face end to end on anvil and geth --dev, over HTTP, IPC and WebSocket: what the
sync suites (test_token.py, test_type_zoo.py...) check, awaited: deploy, views of every type,
sends from node and local accounts, payable, events with filters, every kind of revert,
mined-and-failed. On geth (one node account) bob and carol send with their local keys."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

import pytest
from bindings.fixtures.calculator import AsyncCalculator
from bindings.fixtures.edge_cases import AsyncEdgeCases, Config, Fallback, Receive
from bindings.token import AsyncToken, Token, Transfer
from bindings.type_zoo import AsyncTypeZoo, Incremented, Point, Shape
from devkeys import KEYS
from eth_account import Account

import abigen
from abigen.devnode import Anvil, DevNode
from abigen.runtime import Sender
from abigen.runtime.codec import EncodingError
from abigen.runtime.dynamic import DynamicError

pytestmark = pytest.mark.e2e

T = TypeVar("T")
ADDRESS = "0x00000000000000000000000000000000DeaDBeef"
BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"


@pytest.fixture(params=["http", "ipc", "ws"])
def target(request: pytest.FixtureRequest, devnode: DevNode) -> str:
    return {"http": devnode.http_url, "ipc": devnode.ipc_path, "ws": devnode.ws_url}[request.param]


class Others(NamedTuple):
    """Bob and carol: their addresses, and who sends as them (a node account on anvil, the
    local key on geth, which the geth fixture funded)."""

    bob: str
    carol: str
    bob_sender: Sender
    carol_sender: Sender


async def others(node: abigen.AsyncNode) -> Others:
    accounts = await node.accounts
    if len(accounts) > 2:
        return Others(accounts[1], accounts[2], accounts[1], accounts[2])
    bob, carol = Account.from_key(KEYS[1]), Account.from_key(KEYS[2])
    return Others(bob.address, carol.address, bob, carol)


Body = Callable[[abigen.AsyncNode, str], Awaitable[T]]


def run(target: str, body: Body[T]) -> T:
    """Run `body(node, alice)` on a fresh event loop with an AsyncNode it closes after."""

    async def main() -> T:
        async with await abigen.connect_async(target) as node:
            (alice, *_) = await node.accounts
            return await body(node, alice)

    return asyncio.run(main())


async def _token(node: abigen.AsyncNode, alice: str) -> AsyncToken:
    return await AsyncToken.deploy(node, "Gold", "GLD", 1_000_000, sender=alice)


async def _zoo(node: abigen.AsyncNode, alice: str) -> AsyncTypeZoo:
    return await AsyncTypeZoo.deploy(node, 42, "zoo", sender=alice, value=7)


def test_deploy_and_views(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        token = await _token(node, alice)
        assert await token.name() == "Gold"
        assert await token.symbol() == "GLD"
        assert await token.decimals() == 18
        assert await token.total_supply() == 1_000_000
        assert await token.balance_of(alice.lower()) == 1_000_000
        assert await token.balance_of.simulate(alice, block="latest") == 1_000_000
        assert AsyncToken(token.address, node) == token
        # The offline members are the sync class's: one source for both faces.
        assert token.transfer.encode_input(alice, 7) == Token.transfer.encode_input(alice, 7)
        assert AsyncToken.BYTECODE is Token.BYTECODE
        prepared = token.balance_of.prepare(alice)
        assert prepared.decode(bytes.fromhex("00" * 31 + "2a")) == 42
        assert await node.request("eth_call", prepared.params()) == "0x" + (
            (1_000_000).to_bytes(32, "big").hex()
        )

    run(target, body)


def test_transfers_from_node_and_local_accounts_with_typed_events(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        token = await _token(node, alice)
        bob = (await others(node)).bob
        tx = await token.transfer(bob, 250, sender=alice)
        assert isinstance(tx, abigen.AsyncTransaction) and len(tx.hash) == 66
        receipt = await tx.wait()
        assert receipt.status == 1
        [event] = receipt.events_of(Transfer)
        assert (event.from_, event.to, event.value) == (alice, bob, 250)
        assert event.log.transaction_hash == tx.hash
        local = Account.create()
        funding = {"from": alice, "to": local.address, "value": hex(10**18)}
        await abigen.AsyncTransaction(
            node, await node.request("eth_sendTransaction", [funding]), funding, {}, {}
        ).wait()
        await (await token.transfer(local.address, 100, sender=alice)).wait()
        await (await token.transfer(bob, 40, sender=local)).wait()
        await (await token.transfer(bob, 1, sender=local)).wait()  # the next nonce
        assert await token.balance_of(local.address) == 59
        assert await token.balance_of(bob) == 291

    run(target, body)


def test_custom_errors_from_send_simulate_and_estimate(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        token = await _token(node, alice)
        bob = (await others(node)).bob
        with pytest.raises(AsyncToken.InsufficientBalance) as caught:
            await token.transfer(bob, 10**30, sender=alice)
        assert (caught.value.available, caught.value.needed) == (1_000_000, 10**30)
        assert AsyncToken.InsufficientBalance is Token.InsufficientBalance
        with pytest.raises(Token.InsufficientBalance):
            await token.transfer.simulate(bob, 10**30, sender=alice)
        with pytest.raises(Token.InsufficientBalance):
            await token.transfer.estimate_gas(bob, 10**30, sender=alice)
        assert await token.transfer.simulate(bob, 5, sender=alice) is True
        assert await token.transfer.estimate_gas(bob, 5, sender=alice) > 21_000
        assert await token.balance_of(bob) == 0
        with pytest.raises(EncodingError, match=r"value_: .*uint256"):
            await token.transfer(bob, -1, sender=alice)

    run(target, body)


def test_event_queries_filter_on_indexed_arguments(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        token = await _token(node, alice)
        bob, carol, bob_sender, _ = await others(node)
        start = await node.block_number
        for to, value, sender in ((bob, 5, alice), (carol, 2, alice), (carol, 3, bob_sender)):
            await (await token.transfer(to, value, sender=sender)).wait()
        query = token.events.Transfer
        assert [e.value for e in await query.get_logs(from_block=start, from_=alice)] == [5, 2]
        assert [e.value for e in await query.get_logs(from_block=start, to=[bob, carol])] == [
            5,
            2,
            3,
        ]
        assert [e.value for e in await query.get_logs(from_block=start, from_=bob)] == [3]
        every = await query.get_logs(from_block=start, to_block=start)
        assert [(e.to, e.value) for e in every] == [(alice, 1_000_000)]

    run(target, body)


def test_every_type_round_trips(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        zoo = await _zoo(node, alice)
        assert (await zoo.seed(), await zoo.label()) == (42, "zoo")
        assert await node.get_balance(zoo.address) == 7
        uints = (2**8 - 1, 2**16 - 1, 2**32 - 1, 2**64 - 1, 2**128 - 1, 2**256 - 1)
        assert tuple(await zoo.echo_uints(*uints)) == uints
        ints = (-(2**7), -(2**15), -(2**63), -(2**127), -(2**255))
        assert tuple(await zoo.echo_ints(*ints)) == ints
        result = await zoo.echo_address_bool(ADDRESS.lower(), True)
        assert (result.who, result.flag) == (ADDRESS, True)
        shape = Shape("tri", [Point(1, 2), Point(-3, 4)], Point(0, 0), [1, 2, 3])
        assert await zoo.echo_shape(shape) == shape
        with pytest.raises(EncodingError, match=r"s\.points\[1\]\.x"):
            await zoo.echo_shape(
                Shape("bad", [Point(0, 0), Point(2**200, 0)], Point(0, 0), [1, 2, 3])
            )

    run(target, body)


def test_state_change_payable_and_indexed_filter(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        zoo = await _zoo(node, alice)
        start = await node.block_number + 1
        await (await zoo.increment(3, sender=alice)).wait()
        receipt = await (await zoo.increment(4, sender=alice)).wait()
        [event] = receipt.events_of(Incremented)
        assert (event.caller, event.by, event.new_value) == (alice, 4, 7)
        assert await zoo.counter() == 7
        logs = await zoo.events.Incremented.get_logs(from_block=start, by=4)
        assert [(e.caller, e.by) for e in logs] == [(alice, 4)]
        deposit = await (await zoo.deposit(sender=alice, value=12345)).wait()
        logged = await zoo.events.Deposited.get_logs(from_block=deposit.block_number)
        assert deposit.events[0] == logged[0]
        assert await node.get_balance(zoo.address) == 7 + 12345

    run(target, body)


def test_every_kind_of_revert_and_mined_and_failed(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        zoo = await _zoo(node, alice)
        with pytest.raises(abigen.Revert) as reason:
            await zoo.fail_require("nope, not today")
        assert reason.value.reason == "nope, not today"
        for kind, code in ((1, 0x01), (2, 0x11), (3, 0x12), (4, 0x32)):
            with pytest.raises(abigen.Panic) as panic:
                await zoo.fail_panic(kind)
            assert panic.value.code == code
        with pytest.raises(AsyncTypeZoo.Unauthorized) as custom:
            await zoo.fail_custom(ADDRESS, 7)
        assert (custom.value.who, custom.value.code) == (ADDRESS, 7)
        with pytest.raises(abigen.ContractError) as bare:
            await zoo.fail_bare()
        assert type(bare.value) is abigen.ContractError
        with pytest.raises(AsyncTypeZoo.NotPositive):
            await zoo.set_positive(-3, sender=alice)
        tx = await zoo.fail_after_write(9, sender=alice, gas=200_000)  # no pre-check
        with pytest.raises(AsyncTypeZoo.Unauthorized) as mined:
            await tx.wait()
        assert mined.value.code == 9
        assert mined.value.receipt is not None and mined.value.receipt.status == 0
        assert (await tx.wait(check=False)).status == 0

    run(target, body)


def test_faces_refuse_the_other_faces_node(anvil: Anvil) -> None:
    sync_node = abigen.connect(anvil.http_url)
    with pytest.raises(TypeError, match=r"sync Node: .*connect_async"):
        AsyncToken(ADDRESS, sync_node)  # type: ignore[arg-type]

    async def body(node: abigen.AsyncNode, alice: str) -> None:
        with pytest.raises(TypeError, match=r"AsyncNode: bind the contract.s async class"):
            Token(ADDRESS, node)  # type: ignore[arg-type]

    run(anvil.http_url, body)


def test_fallback_receive_and_the_function_table(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        cfg = Config(owner=alice, id=7, str_="conf", list_=[3, 1, 2])
        edge = await AsyncEdgeCases.deploy(node, cfg, 9, ADDRESS, sender=alice, value=11)
        data = b"\xde\xad\xbe\xef" + bytes(range(40))
        receipt = await (await edge.fallback(data, sender=alice, value=3)).wait()
        [event] = receipt.events_of(Fallback)
        assert (event.sender, event.value, event.data) == (alice, 3, data)
        assert await edge.last_calldata() == data
        before = await edge.received()
        receipt = await (await edge.receive(sender=alice, value=12)).wait()
        assert [e.value for e in receipt.events_of(Receive)] == [12]
        assert await edge.received() == before + 12
        assert await node.get_balance(edge.address) == 11 + 3 + 12
        token = await _token(node, alice)
        assert await token.functions["balanceOf(address)"](alice) == 1_000_000

    run(target, body)


def test_deploy_links_the_libraries_it_needs_once_per_node(target: str) -> None:
    async def body(node: abigen.AsyncNode, alice: str) -> None:
        calc = await AsyncCalculator.deploy(node, 5, sender=alice)
        assert await calc.twice(21) == 42  # Calculator -> Chain -> MathLib
        assert await calc.shout("hi there") == "HI THERE!"
        assert sorted(name.rsplit(":", 1)[1] for name in node.libraries) == [
            "Chain",
            "MathLib",
            "StringLib",
        ]
        libraries = dict(node.libraries)
        again = await AsyncCalculator.deploy(node, 6, sender=alice)
        assert node.libraries == libraries  # reused, not deployed again
        assert await again.add_base(3) == 9

    run(target, body)


def test_async_dynamic_contract(target: str) -> None:
    artifact = json.loads((BUILD / "Token.json").read_text())
    kind = abigen.AsyncDynamicContract.from_abi(
        artifact["abi"], name="Token", bytecode=artifact["bytecode"]
    )

    async def body(node: abigen.AsyncNode, alice: str) -> None:
        bob = (await others(node)).bob
        token = await kind.deploy(node, "Gold", "GLD", 1_000, sender=alice)
        assert await token.call("balanceOf", alice) == 1_000
        assert await token.simulate("transfer", bob, 10, sender=alice) is True
        assert await token.estimate_gas("transfer", bob, 10, sender=alice) > 21_000
        receipt = await (await token.send("transfer", bob, 10, sender=alice)).wait()
        [event] = receipt.events
        assert event.fields == {"from": alice, "to": bob, "value": 10}
        logs = await token.get_logs("Transfer", from_block=0, where={"to": bob})
        assert [e.fields["value"] for e in logs] == [10]
        with pytest.raises(DynamicError) as caught:
            await token.call("transfer", bob, 10**6, sender=alice)
        assert caught.value.fields == {"available": 990, "needed": 10**6}
        # Offline members are the sync dynamic binding's.
        assert kind.encode_input("transfer", bob, 1) == Token.transfer.encode_input(bob, 1)

    run(target, body)
