"""The binding model: the only thing templates see.

Every identifier here is final and unique in its scope, every annotation and codec
expression is decided, and every sequence is in its final (deterministic) order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """A named, typed value: a parameter, struct field, result field, event or error field."""

    name: str  # Python identifier
    abi_name: str  # as in the ABI ("" when unnamed)
    abi_type: str  # canonical Solidity type, for docs
    annotation: str  # Python annotation in this slot's direction (input or output)
    codec: str = ""  # codec expression, where the template needs one per slot


@dataclass(frozen=True)
class Struct:
    class_name: str
    solidity_name: str
    fields: tuple[Slot, ...]  # output annotations
    codec_name: str  # module-level constant holding the struct's codec
    codec: str


@dataclass(frozen=True)
class ResultTuple:
    """A NamedTuple for a function with several return values."""

    class_name: str
    function_signature: str
    fields: tuple[Slot, ...]


@dataclass(frozen=True)
class Function:
    name: str  # method name on the contract
    class_name: str  # private per-function class
    signature: str
    selector: bytes
    params: tuple[Slot, ...]  # input annotations
    inputs_codec: str
    outputs_codec: str
    returns: str  # annotation of the decoded result
    result: ResultTuple | None
    read_only: bool
    payable: bool
    doc: tuple[str, ...]  # docstring lines


@dataclass(frozen=True)
class Constructor:
    params: tuple[Slot, ...]
    inputs_codec: str
    payable: bool
    doc: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    class_name: str
    query_class: str  # private per-event query class with typed filters
    signature: str
    topic: bytes
    anonymous: bool
    fields: tuple[Slot, ...]  # output annotations, declaration order
    indexed: tuple[Slot, ...]  # filter annotations; codec is "None" for hashed topics
    layout: tuple[bool, ...]
    data_codec: str
    doc: tuple[str, ...]


@dataclass(frozen=True)
class Error:
    class_name: str
    attribute: str  # name on the contract class (Token.InsufficientBalance)
    signature: str
    selector: bytes
    fields: tuple[Slot, ...]
    args_codec: str
    doc: tuple[str, ...]


@dataclass(frozen=True)
class Module:
    imports: tuple[str, ...]  # import lines, in order
    contract_name: str
    events_class: str
    doc: tuple[str, ...]
    structs: tuple[Struct, ...]  # in dependency order (codecs reference nested ones)
    results: tuple[ResultTuple, ...]
    functions: tuple[Function, ...]
    events: tuple[Event, ...]
    errors: tuple[Error, ...]
    constructor: Constructor | None
    bytecode: str | None  # hex without 0x
    abi_json: str  # compact, canonical JSON of the input ABI
