"""What a mined transaction gives back: its receipt, with the events decoded; and what a
deployment gives back besides the contract."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeAlias, TypeVar, cast

from abigen.runtime.errors import DecodingError
from abigen.runtime.hexdata import from_data, from_quantity

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

    from abigen.runtime.eventspec import Event, EventSpec, LogMeta

E = TypeVar("E", bound="Event")
T = TypeVar("T")


class _EventTables(Protocol):
    EVENTS: ClassVar[Mapping[bytes, EventSpec[Any]]]


# What decodes logs: a contract class (generated or dynamic) or a bound contract.
EventSource: TypeAlias = type[_EventTables] | _EventTables


@dataclass(frozen=True)
class Receipt:
    transaction_hash: str
    block_number: int
    block_hash: str
    status: int
    gas_used: int
    effective_gas_price: int
    contract_address: ChecksumAddress | None
    logs: Sequence[Mapping[str, Any]]
    # The logs decoded by the contract called (its own address first) and, for a contract of
    # a generated package, by every contract of the package, whoever emitted them.
    events: Sequence[Event]

    def events_of(self, kind: type[E]) -> list[E]:
        """The events of one type, in log order, wherever they were emitted: those among
        `events`, and the logs `kind` decodes that `events` holds as another class (the same
        event of another binding) or, for an anonymous event, holds nothing for."""
        if not self.logs:  # a receipt built by hand from events only
            return [event for event in self.events if isinstance(event, kind)]
        claimed = {meta.log_index: event for event in self.events if (meta := _meta(event))}
        spec = kind.spec()
        found: list[E] = []
        for log in self.logs:
            event = claimed.get(_log_index(log))
            if isinstance(event, kind):
                found.append(event)
                continue
            # No topic names an anonymous event: it may only take a log nothing decoded.
            fits = event is None if spec.anonymous else _topic(log) == spec.topic
            decoded = first_decoded(log, (spec,)) if fits else None
            if decoded is not None:
                found.append(cast(E, decoded))
        return found

    def decode_events(self, *bindings: EventSource) -> list[Event]:
        """The logs decoded by these bindings, in log order; logs none of them knows are left
        out. A contract class decodes the logs of any emitter, a bound contract those of its
        address. Where events share a topic (ERC-20's and ERC-721's Transfer) each candidate
        is tried, in the order given, and the first that decodes is kept; anonymous events
        (no topic to match) are tried last."""
        sources = [(_address_of(b), b.EVENTS) for b in bindings]
        events: list[Event] = []
        for log in self.logs:
            emitter = str(log.get("address", "")).lower()
            tables = [table for address, table in sources if address in (None, emitter)]
            topic = _topic(log)
            named = [s for t in tables if topic is not None and (s := t.get(topic)) is not None]
            anonymous = [spec for table in tables for spec in table.values() if spec.anonymous]
            event = first_decoded(log, named + anonymous)
            if event is not None:
                events.append(event)
        return events


@dataclass(frozen=True)
class Deployment(Generic[T]):
    """How a contract came to be: its deployment `transaction` (a Transaction, or an
    AsyncTransaction on the async face) and the `receipt` (the constructor's events)."""

    transaction: T
    receipt: Receipt


def first_decoded(log: Mapping[str, Any], candidates: Iterable[EventSpec[Any]]) -> Event | None:
    """The log as the first candidate that decodes it, or None."""
    for spec in candidates:
        with contextlib.suppress(DecodingError):
            event: Event = spec.decode(log)
            return event
    return None


def _topic(log: Mapping[str, Any]) -> bytes | None:
    topics = log.get("topics") or ()
    try:
        return from_data(topics[0]) if topics else None
    except (TypeError, ValueError):
        return None  # a malformed topic names no event


def _log_index(log: Mapping[str, Any]) -> int:
    try:
        return from_quantity(log.get("logIndex") or "0x0")
    except (TypeError, ValueError):
        return -1  # matches no decoded event


def _meta(event: Event) -> LogMeta | None:
    meta: LogMeta | None = getattr(event, "log", None)  # generated and dynamic events have it
    return meta


def _address_of(binding: EventSource) -> str | None:
    """None for a class (any emitter); a bound contract's address, lowercased."""
    if isinstance(binding, type):
        return None
    return str(getattr(binding, "address", "")).lower()
