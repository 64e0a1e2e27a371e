"""A generated package's registry: the custom errors and events of all its contracts, so that
receipts and reverts of any of them decode what the others emit and raise.

A package's modules name the registry (`PACKAGE = _rt.package(__name__)`) and the package's
`__init__` holds its index: for each error selector and event topic, the contracts declaring
it (`_ERROR_CONTRACTS`, `_EVENT_CONTRACTS`). Nothing is imported for that: importing one module
of a 400-contract package stays cheap. A lookup the contract's own tables cannot answer imports
the declaring contracts' modules one at a time, only as far as the caller reads (the first
candidate that decodes ends it). A module generated on its own has no registry.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from abigen.runtime.hexdata import from_data, to_data
from abigen.runtime.receipt import first_decoded
from abigen.runtime.reverts import CustomError

if TYPE_CHECKING:
    from abigen.runtime.eventspec import Event, EventSpec


class Registry:
    """The contracts of one generated package (by its import name), imported as needed."""

    def __init__(self, package: str) -> None:
        self.package = package
        self._contracts: dict[str, Any] = {}  # ".pool:Pool" -> the contract class

    def __repr__(self) -> str:
        return f"Registry({self.package!r})"

    def errors(self, selector: bytes) -> Iterator[type[CustomError]]:
        """The package's custom error classes with this selector, by contract module name."""
        for kind in self._declaring("_ERROR_CONTRACTS", selector):
            error = kind.ERRORS.get(selector)
            if error is not None:
                yield error

    def events(self, topic: bytes | None) -> Iterator[EventSpec[Any]]:
        """The package's events with this topic (anonymous ones have none to match)."""
        if topic is None:
            return
        for kind in self._declaring("_EVENT_CONTRACTS", topic):
            spec = kind.EVENTS.get(topic)
            if spec is not None:
                yield spec

    def _declaring(self, index: str, key: bytes) -> Iterator[Any]:
        table: Mapping[str, Sequence[str]] = getattr(
            importlib.import_module(self.package), index, {}
        )
        for target in table.get(to_data(key), ()):
            kind = self._contracts.get(target)
            if kind is None:  # ".pool:Pool": import the module now (once; imports are locked)
                module, _, name = target.partition(":")
                try:
                    kind = getattr(importlib.import_module(module, self.package), name)
                except (ImportError, AttributeError):
                    continue  # a module removed by hand: decoding goes on without it
                self._contracts[target] = kind
            yield kind


_PACKAGES: dict[str, Registry] = {}


def package(module: str) -> Registry | None:
    """The registry of the package a generated module (`__name__`) belongs to."""
    name = module.rpartition(".")[0]
    return _PACKAGES.setdefault(name, Registry(name)) if name else None


class EventTable(Mapping[bytes, "EventSpec[Any]"]):
    """A contract's own events by topic, each decoder built on first use (the Mapping), and
    the package registry that decodes the logs of the package's other contracts."""

    __slots__ = ("classes", "package")

    def __init__(
        self, classes: Mapping[bytes, type[Event]] | None = None, package: Registry | None = None
    ) -> None:
        self.classes = dict(classes or {})
        self.package = package

    def __getitem__(self, topic: bytes) -> EventSpec[Any]:
        return self.classes[topic].spec()

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.classes)

    def __len__(self) -> int:
        return len(self.classes)


def receipt_events(
    logs: Sequence[Mapping[str, Any]], emitter: str, table: Mapping[bytes, EventSpec[Any]]
) -> tuple[Event, ...]:
    """A receipt's logs decoded for the contract called (at `emitter`) with events `table`:
    its own logs by its own events first (anonymous ones included), then every log by the
    events of its package; a contract outside a package decodes its events from any emitter.
    A log that no candidate decodes is left out (it stays in the receipt's `logs`)."""
    package = table.package if isinstance(table, EventTable) else None
    anonymous = [spec for spec in table.values() if spec.anonymous]
    emitter = emitter.lower()
    events: list[Event] = []
    for log in logs:
        topics = log["topics"]
        topic = from_data(topics[0]) if topics else None
        own = table.get(topic) if topic is not None else None
        first: list[EventSpec[Any]] = [] if own is None else [own]
        if log["address"].lower() == emitter:
            first += anonymous
        elif package is not None:
            first = []  # another contract's log: the package's contracts that declare it
        more = package.events(topic) if package is not None else ()
        event = first_decoded(log, itertools.chain(first, more))
        if event is not None:
            events.append(event)
    return tuple(events)
