"""A generated package's registry: the custom errors and events of all its contracts, so that
receipts and reverts of any of them decode what the others emit and raise.

A package's modules name the registry (`PACKAGE = _rt.package(__name__)`) but nothing is
imported then: importing one module of a 400-contract package stays cheap. The first lookup
the contract's own tables cannot answer imports the package's contracts (its `__all__`) and
indexes them: selector -> error classes, topic -> event specs. A module generated on its own
has no registry: its tables are all it knows.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from abigen.runtime.hexdata import from_data
from abigen.runtime.receipt import first_decoded
from abigen.runtime.reverts import CustomError, ErrorTable

if TYPE_CHECKING:
    from abigen.runtime.eventspec import Event, EventSpec


class _Index(NamedTuple):
    errors: dict[bytes, list[type[CustomError]]]
    events: dict[bytes, list[EventSpec[Any]]]


class Registry:
    """The contracts of one generated package (by its import name), indexed on first use."""

    def __init__(self, package: str) -> None:
        self.package = package
        self._index: _Index | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Registry({self.package!r})"

    def errors(self, selector: bytes) -> Sequence[type[CustomError]]:
        """Every class of the package's custom errors with this selector."""
        return self._indexed().errors.get(selector, ())

    def events(self, topic: bytes | None) -> Sequence[EventSpec[Any]]:
        """Every event of the package with this topic (anonymous ones have none to match)."""
        return () if topic is None else self._indexed().events.get(topic, ())

    def _indexed(self) -> _Index:
        index = self._index
        if index is None:
            with self._lock:  # one thread imports and indexes; the others wait for it
                if self._index is None:
                    self._index = _index(importlib.import_module(self.package))
                index = self._index
        return index


def _index(package: Any) -> _Index:
    """Both faces of every contract the package exports, in `__all__` order: a contract's
    errors and events appear once (the faces share their classes)."""
    index = _Index({}, {})
    for name in getattr(package, "__all__", ()):
        kind = getattr(package, name)
        own_errors = getattr(kind, "ERRORS", None)
        if not isinstance(own_errors, ErrorTable):
            continue  # not one of the package's contracts
        for selector, error in own_errors.items():
            _add(index.errors.setdefault(selector, []), error)
        for topic, spec in kind.EVENTS.items():
            if not spec.anonymous:
                _add(index.events.setdefault(topic, []), spec)
    return index


def _add(found: list[Any], item: object) -> None:
    if not any(known is item for known in found):
        found.append(item)


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
        candidates: list[EventSpec[Any]] = []
        if log["address"].lower() == emitter:
            candidates += [own] if own is not None else []
            candidates += anonymous
        if package is not None:
            candidates += package.events(topic)
        elif own is not None and not candidates:
            candidates.append(own)
        event = first_decoded(log, candidates)
        if event is not None:
            events.append(event)
    return tuple(events)
