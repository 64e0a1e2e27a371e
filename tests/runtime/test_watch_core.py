"""Event watching against a scripted chain: the moments no dev node produces on demand.

A fake transport stands in for the node (behind a real `abigen.Node`, so every answer goes
through the runtime's answer checks): a chain of blocks that can be reorganised at any depth
(anvil only rewinds by snapshot, geth --dev not at all), an eth_getLogs answer served from a
stale fork while the head comes from the new one (a load balancer's lagging backend), a
connection that drops for some requests and comes back, a node capping block ranges, and
hostile answers. The e2e suite (tests/e2e/test_watch.py) runs the same watches on anvil and geth.

The watcher never consumes logs from a subscription (block-range eth_getLogs and the hashes it
remembers are its only source), so a `removed: true` log can only reach it as a malformed
eth_getLogs answer, refused here.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from bindings.token import AsyncToken, Token, Transfer

import abigen
from abigen.runtime import watch as watch_module
from abigen.runtime.asyncnode import AsyncNode
from abigen.runtime.node import Node

TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
OTHER = "0x" + "11" * 20
ALICE = "0x" + "aa" * 20
TRANSFER = "0x" + Transfer.TOPIC.hex()
FAST = 0.001
BOUND = 60  # seconds: a garbled answer must not make the watch wait this long


def word(value: int) -> str:
    return "0x" + value.to_bytes(32, "big").hex()


class Chain:
    """A chain of blocks (each: its hash and the Transfer values its logs carry), answering
    the requests a watch makes. Every block hash says which fork made it."""

    def __init__(self, timeout: float = 5.0) -> None:
        self.blocks: list[tuple[str, list[int]]] = [(self._hash(0, 0), [])]
        self.fork = 0
        self.timeout = timeout  # what a watch reads as the node's request timeout
        self.requests: list[str] = []
        self.down = 0  # the next `down` requests find the connection refused
        self.stale_logs: list[tuple[str, list[int]]] | None = None  # one getLogs from these
        self.max_range: int | None = None
        self.answers: dict[str, Callable[[list[Any]], object]] = {}  # scripted replacements

    @staticmethod
    def _hash(number: int, fork: int) -> str:
        return "0x" + f"{fork:08x}{number:056x}"

    @property
    def head(self) -> int:
        return len(self.blocks) - 1

    def mine(self, *values: int) -> str:
        self.blocks.append((self._hash(len(self.blocks), self.fork), list(values)))
        return self.blocks[-1][0]

    def reorg(self, depth: int, *replacements: Sequence[int]) -> None:
        """Replace the newest `depth` blocks by blocks carrying these values (as many)."""
        self.fork += 1
        del self.blocks[len(self.blocks) - depth :]
        for values in replacements:
            self.mine(*values)

    def make_request(self, method: str, params: list[Any]) -> Any:
        self.requests.append(method)
        if self.down:
            self.down -= 1
            raise ConnectionRefusedError(111, "Connection refused")
        if method in self.answers:
            return {"jsonrpc": "2.0", "id": 1, "result": self.answers[method](params)}
        try:
            result = getattr(self, method)(*params)
        except ValueError as exc:
            return {"jsonrpc": "2.0", "id": 1, "error": {"code": -32005, "message": str(exc)}}
        return {"jsonrpc": "2.0", "id": 1, "result": result}

    def eth_blockNumber(self) -> str:
        return hex(self.head)

    def eth_getBlockByNumber(self, number: str, full: bool) -> object:
        height = self.head if number == "latest" else int(number, 16)
        if height > self.head:
            return None
        return {"number": hex(height), "hash": self.blocks[height][0]}

    def eth_getBlockByHash(self, block_hash: str, full: bool) -> object:
        found = [n for n, (h, _) in enumerate(self.blocks) if h == block_hash]
        return {"number": hex(found[0]), "hash": block_hash} if found else None

    def eth_getLogs(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        first, last = (
            self.head if query[key] == "latest" else int(query[key], 16)
            for key in ("fromBlock", "toBlock")
        )
        if self.max_range is not None and last - first + 1 > self.max_range:
            raise ValueError(f"block range too large, at most {self.max_range}")
        blocks, self.stale_logs = self.stale_logs or self.blocks, None
        return [
            log(number, blocks[number][0], index, value)
            for number in range(first, min(last, len(blocks) - 1) + 1)
            for index, value in enumerate(blocks[number][1])
        ]


def log(number: int, block_hash: str, index: int, value: int) -> dict[str, Any]:
    return {
        "address": TOKEN.lower(),
        "topics": [TRANSFER, "0x" + "00" * 12 + ALICE[2:], "0x" + "00" * 12 + ALICE[2:]],
        "data": word(value),
        "blockNumber": hex(number),
        "blockHash": block_hash,
        "transactionHash": "0x" + f"{number:032x}{index:032x}",
        "transactionIndex": hex(index),
        "logIndex": hex(index),
        "removed": False,
    }


@pytest.fixture()
def chain() -> Chain:
    return Chain()


def token_on(chain: Chain) -> Token:
    return Token(TOKEN, Node(chain, "fake://chain"))


def seen(events: Sequence[Transfer]) -> list[tuple[int, bool]]:
    return [(e.value, e.log.removed) for e in events]


@pytest.mark.parametrize("start", [None, 2, "0x2", "latest", "hash of block 2"])
def test_a_watch_starts_where_asked(chain: Chain, start: object) -> None:
    chain.mine(1)
    second = chain.mine(2)
    if start == "hash of block 2":
        start = second
    watch = token_on(chain).events.Transfer.watch(from_block=start, poll_interval=FAST)  # type: ignore[arg-type]
    chain.mine(3)
    assert [e.value for e in watch.poll()] == ([3] if start is None else [2, 3])


def test_a_reorg_at_the_same_height_delivers_the_removed_event_first(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    chain.mine(2)
    assert seen(watch.poll()) == [(1, False), (2, False)]
    chain.reorg(1, [3])
    removed, new = watch.poll()
    assert seen([removed, new]) == [(2, True), (3, False)]
    assert removed.log.block_number == new.log.block_number
    assert removed.log.block_hash != new.log.block_hash
    assert watch.poll() == []


def test_a_deep_reorg_removes_newest_first_and_rescans_from_the_fork(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    chain.mine()
    chain.mine(2, 3)
    chain.mine(4)
    assert seen(watch.poll()) == [(1, False), (2, False), (3, False), (4, False)]
    chain.reorg(3, [5], [], [])  # blocks 2..4 replaced; block 1 stays
    assert seen(watch.poll()) == [(4, True), (3, True), (2, True), (5, False)]
    chain.mine(6)
    assert seen(watch.poll()) == [(6, False)]


def test_a_shorter_chain_removes_at_once(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    chain.mine(2)
    assert len(watch.poll()) == 2
    chain.reorg(2)  # the head goes back two blocks, nothing new yet
    assert seen(watch.poll()) == [(2, True), (1, True)]
    chain.mine(7)
    assert seen(watch.poll()) == [(7, False)]


def test_logs_from_a_stale_fork_are_caught_on_the_next_round(chain: Chain) -> None:
    # eth_getLogs answered from the old fork, the block hashes from the new one: the events
    # delivered from the stale fork come again as removed, then the canonical ones.
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    stale = list(chain.blocks)
    chain.mine(2)
    chain.mine()
    stale = [*stale, chain.blocks[2], chain.blocks[3]]
    chain.reorg(2, [8], [])
    chain.stale_logs = stale
    assert seen(watch.poll()) == [(1, False), (2, False)]  # from the stale fork, unknowingly
    assert seen(watch.poll()) == [(2, True), (8, False)]
    assert watch.poll() == []


def test_confirmations_keep_shallow_reorgs_from_surfacing(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(confirmations=2, poll_interval=FAST)
    chain.mine(1)
    chain.mine(2)
    assert seen(watch.poll()) == []
    chain.reorg(1, [3])  # replaces the block of 2 before it had two blocks on top
    chain.mine()
    assert seen(watch.poll()) == [(1, False)]
    chain.mine()
    assert seen(watch.poll()) == [(3, False)]


def test_a_dropped_connection_resumes_with_no_gap_and_no_duplicate(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    assert seen(watch.poll()) == [(1, False)]
    chain.mine(2)
    chain.down = 3  # the node restarts: a few requests fail, then it answers again
    chain.mine(3)
    assert [next(watch).value, next(watch).value] == [2, 3]
    assert watch.poll() == []


def test_poll_raises_while_the_node_is_away_and_resumes_after(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    chain.down = 1
    with pytest.raises(abigen.NodeUnreachable, match="connection refused"):
        watch.poll()
    assert seen(watch.poll()) == [(1, False)]


def test_a_node_away_past_its_timeout_ends_the_iteration(chain: Chain) -> None:
    chain.timeout = 0.05
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.down = 10**9
    with pytest.raises(abigen.NodeUnreachable, match="connection refused"):
        next(watch)


def test_a_reorg_deeper_than_the_window_is_an_error(
    chain: Chain, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_module, "WINDOW", 3)
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    for value in range(1, 8):
        chain.mine(value)
        watch.poll()
    chain.reorg(6, *[[]] * 6)
    with pytest.raises(abigen.NodeError, match="deeper than the 3"):
        watch.poll()


def test_close_from_another_thread_ends_the_iteration(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    ended = threading.Event()

    def consume() -> None:
        for _ in watch:
            pass
        ended.set()

    threading.Thread(target=consume, daemon=True).start()
    watch.close()
    assert ended.wait(30)


# ---- hostile answers: one-line NodeErrors, never a wrong event ----


def _bad_log(**changes: object) -> Callable[[list[Any]], object]:
    def answer(params: list[Any]) -> object:
        found = log(1, Chain._hash(1, 0), 0, 1)
        found.update(changes)
        return [found]

    return answer


@pytest.mark.parametrize(
    ("method", "answer", "match"),
    [
        ("eth_getLogs", _bad_log(blockNumber="0x9"), "a log of block 9, outside 1..1"),
        ("eth_getLogs", _bad_log(address=OTHER), "a log of another address"),
        ("eth_getLogs", _bad_log(blockHash=None), "a log without its block or index"),
        ("eth_getLogs", _bad_log(removed=True), "a removed log in a block range"),
        ("eth_getLogs", _bad_log(topics="nope"), "topics is not a list"),
        (
            "eth_getLogs",
            lambda p: [log(1, "0x" + "01" * 32, 0, 1), log(1, "0x" + "02" * 32, 1, 2)],
            "disagree on its hash or index",
        ),
        ("eth_blockNumber", lambda p: "0xnope", "not a 0x-hex quantity"),
        (
            "eth_getBlockByNumber",
            lambda p: {"number": "0x5", "hash": "0x" + "ab" * 32},
            "asked for block 1",
        ),
        ("eth_getBlockByNumber", lambda p: {"number": p[0]}, "asked for block 1"),
        ("eth_getBlockByNumber", lambda p: "garbage", "result is not an object"),
    ],
)
def test_hostile_answers_are_one_line_node_errors(
    chain: Chain, method: str, answer: Callable[[list[Any]], object], match: str
) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    chain.answers[method] = answer
    with pytest.raises(abigen.NodeError, match=match) as caught:
        watch.poll()
    assert "\n" not in str(caught.value)


def test_a_head_going_back_while_its_blocks_stay_is_an_error(chain: Chain) -> None:
    watch = token_on(chain).events.Transfer.watch(poll_interval=FAST)
    chain.mine(1)
    chain.mine()
    watch.poll()
    chain.answers["eth_blockNumber"] = lambda p: "0x0"
    with pytest.raises(abigen.NodeError, match="the head went back to 0"):
        watch.poll()


def test_a_long_backfill_goes_on_without_pausing(
    chain: Chain, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rounds of a backfill that find nothing go straight on to the next span; only a round
    # that reached the head pauses (a poll interval no test waits out).
    monkeypatch.setattr(watch_module, "MAX_SPAN", 2)
    for _ in range(9):
        chain.mine()
    chain.mine(1)
    watch = token_on(chain).events.Transfer.watch(from_block=0, poll_interval=1000)
    got: list[Transfer] = []
    thread = threading.Thread(target=lambda: got.append(next(watch)), daemon=True)
    thread.start()
    thread.join(BOUND)
    assert [e.value for e in got] == [1]


# ---- get_logs over any range, on a node that caps ranges ----


def test_get_logs_over_a_wide_range_on_a_node_capping_ranges(chain: Chain) -> None:
    for value in range(1, 41):
        chain.mine(value)
    chain.max_range = 7
    token = token_on(chain)
    assert [e.value for e in token.events.Transfer.get_logs(from_block=0)] == list(range(1, 41))
    assert [e.value for e in token.events.Transfer.watch(from_block=0).poll()] == list(range(1, 41))


# ---- the async face drives the same core ----


class AsyncChain:
    """The chain, awaited (an async provider)."""

    def __init__(self, chain: Chain) -> None:
        self.chain = chain
        self.timeout = chain.timeout

    async def make_request(self, method: str, params: list[Any]) -> Any:
        await asyncio.sleep(0)
        return self.chain.make_request(method, params)


def async_token_on(chain: Chain) -> AsyncToken:
    return AsyncToken(TOKEN, AsyncNode(AsyncChain(chain), "fake://chain"))  # type: ignore[arg-type]


def test_the_async_face_reorg_reconnect_and_capped_ranges(chain: Chain) -> None:
    for value in range(1, 21):
        chain.mine(value)
    chain.max_range = 6

    async def main() -> list[tuple[int, bool]]:
        token = async_token_on(chain)
        assert len(await token.events.Transfer.get_logs(from_block=0)) == 20
        got: list[Transfer] = []
        async with token.events.Transfer.watch(poll_interval=FAST) as watch:
            chain.mine(21)
            got.append(await anext(watch))
            chain.reorg(1, [22])
            chain.down = 2
            got += [await anext(watch), await anext(watch)]
            assert await watch.poll() == []
        return seen(got)

    assert asyncio.run(main()) == [(21, False), (21, True), (22, False)]


# ---- a node refusing eth_subscribe: the pause falls back to sleeping ----

H17 = "0x" + "17" * 32


def _scripted_node(subscribe: object = None) -> Any:
    """The hostile suite's scripted node (HTTP and IPC), answering eth_subscribe as told (by
    default: no such method): its head is block 16, then 16 again (an idle round: the watch
    pauses), then 17 with one Transfer."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "hostile"))
    from fakenode import FakeNode, transfer_log

    found = transfer_log()
    found.update(blockNumber="0x11", blockHash=H17)
    return FakeNode(
        {
            "eth_blockNumber": [{"result": "0x10"}, {"result": "0x10"}, {"result": "0x11"}],
            "eth_getLogs": {"result": [found]},
            "eth_getBlockByNumber": {"result": {"number": "0x11", "hash": H17}},
            "eth_subscribe": subscribe,
        }
    )


@pytest.mark.parametrize("transport", ["http", "ipc"])
def test_where_eth_subscribe_is_refused_the_sync_watch_polls(transport: str) -> None:
    fake = _scripted_node()
    try:
        node = abigen.connect(fake.url if transport == "http" else fake.ipc_path)
        watch = Token(TOKEN, node).events.Transfer.watch(poll_interval=FAST)
        assert next(watch).value == 5
        watch.close()
        node.close()
        asked = fake.seen
        assert asked.count("eth_subscribe") == (1 if transport == "ipc" else 0)
        assert asked.count("eth_blockNumber") == 3  # start, the idle round, the round after
    finally:
        fake.close()


@pytest.mark.parametrize(
    "answer", [{"result": 5}, {"raw": "garbage"}, {"body": [1, 2]}], ids=["number", "raw", "list"]
)
def test_a_garbled_eth_subscribe_answer_means_polling(answer: object) -> None:
    # Waiting for an answer that will never parse would hold the watch for the node's whole
    # timeout (BOUND) at every pause: it must give up on subscriptions at once instead.
    fake = _scripted_node(answer)
    try:
        with abigen.connect(fake.ipc_path, timeout=BOUND) as node:
            watch = Token(TOKEN, node).events.Transfer.watch(poll_interval=FAST)
            got: list[Transfer] = []
            thread = threading.Thread(target=lambda: got.append(next(watch)), daemon=True)
            thread.start()
            thread.join(BOUND / 2)
            assert [e.value for e in got] == [5]
            assert not watch._pause.subscribed
    finally:
        fake.close()


def test_where_eth_subscribe_is_refused_the_async_watch_polls() -> None:
    fake = _scripted_node()

    async def main() -> int:
        async with await abigen.connect_async(fake.ipc_path) as node:
            watch = AsyncToken(TOKEN, node).events.Transfer.watch(poll_interval=FAST)
            async with watch:
                return (await anext(watch)).value

    try:
        assert asyncio.run(main()) == 5
        assert fake.seen.count("eth_subscribe") == 1
    finally:
        fake.close()


# ---- notifications on a multiplexed link: routed by subscription id, hostile ones dropped ----


def test_notifications_go_to_their_listener_and_a_lost_link_says_so(tmp_path: Path) -> None:
    # A node stand-in on a Unix socket: it answers eth_subscribe, then sends a malformed
    # notification, one of another subscription, and a good one, and closes the connection.
    from abigen.runtime.asyncipc import AsyncIpcProvider

    path = str(tmp_path / "node.ipc")
    heard: list[object] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = json.loads(await reader.read(4096))  # one small request, read whole
        answer = {"jsonrpc": "2.0", "id": request["id"], "result": "0xabc"}
        notes = [
            {"jsonrpc": "2.0", "method": "eth_subscription", "params": "garbage"},
            {"jsonrpc": "2.0", "method": "eth_subscription", "params": {"subscription": 7}},
            {"jsonrpc": "2.0", "method": "eth_subscription", "params": {"subscription": "0xdef"}},
            {"jsonrpc": "2.0", "method": "eth_subscription", "params": {"subscription": "0xabc"}},
            {
                "jsonrpc": "2.0",
                "method": "eth_subscription",
                "params": {"subscription": "0xabc", "result": {"number": "0x1"}},
            },
        ]
        for message in (answer, *notes):
            writer.write(json.dumps(message).encode())
            await writer.drain()
            await asyncio.sleep(0.01)
        writer.close()

    async def main() -> None:
        server = await asyncio.start_unix_server(serve, path)
        provider = AsyncIpcProvider(path, timeout=BOUND)
        lost = asyncio.Event()

        def listener(result: object) -> None:
            heard.append(result)
            if result is None:
                lost.set()

        answer = await provider.make_request("eth_subscribe", ["newHeads"])  # type: ignore[arg-type]
        assert provider.listen(answer["result"], listener)
        await asyncio.wait_for(lost.wait(), BOUND)
        await provider.close()
        server.close()

    asyncio.run(main())
    assert heard == [{"number": "0x1"}, None]
