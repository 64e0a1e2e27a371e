"""ABI types -> codecs: the one table of elementary codecs.

Dynamic bindings build their codecs here at run time; the generator writes the same codecs
into bindings as source text (`codec_source`), read from the same table, so a type maps to
one codec whichever way a binding is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from abigen.runtime import codec
from abigen.runtime.abi.model import Param
from abigen.runtime.abi.types import AbiType, Array, Elementary


@dataclass(frozen=True)
class ElementaryCodec:
    """How one elementary kind is coded: `name` in abigen.runtime.codec, called with the
    type's size when `sized` (uint(256), fixed_bytes(4)), else a shared constant (ADDRESS)."""

    name: str
    sized: bool
    make: Callable[[int], codec.Codec[Any]]


def _constant(value: codec.Codec[Any]) -> Callable[[int], codec.Codec[Any]]:
    return lambda _size: value


ELEMENTARY: dict[str, ElementaryCodec] = {
    "uint": ElementaryCodec("uint", True, codec.uint),
    "int": ElementaryCodec("int_", True, codec.int_),
    "fixed_bytes": ElementaryCodec("fixed_bytes", True, codec.fixed_bytes),
    "address": ElementaryCodec("ADDRESS", False, _constant(codec.ADDRESS)),
    "bool": ElementaryCodec("BOOL", False, _constant(codec.BOOL)),
    "bytes": ElementaryCodec("BYTES", False, _constant(codec.BYTES)),
    "string": ElementaryCodec("STRING", False, _constant(codec.STRING)),
    "function": ElementaryCodec("FUNCTION", False, _constant(codec.FUNCTION)),
}


def codec_source(abi_type: Elementary) -> str:
    """The codec of an elementary type as an expression on abigen.runtime.codec: `uint(256)`."""
    entry = ELEMENTARY[abi_type.kind]
    return f"{entry.name}({abi_type.size})" if entry.sized else entry.name


def codec_for(abi_type: AbiType) -> codec.Codec[Any]:
    """The codec of any ABI type; tuples decode to plain tuples."""
    if isinstance(abi_type, Elementary):
        return ELEMENTARY[abi_type.kind].make(abi_type.size)
    if isinstance(abi_type, Array):
        return codec.array(codec_for(abi_type.item), abi_type.length)
    return codec.tuple_(
        [codec_for(c.type) for c in abi_type.components], [c.name for c in abi_type.components]
    )


def params_codec(
    params: Sequence[Param], factory: Callable[..., Any] | None = None, *, positional: bool = False
) -> codec.Codec[Any]:
    """The tuple of a parameter list (arguments, outputs, event data); errors name each one,
    an unnamed one by its position: `[1]`, or with `positional`, `arg1` as bindings call it."""
    codecs = [codec_for(p.type) for p in params]
    names = [p.name or (f"arg{i}" if positional else "") for i, p in enumerate(params)]
    if factory is None:
        return codec.tuple_(codecs, names)
    return codec.tuple_(codecs, names, factory)
