"""Events decoded: the base of generated event classes and the decoding engine (EventSpec).

Low in the runtime (codec and addresses only), so receipts and reverts can name events
without reaching the node; log queries live in abigen.runtime.events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, TypeVar, cast

from abigen.runtime import codec
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.errors import DecodingError, EncodingError
from abigen.runtime.gcpause import gc_paused
from abigen.runtime.hexdata import from_data, to_data
from abigen.runtime.keccak import keccak256
from abigen.runtime.values import dataclass_repr

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress


E = TypeVar("E", bound="Event")


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
        # Indexed inputs first, as most events declare them: the values are then the topics'
        # followed by the data's, with no merging by layout.
        self._indexed_first = self.layout == tuple(sorted(self.layout, reverse=True))
        self._skip = 0 if anonymous else 1  # topic 0 names the event
        self._readers = tuple(_topic_reader(item, hashed) for item, hashed in self.indexed)

    def decode(self, log: Mapping[str, Any]) -> E:
        topics = log["topics"]
        if len(topics) - self._skip != len(self.indexed):
            raise DecodingError(
                f"log has {len(topics) - self._skip} indexed topics,"
                f" the event declares {len(self.indexed)}"
            )
        indexed = [
            read(topic) for read, topic in zip(self._readers, topics[self._skip :], strict=True)
        ]
        data = self.data.decode(from_data(log["data"]))
        if self._indexed_first:
            return self.factory(*indexed, *data, log=_meta(log))
        by_topic, by_data = iter(indexed), iter(data)
        values = [next(by_topic) if is_indexed else next(by_data) for is_indexed in self.layout]
        return self.factory(*values, log=_meta(log))

    def decode_all(self, logs: Sequence[Mapping[str, Any]]) -> list[E]:
        """Logs of this event -> events, in order (a scan's thousands, without the garbage
        collector walking them all after each burst: see gcpause)."""
        decode = self.decode
        if len(logs) < 1000:
            return [decode(log) for log in logs]
        with gc_paused():
            return [decode(log) for log in logs]

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


def _topic_reader(item: codec.Codec[Any], hashed: bool) -> Callable[[Any], Any]:
    """How to read one indexed input from its topic (0x-hex text, or bytes by hand)."""
    if hashed:
        return from_data  # the keccak of the value: its 32 bytes are the value reported
    if item is codec.ADDRESS:
        return _address_topic
    return lambda topic: item.decode(from_data(topic))


_ADDRESS_TOPICS: dict[str, ChecksumAddress] = {}  # an address topic as sent -> the address


def _address_topic(topic: Any) -> ChecksumAddress:
    """An indexed address, decoded once per topic text: a scan repeats a few senders and
    recipients thousands of times."""
    if topic.__class__ is not str:  # bytes given by hand
        return cast("ChecksumAddress", codec.ADDRESS.decode(from_data(topic)))
    found = _ADDRESS_TOPICS.get(topic)
    if found is None:
        found = cast("ChecksumAddress", codec.ADDRESS.decode(from_data(topic)))
        if len(_ADDRESS_TOPICS) < 4096:
            _ADDRESS_TOPICS[topic] = found
    return found


def _meta(log: Mapping[str, Any]) -> LogMeta:
    # Logs from a node were checked as they came in (abigen.runtime.answers); a log handed to
    # decode_log by hand may still be malformed: a DecodingError, not a TypeError/KeyError.
    try:
        return _read_meta(log)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DecodingError(f"malformed log position fields ({type(exc).__name__})") from None


_CHECKSUMS: dict[str, ChecksumAddress] = {}  # a log's address as sent -> its checksum form


def _checksum(address: str) -> ChecksumAddress:
    """The emitter's address, checksummed once per address text: a scan repeats a few."""
    found = _CHECKSUMS.get(address)
    if found is None:
        found = to_checksum_address(parse_address(address))
        if len(_CHECKSUMS) < 4096:
            _CHECKSUMS[address] = found
    return found


def _read_meta(log: Mapping[str, Any]) -> LogMeta:
    get = log.get
    return LogMeta(
        _checksum(log["address"]),
        int(get("blockNumber") or "0x0", 16),  # (from_quantity, inline: once per log)
        get("blockHash") or "",
        get("transactionHash") or "",
        int(get("transactionIndex") or "0x0", 16),
        int(get("logIndex") or "0x0", 16),
        bool(get("removed", False)),
    )
