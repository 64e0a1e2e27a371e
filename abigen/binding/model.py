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
    """A NamedTuple whose fields carry the output (decoded) annotations.

    When some field takes another type as input (an address as any str, bytes as hex, an
    array as any Sequence, a nested struct as a plain tuple), the fields live in a private
    NamedTuple `fields_class` and the public class derives from it with a `__new__` taking
    `params`, which converts the values to their decoded form.
    """

    class_name: str
    solidity_name: str
    fields: tuple[Slot, ...]  # output annotations
    codec_name: str  # module-level constant holding the struct's codec
    codec: str
    imported: bool = False  # defined once in the package's structs module, imported here
    params: tuple[Slot, ...] = ()  # the constructor's input annotations, per field
    fields_class: str = ""  # "" when inputs equal outputs: the public class is the NamedTuple
    hex_repr: bool = False  # holds bytes: __repr__ shows them as 0x-hex


@dataclass(frozen=True)
class ResultTuple:
    """A NamedTuple for a function with several return values."""

    class_name: str
    function_signature: str
    fields: tuple[Slot, ...]
    hex_repr: bool = False  # holds bytes: __repr__ shows them as 0x-hex


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
    indexed: tuple[Slot, ...]  # filter annotations and codecs
    hashed: tuple[bool, ...]  # per indexed slot: stored as the keccak of its value
    layout: tuple[bool, ...]
    data_codec: str
    doc: tuple[str, ...]
    hex_repr: bool = False  # holds bytes: the runtime's __repr__ (0x-hex) replaces dataclass's


@dataclass(frozen=True)
class Special:
    """The contract's fallback or receive function."""

    method: str
    payable: bool


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
class StructsModule:
    """A package's `structs` module: structs that several contracts share, defined once."""

    imports: tuple[str, ...]
    structs: tuple[Struct, ...]  # in dependency order (codecs reference nested ones)
    codecs: bool = False  # the struct constructors need the codecs: defined here too


@dataclass(frozen=True)
class Package:
    """Everything a multi-contract run writes: {module name: module}, structs, re-exports."""

    name: str
    modules: tuple[tuple[str, Module], ...]
    structs: StructsModule | None


@dataclass(frozen=True)
class Module:
    imports: tuple[str, ...]  # import lines, in order
    contract_name: str
    events_class: str
    doc: tuple[str, ...]
    structs: tuple[Struct, ...]  # in dependency order (codecs reference nested ones)
    results: tuple[ResultTuple, ...]
    functions: tuple[Function, ...]
    functions_class: str  # private class of `contract.functions[signature]`
    fallback: Special | None
    receive: Special | None
    events: tuple[Event, ...]
    errors: tuple[Error, ...]
    constructor: Constructor | None
    bytecode: str | None  # hex without 0x, library placeholders zeroed
    libraries: tuple[tuple[str, tuple[int, ...]], ...]  # ("src.sol:Lib", byte offsets)
    library_bindings: tuple[tuple[str, str], ...]  # ("src.sol:Lib", ".module:Class") in the package
    abi_json: str  # compact, canonical JSON of the input ABI
