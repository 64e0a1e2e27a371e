"""What a mined transaction gives back: its receipt, with the events decoded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

    from abigen.runtime.eventspec import Event

E = TypeVar("E", bound="Event")


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
    events: Sequence[Event]  # decoded events emitted by the contract that sent this

    def events_of(self, kind: type[E]) -> list[E]:
        """The decoded events of one type, in log order."""
        return [event for event in self.events if isinstance(event, kind)]
