"""Following a contract's events as blocks arrive, across reorgs: `contract.events.X.watch()`.

One sans-IO core (`Watching`) for both faces. Each round asks the head, re-checks the newest
blocks it scanned and delivered from, and asks stateless block-range eth_getLogs for the new
blocks (never eth_newFilter: geth forgets a filter after 5 minutes of silence). Block-range
logs and the hashes it remembers are the one source of truth, so a dropped connection just
resumes from the last block scanned: no gap, no duplicate.

A reorg is seen as a remembered block whose hash changed (or that is gone). The events
delivered from the replaced blocks come again, newest first (undo order), as copies with
`log.removed` True, before the events of the new canonical blocks, which are scanned again
from the fork point. With `confirmations=N` a block is scanned only once N blocks stand on
it, so reorgs shallower than N never surface.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from abigen.runtime.errors import DecodingError, NodeError, NodeUnreachable, excerpt
from abigen.runtime.eventspec import Event, EventSpec
from abigen.runtime.flows import Flow, Rpc, endpoint_of, run, run_async
from abigen.runtime.hexdata import from_data, from_quantity
from abigen.runtime.logs import scanning_logs
from abigen.runtime.node import resolving_block
from abigen.runtime.subscription import async_pause_for, pause_for

if TYPE_CHECKING:
    from types import TracebackType

    from abigen.runtime.aliases import BlockId
    from abigen.runtime.asyncnode import AsyncNode
    from abigen.runtime.node import Node

E = TypeVar("E", bound=Event)

WINDOW = 256  # blocks below the newest scanned whose hashes (and delivered events) are kept
MAX_SPAN = 10_000  # blocks asked for in one round (a backfill takes several rounds)
DEFAULT_POLL_INTERVAL = 1.0  # seconds between rounds that found nothing
DEFAULT_RETRY_FOR = 30.0  # seconds a node may stay unreachable when its transport has no timeout

Decode = Callable[[dict[str, Any]], "E | None"]


class Watching(Generic[E]):
    """The state of one watch, fed by the flows it yields: where it is, what it delivered.

    `hashes` remembers, by block number, the hash of each round's last scanned block and of
    each block events were delivered from (within WINDOW of the newest); `delivered` the
    events delivered per block, to deliver again as removed if that block is replaced.
    """

    def __init__(
        self,
        endpoint: str,
        address: str,
        topics: Sequence[Any] | None,
        decode: Decode[E],
        *,
        confirmations: int = 0,
        poll_interval: float | None = None,
        retry_for: float = DEFAULT_RETRY_FOR,
    ) -> None:
        if isinstance(confirmations, bool) or not isinstance(cast(object, confirmations), int):
            raise TypeError(f"confirmations must be an int, got {confirmations!r:.40}")
        if confirmations < 0:
            raise ValueError(f"confirmations must not be negative, got {confirmations}")
        interval = DEFAULT_POLL_INTERVAL if poll_interval is None else float(poll_interval)
        if not interval > 0:
            raise ValueError(f"poll_interval must be positive, got {poll_interval!r:.40}")
        self.endpoint = endpoint
        self.address = address
        self.topics = None if topics is None else list(topics)  # None: nothing can match
        self.decode = decode
        self.confirmations = confirmations
        self.poll_interval = interval
        self.retry_for = retry_for
        self.start = 0  # the first block of the watch
        self.next_block = 0  # the first block not scanned yet
        self.hashes: dict[int, str] = {}
        self.delivered: dict[int, list[E]] = {}
        self.forgotten = False  # blocks scanned have left the window
        self._idle = False
        self._caught_up = True  # the last round reached the newest block it may deliver from
        self._failing_since: float | None = None

    def starting(self, from_block: BlockId | None) -> Flow[None]:
        """Where the watch begins: after the head now (None), or at a given block."""
        if from_block is None:
            first = (yield from self._head()) + 1
        else:
            first = yield from resolving_block(self.endpoint, from_block)
        self.start = self.next_block = first

    @property
    def idle(self) -> bool:
        """Whether the last round found nothing and left nothing to scan: the face pauses (up
        to poll_interval, less if a subscription announces a block) before the next."""
        return self._idle

    def rounding(self, retry: bool = True) -> Flow[list[E]]:
        """One round: the events to deliver now, the removed ones first. With `retry`, an
        unreachable node is asked again next round, until it has been away longer than
        `retry_for`; without, NodeUnreachable is raised at once."""
        try:
            found = yield from self._round()
        except NodeUnreachable:
            if not retry:
                raise
            now = time.monotonic()
            if self._failing_since is None:
                self._failing_since = now
            if now - self._failing_since > self.retry_for:
                raise
            self._idle = True
            return []
        self._failing_since = None
        self._idle = not found and self._caught_up
        return found

    def _round(self) -> Flow[list[E]]:
        head = yield from self._head()
        removed = yield from self._unwinding(head)
        first = self.next_block
        last = min(head - self.confirmations, first + MAX_SPAN - 1)
        self._caught_up = last == head - self.confirmations  # (a backfill goes on at once)
        if last < first:
            self._caught_up = True
            return removed
        logs: list[dict[str, Any]] = []
        if self.topics is not None:
            logs = yield from scanning_logs(self.endpoint, self.address, self.topics, first, last)
        tip = yield from self._hash_of(last)
        if tip is None:  # the block vanished since the logs were read: a reorg, next round
            return removed
        ordered = self._checked(logs, first, last)
        if ordered and ordered[-1][0] == last and ordered[-1][1] != tip:
            return removed  # the logs and the head came from two forks: ask again
        return removed + self._accepted(ordered, last, tip)

    def _head(self) -> Flow[int]:
        return from_quantity((yield Rpc("eth_blockNumber", [])))

    def _hash_of(self, number: int) -> Flow[str | None]:
        """The hash of the canonical block `number`, or None if the node has none."""
        block = yield Rpc("eth_getBlockByNumber", [hex(number), False])
        if block is None:
            return None
        found = cast("dict[str, Any]", block)
        if found.get("hash") is None or found.get("number") != hex(number):
            raise NodeError(
                f"eth_getBlockByNumber to {self.endpoint}: asked for block {number}, got "
                f"{excerpt({'number': found.get('number'), 'hash': found.get('hash')})}"
            )
        return str(found["hash"]).lower()

    def _unwinding(self, head: int) -> Flow[list[E]]:
        """Check the newest scanned block and the newest delivered from; if either was
        replaced, find the fork point and return the events delivered above it, removed."""
        if not self.hashes:
            return []
        tip = max(self.hashes)
        newest = max(self.delivered, default=tip)
        seen: dict[int, str | None] = {}
        for number in sorted({tip, newest}, reverse=True):
            seen[number] = yield from self._hash_of(number)
            if seen[number] != self.hashes[number]:
                break
        else:
            if head < tip:
                raise NodeError(
                    f"eth_blockNumber to {self.endpoint}: the head went back to {head} while "
                    f"block {tip}, already scanned, is still there"
                )
            return []
        # The fork point: the newest remembered block still there below a replaced one (one
        # above may match yet have been recorded from another fork than the one below it).
        fork = None
        replaced = False
        for number in sorted(self.hashes, reverse=True):
            if number not in seen:
                seen[number] = yield from self._hash_of(number)
            if seen[number] != self.hashes[number]:
                replaced = True
            elif replaced:
                fork = number
                break
        if fork is None:
            if self.forgotten:
                raise NodeError(
                    f"node at {self.endpoint} replaced blocks deeper than the {WINDOW} "
                    "the watch remembers: cannot tell which events were removed"
                )
            fork = self.start - 1
        removed = [
            _removed(event)
            for number in sorted(self.delivered, reverse=True)
            if number > fork
            for event in reversed(self.delivered[number])
        ]
        self.hashes = {n: h for n, h in self.hashes.items() if n <= fork}
        self.delivered = {n: e for n, e in self.delivered.items() if n <= fork}
        self.next_block = fork + 1
        return removed

    def _checked(
        self, logs: list[dict[str, Any]], first: int, last: int
    ) -> list[tuple[int, str, int, dict[str, Any]]]:
        """(block, hash, index, log) of each log, in chain order, after the checks a watch
        needs beyond a log's shape: mined, in the range asked, one hash per block, no twice."""
        where = f"eth_getLogs to {self.endpoint}"
        found: list[tuple[int, str, int, dict[str, Any]]] = []
        for log in logs:
            number, block, index = log.get("blockNumber"), log.get("blockHash"), log.get("logIndex")
            if number is None or block is None or index is None:
                raise NodeError(f"{where}: a log without its block or index {excerpt(log)}")
            if log.get("removed"):
                raise NodeError(f"{where}: a removed log in a block range {excerpt(log)}")
            height = from_quantity(number)
            if not first <= height <= last:
                raise NodeError(f"{where}: a log of block {height}, outside {first}..{last}")
            found.append((height, str(block).lower(), from_quantity(index), log))
        found.sort(key=lambda item: (item[0], item[2]))
        for before, after in itertools.pairwise(found):
            if before[0] == after[0] and (before[1] != after[1] or before[2] == after[2]):
                raise NodeError(
                    f"{where}: two logs of block {after[0]} disagree on its hash or index"
                )
        return found

    def _accepted(
        self, ordered: list[tuple[int, str, int, dict[str, Any]]], last: int, tip: str
    ) -> list[E]:
        """Decode and remember what a round found (nothing is kept before this point, so a
        round cut short by the node leaves the watch as it was)."""
        events: list[E] = []
        for number, block, _, log in ordered:
            event = self.decode(log)
            if event is None:
                continue
            events.append(event)
            self.delivered.setdefault(number, []).append(event)
            self.hashes[number] = block
        self.hashes[last] = tip
        self.next_block = last + 1
        floor = last - WINDOW
        if floor >= self.start:
            self.forgotten = True
            self.hashes = {n: h for n, h in self.hashes.items() if n > floor}
            self.delivered = {n: e for n, e in self.delivered.items() if n > floor}
        return events


def _removed(event: E) -> E:
    """A copy of a delivered event whose block was replaced: `log.removed` is True."""
    found = copy.copy(event)
    object.__setattr__(found, "log", event.log._replace(removed=True))  # type: ignore[attr-defined]
    return found


def one_event(spec: EventSpec[E]) -> Decode[E]:
    """Decode logs as one event (an anonymous one: those that fit it; others are skipped)."""
    if not spec.anonymous:
        return spec.decode

    def fitting(log: dict[str, Any]) -> E | None:
        with contextlib.suppress(DecodingError):
            return spec.decode(log)
        return None

    return fitting


def any_event(specs: Mapping[bytes, EventSpec[Any]]) -> Decode[Event]:
    """Decode logs as whichever of these events they are (as get_logs over all events does:
    a log none of them decodes is skipped)."""
    anonymous = [spec for spec in specs.values() if spec.anonymous]

    def decoded(log: dict[str, Any]) -> Event | None:
        topics = log["topics"]
        named = specs.get(from_data(topics[0])) if topics else None
        for spec in anonymous if named is None else [named]:  # the first anonymous one that fits
            with contextlib.suppress(DecodingError):
                found: Event = spec.decode(log)
                return found
        return None

    return decoded


def retry_for(node: object) -> float:
    """How long a watch waits for an unreachable node: its transport's request timeout."""
    timeout = getattr(getattr(node, "provider", None), "timeout", None)
    return float(timeout) if isinstance(timeout, int | float) and timeout > 0 else DEFAULT_RETRY_FOR


class EventWatch(Generic[E]):
    """Events as they are emitted, each once and in chain order: iterate it (it blocks until
    the next one); `close()` (or leaving a `with` block) ends the iteration.

    A reorg delivers each event of the replaced blocks again with `event.log.removed` True,
    before the events that replace them. Another thread may `close()` it: the iteration ends
    within one poll interval.
    """

    def __init__(self, node: Node, core: Watching[E], from_block: BlockId | None) -> None:
        self._node = node
        self._core = core
        self._ready: deque[E] = deque()
        self._closed = False
        run(core.starting(from_block), node)
        self._pause = pause_for(node)

    def __iter__(self) -> EventWatch[E]:
        return self

    def __next__(self) -> E:
        while not self._ready:
            if self._closed:
                raise StopIteration
            if self._core.idle:
                self._pause.wait(self._core.poll_interval)
            self._ready.extend(run(self._core.rounding(), self._node))
        if self._closed:
            raise StopIteration
        return self._ready.popleft()

    def poll(self) -> list[E]:
        """The events ready now, without waiting (one round): for a loop of your own. An
        unreachable node raises NodeUnreachable (the next poll resumes where this one was)."""
        if self._closed:
            return []
        found = [*self._ready, *run(self._core.rounding(retry=False), self._node)]
        self._ready.clear()
        return found

    def close(self) -> None:
        """End the watch: the iteration stops (at its next event or poll)."""
        self._closed = True
        self._ready.clear()
        self._pause.close()

    def __enter__(self) -> EventWatch[E]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def next_block(self) -> int:
        """The first block not scanned yet."""
        return self._core.next_block


class AsyncEventWatch(Generic[E]):
    """The async twin of EventWatch: `async for event in query.watch(...)`, `await close()`,
    `async with`. It begins (reading the head when `from_block` is None) when first entered
    or awaited."""

    def __init__(self, node: AsyncNode, core: Watching[E], from_block: BlockId | None) -> None:
        self._node = node
        self._core = core
        self._from_block = from_block
        self._started = False
        self._ready: deque[E] = deque()
        self._closed = False
        self._pause = async_pause_for(node)

    async def _start(self) -> None:
        if not self._started:
            await run_async(self._core.starting(self._from_block), self._node)
            self._started = True

    def __aiter__(self) -> AsyncEventWatch[E]:
        return self

    async def __anext__(self) -> E:
        await self._start()
        while not self._ready:
            if self._closed:
                raise StopAsyncIteration
            if self._core.idle:
                await self._pause.wait(self._core.poll_interval)
            self._ready.extend(await run_async(self._core.rounding(), self._node))
        if self._closed:
            raise StopAsyncIteration
        return self._ready.popleft()

    async def poll(self) -> list[E]:
        """The events ready now, without waiting (one round): see EventWatch.poll."""
        await self._start()
        if self._closed:
            return []
        found = [*self._ready, *await run_async(self._core.rounding(retry=False), self._node)]
        self._ready.clear()
        return found

    async def close(self) -> None:
        """End the watch: the iteration stops (at its next event or poll)."""
        self._closed = True
        self._ready.clear()
        await self._pause.close()

    async def __aenter__(self) -> AsyncEventWatch[E]:
        await self._start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    @property
    def next_block(self) -> int:
        """The first block not scanned yet."""
        return self._core.next_block


def watching(
    node: object,
    address: str,
    topics: Sequence[Any] | None,
    decode: Decode[E],
    confirmations: int,
    poll_interval: float | None,
) -> Watching[E]:
    """The core of a watch of `address`'s logs matching `topics` on `node` (either face)."""
    return Watching(
        endpoint_of(node),
        address,
        topics,
        decode,
        confirmations=confirmations,
        poll_interval=poll_interval,
        retry_for=retry_for(node),
    )
