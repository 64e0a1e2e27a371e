"""Command-line text -> values by ABI type: every accepted form, exact results, exact errors,
and the round trip through the runtime codec and back to JSON."""

from __future__ import annotations

import subprocess
import sys

import pytest

from abigen.client.show import to_json
from abigen.client.values import ArgumentError, parse_arguments, parse_value
from abigen.runtime import codec as C
from abigen.runtime.abi.codecs import codec_for, params_codec
from abigen.runtime.abi.model import Param
from abigen.runtime.abi.types import (
    AbiType,
    Array,
    Component,
    Tuple,
    parse_elementary,
    split_array_suffixes,
    wrap_arrays,
)

ADDR = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"  # EIP-55's own example
ADDR_LOWER = ADDR.lower()
ZERO = "0x" + "0" * 40


def ty(text: str) -> AbiType:
    """An elementary type or an array of one: 'uint256[2][]'."""
    base, dims = split_array_suffixes(text)
    return wrap_arrays(parse_elementary(base), dims)


def struct(**fields: str | AbiType) -> Tuple:
    return Tuple(tuple(Component(k, ty(v) if isinstance(v, str) else v) for k, v in fields.items()))


POINT = struct(x="uint256", y="int8")
PAIR = Tuple((Component("", ty("address")), Component("", ty("uint256"))))


def parse(type_text: str | AbiType, text: str, name: str = "v") -> object:
    abi_type = ty(type_text) if isinstance(type_text, str) else type_text
    return parse_value(abi_type, text, name=name)


def error(type_text: str | AbiType, text: str, name: str = "v") -> str:
    """How the CLI refuses `text`: parsing it (ArgumentError), or else the codec encoding the
    parsed value as the argument `name` (range, size, length and checksum are the codec's)."""
    abi_type = ty(type_text) if isinstance(type_text, str) else type_text
    try:
        value = parse_value(abi_type, text, name=name)
    except ArgumentError as exc:
        return str(exc)
    with pytest.raises(C.EncodingError) as info:
        params_codec([Param(name, abi_type)]).encode((value,))
    return str(info.value)


# --- Integers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        (" 42 ", 42),  # shells and pastes bring stray spaces
        ("+7", 7),
        ("1_000", 1000),
        ("1_000_000", 1_000_000),
        ("0x1f", 31),
        ("0X1F", 31),
        ("0xff_ff", 0xFFFF),
        ("1e18", 10**18),
        ("1E18", 10**18),
        ("1e+3", 1000),
        ("7e0", 7),
        ("7e-00", 7),
        ("1e0018", 10**18),
        ("2.5e3", 2500),
        ("1000e-3", 1),
        ("1.5ether", 1_500_000_000_000_000_000),
        ("1.5 ether", 1_500_000_000_000_000_000),
        ("1.5ETHER", 1_500_000_000_000_000_000),
        ("2eth", 2 * 10**18),
        ("20gwei", 20_000_000_000),
        ("20 Gwei", 20_000_000_000),
        ("3wei", 3),
        ("7kwei", 7000),
        ("7mwei", 7_000_000),
        ("1szabo", 10**12),
        ("1finney", 10**15),
        ("1e3gwei", 10**12),
        ("0.000000001ether", 10**9),
        ("1_000.5gwei", 1_000_500_000_000),
        ("0.0ether", 0),
        ("0e999999999999", 0),
        # 2**256-1 written out: exact, no float anywhere.
        (str(2**256 - 1), 2**256 - 1),
        (
            "115792089237316195423570985008687907853269984665640564039457.584007913129639935e18",
            2**256 - 1,
        ),
    ],
)
def test_uint256(text: str, expected: int) -> None:
    value = parse("uint256", text)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-5", -5), ("-128", -128), ("127", 127), ("-0x10", -16), ("-1e2", -100), ("-0", 0)],
)
def test_int8(text: str, expected: int) -> None:
    assert parse("int8", text) == expected


def test_negative_int256_with_unit() -> None:
    assert parse("int256", "-1.5ether") == -1_500_000_000_000_000_000


@pytest.mark.parametrize(
    ("type_text", "text", "message"),
    [
        ("uint8", "300", "amount: expected uint8, got 300: out of range [0, 2**8-1]"),
        ("uint8", "-5", "amount: expected uint8, got -5: out of range [0, 2**8-1]"),
        ("uint8", "0x100", "amount: expected uint8, got 256: out of range [0, 2**8-1]"),
        ("int8", "128", "amount: expected int8, got 128: out of range [-2**7, 2**7-1]"),
        ("int8", "-129", "amount: expected int8, got -129: out of range [-2**7, 2**7-1]"),
        (
            "uint64",
            "1e20",
            "amount: expected uint64, got 100000000000000000000: out of range [0, 2**64-1]",
        ),
        (
            "uint256",
            str(2**256),
            f"amount (uint256): {str(2**256)[:67]}... is beyond any ABI integer (-2**255 to 2**256-1)",
        ),
        (
            "uint256",
            "1e78",
            "amount (uint256): 1e78 is beyond any ABI integer (-2**255 to 2**256-1)",
        ),
        (
            "int256",
            "1e99999999999",
            "amount (int256): 1e99999999999 is beyond any ABI integer (-2**255 to 2**256-1)",
        ),
    ],
)
def test_integer_out_of_range(type_text: str, text: str, message: str) -> None:
    assert error(type_text, text, "amount") == message


FORMS = "(decimal, 0x-hex, 1e18, or with a unit: 1.5ether, 20gwei)"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "2**256",  # no expressions
        "1+1",
        "0x_ff",  # decided: `_` only between digits, and 0x is not a digit
        "0x",
        "1__000",
        "_1",
        "1_",
        "1._5",
        "1.",
        ".5",
        "1e1.5",
        "0x10gwei",  # units are decimal only
        "1gwei_",
        "1 000",
        "١٢",  # Arabic-Indic digits: int() takes them, we do not
        "1.5 ether wei",
        "--1",
        "NaN",
        "inf",
        "true",
    ],
)
def test_not_an_integer(text: str) -> None:
    assert error("uint256", text) == f"v (uint256): {text!r} is not an integer {FORMS}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2.5", "v (uint256): 2.5 is not a whole number"),
        ("15e-1", "v (uint256): 15e-1 is not a whole number"),
        (
            "1.0000000000000000001ether",
            "v (uint256): 1.0000000000000000001ether is not a whole number of wei",
        ),
        ("1.5wei", "v (uint256): 1.5wei is not a whole number of wei"),
    ],
)
def test_not_a_whole_number(text: str, message: str) -> None:
    assert error("uint256", text) == message


@pytest.mark.parametrize(("text", "unit"), [("5 ethers", "ethers"), ("1e", "e"), ("3 Wie", "Wie")])
def test_unknown_unit(text: str, unit: str) -> None:
    assert error("uint256", text) == (
        f"v (uint256): {text!r} has an unknown unit {unit!r} "
        "(wei, kwei, mwei, gwei, szabo, finney, ether, eth)"
    )


def test_huge_inputs_stay_cheap_and_short() -> None:
    nines = "9" * 100_000  # more digits than int() accepts from a str by default
    assert error("uint256", nines) == (
        f"v (uint256): {'9' * 67}... is beyond any ABI integer (-2**255 to 2**256-1)"
    )
    tiny = "0." + "0" * 100_000 + "1"
    assert error("uint256", tiny) == f"v (uint256): {tiny[:67]}... is not a whole number"
    assert parse("uint256", "1" + "0" * 70 + "e-70") == 1


# --- Addresses, bools, bytes, strings ---------------------------------------------------------


def test_address_forms() -> None:
    assert parse("address", ADDR) == ADDR
    assert parse("address", ADDR_LOWER) == ADDR_LOWER  # the codec checks and checksums it
    assert parse("address", "0x" + ADDR[2:].upper()) == "0x" + ADDR[2:].upper()
    assert parse("address", f" {ADDR}\n") == ADDR
    assert C.ADDRESS.coerce(parse("address", ADDR_LOWER)) == ADDR


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            ADDR[:-1] + "D",  # one letter's case flipped
            f"to: expected address, got '{ADDR[:-1]}D': bad checksum",
        ),
        (ADDR[2:], f"to: expected address, got {ADDR[2:]!r}: not 0x followed by 40 hex digits"),
        (
            ADDR[:-1],
            f"to: expected address, got {ADDR[:-1]!r}: not 0x followed by 40 hex digits",
        ),
        (
            ADDR + "0",
            f"to: expected address, got {ADDR + '0'!r}: not 0x followed by 40 hex digits",
        ),
        (
            "0x" + "g" * 40,
            f"to: expected address, got {'0x' + 'g' * 40!r}: not 0x followed by 40 hex digits",
        ),
        (
            "vitalik.eth",
            "to: expected address, got 'vitalik.eth': not 0x followed by 40 hex digits",
        ),
    ],
)
def test_address_errors(text: str, message: str) -> None:
    assert error("address", text, "to") == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("True", True),
        ("1", True),
        ("yes", True),
        ("Yes", True),
        ("false", False),
        ("0", False),
        ("no", False),
        ("NO", False),
    ],
)
def test_bool(text: str, expected: bool) -> None:
    assert parse("bool", text) is expected


@pytest.mark.parametrize("text", ["2", "on", "", "t", "-1"])
def test_bool_errors(text: str) -> None:
    assert (
        error("bool", text, "flag")
        == f"flag (bool): {text!r} is not a bool (true/false, 1/0, yes/no)"
    )


@pytest.mark.parametrize(
    ("type_text", "text", "expected"),
    [
        ("bytes4", "0xdeadbeef", "0xdeadbeef"),
        ("bytes4", "0XDEADBEEF", "0xdeadbeef"),
        ("bytes1", "0x00", "0x00"),
        ("bytes32", "0x" + "AB" * 32, "0x" + "ab" * 32),
        ("bytes", "0x", "0x"),
        ("bytes", "0x0102", "0x0102"),
        ("function", "0x" + "11" * 24, "0x" + "11" * 24),
    ],
)
def test_bytes(type_text: str, text: str, expected: str) -> None:
    """Hex text as the codec takes it (its errors then show what was typed)."""
    assert parse(type_text, text) == expected


@pytest.mark.parametrize(
    ("type_text", "text", "message"),
    [
        ("bytes4", "0xdeadbe", "sel: expected bytes4, got '0xdeadbe': has 3 bytes, need exactly 4"),
        (
            "bytes4",
            "0xdeadbeef00",
            "sel: expected bytes4, got '0xdeadbeef00': has 5 bytes, need exactly 4",
        ),
        ("bytes4", "0x", "sel: expected bytes4, got '0x': has 0 bytes, need exactly 4"),
        ("bytes2", "0x01", "sel: expected bytes2, got '0x01': has 1 bytes, need exactly 2"),
        ("bytes4", "0xdeadbee", "sel (bytes4): 0xdeadbee has an odd number of hex digits"),
        ("bytes", "0xabc", "sel (bytes): 0xabc has an odd number of hex digits"),
        ("bytes", "deadbeef", "sel (bytes): 'deadbeef' is not 0x-prefixed hex"),
        ("bytes", "0xde ad", "sel (bytes): '0xde ad' is not 0x-prefixed hex"),
        ("bytes", "0xzz", "sel (bytes): '0xzz' is not 0x-prefixed hex"),
        ("function", "0x11", "sel: expected function, got '0x11': has 1 bytes, need exactly 24"),
    ],
)
def test_bytes_errors(type_text: str, text: str, message: str) -> None:
    assert error(type_text, text, "sel") == message


@pytest.mark.parametrize("text", ["", " padded ", "1e18", "0x12", "[1, 2]", "ünïcode ✓", "a\nb"])
def test_string_is_verbatim(text: str) -> None:
    assert parse("string", text) == text


# --- Arrays and tuples, as JSON ---------------------------------------------------------------


def test_arrays() -> None:
    assert parse("uint256[]", "[1, 2, 3]") == [1, 2, 3]
    assert parse("uint256[]", "[]") == []
    assert parse("uint256[3]", '[1, "0x2", "3gwei"]') == [1, 2, 3 * 10**9]
    assert parse("uint256[]", '["1e18", 2]') == [10**18, 2]
    assert parse("address[]", f'["{ADDR_LOWER}", "{ZERO}"]') == [ADDR_LOWER, ZERO]
    assert parse("bytes2[]", '["0x0102"]') == ["0x0102"]
    assert parse("string[]", '["a", " b ", ""]') == ["a", " b ", ""]
    assert parse("bool[]", '[true, "no", false, "1"]') == [True, False, False, True]
    assert parse("int8[]", "[-1, -128]") == [-1, -128]


def test_json_numbers_are_exact() -> None:
    big = 2**256 - 1
    assert parse("uint256[]", f"[{big}, {big}.0, 1.5e18, 2.50e1, 1E+3]") == [
        big,
        big,
        1_500_000_000_000_000_000,
        25,
        1000,
    ]
    # 12345678901234567891 is not a float: a float round trip would change the last digits.
    assert parse("uint256[]", "[1234567890123456789.1e1]") == [12345678901234567891]


def test_nested_arrays_keep_dimension_order() -> None:
    # uint256[2][] is a dynamic list of pairs (the last suffix is the outermost dimension).
    assert parse("uint256[2][]", "[[1, 2], [3, 4], [5, 6]]") == [[1, 2], [3, 4], [5, 6]]
    assert parse("uint8[][2]", "[[1], [2, 3, 4]]") == [[1], [2, 3, 4]]
    assert error("uint256[2][]", "[[1, 2, 3]]", "pairs") == (
        "pairs[0]: expected uint256[2], got [1, 2, 3]: has length 3, need exactly 2"
    )
    assert error("uint8[][2]", "[[1], [2], [3]]", "rows") == (
        "rows: expected uint8[][2], got [[1], [2], [3]]: has length 3, need exactly 2"
    )


@pytest.mark.parametrize(
    ("type_text", "text", "message"),
    [
        (
            "uint256[2][]",
            '[[1, 2], ["0x1", "2.5"]]',
            "pairs[1][1] (uint256): 2.5 is not a whole number",
        ),
        (
            "uint256[2][]",
            "[[1, 2], [-1, 2]]",
            "pairs[1][0]: expected uint256, got -1: out of range [0, 2**256-1]",
        ),
        ("uint256[]", "[1.5]", "pairs[0] (uint256): 1.5 is not a whole number"),
        ("uint8[]", "[1e3]", "pairs[0]: expected uint8, got 1000: out of range [0, 2**8-1]"),
        (
            "uint256[]",
            "[true]",
            "pairs[0] (uint256): expected an integer (a JSON number or string), got a bool",
        ),
        (
            "uint256[]",
            "[null]",
            "pairs[0] (uint256): expected an integer (a JSON number or string), got null",
        ),
        (
            "uint256[]",
            "[[1]]",
            "pairs[0] (uint256): expected an integer (a JSON number or string), got an array",
        ),
        ("address[]", "[1]", "pairs[0] (address): expected an address string, got a number"),
        ("bool[]", "[1]", "pairs[0] (bool): expected true or false, got a number"),
        ("bytes[]", "[{}]", "pairs[0] (bytes): expected a 0x-hex string, got an object"),
        ("string[]", "[1]", "pairs[0] (string): expected a JSON string, got a number"),
        (
            "uint256[2][]",
            '["[1, 2]"]',
            "pairs[0] (uint256[2]): expected a JSON array, got a string",
        ),
        ("uint256[]", '{"a": 1}', "pairs (uint256[]): expected a JSON array, got an object"),
        (
            "uint256[3]",
            "[1, 2]",
            "pairs: expected uint256[3], got [1, 2]: has length 2, need exactly 3",
        ),
        (
            "address[]",
            '["0x12"]',
            "pairs[0]: expected address, got '0x12': not 0x followed by 40 hex digits",
        ),
    ],
)
def test_array_errors(type_text: str, text: str, message: str) -> None:
    assert error(type_text, text, "pairs") == message


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("1,2,3", "invalid JSON (Extra data: line 1 column 2 (char 1))"),
        ("[1, 2", "invalid JSON (Expecting ',' delimiter: line 1 column 6 (char 5))"),
        ("", "invalid JSON (Expecting value: line 1 column 1 (char 0))"),
        ("[NaN]", "invalid JSON (NaN is not a number)"),
        ("[Infinity]", "invalid JSON (Infinity is not a number)"),
    ],
)
def test_invalid_json(text: str, detail: str) -> None:
    assert error("uint256[]", text, "ids") == f"ids (uint256[]): {detail}; write it as JSON: [1, 2]"


def test_tuples_by_position_and_by_name() -> None:
    assert parse(POINT, "[1, -2]") == (1, -2)
    assert parse(POINT, '{"x": "1e18", "y": -2}') == (10**18, -2)
    assert parse(POINT, '{"y": -2, "x": 1}') == (1, -2)  # object order does not matter
    assert parse(PAIR, f'["{ADDR_LOWER}", "1gwei"]') == (ADDR_LOWER, 10**9)
    # An array of structs, nested structs, and a struct holding an array.
    line = struct(start=POINT, end=POINT, tags="string[]")
    text = '[{"start": [1, 2], "end": {"x": 3, "y": 4}, "tags": ["a"]}, [[5, 6], [7, 8], []]]'
    assert parse(Array(line, None), text) == [((1, 2), (3, 4), ["a"]), ((5, 6), (7, 8), [])]


@pytest.mark.parametrize(
    ("abi_type", "text", "message"),
    [
        (POINT, '{"x": 1}', "p ((uint256,int8)): missing field 'y'"),
        (POINT, '{"x": 1, "y": 2, "z": 3}', "p ((uint256,int8)): unknown field 'z' (fields: x, y)"),
        (
            POINT,
            '{"x": 1, "x": 2, "y": 3}',
            "p ((uint256,int8)): invalid JSON (duplicate key 'x'); write it as JSON: {...} or [...]",
        ),
        (POINT, "[1]", "p ((uint256,int8)): expected 2 components (uint256 x, int8 y), got 1"),
        (POINT, '"1, 2"', "p ((uint256,int8)): expected a JSON array or object, got a string"),
        (POINT, '{"x": 1, "y": 300}', "p.y: expected int8, got 300: out of range [-2**7, 2**7-1]"),
        (POINT, "[1, -300]", "p.y: expected int8, got -300: out of range [-2**7, 2**7-1]"),
        (
            PAIR,
            '{"a": 1}',
            "p ((address,uint256)): has unnamed components: write it as a JSON array",
        ),
        (PAIR, f'["{ZERO}", "x"]', f"p[1] (uint256): 'x' is not an integer {FORMS}"),
        (
            Array(struct(a=POINT), 2),
            '[{"a": [1, 2]}, {"a": {"x": -1, "y": 0}}]',
            "p[1].a.x: expected uint256, got -1: out of range [0, 2**256-1]",
        ),
    ],
)
def test_tuple_errors(abi_type: AbiType, text: str, message: str) -> None:
    assert error(abi_type, text, "p") == message


def test_empty_tuple() -> None:
    assert parse(Tuple(()), "[]") == ()


# --- Argument lists ---------------------------------------------------------------------------


TRANSFER = [("to", ty("address")), ("amount", ty("uint256"))]


def test_parse_arguments() -> None:
    assert parse_arguments(TRANSFER, [ADDR_LOWER, "1.5ether"]) == (ADDR_LOWER, 15 * 10**17)
    assert parse_arguments([], []) == ()


def test_argument_errors_name_the_argument() -> None:
    with pytest.raises(ArgumentError, match=r"^amount \(uint256\): 'lots' is not an integer"):
        parse_arguments(TRANSFER, [ADDR, "lots"])
    unnamed = [("", ty("uint8")), ("", ty("uint8[]"))]
    with pytest.raises(ArgumentError, match=r"^arg1\[0\] \(uint8\): 'x' is not an integer"):
        parse_arguments(unnamed, ["1", '["x"]'])
    # A value that parses but does not fit: the codec names it as the CLI does, arg1[1].
    values = parse_arguments(unnamed, ["1", "[2, 256]"])
    params = [Param("", abi_type) for _, abi_type in unnamed]
    with pytest.raises(C.EncodingError) as info:
        params_codec(params, positional=True).encode(values)
    assert str(info.value) == "arg1[1]: expected uint8, got 256: out of range [0, 2**8-1]"


@pytest.mark.parametrize(
    ("params", "texts", "message"),
    [
        (TRANSFER, [ADDR], "expected 2 arguments (address to, uint256 amount), got 1"),
        (TRANSFER, [ADDR, "1", "2"], "expected 2 arguments (address to, uint256 amount), got 3"),
        ([("", ty("bytes32"))], [], "expected 1 argument (bytes32), got 0"),
        ([], ["1"], "expected no arguments, got 1"),
    ],
)
def test_argument_count(params: list[tuple[str, AbiType]], texts: list[str], message: str) -> None:
    with pytest.raises(ArgumentError) as info:
        parse_arguments(params, texts)
    assert str(info.value) == message


def test_argument_error_is_a_value_error() -> None:
    assert issubclass(ArgumentError, ValueError)


# --- Round trip: text -> value -> ABI encoding -> decoded value -> JSON -----------------------


@pytest.mark.parametrize(
    ("type_text", "text", "expected"),
    [
        ("uint8", "255", 255),
        ("uint256", "1.5ether", 1_500_000_000_000_000_000),
        ("uint256", str(2**256 - 1), 2**256 - 1),
        ("uint24", "0xff_ffff", 2**24 - 1),
        ("int8", "-128", -128),
        ("int256", "-1e18", -(10**18)),
        ("int256", str(-(2**255)), -(2**255)),
        ("address", ADDR_LOWER, ADDR),
        ("bool", "yes", True),
        ("bool", "0", False),
        ("bytes1", "0xff", "0xff"),
        ("bytes4", "0xDEADBEEF", "0xdeadbeef"),
        ("bytes32", "0x" + "0a" * 32, "0x" + "0a" * 32),
        ("bytes", "0x", "0x"),
        ("bytes", "0x" + "ab" * 33, "0x" + "ab" * 33),
        ("string", "héllo, wörld", "héllo, wörld"),
        ("string", "", ""),
        ("function", "0x" + "12" * 24, "0x" + "12" * 24),
        ("uint256[2][]", '[[1, "2gwei"], [3, 4]]', [[1, 2 * 10**9], [3, 4]]),
        ("string[]", '["a", "b"]', ["a", "b"]),
    ],
)
def test_round_trip(type_text: str, text: str, expected: object) -> None:
    abi_type = ty(type_text)
    codec = codec_for(abi_type)
    decoded = codec.decode(codec.encode(parse_value(abi_type, text, name="v")))
    assert to_json(abi_type, decoded) == expected


def test_round_trip_struct() -> None:
    abi_type = struct(owner="address", amounts="uint128[]", tag="bytes3", point=POINT)
    text = (
        f'{{"owner": "{ADDR_LOWER}", "amounts": [1, "2e3"], "tag": "0x616263", "point": [7, -7]}}'
    )
    codec = codec_for(abi_type)
    decoded = codec.decode(codec.encode(parse_value(abi_type, text, name="v")))
    assert to_json(abi_type, decoded) == {
        "owner": ADDR,
        "amounts": [1, 2000],
        "tag": "0x616263",
        "point": {"x": 7, "y": -7},
    }


def test_stays_light() -> None:
    """`decode`/`inspect` start fast: parsing and showing values imports no web3 or eth_*."""
    code = (
        "import sys, abigen.client.values, abigen.client.show\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('web3', 'eth_abi', 'eth_utils', 'eth_account', 'eth_typing')]\n"
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
