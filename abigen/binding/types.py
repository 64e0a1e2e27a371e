"""ABI types -> Python annotations and codec expressions; struct classes are collected here.

Inputs accept what users naturally hold (any str for an address, any Sequence for an
array, a struct's class or a plain tuple); outputs are the precise types decoding gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from abigen.binding.model import Slot, Struct
from abigen.binding.naming import Scope, parameter_names, pascal_case
from abigen.runtime.abi.codecs import codec_source
from abigen.runtime.abi.types import AbiType, Array, Elementary, Tuple

_INPUT = {
    "uint": "int",
    "int": "int",
    "address": "str",
    "bool": "bool",
    "fixed_bytes": "bytes | str",
    "bytes": "bytes | str",
    "function": "bytes | str",
    "string": "str",
}
_OUTPUT = dict(
    _INPUT, address="_rt.ChecksumAddress", fixed_bytes="bytes", bytes="bytes", function="bytes"
)
# Builtins used in annotations, `self`, and NamedTuple methods: fields step aside.
BUILTIN_TYPES = ("int", "str", "bytes", "bool", "list", "tuple", "type", "object")
STRUCT_FIELD_RESERVED = (*BUILTIN_TYPES, "self", "count", "index")


@dataclass
class _StructDraft:
    tuple_type: Tuple
    preferred: str
    solidity_name: str
    class_name: str = ""
    field_names: list[str] = field(default_factory=list[str])
    imported: bool = False


class TypeMapper:
    """Collects every tuple type first (so class names are claimed in a stable order), then maps.

    `shared` names structs that a package's `structs` module defines once: they keep that
    name here and are imported instead of defined.
    """

    def __init__(self, shared: Mapping[Tuple, str] | None = None) -> None:
        self._drafts: dict[Tuple, _StructDraft] = {}
        self._order: list[Tuple] = []  # dependency order: nested tuples before their parents
        self._shared = shared or {}
        # What the annotations handed out so far need imported, recorded as they are made.
        self.needs_abc = False  # an input annotation took a collections.abc.Sequence
        self.needs_runtime = False  # an annotation or a struct class names `_rt.` something

    @property
    def tuples(self) -> list[Tuple]:
        return list(self._order)

    def collect(self, abi_type: AbiType, context: str) -> None:
        if isinstance(abi_type, Array):
            self.collect(abi_type.item, context)
        elif isinstance(abi_type, Tuple) and abi_type not in self._drafts:
            for component in abi_type.components:
                self.collect(component.type, context + pascal_case(component.name))
            solidity_name = abi_type.struct_name or ""
            preferred = pascal_case(solidity_name) if solidity_name else context
            self._drafts[abi_type] = _StructDraft(abi_type, preferred or "Tuple", solidity_name)
            self._order.append(abi_type)

    def name_structs(self, scope: Scope) -> None:
        by_name = sorted(
            self._drafts.values(),
            key=lambda d: (d.preferred, d.solidity_name, d.tuple_type.canonical),
        )
        # A short name two different structs want is qualified for both (LibA.Point ->
        # LibAPoint, LibB.Point -> LibBPoint): neither depends on which one came first.
        wanted = Counter(d.preferred for d in by_name if d.tuple_type not in self._shared)
        for draft in by_name:
            if draft.tuple_type in self._shared:
                draft.class_name, draft.imported = self._shared[draft.tuple_type], True
                draft.field_names = self._field_names(draft.tuple_type)
                continue
            name = draft.preferred
            if (wanted[name] > 1 or name in scope) and draft.solidity_name:
                name = pascal_case(draft.solidity_name.replace(".", "_"))  # Lib.Point -> LibPoint
            draft.class_name = scope.claim_unique(name, draft.solidity_name or draft.preferred)
            draft.field_names = self._field_names(draft.tuple_type)

    @staticmethod
    def _field_names(tuple_type: Tuple) -> list[str]:
        return parameter_names(
            (c.name for c in tuple_type.components), Scope(STRUCT_FIELD_RESERVED)
        )

    def structs(self) -> tuple[Struct, ...]:
        structs: list[Struct] = []
        for tuple_type in self._order:
            draft = self._drafts[tuple_type]
            pairs = list(zip(draft.field_names, tuple_type.components, strict=True))
            fields = tuple(
                Slot(name, c.name, c.type.canonical, self.output(c.type), self.codec(c.type))
                for name, c in pairs
            )
            # Only structs whose inputs differ from their outputs pay for a constructor; an
            # imported struct's constructor is written (and its annotations needed) elsewhere.
            converts = any(
                self._input(c.type) != f.annotation for (_, c), f in zip(pairs, fields, strict=True)
            )
            emitted = converts and not draft.imported
            params = tuple(
                Slot(name, c.name, c.type.canonical, self._input(c.type, record=emitted))
                for name, c in pairs
            )
            codec = tuple_codec(
                [f.codec for f in fields], [f.name for f in fields], draft.class_name
            )
            hex_repr = any(self.holds_bytes(c.type) for c in tuple_type.components)
            self.needs_runtime |= not draft.imported and (converts or hex_repr)
            structs.append(
                Struct(
                    draft.class_name,
                    draft.solidity_name,
                    fields,
                    _codec_constant(draft.class_name),
                    codec,
                    draft.imported,
                    params=params,
                    # Private, and unlike any other generated name (_XQuery, _XFunction...).
                    fields_class=f"_{draft.class_name}Fields" if converts else "",
                    hex_repr=hex_repr,
                    doc=(f"Solidity struct {draft.solidity_name or '(anonymous tuple)'}.",),
                )
            )
        return tuple(structs)

    def holds_bytes(self, abi_type: AbiType) -> bool:
        """Whether a value of this type shows bytes in its parent's repr (a nested struct
        shows its own, through its class's __repr__)."""
        if isinstance(abi_type, Array):
            return self.holds_bytes(abi_type.item)
        return isinstance(abi_type, Elementary) and _OUTPUT[abi_type.kind] == "bytes"

    def input(self, abi_type: AbiType) -> str:
        """The annotation of a parameter: what users may pass (recorded as used)."""
        return self._input(abi_type, record=True)

    def _input(self, abi_type: AbiType, *, record: bool = False) -> str:
        if isinstance(abi_type, Elementary):
            return _INPUT[abi_type.kind]
        if isinstance(abi_type, Array):
            self.needs_abc |= record
            return f"_abc.Sequence[{self._input(abi_type.item, record=record)}]"
        parts = ", ".join(self._input(c.type, record=record) for c in abi_type.components)
        return f"{self._drafts[abi_type].class_name} | tuple[{parts}]"

    def output(self, abi_type: AbiType) -> str:
        if isinstance(abi_type, Elementary):
            self.needs_runtime |= abi_type.kind == "address"
            return _OUTPUT[abi_type.kind]
        if isinstance(abi_type, Array):
            return f"list[{self.output(abi_type.item)}]"
        return self._drafts[abi_type].class_name

    def codec(self, abi_type: AbiType) -> str:
        if isinstance(abi_type, Elementary):
            return f"_c.{codec_source(abi_type)}"  # the runtime's own table
        if isinstance(abi_type, Array):
            item = self.codec(abi_type.item)
            return (
                f"_c.array({item})"
                if abi_type.length is None
                else f"_c.array({item}, {abi_type.length})"
            )
        return _codec_constant(self._drafts[abi_type].class_name)


def _codec_constant(class_name: str) -> str:
    return f"_{class_name}_CODEC"


def py_tuple(items: list[str]) -> str:
    """A tuple display: (), (a,), (a, b)."""
    if len(items) == 1:
        return f"({items[0]},)"
    return f"({', '.join(items)})"


def tuple_codec(codecs: list[str], names: list[str], factory: str | None = None) -> str:
    factory_arg = f", {factory}" if factory else ""
    return f"_c.tuple_({py_tuple(codecs)}, {py_tuple([repr(n) for n in names])}{factory_arg})"
