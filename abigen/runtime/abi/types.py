"""ABI types as a small sum type: elementary, array, tuple.

Parsed once from the ABI's type strings; everything downstream (signatures, codecs,
annotations) is derived from these values, never from the strings again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TypeAlias


class AbiTypeError(ValueError):
    """A type string or its components are not a valid ABI type."""


@dataclass(frozen=True)
class Elementary:
    """uint<N>, int<N>, address, bool, bytes<N>, bytes, string, function."""

    kind: (
        str  # "uint" | "int" | "address" | "bool" | "fixed_bytes" | "bytes" | "string" | "function"
    )
    size: int = 0  # bits for uint/int, bytes for fixed_bytes, else 0

    @property
    def canonical(self) -> str:
        if self.kind in ("uint", "int"):
            return f"{self.kind}{self.size}"
        if self.kind == "fixed_bytes":
            return f"bytes{self.size}"
        return self.kind

    @property
    def is_dynamic(self) -> bool:
        return self.kind in ("bytes", "string")


@dataclass(frozen=True)
class Array:
    item: AbiType
    length: int | None  # None: dynamic T[]

    @property
    def canonical(self) -> str:
        return f"{self.item.canonical}[{'' if self.length is None else self.length}]"

    @property
    def is_dynamic(self) -> bool:
        return self.length is None or self.item.is_dynamic


@dataclass(frozen=True)
class Component:
    """A named member of a tuple (struct field)."""

    name: str
    type: AbiType
    internal_type: str | None = None


@dataclass(frozen=True)
class Tuple:
    components: tuple[Component, ...]
    # The Solidity struct behind the tuple, from internalType ("struct Token.Point" -> "Token.Point").
    struct_name: str | None = None

    @property
    def canonical(self) -> str:
        return "(" + ",".join(c.type.canonical for c in self.components) + ")"

    @property
    def is_dynamic(self) -> bool:
        return any(c.type.is_dynamic for c in self.components)


AbiType: TypeAlias = "Elementary | Array | Tuple"

# How deeply array dimensions and tuples may nest, counted together: `uint8[2][]` is 2 deep, a
# struct holding a `uint8[]` is 2. solc accepts deeper types, but real contracts stay below 10;
# this is far above that and far below what would exhaust Python's recursion or its parser's
# nesting limit (200 brackets) in generated code.
MAX_NESTING = 32
# No array length has more digits than 2**256-1 (78); int() refuses over 4,300 digits anyway.
_MAX_LENGTH_DIGITS = 78

_ELEMENTARY_RE = re.compile(r"(uint|int|bytes)(\d*)|address|bool|string|function")
_ARRAY_SUFFIX_RE = re.compile(r"\[(\d*)\]")


@cache  # a handful of distinct type strings recur thousands of times in a large run
def parse_elementary(text: str) -> Elementary:
    match = _ELEMENTARY_RE.fullmatch(text)
    if match is None:
        raise AbiTypeError(f"unknown ABI type {short_text(text)}")
    base, digits = match.group(1), match.group(2)
    if base is None:
        return Elementary(text)
    if base == "bytes" and not digits:
        return Elementary("bytes")
    if base in ("uint", "int") and not digits:
        return Elementary(base, 256)  # "uint" is an alias of uint256
    size = int(digits)
    if base == "bytes":
        if not 1 <= size <= 32 or digits != str(size):
            raise AbiTypeError(f"unknown ABI type {text!r}: bytesN needs 1 <= N <= 32")
        return Elementary("fixed_bytes", size)
    if size % 8 or not 8 <= size <= 256 or digits != str(size):
        raise AbiTypeError(f"unknown ABI type {text!r}: {base}N needs N in 8..256, a multiple of 8")
    return Elementary(base, size)


def split_array_suffixes(text: str) -> tuple[str, list[int | None]]:
    """'uint8[2][]' -> ('uint8', [2, None]): suffixes in source order, innermost first."""
    start = text.find("[")
    if start < 0:
        return text, []
    base, rest = text[:start], text[start:]
    if rest.count("[") > MAX_NESTING:
        raise AbiTypeError(
            f"type {short_text(text)} nests arrays more than {MAX_NESTING} levels deep"
        )
    dims: list[int | None] = []
    pos = 0
    while pos < len(rest):
        match = _ARRAY_SUFFIX_RE.match(rest, pos)
        if match is None:
            raise AbiTypeError(f"malformed array type {short_text(text)}")
        digits = match.group(1)
        if len(digits) > _MAX_LENGTH_DIGITS or (digits and int(digits) >= 2**256):
            raise AbiTypeError(f"array type {short_text(text)}: length is not a uint256")
        if digits and (int(digits) == 0 or digits != str(int(digits))):
            raise AbiTypeError(
                f"malformed array type {short_text(text)}: fixed length must be positive"
            )
        dims.append(int(digits) if digits else None)
        pos = match.end()
    return base, dims


def short_text(text: str) -> str:
    """A type string for an error message: at most ~80 characters, whatever its length."""
    return repr(text) if len(text) <= 80 else f"{text[:60]!r}... ({len(text)} characters)"


def wrap_arrays(item: AbiType, dims: list[int | None]) -> AbiType:
    # T[2][] is a dynamic array of T[2]: the last suffix is the outermost dimension.
    for length in dims:
        item = Array(item, length)
    return item


def struct_name_of(internal_type: str | None) -> str | None:
    """'struct Lib.Point[][2]' -> 'Lib.Point'; anything that is not a struct -> None."""
    if not internal_type or not internal_type.startswith("struct "):
        return None
    name = internal_type[len("struct ") :]
    bracket = name.find("[")
    name = name if bracket < 0 else name[:bracket]
    # internalType is informational: a malformed one just loses its name, never reaches code.
    if all(part.isascii() and part.isidentifier() for part in name.split(".")):
        return name
    return None


def stored_as_hash(abi_type: AbiType) -> bool:
    """Indexed event arguments of these types are kept as the keccak of their value."""
    return isinstance(abi_type, Array | Tuple) or abi_type.is_dynamic
