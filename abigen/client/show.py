"""Decoded values -> exact JSON-ready data, readable one-line text, and plain text tables.

Values are what the runtime codec decodes: int, checksum str, bool, bytes, str, a list per
array and a tuple (or NamedTuple) per tuple.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import cast

from abigen.runtime.abi.types import AbiType, Array, Elementary, Tuple
from abigen.runtime.address import to_checksum_address

__all__ = ["human", "outputs_to_json", "table", "to_json"]


def to_json(abi_type: AbiType, value: object) -> object:
    """JSON-ready: ints stay ints (json.dumps writes exact numbers), bytes become 0x-hex,
    arrays lists, tuples objects keyed by field name when every field is named, else lists."""
    if isinstance(abi_type, Array):
        return [to_json(abi_type.item, item) for item in _items(abi_type, value)]
    if isinstance(abi_type, Tuple):
        items = _fields(abi_type, value)
        values = [to_json(c.type, item) for c, item in zip(abi_type.components, items, strict=True)]
        names = [c.name for c in abi_type.components]
        return dict(zip(names, values, strict=True)) if names and all(names) else values
    return _elementary(abi_type, value)


def outputs_to_json(params: Sequence[tuple[str, AbiType]], values: Sequence[object]) -> object:
    """A function's return values: one unnamed output is the bare value; several or named ones
    an object keyed by name, or by position ("0", "1"...) for unnamed ones; none is null."""
    if len(values) != len(params):
        raise ValueError(f"{len(values)} values for {len(params)} outputs")
    if not params:
        return None
    if len(params) == 1 and not params[0][0]:
        return to_json(params[0][1], values[0])
    return {
        name or str(position): to_json(abi_type, value)
        for position, ((name, abi_type), value) in enumerate(zip(params, values, strict=True))
    }


def human(abi_type: AbiType, value: object) -> str:
    """One readable line: ``42``, ``0xab..``, ``"text"``, ``[1, 2]``, ``(x=1, y=2)``."""
    if isinstance(abi_type, Array):
        items = _items(abi_type, value)
        return "[" + ", ".join(human(abi_type.item, item) for item in items) + "]"
    if isinstance(abi_type, Tuple):
        items = _fields(abi_type, value)
        parts = (
            f"{c.name}={human(c.type, item)}" if c.name else human(c.type, item)
            for c, item in zip(abi_type.components, items, strict=True)
        )
        return "(" + ", ".join(parts) + ")"
    if abi_type.kind == "string":
        # Quoted and escaped: a string's spaces, quotes and control characters stay visible.
        return json.dumps(_elementary(abi_type, value), ensure_ascii=False)
    shown = _elementary(abi_type, value)
    if isinstance(shown, bool):
        return "true" if shown else "false"  # Solidity's spelling, not Python's
    return str(shown)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart, a rule of dashes under the headers."""
    widths = [len(header) for header in headers]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"a row of {len(row)} cells under {len(headers)} headers")
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    rule = ["-" * width for width in widths]
    return "\n".join(_line(cells, widths) for cells in (headers, rule, *rows))


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _items(abi_type: Array, value: object) -> Sequence[object]:
    if not isinstance(value, Sequence) or isinstance(value, str | bytes):
        raise TypeError(f"{abi_type.canonical}: expected a sequence, got {type(value).__name__}")
    items = cast("Sequence[object]", value)
    if abi_type.length is not None and len(items) != abi_type.length:
        raise TypeError(f"{abi_type.canonical}: expected {abi_type.length} items, got {len(items)}")
    return items


def _fields(abi_type: Tuple, value: object) -> Sequence[object]:
    # Decoded structs are plain tuples or NamedTuples: positional either way.
    if not isinstance(value, Sequence) or isinstance(value, str | bytes):
        raise TypeError(f"{abi_type.canonical}: expected a tuple, got {type(value).__name__}")
    items = cast("Sequence[object]", value)
    if len(items) != len(abi_type.components):
        detail = f"expected {len(abi_type.components)} fields, got {len(items)}"
        raise TypeError(f"{abi_type.canonical}: {detail}")
    return items


def _elementary(abi_type: Elementary, value: object) -> object:
    kind = abi_type.kind
    if kind in ("uint", "int") and isinstance(value, int) and not isinstance(value, bool):
        return int(value)  # an IntEnum becomes a plain int
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind in ("fixed_bytes", "bytes", "function") and isinstance(value, bytes | bytearray):
        return "0x" + value.hex()
    if kind == "address" and isinstance(value, bytes) and len(value) == 20:
        return str(to_checksum_address(value))
    if kind in ("address", "string") and isinstance(value, str):
        return value
    raise TypeError(f"{abi_type.canonical}: unexpected {type(value).__name__} {value!r:.60}")
