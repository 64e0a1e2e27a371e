"""How generated value classes show: bytes as 0x-hex in reprs and error messages.

A bytes32 as b'\\x00\\x12...' says little; the same value as 0x0012... reads like what
explorers, nodes and Solidity tooling print. Values themselves stay plain bytes.
"""

from __future__ import annotations

import dataclasses
from typing import Any, cast


def show(value: object) -> str:
    """repr(), except that bytes (also inside lists and plain tuples) read as 0x-hex."""
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if type(value) is list:
        return "[" + ", ".join(map(show, cast("list[object]", value))) + "]"
    if type(value) is tuple:
        items = cast("tuple[object, ...]", value)
        return "(" + ", ".join(map(show, items)) + ("," if len(items) == 1 else "") + ")"
    return repr(value)  # a struct shows its own bytes fields, through its own __repr__


def tuple_repr(value: tuple[Any, ...]) -> str:
    """__repr__ of a generated NamedTuple that holds bytes: ``Name(field=0x.., ...)``."""
    fields = cast("tuple[str, ...]", getattr(type(value), "_fields", ()))
    shown = ", ".join(f"{name}={show(item)}" for name, item in zip(fields, value, strict=False))
    return f"{type(value).__name__}({shown})"


def dataclass_repr(value: object) -> str:
    """__repr__ of a generated event dataclass: the fields it shows, bytes as 0x-hex."""
    fields = dataclasses.fields(cast("Any", value))
    shown = ", ".join(f"{f.name}={show(getattr(value, f.name))}" for f in fields if f.repr)
    return f"{type(value).__qualname__}({shown})"
