"""Log queries, and the event names (from abigen.runtime.eventspec) bindings import here.

A generated event class is a frozen dataclass deriving from `Event` that carries its ABI as
class attributes (TOPIC, LAYOUT, INDEXED, DATA...); the first decode builds an EventSpec from
them, once per class. EventSpec is the decoding engine: anything with codecs can build one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, cast

from abigen.runtime.errors import DecodingError
from abigen.runtime.eventspec import (
    Event as Event,
)
from abigen.runtime.eventspec import (
    EventSpec as EventSpec,
)
from abigen.runtime.eventspec import (
    LogMeta as LogMeta,
)
from abigen.runtime.eventspec import (
    TopicHash as TopicHash,
)
from abigen.runtime.eventspec import (
    stored_as_hash as stored_as_hash,
)
from abigen.runtime.flows import Flow, endpoint_of, run, run_async
from abigen.runtime.logs import fetching_logs
from abigen.runtime.watch import (
    AsyncEventWatch,
    EventWatch,
    Watching,
    any_event,
    one_event,
    watching,
)

if TYPE_CHECKING:
    from abigen.runtime.aliases import BlockId

E = TypeVar("E", bound="Event")
T = TypeVar("T")
Q = TypeVar("Q", bound="LogQuery[Any]")


class Deployed(Protocol):
    """What a log query needs of a contract: where it is."""

    @property
    def address(self) -> str: ...

    @property
    def node(self) -> Any: ...  # a Node, or an AsyncNode for the async face


class LogQuery(Generic[E]):
    """What the sync and async log queries of one event share: the filters and decoding."""

    EVENT: ClassVar[type[Any]]  # the event class, from the subscripted base

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for base in cast("tuple[Any, ...]", getattr(cls, "__orig_bases__", ())):
            origin = getattr(base, "__origin__", None)
            if isinstance(origin, type) and issubclass(origin, LogQuery):
                setattr(cls, "EVENT", base.__args__[0])  # noqa: B010 (a ClassVar, set once)

    def __init__(self, contract: Deployed, spec: EventSpec[E]) -> None:
        self.contract = contract
        self.spec = spec

    def _fetching(
        self, from_block: int | str, to_block: int | str, filters: Sequence[object]
    ) -> Flow[list[E]]:
        topics = self.spec.topics(filters)
        if topics is None:
            return []
        contract = self.contract
        endpoint = endpoint_of(contract.node)
        logs = yield from fetching_logs(endpoint, contract.address, topics, from_block, to_block)
        if not self.spec.anonymous:
            return self.spec.decode_all(logs)
        # Nothing marks an anonymous event's logs: keep those that decode as this event.
        decoded: list[E] = []
        for log in logs:
            with contextlib.suppress(DecodingError):
                decoded.append(self.spec.decode(log))
        return decoded

    def _watching(
        self, confirmations: int, poll_interval: float | None, filters: Sequence[object]
    ) -> Watching[E]:
        contract = self.contract
        topics = self.spec.topics(filters)
        decode = one_event(self.spec)
        return watching(
            contract.node, contract.address, topics, decode, confirmations, poll_interval
        )


class EventQuery(LogQuery[E]):
    """Logs of one event of one deployed contract; generated subclasses add typed filters
    on the indexed arguments."""

    def get_logs(self, *, from_block: BlockId = "latest", to_block: BlockId = "latest") -> list[E]:
        """Decoded logs of this event emitted by this contract, oldest first.

        Filters on indexed arguments take a value, or a list of values (any of them matches);
        an indexed string, bytes, array or struct is filtered by its value (hashed for you)
        or by a TopicHash.
        """
        return self._get_logs(from_block, to_block, ())

    def _get_logs(
        self, from_block: int | str, to_block: int | str, filters: Sequence[object]
    ) -> list[E]:
        return run(self._fetching(from_block, to_block, filters), self.contract.node)

    def watch(
        self,
        *,
        from_block: BlockId | None = None,
        confirmations: int = 0,
        poll_interval: float | None = None,
    ) -> EventWatch[E]:
        """Follow this event as blocks arrive: an iterator of decoded events, each once, in
        chain order, blocking until the next (see abigen.runtime.watch).

        `from_block`: None for new events only (those after the head now), or a past block to
        deliver from first. `confirmations`: deliver an event once that many blocks stand on
        its block. `poll_interval`: seconds between polls (default 1). Filters on indexed
        arguments as for get_logs. A reorg delivers the replaced events again with
        `event.log.removed` True, before the new ones.
        """
        return self._watch(from_block, confirmations, poll_interval, ())

    def _watch(
        self,
        from_block: BlockId | None,
        confirmations: int,
        poll_interval: float | None,
        filters: Sequence[object],
    ) -> EventWatch[E]:
        core = self._watching(confirmations, poll_interval, filters)
        return EventWatch(self.contract.node, core, from_block)


class AsyncEventQuery(LogQuery[E]):
    """The async twin of EventQuery: `await contract.events.<Event>.get_logs(...)`."""

    async def get_logs(
        self, *, from_block: BlockId = "latest", to_block: BlockId = "latest"
    ) -> list[E]:
        """Decoded logs of this event emitted by this contract, oldest first (see
        EventQuery.get_logs)."""
        return await self._get_logs(from_block, to_block, ())

    async def _get_logs(
        self, from_block: int | str, to_block: int | str, filters: Sequence[object]
    ) -> list[E]:
        return await run_async(self._fetching(from_block, to_block, filters), self.contract.node)

    def watch(
        self,
        *,
        from_block: BlockId | None = None,
        confirmations: int = 0,
        poll_interval: float | None = None,
    ) -> AsyncEventWatch[E]:
        """Follow this event as blocks arrive: `async for event in query.watch(...)` (see
        EventQuery.watch). It begins when first entered or awaited."""
        return self._watch(from_block, confirmations, poll_interval, ())

    def _watch(
        self,
        from_block: BlockId | None,
        confirmations: int,
        poll_interval: float | None,
        filters: Sequence[object],
    ) -> AsyncEventWatch[E]:
        core = self._watching(confirmations, poll_interval, filters)
        return AsyncEventWatch(self.contract.node, core, from_block)


class query(Generic[Q]):
    """Descriptor on a contract's event namespace: `token.events.Transfer` -> a bound query."""

    __slots__ = ("kind",)

    def __init__(self, kind: type[Q]) -> None:
        self.kind = kind

    def __get__(self, instance: _Queries | None, owner: type[Any] | None = None) -> Q:
        contract = None if instance is None else instance.contract
        if contract is None:
            raise TypeError("event queries need a deployed contract: contract.events.<Event>")
        return self.kind(contract, self.kind.EVENT.spec())


class _Queries:
    """What both faces' event namespaces share: the contract, its event classes."""

    __slots__ = ("contract",)

    def __init__(self, contract: Deployed | None) -> None:
        self.contract = contract

    @classmethod
    def event_classes(cls) -> list[type[Event]]:
        found: list[type[Event]] = []
        for item in vars(cls).values():
            if isinstance(item, query):
                found.append(cast("query[LogQuery[Any]]", item).kind.EVENT)
        return found

    def _watching_all(
        self, confirmations: int, poll_interval: float | None
    ) -> tuple[Any, Watching[Event]]:
        """(the node, the core) of a watch over every event of the contract."""
        contract = self.contract
        if contract is None:
            raise TypeError("watching events needs a deployed contract: contract.events.watch()")
        decode = any_event({kind.TOPIC: kind.spec() for kind in self.event_classes()})
        node = contract.node
        return node, watching(node, contract.address, [], decode, confirmations, poll_interval)


class EventQueries(_Queries):
    """Typed log queries of one deployed contract: `contract.events.<Event>.get_logs(...)`."""

    __slots__ = ()

    def watch(
        self,
        *,
        from_block: BlockId | None = None,
        confirmations: int = 0,
        poll_interval: float | None = None,
    ) -> EventWatch[Event]:
        """Follow every event of this contract as blocks arrive (see EventQuery.watch); logs
        that decode as none of its events are skipped."""
        node, core = self._watching_all(confirmations, poll_interval)
        return EventWatch(node, core, from_block)


class AsyncEventQueries(_Queries):
    """The async face's event namespace: `await contract.events.<Event>.get_logs(...)`."""

    __slots__ = ()

    def watch(
        self,
        *,
        from_block: BlockId | None = None,
        confirmations: int = 0,
        poll_interval: float | None = None,
    ) -> AsyncEventWatch[Event]:
        """Follow every event of this contract as blocks arrive (see EventQuery.watch)."""
        node, core = self._watching_all(confirmations, poll_interval)
        return AsyncEventWatch(node, core, from_block)
