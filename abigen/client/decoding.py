"""Custom errors and events of a loaded ABI as runtime objects, for decoding at run time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, cast

from abigen.client.contract import codec_for, params_codec, typed_params
from abigen.client.show import human
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.types import AbiType, Elementary, stored_as_hash
from abigen.runtime.events import Event, EventSpec, LogMeta
from abigen.runtime.reverts import ContractError, CustomError


class AbiCustomError(CustomError):
    """A custom error decoded from an ABI loaded at run time (no generated class)."""

    PARAMS: ClassVar[list[tuple[str, AbiType]]]

    def __init__(self, *values: object) -> None:
        shown = ", ".join(
            f"{name}={human(kind, value)}"
            for (name, kind), value in zip(self.PARAMS, values, strict=True)
        )
        ContractError.__init__(self, f"{type(self).__name__}({shown})")  # the CLI's value format
        self.values = values


def error_registry(errors: Sequence[abi.Error]) -> dict[bytes, type[CustomError]]:
    registry: dict[bytes, type[CustomError]] = {}
    for error in errors:
        attributes = {
            "SIGNATURE": error.signature,
            "SELECTOR": error.selector,
            "ARGS": params_codec(error.inputs),
            "PARAMS": typed_params(error.inputs),
        }
        registry[error.selector] = cast(
            "type[CustomError]", type(error.name, (AbiCustomError,), attributes)
        )
    return registry


class AbiEvent(Event):
    """A decoded log of an event from an ABI loaded at run time."""

    __slots__ = ("event", "log", "values")

    def __init__(self, event: abi.Event, values: tuple[object, ...], log: LogMeta) -> None:
        self.event = event
        self.values = values
        self.log = log

    @property
    def params(self) -> list[tuple[str, AbiType]]:
        # An indexed string/bytes/array/struct is its 32-byte topic: shown as bytes32.
        return [
            (name, _TOPIC if p.indexed and stored_as_hash(p.type) else p.type)
            for (name, _), p in zip(typed_params(self.event.inputs), self.event.inputs, strict=True)
        ]


_TOPIC: AbiType = Elementary("fixed_bytes", 32)  # a hashed indexed value, as stored


def event_spec(event: abi.Event) -> EventSpec[AbiEvent]:
    indexed = [p for p in event.inputs if p.indexed]
    data = [p for p in event.inputs if not p.indexed]

    def factory(*values: object, log: LogMeta) -> AbiEvent:
        return AbiEvent(event, values, log)

    return EventSpec(
        factory,
        topic=event.topic,
        anonymous=event.anonymous,
        layout=[p.indexed for p in event.inputs],
        indexed=[codec_for(p.type) for p in indexed],
        hashed=[stored_as_hash(p.type) for p in indexed],
        data=params_codec(data),
    )


def event_specs(events: Sequence[abi.Event]) -> Mapping[bytes, EventSpec[Any]]:
    return {event.topic: event_spec(event) for event in events}
