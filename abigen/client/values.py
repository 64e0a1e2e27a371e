"""Command-line text -> the Python values the runtime codec accepts, by ABI type.

Text parsing only: whether a value fits its type (an integer's range, a bytesN's size, a
fixed array's length, an address's EIP-55 checksum) is the codec's to say, when the value
is encoded, in an error that names the function and the argument.

Integers: decimal, 0x-hex, ``_`` between digits, scientific notation (``1e18``) and unit
suffixes (``1.5ether``, ``20 gwei``), always exact: integer arithmetic, never float.
Addresses: as given (the codec checks them). ``bytesN``/``bytes``: 0x-hex (kept as
text, lower-case). Bools:
true/false, 1/0, yes/no. Strings: verbatim. Arrays and tuples: JSON, each element parsed
again by its type.

Every failure is an ArgumentError whose one-line message names where the value is and its
type: ``pairs[1][0] (uint256): 2.5 is not a whole number``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, cast

from abigen.runtime.abi.types import AbiType, Array, Component, Elementary, Tuple

__all__ = ["ArgumentError", "parse_arguments", "parse_value"]


class ArgumentError(ValueError):
    """A command-line value does not fit its ABI type; one line naming the value and the type."""


class _Invalid(Exception):
    """A leaf parser's complaint; the caller adds the path and the type."""


def parse_value(abi_type: AbiType, text: str, *, name: str) -> object:
    """The value ``text`` gives for ``abi_type``; ``name`` starts the path in error messages."""
    path = name or "value"
    if isinstance(abi_type, Elementary):
        return _leaf(abi_type, text, path)
    try:
        document: object = json.loads(
            text,
            parse_float=Decimal,  # exact: 1.5e18 must not go through a float
            parse_int=int,
            parse_constant=_no_constant,
            object_pairs_hook=_unique_keys,
        )
    except ValueError as err:
        example = "{...} or [...]" if isinstance(abi_type, Tuple) else "[1, 2]"
        raise _error(path, abi_type, f"invalid JSON ({err}); write it as JSON: {example}") from None
    return _from_json(abi_type, document, path)


def parse_arguments(
    params: Sequence[tuple[str, AbiType]], texts: Sequence[str]
) -> tuple[object, ...]:
    """One value per parameter; unnamed parameters are called arg0, arg1... in messages."""
    if len(texts) != len(params):
        if not params:
            raise ArgumentError(f"expected no arguments, got {len(texts)}")
        expected = f"{len(params)} argument{'s' if len(params) > 1 else ''}"
        raise ArgumentError(f"expected {expected} ({_signature(params)}), got {len(texts)}")
    return tuple(
        parse_value(abi_type, text, name=name or f"arg{position}")
        for position, ((name, abi_type), text) in enumerate(zip(params, texts, strict=True))
    )


def _signature(params: Sequence[tuple[str, AbiType]]) -> str:
    return ", ".join(f"{abi_type.canonical} {name}".rstrip() for name, abi_type in params)


def _error(path: str, abi_type: AbiType, detail: str) -> ArgumentError:
    return ArgumentError(f"{path} ({abi_type.canonical}): {detail}")


# --- Composite values, from JSON --------------------------------------------------------------


def _no_constant(constant: str) -> object:
    raise ValueError(f"{constant} is not a number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would silently keep the last of two equal keys: a typo'd field must fail.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _from_json(abi_type: AbiType, item: object, path: str) -> object:
    if isinstance(abi_type, Array):
        return _array(abi_type, item, path)
    if isinstance(abi_type, Tuple):
        return _tuple(abi_type, item, path)
    if isinstance(item, str):
        return _leaf(abi_type, item, path)  # every leaf accepts its command-line text form
    is_number = isinstance(item, int | Decimal) and not isinstance(item, bool)
    if abi_type.kind in ("uint", "int") and is_number:
        return _leaf_call(_json_integer, abi_type, item, path)
    if abi_type.kind == "bool" and isinstance(item, bool):
        return item
    raise _error(path, abi_type, f"expected {_EXPECTED[abi_type.kind]}, got {_json_kind(item)}")


_EXPECTED = {
    "uint": "an integer (a JSON number or string)",
    "int": "an integer (a JSON number or string)",
    "address": "an address string",
    "bool": "true or false",
    "fixed_bytes": "a 0x-hex string",
    "bytes": "a 0x-hex string",
    "function": "a 0x-hex string",
    "string": "a JSON string",
}


def _json_kind(item: object) -> str:
    if item is None:
        return "null"
    if isinstance(item, bool):
        return "a bool"
    if isinstance(item, int | Decimal):
        return "a number"
    if isinstance(item, str):
        return "a string"
    return "an array" if isinstance(item, list) else "an object"


def _array(abi_type: Array, item: object, path: str) -> list[object]:
    if not isinstance(item, list):
        raise _error(path, abi_type, f"expected a JSON array, got {_json_kind(item)}")
    items = cast("list[object]", item)
    return [_from_json(abi_type.item, x, f"{path}[{i}]") for i, x in enumerate(items)]


def _tuple(abi_type: Tuple, item: object, path: str) -> tuple[object, ...]:
    components = abi_type.components
    if isinstance(item, dict):
        items = _fields_by_name(abi_type, cast("dict[str, object]", item), path)
    elif isinstance(item, list):
        items = cast("list[object]", item)
        if len(items) != len(components):
            fields = _signature([(c.name, c.type) for c in components])
            detail = f"expected {len(components)} components ({fields}), got {len(items)}"
            raise _error(path, abi_type, detail)
    else:
        detail = f"expected a JSON array or object, got {_json_kind(item)}"
        raise _error(path, abi_type, detail)
    return tuple(
        _from_json(c.type, x, _field_path(path, c, i))
        for i, (c, x) in enumerate(zip(components, items, strict=True))
    )


def _field_path(path: str, component: Component, position: int) -> str:
    return f"{path}.{component.name}" if component.name else f"{path}[{position}]"


def _fields_by_name(abi_type: Tuple, fields: dict[str, object], path: str) -> list[object]:
    names = [c.name for c in abi_type.components]
    if not all(names):
        raise _error(path, abi_type, "has unnamed components: write it as a JSON array")
    unknown = [key for key in fields if key not in names]
    if unknown:
        detail = f"unknown field {unknown[0]!r} (fields: {', '.join(names)})"
        raise _error(path, abi_type, detail)
    missing = [name for name in names if name not in fields]
    if missing:
        raise _error(path, abi_type, f"missing field {missing[0]!r}")
    return [fields[name] for name in names]


# --- Elementary values ------------------------------------------------------------------------


def _leaf(abi_type: Elementary, text: str, path: str) -> object:
    return _leaf_call(_PARSERS[abi_type.kind], abi_type, text, path)


def _leaf_call(
    parse: Callable[[Elementary, Any], object], abi_type: Elementary, item: object, path: str
) -> object:
    try:
        return parse(abi_type, item)
    except _Invalid as err:
        raise _error(path, abi_type, str(err)) from None


def _shown(text: str) -> str:
    """``text`` as quoted in a message: a pasted 10 kB value must not flood the terminal."""
    return text if len(text) <= 70 else text[:67] + "..."


def _quoted(text: str) -> str:
    return repr(_shown(text))


# Digits with `_` only between two digits, as in Python, except that `0x_ff` is rejected: the
# underscore separates digits, and `0x` is a prefix, not a digit.
_DIGITS = r"[0-9]+(?:_[0-9]+)*"
_HEX_INTEGER_RE = re.compile(r"(?P<sign>[+-]?)0[xX](?P<digits>[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)")
_DECIMAL_RE = re.compile(
    rf"(?P<sign>[+-]?)(?P<whole>{_DIGITS})(?:\.(?P<fraction>{_DIGITS}))?"
    r"(?:[eE](?P<exponent>[+-]?[0-9]+))?(?:\s*(?P<unit>[a-zA-Z]+))?",
    re.ASCII,  # \s and [0-9] only: int() would also take other scripts' digits
)
_UNITS = {
    "wei": 0,
    "kwei": 3,
    "mwei": 6,
    "gwei": 9,
    "szabo": 12,
    "finney": 15,
    "ether": 18,
    "eth": 18,
}
_INTEGER_FORMS = "decimal, 0x-hex, 1e18, or with a unit: 1.5ether, 20gwei"
# More digits than any uint256/int256 has (2**256 has 78): beyond this, only "too large" matters.
_MAX_DIGITS = 80
# Every ABI integer type lies within these bounds: a number outside fits none of them.
_LOWEST, _HIGHEST = -(1 << 255), (1 << 256) - 1


def _integer(abi_type: Elementary, text: str) -> int:
    text = text.strip()
    return _in_range(abi_type, _integer_value(text), text)


def _json_integer(abi_type: Elementary, number: int | Decimal) -> int:
    if isinstance(number, int):
        return _in_range(abi_type, number, str(number))
    sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity: parse_constant already refuses them
        raise _Invalid(f"{number} is not a number")
    value = _scaled(sign == 1, "".join(map(str, digits)), exponent)
    if value is None:
        raise _Invalid(f"{number} is not a whole number")
    return _in_range(abi_type, value, str(number))


def _integer_value(text: str) -> int:
    hex_match = _HEX_INTEGER_RE.fullmatch(text)
    if hex_match is not None:
        magnitude = int(hex_match["digits"].replace("_", ""), 16)
        return -magnitude if hex_match["sign"] == "-" else magnitude
    match = _DECIMAL_RE.fullmatch(text)
    if match is None or text.lstrip("+-")[:2] in ("0x", "0X"):  # not "0" with a unit "x..."
        raise _Invalid(f"{_quoted(text)} is not an integer ({_INTEGER_FORMS})")
    unit: str | None = match["unit"]
    decimals = 0 if unit is None else _UNITS.get(unit.lower())
    if decimals is None:
        raise _Invalid(f"{_quoted(text)} has an unknown unit {unit!r} ({', '.join(_UNITS)})")
    whole = match["whole"].replace("_", "")
    fraction = (match["fraction"] or "").replace("_", "")
    scale = _exponent(match["exponent"]) + decimals - len(fraction)
    value = _scaled(match["sign"] == "-", whole + fraction, scale)
    if value is None:
        raise _Invalid(f"{_shown(text)} is not a whole number{'' if unit is None else ' of wei'}")
    return value


def _exponent(text: str | None) -> int:
    if text is None:
        return 0
    # Clamped, so 1e99999999999 is "too large" rather than a 10**99999999999 computation.
    digits = text.lstrip("+-").lstrip("0") or "0"
    magnitude = int(digits) if len(digits) <= 6 else 10**6
    return -magnitude if text.startswith("-") else magnitude


def _scaled(negative: bool, digits: str, scale: int) -> int | None:
    """``±int(digits) * 10**scale`` exactly, or None if that is not an integer."""
    significant = digits.lstrip("0").rstrip("0")
    if not significant:
        return 0
    scale += len(digits.lstrip("0")) - len(significant)  # the trailing zeros stripped
    if scale < 0:  # the last significant digit is not zero, so a fraction remains
        return None
    if len(significant) + scale > _MAX_DIGITS:
        significant, scale = "1", _MAX_DIGITS  # still out of every type's range, and cheap
    magnitude = int(significant + "0" * scale)
    return -magnitude if negative else magnitude


def _in_range(abi_type: Elementary, value: int, shown: str) -> int:
    # Only what no ABI integer can hold (an 80-digit stand-in may be behind it): the type's
    # own range is the codec's to check.
    if _LOWEST <= value <= _HIGHEST:
        return value
    raise _Invalid(f"{_shown(shown)} is beyond any ABI integer (-2**255 to 2**256-1)")


def _address(abi_type: Elementary, text: str) -> str:
    return text.strip()  # its form and checksum are the codec's to check


_BOOLS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def _bool(abi_type: Elementary, text: str) -> bool:
    value = _BOOLS.get(text.strip().lower())
    if value is None:
        raise _Invalid(f"{_quoted(text)} is not a bool (true/false, 1/0, yes/no)")
    return value


_HEX_DATA_RE = re.compile(r"0[xX]([0-9a-fA-F]*)")


def _bytes(abi_type: Elementary, text: str) -> str:
    text = text.strip()
    match = _HEX_DATA_RE.fullmatch(text)
    if match is None:
        raise _Invalid(f"{_quoted(text)} is not 0x-prefixed hex")
    digits = match[1]
    if len(digits) % 2:
        raise _Invalid(f"{_shown(text)} has an odd number of hex digits")
    # As 0x-hex text, which the codec takes: its errors then show the value as it was typed.
    # A bytesN's size is the codec's to check.
    return "0x" + digits.lower()


def _string(abi_type: Elementary, text: str) -> str:
    return text  # verbatim: spaces and all are part of the value


_PARSERS: dict[str, Callable[[Elementary, str], object]] = {
    "uint": _integer,
    "int": _integer,
    "address": _address,
    "bool": _bool,
    "fixed_bytes": _bytes,
    "bytes": _bytes,
    "function": _bytes,
    "string": _string,
}
