"""Watching events end to end on anvil and geth --dev (HTTP and IPC; the async face over HTTP,
IPC and WebSocket): live events with filters from a watcher in a thread, once each and in
order; a backfill from a past block; confirmations holding events back until blocks stand on
them; a reorg (evm_snapshot/evm_revert on anvil, debug_setHead on geth) re-delivering the replaced
event as removed before the new one; a watch over every event of a contract.

Blocks are counted, never waited for: `poll()` runs one round, so "nothing yet" is checked at
a known head, not after a sleep.
"""

from __future__ import annotations

import asyncio
import json
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from bindings.token import Approval, AsyncToken, Token, Transfer
from devkeys import KEYS
from eth_account import Account

import abigen
from abigen.client.contract import binding, load_contract
from abigen.devnode import DevNode
from abigen.runtime import Sender

FAST = 0.02  # seconds between polls: dev nodes mine at once
BOUND = 60  # seconds a thread may take to see its events: a bound, not a timing
BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"


def test_live_events_with_filters_arrive_once_each_in_order_in_a_thread(
    token: Token, node: abigen.Node, alice: str, bob: str, carol: str, bob_sender: Sender
) -> None:
    watch = token.events.Transfer.watch(poll_interval=FAST, to=[bob, carol])
    seen: list[Transfer] = []

    def consume() -> None:
        for event in watch:
            seen.append(event)
            if event.value == 99:  # the last one sent
                return

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    token.transfer(bob, 5, sender=alice).wait()
    token.transfer(alice, 3, sender=bob_sender).wait()  # to alice: filtered out
    token.transfer(carol, 7, sender=alice).wait()
    token.transfer(carol, 2, sender=bob_sender).wait()
    token.transfer(bob, 99, sender=alice).wait()
    thread.join(BOUND)
    watch.close()
    assert not thread.is_alive()
    assert [(e.to, e.value) for e in seen] == [(bob, 5), (carol, 7), (carol, 2), (bob, 99)]
    assert not any(e.log.removed for e in seen)
    positions = [(e.log.block_number, e.log.log_index) for e in seen]
    assert positions == sorted(positions) and len(set(positions)) == 4
    assert list(watch) == []  # closed: the iteration is over


def test_a_past_block_is_backfilled_then_followed_live(
    token: Token, node: abigen.Node, alice: str, bob: str
) -> None:
    deployed = node.block_number  # the mint of the constructor is in this block (or before)
    token.transfer(bob, 1, sender=alice).wait()
    token.transfer(bob, 2, sender=alice).wait()
    with token.events.Transfer.watch(from_block=deployed - 1, poll_interval=FAST) as watch:
        assert [next(watch).value for _ in range(3)] == [1_000_000, 1, 2]
        assert watch.poll() == []
        token.transfer(bob, 3, sender=alice).wait()
        assert next(watch).value == 3
        assert watch.poll() == []


def _mine(node: abigen.Node, alice: str, on_geth: bool) -> None:
    """One more block: evm_mine on anvil, a 0-value send on geth (sealed on demand)."""
    before = node.block_number
    if on_geth:
        tx = node.request("eth_sendTransaction", [{"from": alice, "to": alice, "value": "0x0"}])
        abigen.Transaction(node, tx, {}, {}, {}).wait()
    else:
        node.request("evm_mine", [])
    assert node.block_number > before


def test_confirmations_hold_an_event_until_blocks_stand_on_it(
    token: Token, node: abigen.Node, alice: str, bob: str, on_geth: bool
) -> None:
    # Each poll is bracketed by head reads: a poll that delivers read a head with 3 blocks on
    # the event's, a poll that holds it read one with fewer (geth may seal another test's
    # late transaction meanwhile: blocks are counted, never assumed).
    watch = token.events.Transfer.watch(confirmations=3, poll_interval=FAST)
    mined = token.transfer(bob, 11, sender=alice).wait().block_number
    held = 0
    while True:
        before = node.block_number
        delivered = watch.poll()
        if delivered:
            break
        assert before < mined + 3, "held with 3 blocks on top"
        held += 1
        _mine(node, alice, on_geth)
    assert node.block_number >= mined + 3
    assert held >= 1
    (event,) = delivered
    assert (event.value, event.log.block_number) == (11, mined)
    assert watch.poll() == []
    watch.close()


def _rewinder(devnode: DevNode, node: abigen.Node, on_geth: bool) -> Any:
    """A function that rewinds the chain to its head now: evm_snapshot/evm_revert on anvil,
    debug_setHead on geth (over IPC, where geth serves its debug API). On geth, once no other
    test's transaction waits to be sealed: the rewind must drop this test's blocks only."""
    if on_geth:
        with abigen.connect(devnode.ipc_path) as ipc:
            pool = lambda: int(ipc.request("txpool_status", [])["pending"], 16)  # noqa: E731
            _until(lambda: pool() == 0, "geth's pool empty")
    head = node.block_number
    if on_geth:

        def set_head() -> None:
            with abigen.connect(devnode.ipc_path) as ipc:
                ipc.request("debug_setHead", [hex(head)])

        return set_head
    snapshot = node.request("evm_snapshot", [])
    return lambda: node.request("evm_revert", [snapshot])


def test_a_reorg_delivers_the_replaced_event_as_removed_then_the_new_one(
    token: Token,
    node: abigen.Node,
    devnode: DevNode,
    alice: str,
    bob: str,
    carol: str,
    on_geth: bool,
) -> None:
    watch = token.events.Transfer.watch(poll_interval=FAST)
    rewind = _rewinder(devnode, node, on_geth)
    first = token.transfer(bob, 7, sender=alice).wait()
    (delivered,) = watch.poll()
    assert (delivered.value, delivered.log.block_hash) == (7, first.block_hash)
    rewind()
    second = token.transfer(carol, 9, sender=alice).wait()
    now = node.request("eth_getBlockByNumber", [hex(first.block_number), False])
    assert now["hash"] != first.block_hash  # the same height, another block
    removed, new = watch.poll()
    assert type(removed) is Transfer and removed.log.removed is True
    assert (removed.to, removed.value, removed.log.block_hash) == (bob, 7, first.block_hash)
    assert (new.to, new.value, new.log.removed) == (carol, 9, False)
    assert new.log.block_hash == second.block_hash
    assert watch.poll() == []  # each once
    watch.close()


def test_a_rewind_with_nothing_mined_yet_removes_at_once(
    token: Token, node: abigen.Node, devnode: DevNode, alice: str, bob: str, on_geth: bool
) -> None:
    watch = token.events.Transfer.watch(poll_interval=FAST)
    rewind = _rewinder(devnode, node, on_geth)
    token.transfer(bob, 4, sender=alice).wait()
    assert [e.value for e in watch.poll()] == [4]
    rewind()  # the head goes back: the block is gone
    (removed,) = watch.poll()
    assert (removed.value, removed.log.removed) == (4, True)
    token.transfer(bob, 5, sender=alice).wait()
    assert [(e.value, e.log.removed) for e in watch.poll()] == [(5, False)]
    watch.close()


def test_a_watch_over_every_event_of_the_contract(
    token: Token, node: abigen.Node, alice: str, bob: str
) -> None:
    with token.events.watch(poll_interval=FAST) as watch:
        token.approve(bob, 3, sender=alice).wait()
        token.transfer(bob, 4, sender=alice).wait()
        approval, transfer = next(watch), next(watch)
    assert type(approval) is Approval and (approval.spender, approval.value) == (bob, 3)
    assert type(transfer) is Transfer and (transfer.to, transfer.value) == (bob, 4)


def test_an_empty_any_of_filter_matches_nothing(
    token: Token, node: abigen.Node, alice: str, bob: str
) -> None:
    with token.events.Transfer.watch(poll_interval=FAST, to=[]) as watch:
        token.transfer(bob, 1, sender=alice).wait()
        assert watch.poll() == []


def test_bad_watch_options_fail_before_anything_is_asked(token: Token) -> None:
    with pytest.raises(ValueError, match="confirmations must not be negative"):
        token.events.Transfer.watch(confirmations=-1)
    with pytest.raises(TypeError, match="confirmations must be an int"):
        token.events.Transfer.watch(confirmations=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="poll_interval must be positive"):
        token.events.Transfer.watch(poll_interval=0)


async def _async_token(node: abigen.AsyncNode) -> tuple[AsyncToken, str]:
    """A fresh token on the async face, and alice (the node's first account) who holds it."""
    alice = (await node.accounts)[0]
    return await AsyncToken.deploy(node, "Gold", "GLD", 1_000_000, sender=alice), alice


def test_the_async_face_watches_live_events(async_target: str) -> None:
    bob = Account.from_key(KEYS[1]).address

    async def main() -> list[tuple[str, str, int]]:
        async with await abigen.connect_async(async_target) as node:
            token, alice = await _async_token(node)
            watch = token.events.Transfer.watch(poll_interval=FAST, to=bob)
            async with watch:
                await (await token.transfer(bob, 5, sender=alice)).wait()
                await (await token.transfer(alice, 6, sender=alice)).wait()  # filtered out
                await (await token.transfer(bob, 7, sender=alice)).wait()
                got: list[Any] = [await anext(watch), await anext(watch)]
                assert await watch.poll() == []
                everything = token.events.watch(from_block=got[0].log.block_number)
                got += [await anext(everything) for _ in range(3)]
                await everything.close()
            assert [e async for e in watch] == []  # closed
            return [(type(e).__name__, e.to, e.value) for e in got]

    found = asyncio.run(main())
    assert [(to, value) for _, to, value in found[:2]] == [(bob, 5), (bob, 7)]
    assert [(name, value) for name, _, value in found[2:]] == [
        ("Transfer", 5),
        ("Transfer", 6),
        ("Transfer", 7),
    ]


def _fresh_token(node: abigen.Node) -> tuple[Token, str]:
    """A fresh token, and alice (the node's first account) who holds it."""
    alice = node.accounts[0]
    return Token.deploy(node, "Gold", "GLD", 1_000_000, sender=alice), alice


def _until(ready: Any, what: str) -> None:
    deadline = time.monotonic() + BOUND
    while not ready():
        assert time.monotonic() < deadline, f"{what} within {BOUND} s"
        time.sleep(0.01)


@pytest.mark.parametrize("transport", ["ipc", "ws"])
def test_over_ipc_and_websocket_a_new_block_ends_the_pause(
    devnode: DevNode, transport: str
) -> None:
    # A poll interval no test waits out: only the newHeads subscription can end the pause.
    with abigen.connect(devnode.ipc_path if transport == "ipc" else devnode.ws_url) as node:
        token, alice = _fresh_token(node)
        bob = Account.from_key(KEYS[1]).address
        watch = token.events.Transfer.watch(poll_interval=1000)
        seen: list[Transfer] = []
        thread = threading.Thread(target=lambda: seen.append(next(watch)), daemon=True)
        thread.start()
        _until(lambda: watch._pause.subscribed, "subscribed")
        token.transfer(bob, 12, sender=alice).wait()
        thread.join(BOUND)
        watch.close()
        assert [(e.to, e.value) for e in seen] == [(bob, 12)]


def test_the_async_face_subscribes_over_ipc_and_websocket(async_target: str) -> None:
    if async_target.startswith("http"):
        pytest.skip("no subscriptions over HTTP: polls (the other tests)")

    async def main() -> list[tuple[str, int]]:
        async with await abigen.connect_async(async_target) as node:
            token, alice = await _async_token(node)
            bob = Account.from_key(KEYS[1]).address
            async with token.events.Transfer.watch(poll_interval=1000) as watch:
                waiting = asyncio.create_task(anext(watch))
                deadline = time.monotonic() + BOUND
                while not watch._pause.subscribed:
                    assert time.monotonic() < deadline, "subscribed"
                    await asyncio.sleep(0.01)
                await (await token.transfer(bob, 13, sender=alice)).wait()
                event = await asyncio.wait_for(waiting, BOUND)
            return [(event.to, event.value)]

    assert asyncio.run(main()) == [(Account.from_key(KEYS[1]).address, 13)]


def test_the_dynamic_binding_watches_one_event_or_all(
    token: Token, node: abigen.Node, alice: str, bob: str, carol: str
) -> None:
    kind = binding(load_contract(str(BUILD / "Token.json")))
    dynamic = kind(token.address, node)
    transfers = dynamic.watch("Transfer", where={"to": carol}, poll_interval=FAST)
    with transfers, dynamic.watch(poll_interval=FAST) as everything:
        token.approve(bob, 3, sender=alice).wait()
        token.transfer(bob, 4, sender=alice).wait()
        token.transfer(carol, 5, sender=alice).wait()
        assert next(transfers).fields["value"] == 5
        assert [(type(e).__name__, e.fields["value"]) for e in everything.poll()] == [
            ("Approval", 3),
            ("Transfer", 4),
            ("Transfer", 5),
        ]


@pytest.mark.parametrize("transport", ["http", "ipc"])
def test_a_connection_closed_mid_watch_loses_and_repeats_nothing(
    devnode: DevNode, transport: str
) -> None:
    with abigen.connect(devnode.http_url if transport == "http" else devnode.ipc_path) as node:
        token, alice = _fresh_token(node)
        bob = Account.from_key(KEYS[1]).address
        watch = token.events.Transfer.watch(poll_interval=FAST, to=bob)
        token.transfer(bob, 1, sender=alice).wait()
        assert next(watch).value == 1
        node.provider.close()  # type: ignore[attr-defined]  # the connection is gone
        token.transfer(bob, 2, sender=alice).wait()
        token.transfer(bob, 3, sender=alice).wait()
        node.provider.close()  # type: ignore[attr-defined]
        assert [next(watch).value, next(watch).value] == [2, 3]
        token.transfer(bob, 4, sender=alice).wait()
        assert next(watch).value == 4
        watch.close()


def test_the_async_face_survives_a_closed_connection(async_target: str) -> None:
    async def main() -> list[int]:
        async with await abigen.connect_async(async_target) as node:
            token, alice = await _async_token(node)
            bob = Account.from_key(KEYS[1]).address
            async with token.events.Transfer.watch(poll_interval=FAST, to=bob) as watch:
                await (await token.transfer(bob, 1, sender=alice)).wait()
                got = [await anext(watch)]
                await node.provider.close()  # type: ignore[attr-defined]  # gone, with its subscription
                await (await token.transfer(bob, 2, sender=alice)).wait()
                got.append(await anext(watch))
                await node.provider.close()  # type: ignore[attr-defined]
                await (await token.transfer(bob, 3, sender=alice)).wait()
                got.append(await anext(watch))
                assert await watch.poll() == []
            return [e.value for e in got]

    assert asyncio.run(main()) == [1, 2, 3]


def test_the_cli_follows_logs_until_interrupted(devnode: DevNode) -> None:
    # `abigen logs --follow` in a process of its own, over HTTP: one JSON line per event as
    # blocks arrive, filters applied, and Ctrl-C ends it cleanly.
    node = abigen.connect(devnode.http_url)
    token, alice = _fresh_token(node)
    bob, carol = (Account.from_key(key).address for key in KEYS[1:3])
    start = node.block_number + 1
    argv = [str(Path(sys.executable).with_name("abigen")), "logs", "Transfer", "--follow"]
    argv += ["--abi", str(BUILD / "Token.json"), "--address", token.address]
    argv += ["--rpc", devnode.http_url, "--from-block", str(start), "--where", f"to={bob}"]
    argv += ["--poll-interval", "0.05", "--json"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    try:
        token.transfer(bob, 5, sender=alice).wait()
        token.transfer(carol, 6, sender=alice).wait()  # filtered out
        token.transfer(bob, 7, sender=alice).wait()
        shown = [json.loads(lines.get(timeout=BOUND)) for _ in range(2)]
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=BOUND)
    assert [(e["event"], e["args"]["to"], e["args"]["value"], e["removed"]) for e in shown] == [
        ("Transfer", bob, 5, False),
        ("Transfer", bob, 7, False),
    ]
    assert lines.empty()
    assert (process.returncode, err) == (0, "")
