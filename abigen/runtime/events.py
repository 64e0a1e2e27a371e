"""Event decoding and log queries.

Generated event classes are frozen dataclasses deriving from `Event`; an EventSpec
holds what decoding one needs (topic, codecs, field order), fixed at generation time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast

from abigen.runtime import codec
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.hexdata import from_data, from_quantity, to_data
from abigen.runtime.node import block_tag

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

    from abigen.runtime.contract import Contract

E = TypeVar("E", bound="Event")


class Event:
    """Base of the generated event classes."""

    __slots__ = ()


class LogMeta(NamedTuple):
    """Where a decoded event came from."""

    address: ChecksumAddress
    block_number: int
    block_hash: str
    transaction_hash: str
    transaction_index: int
    log_index: int
    removed: bool


class EventSpec(Generic[E]):
    """How to decode one event's logs and encode filters on its indexed arguments.

    `indexed` has one entry per indexed input, in order: its codec, or None when the
    topic is a hash of the value (strings, bytes, arrays, structs) and is kept as bytes.
    `layout` says, for each input in declaration order, whether it is indexed.
    """

    def __init__(
        self,
        factory: Callable[..., E],
        *,
        topic: bytes,
        anonymous: bool,
        layout: Sequence[bool],
        indexed: Sequence[codec.Codec[Any] | None],
        data: codec.Codec[Any],
    ) -> None:
        self.factory = factory
        self.topic = topic
        self.anonymous = anonymous
        self.layout = tuple(layout)
        self.indexed = tuple(indexed)
        self.data = data

    def decode(self, log: Mapping[str, Any]) -> E:
        topics = [from_data(t) for t in log["topics"]]
        if not self.anonymous:
            topics = topics[1:]
        if len(topics) != len(self.indexed):
            raise codec.DecodingError(
                f"log has {len(topics)} indexed topics, the event declares {len(self.indexed)}"
            )
        indexed = iter(
            topic if item is None else item.decode(topic)
            for item, topic in zip(self.indexed, topics, strict=True)
        )
        data = iter(self.data.decode(from_data(log["data"])))
        values = [next(indexed) if is_indexed else next(data) for is_indexed in self.layout]
        return self.factory(*values, log=_meta(log))

    def topics(self, filters: Sequence[object]) -> list[Any]:
        """eth_getLogs topics for filter values: None = any, a list/tuple = any of these."""
        topics: list[Any] = [] if self.anonymous else [to_data(self.topic)]
        for item, wanted in zip(self.indexed, filters, strict=True):
            if wanted is None:
                topics.append(None)
            elif isinstance(wanted, list | tuple | set | frozenset):
                options = cast("Iterable[object]", wanted)
                topics.append([_topic(item, option) for option in options])
            else:
                topics.append(_topic(item, wanted))
        while topics and topics[-1] is None:
            topics.pop()
        return topics


def _topic(item: codec.Codec[Any] | None, value: object) -> str:
    if item is None:  # a hashed topic: filter by the hash itself
        raw = from_data(value) if isinstance(value, str | bytes) else b""
        if len(raw) != 32:
            raise ValueError(
                f"filter on a hashed indexed argument needs its 32-byte hash, got {value!r}"
            )
        return to_data(raw)
    return to_data(item.encode(value))


def _meta(log: Mapping[str, Any]) -> LogMeta:
    return LogMeta(
        address=to_checksum_address(parse_address(log["address"])),
        block_number=from_quantity(log.get("blockNumber") or "0x0"),
        block_hash=log.get("blockHash") or "",
        transaction_hash=log.get("transactionHash") or "",
        transaction_index=from_quantity(log.get("transactionIndex") or "0x0"),
        log_index=from_quantity(log.get("logIndex") or "0x0"),
        removed=bool(log.get("removed", False)),
    )


class EventQuery(Generic[E]):
    """Logs of one event of one deployed contract; generated subclasses add typed filters."""

    def __init__(self, contract: Contract, spec: EventSpec[E]) -> None:
        self.contract = contract
        self.spec = spec

    def _get_logs(
        self, from_block: int | str, to_block: int | str, filters: Sequence[object]
    ) -> list[E]:
        query = {
            "address": self.contract.address,
            "fromBlock": block_tag(from_block),
            "toBlock": block_tag(to_block),
            "topics": self.spec.topics(filters),
        }
        return [self.spec.decode(log) for log in self.contract.node.request("eth_getLogs", [query])]
