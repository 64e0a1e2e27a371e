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


class query(Generic[Q]):
    """Descriptor on a contract's event namespace: `token.events.Transfer` -> a bound query."""

    __slots__ = ("kind",)

    def __init__(self, kind: type[Q]) -> None:
        self.kind = kind

    def __get__(self, instance: EventQueries | None, owner: type[Any] | None = None) -> Q:
        contract = None if instance is None else instance.contract
        if contract is None:
            raise TypeError("event queries need a deployed contract: contract.events.<Event>")
        return self.kind(contract, self.kind.EVENT.spec())


class EventQueries:
    """Typed log queries of one deployed contract: `contract.events.<Event>.get_logs(...)`."""

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
