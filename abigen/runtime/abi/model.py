"""The ABI model: frozen dataclasses faithful to the ABI JSON.

Canonical signatures, selectors and topic hashes are computed once here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from abigen.runtime.abi.types import AbiType
from abigen.runtime.keccak import keccak256


@dataclass(frozen=True)
class Param:
    name: str  # as written in the ABI; may be empty
    type: AbiType
    internal_type: str | None = None
    indexed: bool = False  # events only


@cache  # a keccak costs ~50 us, and the same signatures recur across contracts
def _signature_hash(signature: str) -> bytes:
    return keccak256(signature.encode())


class _Signed:
    """Canonical signature and its hash, computed once, for members with a name and inputs."""

    name: str
    inputs: tuple[Param, ...]

    @cached_property
    def signature(self) -> str:
        return f"{self.name}({','.join(p.type.canonical for p in self.inputs)})"

    @cached_property
    def hash(self) -> bytes:
        return _signature_hash(self.signature)

    @property
    def selector(self) -> bytes:
        return self.hash[:4]


@dataclass(frozen=True)
class Function(_Signed):
    name: str
    inputs: tuple[Param, ...]
    outputs: tuple[Param, ...]
    state_mutability: str  # pure | view | nonpayable | payable
    doc: Doc = field(default_factory=lambda: Doc())

    @property
    def is_read_only(self) -> bool:
        return self.state_mutability in ("pure", "view")

    @property
    def is_payable(self) -> bool:
        return self.state_mutability == "payable"


@dataclass(frozen=True)
class Event(_Signed):
    name: str
    inputs: tuple[Param, ...]
    anonymous: bool
    doc: Doc = field(default_factory=lambda: Doc())

    @property
    def topic(self) -> bytes:
        return self.hash


@dataclass(frozen=True)
class Error(_Signed):
    name: str
    inputs: tuple[Param, ...]
    doc: Doc = field(default_factory=lambda: Doc())


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
    doc: Doc = field(default_factory=lambda: Doc())  # contract-level NatSpec (title in `notice`)
