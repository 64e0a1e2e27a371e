"""Event decoding and log queries.

A generated event class is a frozen dataclass deriving from `Event` that carries its ABI as
class attributes (TOPIC, LAYOUT, INDEXED, DATA...); the first decode builds an EventSpec from
them, once per class. EventSpec is the decoding engine: anything with codecs can build one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, Protocol, TypeVar, cast

from abigen.runtime import codec
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.errors import DecodingError, EncodingError
from abigen.runtime.flows import Flow, endpoint_of, run, run_async
from abigen.runtime.hexdata import from_data, from_quantity, to_data
from abigen.runtime.keccak import keccak256
from abigen.runtime.logs import fetching_logs
from abigen.runtime.values import dataclass_repr

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

    from abigen.runtime.aliases import BlockId

E = TypeVar("E", bound="Event")
T = TypeVar("T")
Q = TypeVar("Q", bound="LogQuery[Any]")


class TopicHash(bytes):
    """A precomputed 32-byte topic, for filtering on an indexed string/bytes/array/struct
    argument by its hash (as decoded events report it) instead of by its value."""

    __slots__ = ()

    def __new__(cls, raw: bytes | str) -> TopicHash:
        value = from_data(raw)
        if len(value) != 32:
            raise ValueError(f"a topic hash is 32 bytes, got {len(value)}")
        return super().__new__(cls, value)


class LogMeta(NamedTuple):
    """Where a decoded event came from."""

    address: ChecksumAddress
    block_number: int
    block_hash: str
    transaction_hash: str
    transaction_index: int
    log_index: int
    removed: bool


def stored_as_hash(item: codec.Codec[Any]) -> bool:
    """Indexed strings, bytes, arrays and structs are stored as the keccak of their value."""
    abi_type = item.abi_type
    return abi_type in ("string", "bytes") or abi_type.endswith("]") or abi_type[0] == "("


class EventSpec(Generic[E]):
    """How to decode one event's logs and encode filters on its indexed arguments.

    `indexed` has one codec per indexed input, in order; `hashed` says which of them are
    stored as the keccak of their value (strings, bytes, arrays, structs): those decode to
    the 32-byte hash and are filtered by hashing the value given. `layout` says, for each
    input in declaration order, whether it is indexed.
    """

    def __init__(
        self,
        factory: Callable[..., E],
        *,
        topic: bytes,
        anonymous: bool,
        layout: Sequence[bool],
        indexed: Sequence[codec.Codec[Any]],
        hashed: Sequence[bool],
        data: codec.Codec[Any],
    ) -> None:
        self.factory = factory
        self.topic = topic
        self.anonymous = anonymous
        self.layout = tuple(layout)
        self.indexed = tuple(zip(indexed, hashed, strict=True))
        self.data = data

    def decode(self, log: Mapping[str, Any]) -> E:
        topics = [from_data(t) for t in log["topics"]]
        if not self.anonymous:
            topics = topics[1:]
        if len(topics) != len(self.indexed):
            raise DecodingError(
                f"log has {len(topics)} indexed topics, the event declares {len(self.indexed)}"
            )
        indexed = iter(
            topic if hashed else item.decode(topic)
            for (item, hashed), topic in zip(self.indexed, topics, strict=True)
        )
        data = iter(self.data.decode(from_data(log["data"])))
        values = [next(indexed) if is_indexed else next(data) for is_indexed in self.layout]
        return self.factory(*values, log=_meta(log))

    def topics(self, filters: Sequence[object]) -> list[Any] | None:
        """eth_getLogs topics for filter values: None = any, a list/tuple = any of these.

        None when a filter is an empty any-of list: nothing can match, and a node would read
        the empty topic list as "anything".
        """
        topics: list[Any] = [] if self.anonymous else [to_data(self.topic)]
        for (item, hashed), wanted in zip(self.indexed, filters, strict=True):
            if wanted is None:
                topics.append(None)
            elif _is_any_of(wanted, item):
                options = [_topic(item, hashed, o) for o in cast("Iterable[object]", wanted)]
                if not options:
                    return None
                topics.append(options)
            else:
                topics.append(_topic(item, hashed, wanted))
        while topics and topics[-1] is None:
            topics.pop()
        return topics


class Event:
    """Base of the generated event classes: each one's ABI, as class attributes."""

    SIGNATURE: ClassVar[str]
    TOPIC: ClassVar[bytes]  # keccak of the signature (also the registry key when anonymous)
    ANONYMOUS: ClassVar[bool] = False
    LAYOUT: ClassVar[tuple[bool, ...]]  # per input, in declaration order: indexed or not
    INDEXED: ClassVar[tuple[codec.Codec[Any], ...]] = ()  # the indexed inputs' codecs
    DATA: ClassVar[codec.Codec[Any]]  # the other inputs, as one tuple

    __slots__ = ()

    def __repr__(self) -> str:
        # Used by events that hold bytes (generated with repr=False): bytes show as 0x-hex.
        return dataclass_repr(self)

    @classmethod
    def spec(cls: type[E]) -> EventSpec[E]:
        """The decoder built from the class attributes: once per class, on first use."""
        found = cls.__dict__.get("_spec")
        if found is None:
            found = EventSpec(
                cls,
                topic=cls.TOPIC,
                anonymous=cls.ANONYMOUS,
                layout=cls.LAYOUT,
                indexed=cls.INDEXED,
                hashed=[stored_as_hash(item) for item in cls.INDEXED],
                data=cls.DATA,
            )
            setattr(cls, "_spec", found)  # noqa: B010 (a class attribute beside the slots)
        return cast("EventSpec[E]", found)

    @classmethod
    def decode_log(cls: type[E], log: Mapping[str, Any]) -> E:
        """A log (as eth_getLogs or a receipt gives it) -> this event; raises DecodingError."""
        return cls.spec().decode(log)


def _is_any_of(wanted: object, item: codec.Codec[Any]) -> bool:
    # A list means "any of these values", except where one value is itself a list (an
    # indexed array or struct): there, a list of lists (or of hashes) means any of.
    if not isinstance(wanted, list | tuple | set | frozenset):
        return False
    if not item.abi_type.endswith(("]", ")")):
        return True
    options = list(cast("Iterable[object]", wanted))
    # [] is the empty array value; any-of needs at least one array (or hash) inside.
    return bool(options) and all(isinstance(o, TopicHash | list | tuple) for o in options)


def _topic(item: codec.Codec[Any], hashed: bool, value: object) -> str:
    if isinstance(value, TopicHash):
        return to_data(value)
    try:
        if hashed:
            return to_data(keccak256(item.encode_in_place(value)))
        return to_data(item.encode(value))
    except EncodingError as exc:
        raise EncodingError(f"event filter: {exc}") from None


def _meta(log: Mapping[str, Any]) -> LogMeta:
    # Logs from a node were checked as they came in (abigen.runtime.answers); a log handed to
    # decode_log by hand may still be malformed: a DecodingError, not a TypeError/KeyError.
    try:
        return _read_meta(log)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DecodingError(f"malformed log position fields ({type(exc).__name__})") from None


def _read_meta(log: Mapping[str, Any]) -> LogMeta:
    return LogMeta(
        address=to_checksum_address(parse_address(log["address"])),
        block_number=from_quantity(log.get("blockNumber") or "0x0"),
        block_hash=log.get("blockHash") or "",
        transaction_hash=log.get("transactionHash") or "",
        transaction_index=from_quantity(log.get("transactionIndex") or "0x0"),
        log_index=from_quantity(log.get("logIndex") or "0x0"),
        removed=bool(log.get("removed", False)),
    )


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
            return [self.spec.decode(log) for log in logs]
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
