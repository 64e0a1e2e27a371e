"""The ABI model: frozen dataclasses faithful to the ABI JSON.

Canonical signatures, selectors and topic hashes are computed once here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from abigen.abi.types import AbiType
from abigen.keccak import keccak256


@dataclass(frozen=True)
class Param:
    name: str  # as written in the ABI; may be empty
    type: AbiType
    internal_type: str | None = None
    indexed: bool = False  # events only


def _signature(name: str, params: tuple[Param, ...]) -> str:
    return f"{name}({','.join(p.type.canonical for p in params)})"


@dataclass(frozen=True)
class Function:
    name: str
    inputs: tuple[Param, ...]
    outputs: tuple[Param, ...]
    state_mutability: str  # pure | view | nonpayable | payable
    doc: Doc = field(default_factory=lambda: Doc())

    @cached_property
    def signature(self) -> str:
        return _signature(self.name, self.inputs)

    @cached_property
    def selector(self) -> bytes:
        return keccak256(self.signature.encode())[:4]

    @property
    def is_read_only(self) -> bool:
        return self.state_mutability in ("pure", "view")

    @property
    def is_payable(self) -> bool:
        return self.state_mutability == "payable"


@dataclass(frozen=True)
class Event:
    name: str
    inputs: tuple[Param, ...]
    anonymous: bool
    doc: Doc = field(default_factory=lambda: Doc())

    @cached_property
    def signature(self) -> str:
        return _signature(self.name, self.inputs)

    @cached_property
    def topic(self) -> bytes:
        return keccak256(self.signature.encode())


@dataclass(frozen=True)
class Error:
    name: str
    inputs: tuple[Param, ...]
    doc: Doc = field(default_factory=lambda: Doc())

    @cached_property
    def signature(self) -> str:
        return _signature(self.name, self.inputs)

    @cached_property
    def selector(self) -> bytes:
        return keccak256(self.signature.encode())[:4]


@dataclass(frozen=True)
class Constructor:
    inputs: tuple[Param, ...]
    state_mutability: str
    doc: Doc = field(default_factory=lambda: Doc())

    @property
    def is_payable(self) -> bool:
        return self.state_mutability == "payable"


@dataclass(frozen=True)
class Fallback:
    state_mutability: str


@dataclass(frozen=True)
class Receive:
    state_mutability: str


@dataclass(frozen=True)
class Doc:
    """NatSpec for one member: notice (userdoc), details (devdoc), per-parameter text."""

    notice: str = ""
    details: str = ""
    params: tuple[tuple[str, str], ...] = ()
    returns: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ContractAbi:
    functions: tuple[Function, ...]
    events: tuple[Event, ...]
    errors: tuple[Error, ...]
    constructor: Constructor | None
    fallback: Fallback | None
    receive: Receive | None
