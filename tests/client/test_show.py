"""Decoded values -> exact JSON, one-line readable text, and aligned tables."""

from __future__ import annotations

import enum
import json
from typing import NamedTuple, cast

import pytest

from abigen.client.show import human, outputs_to_json, table, to_json
from abigen.runtime.abi.types import (
    AbiType,
    Array,
    Component,
    Tuple,
    parse_elementary,
    split_array_suffixes,
    wrap_arrays,
)

ADDR = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


def ty(text: str) -> AbiType:
    base, dims = split_array_suffixes(text)
    return wrap_arrays(parse_elementary(base), dims)


POINT = Tuple((Component("x", ty("uint256")), Component("y", ty("int8"))), "Point")
PAIR = Tuple((Component("", ty("address")), Component("", ty("bool"))))
MIXED = Tuple((Component("id", ty("uint8")), Component("", ty("string"))))


class Point(NamedTuple):  # what a generated binding's struct factory returns
    x: int
    y: int


class Color(enum.IntEnum):
    RED = 2


# --- to_json ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_text", "value", "expected"),
    [
        ("uint256", 2**256 - 1, 2**256 - 1),
        ("int8", -128, -128),
        ("uint8", Color.RED, 2),
        ("address", ADDR, ADDR),
        ("address", bytes.fromhex(ADDR[2:]), ADDR),
        ("bool", True, True),
        ("bool", False, False),
        ("bytes4", b"\xde\xad\xbe\xef", "0xdeadbeef"),
        ("bytes", b"", "0x"),
        ("bytes", bytearray(b"\xab"), "0xab"),
        ("function", b"\x01" * 24, "0x" + "01" * 24),
        ("string", 'say "hi"', 'say "hi"'),
        ("uint256[]", [], []),
        ("uint256[2][]", [[1, 2], [3, 4]], [[1, 2], [3, 4]]),
        ("bytes2[]", (b"\x00\x01",), ["0x0001"]),
    ],
)
def test_to_json(type_text: str, value: object, expected: object) -> None:
    result = to_json(ty(type_text), value)
    assert result == expected
    assert type(result) is type(expected)


def test_to_json_tuples() -> None:
    assert to_json(POINT, (1, -2)) == {"x": 1, "y": -2}
    assert to_json(POINT, Point(1, -2)) == {"x": 1, "y": -2}
    assert to_json(PAIR, (ADDR, True)) == [ADDR, True]
    assert to_json(MIXED, (1, "a")) == [1, "a"]  # keyed only when every field has a name
    assert to_json(Array(POINT, None), [Point(1, 2), (3, 4)]) == [
        {"x": 1, "y": 2},
        {"x": 3, "y": 4},
    ]
    assert to_json(Tuple(()), ()) == []


def test_json_text_is_exact() -> None:
    """json.dumps of the result: integers are exact JSON numbers, never floats or strings."""
    abi_type = Tuple((Component("big", ty("uint256")), Component("data", ty("bytes"))))
    text = json.dumps(to_json(abi_type, (2**256 - 1, b"\x00\xff")))
    assert text == f'{{"big": {2**256 - 1}, "data": "0x00ff"}}'


@pytest.mark.parametrize(
    ("abi_type", "value", "message"),
    [
        (ty("uint8"), True, "uint8: unexpected bool True"),
        (ty("uint8"), "1", "uint8: unexpected str '1'"),
        (ty("bool"), 1, "bool: unexpected int 1"),
        (ty("bytes"), "0x00", "bytes: unexpected str '0x00'"),
        (ty("address"), b"\x00", "address: unexpected bytes b'\\x00'"),
        (ty("uint8[]"), "ab", "uint8[]: expected a sequence, got str"),
        (ty("uint8[2]"), [1], "uint8[2]: expected 2 items, got 1"),
        (POINT, 1, "(uint256,int8): expected a tuple, got int"),
        (POINT, (1,), "(uint256,int8): expected 2 fields, got 1"),
    ],
)
def test_to_json_rejects_what_the_codec_never_decodes(
    abi_type: AbiType, value: object, message: str
) -> None:
    with pytest.raises(TypeError) as info:
        to_json(abi_type, value)
    assert str(info.value) == message


# --- outputs_to_json --------------------------------------------------------------------------


def test_one_unnamed_output_is_bare() -> None:
    assert outputs_to_json([("", ty("uint256"))], (5,)) == 5
    assert outputs_to_json([("", POINT)], (Point(1, 2),)) == {"x": 1, "y": 2}


def test_named_or_several_outputs_are_an_object() -> None:
    assert outputs_to_json([("balance", ty("uint256"))], (5,)) == {"balance": 5}
    params = [("", ty("uint256")), ("owner", ty("address")), ("", ty("bytes1"))]
    result = outputs_to_json(params, (1, ADDR, b"\x07"))
    assert isinstance(result, dict)
    assert result == {"0": 1, "owner": ADDR, "2": "0x07"}
    assert list(cast("dict[str, object]", result)) == ["0", "owner", "2"]  # parameter order


def test_no_outputs_is_null() -> None:
    assert outputs_to_json([], ()) is None


def test_outputs_count_mismatch() -> None:
    with pytest.raises(ValueError, match=r"^1 values for 2 outputs$"):
        outputs_to_json([("a", ty("bool")), ("b", ty("bool"))], (True,))


# --- human ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("abi_type", "value", "expected"),
    [
        (ty("uint256"), 10**18, "1000000000000000000"),
        (ty("int8"), -5, "-5"),
        (ty("address"), ADDR, ADDR),
        (ty("bool"), True, "true"),
        (ty("bool"), False, "false"),
        (ty("bytes4"), b"\xde\xad\xbe\xef", "0xdeadbeef"),
        (ty("bytes"), b"", "0x"),
        (ty("string"), "hello world", '"hello world"'),
        (ty("string"), 'a "b"\n\x1b[31m', '"a \\"b\\"\\n\\u001b[31m"'),  # no terminal escapes
        (ty("string"), "ünï ✓", '"ünï ✓"'),
        (ty("uint8[]"), [1, 2, 3], "[1, 2, 3]"),
        (ty("uint8[]"), [], "[]"),
        (ty("string[2]"), ["a", "b"], '["a", "b"]'),
        (ty("uint256[2][]"), [[1, 2], [3, 4]], "[[1, 2], [3, 4]]"),
        (POINT, Point(1, -2), "(x=1, y=-2)"),
        (PAIR, (ADDR, False), f"({ADDR}, false)"),
        (MIXED, (7, "x"), '(id=7, "x")'),
        (Array(POINT, None), [(1, 2), (3, 4)], "[(x=1, y=2), (x=3, y=4)]"),
        (Tuple(()), (), "()"),
    ],
)
def test_human(abi_type: AbiType, value: object, expected: str) -> None:
    assert human(abi_type, value) == expected


# --- table ------------------------------------------------------------------------------------


def test_table() -> None:
    text = table(
        ["block", "event", "args"],
        [["12", "Transfer", "from=0x1, value=5"], ["1000", "Approval", ""]],
    )
    assert text == (
        "block  event     args\n"
        "-----  --------  -----------------\n"
        "12     Transfer  from=0x1, value=5\n"
        "1000   Approval"
    )
    assert all(line == line.rstrip() for line in text.splitlines())


def test_table_without_rows() -> None:
    assert table(["name", "selector"], []) == "name  selector\n----  --------"


def test_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError, match=r"^a row of 1 cells under 2 headers$"):
        table(["a", "b"], [["x"]])
