"""The binding model: the only thing templates see.

Every identifier here is final and unique in its scope, every annotation and codec
expression is decided, and every sequence is in its final (deterministic) order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from abigen.binding.naming import export_order


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
    doc: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResultTuple:
    """A NamedTuple for a function with several return values."""

    class_name: str
    fields: tuple[Slot, ...]
    doc: tuple[str, ...]
    hex_repr: bool = False  # holds bytes: __repr__ shows them as 0x-hex


@dataclass(frozen=True)
class Function:
    name: str  # method name on the contract
    class_name: str  # private offline class both faces derive from (codecs, encode, prepare)
    sync_class: str  # the sync face's class: private, or the runtime's for no arguments
    base: str  # a written face class's runtime base (a ContractFunction)
    async_class: str  # the async face's class, as sync_class
    async_base: str  # the async twin of `base`
    sync_face: str  # what the contract's descriptor holds: sync_class, or no_args(...) of it
    async_face: str  # the same for the async face
    signature: str
    selector: bytes
    params: tuple[Slot, ...]  # input annotations; none: the base class has every method
    inputs_codec: str
    outputs_codec: str
    returns: str  # annotation of the decoded result
    result: ResultTuple | None
    read_only: bool
    call_options: str  # the TypedDict of simulate/estimate_gas keywords
    tx_options: str  # the TypedDict of a send's keywords (value= when payable)
    doc: tuple[str, ...]  # docstring lines


@dataclass(frozen=True)
class Constructor:
    params: tuple[Slot, ...]
    inputs_codec: str
    tx_options: str
    doc: tuple[str, ...]  # of `deploy`


@dataclass(frozen=True)
class Event:
    class_name: str
    query_class: str  # private per-event query class with typed filters
    async_query_class: str  # the same for the async face
    signature: str
    topic: bytes
    anonymous: bool
    fields: tuple[Slot, ...]  # output annotations, declaration order
    indexed: tuple[Slot, ...]  # filter annotations and codecs
    layout: tuple[bool, ...]
    data_codec: str
    doc: tuple[str, ...]
    hex_repr: bool = False  # holds bytes: the runtime's __repr__ (0x-hex) replaces dataclass's


@dataclass(frozen=True)
class Special:
    """The contract's fallback or receive function."""

    kind: str  # "fallback" (raw calldata) or "receive" (plain value)
    tx_options: str
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
class StructsModule:
    """A package's `structs` module: structs that several contracts share, defined once."""

    imports: tuple[str, ...]
    structs: tuple[Struct, ...]  # in dependency order (codecs reference nested ones)
    classes: tuple[Struct, ...]  # the same, in the order they are written (by name)
    codecs: bool = False  # the struct constructors need the codecs: defined here too
    exports: tuple[str, ...] = ()  # __all__


@dataclass(frozen=True)
class Package:
    """Everything a multi-contract run writes: {module name: module}, structs, re-exports."""

    name: str
    modules: tuple[tuple[str, Module], ...]  # by module name
    structs: StructsModule | None

    @property
    def doc(self) -> tuple[str, ...]:
        return (
            f"Typed bindings for {len(self.modules)} contracts, generated by abigen.",
            "",
            "A contract's module is imported when its class is first used: importing one "
            "contract does not",
            "load the others.",
        )

    @property
    def by_class_name(self) -> tuple[tuple[str, str], ...]:
        """(contract class, its module relative to the package: ".name"), in __all__'s order:
        the lazy table and __all__. Both faces: Token and AsyncToken; should an async name be
        another contract's name, the contract keeps it (the async class stays in its module)."""
        modules = {module.contract_name: "." + name for name, module in self.modules}
        for name, module in self.modules:
            modules.setdefault(module.async_name, "." + name)
        return tuple((name, modules[name]) for name in export_order(modules))

    @property
    def error_contracts(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(error selector as 0x-hex, the contracts declaring it: ".module:Class"), by selector:
        the package registry's index (abigen.runtime.registry)."""
        return _index(
            (name, module, error.selector)
            for name, module in self.modules
            for error in module.errors
        )

    @property
    def event_contracts(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(event topic as 0x-hex, the contracts declaring it), by topic; anonymous events
        have no topic to look up."""
        return _index(
            (name, module, event.topic)
            for name, module in self.modules
            for event in module.events
            if not event.anonymous
        )

    @property
    def exports_by_module(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(module name, the classes the package re-exports from it), by module name."""
        found: dict[str, list[str]] = {}
        for class_name, module_path in self.by_class_name:
            found.setdefault(module_path[1:], []).append(class_name)
        return tuple(
            (name, tuple(sorted(found[name]))) for name, _ in self.modules if name in found
        )


@dataclass(frozen=True)
class Module:
    imports: tuple[str, ...]  # import lines, in order
    exports: tuple[str, ...]  # __all__, sorted
    contract_name: str
    base_name: str  # private offline contract class: errors, constructor, creation code
    async_name: str  # the async face's contract class: AsyncToken
    events_class: str  # private class of `contract.events`
    async_events_class: str  # the same for the async face
    doc: tuple[str, ...]
    structs: tuple[Struct, ...]  # in dependency order (codecs reference nested ones)
    struct_classes: tuple[Struct, ...]  # those defined here, in the order they are written
    results: tuple[ResultTuple, ...]
    functions: tuple[Function, ...]
    by_signature: tuple[Function, ...]  # the same, ordered by Solidity signature
    functions_class: str  # private TypedDict of `contract.functions[signature]`
    async_functions_class: str  # the same for the async face
    fallback: Special | None
    receive: Special | None
    events: tuple[Event, ...]
    errors: tuple[Error, ...]
    constructor: Constructor | None
    bytecode: str | None  # hex without 0x, library placeholders zeroed
    libraries: tuple[tuple[str, tuple[int, ...]], ...]  # ("src.sol:Lib", byte offsets)
    library_bindings: tuple[tuple[str, str], ...]  # ("src.sol:Lib", ".module:Class") in the package
    in_package: bool = False  # one of a package's modules: its contract joins the registry


def _index(entries: Iterable[tuple[str, Module, bytes]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found: dict[str, list[str]] = {}
    for name, module, key in entries:
        targets = found.setdefault("0x" + key.hex(), [])
        target = f".{name}:{module.contract_name}"
        if target not in targets:
            targets.append(target)
    return tuple((key, tuple(targets)) for key, targets in sorted(found.items()))
