"""The specialised ABI codec: spec vectors, accepted inputs, and every error with its message."""

import enum
import re
from typing import NamedTuple

import pytest

from abigen.runtime import codec as C
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.keccak import keccak256


def word(n: int) -> str:
    return f"{n:064x}"


def text(raw: bytes) -> str:
    """A right-padded word holding ``raw``, like bytesN and the payload of bytes/string."""
    return raw.hex().ljust(64, "0")


def selector(signature: str) -> str:
    return keccak256(signature.encode()).hex()[:8]


# --- The examples of the Solidity ABI specification -------------------------------------------


def test_keccak256() -> None:
    assert keccak256(b"").hex() == (
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    )


def test_spec_baz() -> None:
    args = C.tuple_([C.uint(32), C.BOOL])
    encoded = args.encode((69, True))
    assert selector("baz(uint32,bool)") == "cdcd77c0"
    assert encoded.hex() == word(69) + word(1)
    assert args.decode(encoded) == (69, True)


def test_spec_bar() -> None:
    args = C.tuple_([C.array(C.fixed_bytes(3), 2)])
    encoded = args.encode(([b"abc", b"def"],))
    assert selector("bar(bytes3[2])") == "fce353f6"
    assert encoded.hex() == text(b"abc") + text(b"def")
    assert args.decode(encoded) == ([b"abc", b"def"],)


def test_spec_sam() -> None:
    args = C.tuple_([C.BYTES, C.BOOL, C.array(C.uint(256))])
    encoded = args.encode((b"dave", True, [1, 2, 3]))
    assert selector("sam(bytes,bool,uint256[])") == "a5643bf2"
    assert encoded.hex() == "".join(
        [
            *(word(0x60), word(1), word(0xA0)),  # heads: offset, value, offset
            *(word(4), text(b"dave")),
            *(word(3), word(1), word(2), word(3)),
        ]
    )
    assert args.decode(encoded) == (b"dave", True, [1, 2, 3])


def test_spec_f() -> None:
    args = C.tuple_([C.uint(256), C.array(C.uint(32)), C.fixed_bytes(10), C.BYTES])
    value = (0x123, [0x456, 0x789], b"1234567890", b"Hello, world!")
    encoded = args.encode(value)
    assert selector("f(uint256,uint32[],bytes10,bytes)") == "8be65246"
    assert encoded.hex() == "".join(
        [
            *(word(0x123), word(0x80), text(b"1234567890"), word(0xE0)),
            *(word(2), word(0x456), word(0x789)),
            *(word(13), text(b"Hello, world!")),
        ]
    )
    assert args.decode(encoded) == value


def test_spec_g() -> None:
    args = C.tuple_([C.array(C.array(C.uint(256))), C.array(C.STRING)])
    value = ([[1, 2], [3]], ["one", "two", "three"])
    encoded = args.encode(value)
    assert selector("g(uint256[][],string[])") == "2289b18c"
    assert encoded.hex() == "".join(
        [
            *(word(0x40), word(0x140)),
            *(word(2), word(0x40), word(0xA0), word(2), word(1), word(2), word(1), word(3)),
            *(word(3), word(0x60), word(0xA0), word(0xE0)),
            *(word(3), text(b"one"), word(3), text(b"two"), word(5), text(b"three")),
        ]
    )
    assert args.decode(encoded) == value


# --- Codec properties ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "abi_type", "is_dynamic", "head_size"),
    [
        (C.uint(8), "uint8", False, 32),
        (C.int_(256), "int256", False, 32),
        (C.ADDRESS, "address", False, 32),
        (C.BOOL, "bool", False, 32),
        (C.fixed_bytes(32), "bytes32", False, 32),
        (C.FUNCTION, "function", False, 32),
        (C.BYTES, "bytes", True, 32),
        (C.STRING, "string", True, 32),
        (C.array(C.uint(8), 3), "uint8[3]", False, 96),
        (C.array(C.uint(8)), "uint8[]", True, 32),
        (C.array(C.STRING, 2), "string[2]", True, 32),
        (C.array(C.array(C.BOOL, 2), 3), "bool[2][3]", False, 192),
        (C.tuple_([C.uint(8), C.array(C.ADDRESS, 2)]), "(uint8,address[2])", False, 96),
        (C.array(C.tuple_([C.uint(8), C.STRING]), 2), "(uint8,string)[2]", True, 32),
        (C.tuple_([]), "()", False, 0),
    ],
)
def test_codec_describes_its_type(
    codec: C.Codec[object], abi_type: str, is_dynamic: bool, head_size: int
) -> None:
    assert (codec.abi_type, codec.is_dynamic, codec.head_size) == (abi_type, is_dynamic, head_size)
    assert repr(codec) == f"<Codec {abi_type}>"


def test_elementary_codecs_are_shared() -> None:
    assert C.uint(8) is C.uint(8)
    assert C.int_(8) is C.int_(8)
    assert C.fixed_bytes(4) is C.fixed_bytes(4)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: C.uint(0), "integer bits must be 8..256 in steps of 8, got 0"),
        (lambda: C.uint(12), "integer bits must be 8..256 in steps of 8, got 12"),
        (lambda: C.int_(264), "integer bits must be 8..256 in steps of 8, got 264"),
        (lambda: C.fixed_bytes(0), "bytes<M> needs 1 <= M <= 32, got 0"),
        (lambda: C.fixed_bytes(33), "bytes<M> needs 1 <= M <= 32, got 33"),
        (lambda: C.array(C.BOOL, 0), "fixed array length must be >= 1, got 0"),
        (lambda: C.array(C.tuple_([])), "array items cannot be the empty tuple ()"),
        (lambda: C.tuple_([C.BOOL], ["a", "b"]), "2 names for 1 components"),
    ],
)
def test_invalid_types_are_rejected_at_construction(make: object, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        make()  # type: ignore[operator]


# --- Accepted inputs and decoded representations ---------------------------------------------


class Color(enum.IntEnum):
    RED = 1


class Point(NamedTuple):
    x: int
    y: int


def test_integers() -> None:
    assert C.uint(8).encode(255) == bytes(31) + b"\xff"
    assert C.uint(256).encode(2**256 - 1) == b"\xff" * 32
    assert C.int_(8).encode(-1) == b"\xff" * 32
    assert C.int_(256).encode(-(2**255)) == b"\x80" + bytes(31)
    assert C.uint(8).encode(Color.RED) == C.uint(8).encode(1)
    assert C.int_(16).decode(C.int_(16).encode(-300)) == -300


def test_addresses() -> None:
    # EIP-55's test vectors: all-caps, all-lower and mixed checksums.
    for checksum in [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]:
        raw = bytes.fromhex(checksum[2:])
        assert to_checksum_address(raw) == checksum
        for given in (checksum, checksum.lower(), "0x" + checksum[2:].upper(), raw):
            assert parse_address(given) == raw
        assert C.ADDRESS.encode(checksum) == bytes(12) + raw
        assert C.ADDRESS.decode(bytes(12) + raw) == checksum
    raw = bytes(range(20))
    assert parse_address(bytearray(raw)) == parse_address(memoryview(raw)) == raw
    with pytest.raises(ValueError, match=r"^an address is 20 bytes, got 19$"):
        to_checksum_address(bytes(19))


def test_bool() -> None:
    assert C.BOOL.encode(True) == bytes(31) + b"\x01"
    assert C.BOOL.encode(False) == bytes(32)
    assert C.BOOL.decode(bytes(31) + b"\x01") is True
    assert C.BOOL.decode(bytes(32)) is False


def test_fixed_bytes_and_function() -> None:
    bytes4 = C.fixed_bytes(4)
    for given in (b"\x01\x02\x03\x04", bytearray(b"\x01\x02\x03\x04"), "0x01020304"):
        assert bytes4.encode(given) == b"\x01\x02\x03\x04" + bytes(28)
    assert bytes4.encode(memoryview(b"abcd")) == b"abcd" + bytes(28)
    assert bytes4.decode(b"abcd" + bytes(28)) == b"abcd"
    assert C.FUNCTION.encode(bytes(range(24))) == bytes(range(24)) + bytes(8)


def test_bytes_and_string() -> None:
    assert C.BYTES.encode(b"") == bytes(32)
    assert C.BYTES.encode("0xabcd") == C.BYTES.encode(bytearray(b"\xab\xcd"))
    assert C.BYTES.encode(b"x" * 32).hex() == word(32) + (b"x" * 32).hex()
    assert C.STRING.encode("é").hex() == word(2) + text("é".encode())
    assert C.STRING.decode(C.STRING.encode("héllo ✓")) == "héllo ✓"
    assert C.BYTES.decode(C.BYTES.encode(b"\x00" * 33)) == b"\x00" * 33


def test_sequences() -> None:
    three = C.array(C.uint(8), 3)
    for given in ([1, 2, 3], (1, 2, 3), range(1, 4)):
        assert three.encode(given) == b"".join(C.uint(8).encode(i) for i in (1, 2, 3))
    assert three.decode(three.encode((1, 2, 3))) == [1, 2, 3]  # fixed arrays decode to lists
    assert C.array(C.BOOL).encode([]) == bytes(32)
    assert C.array(C.BOOL).decode(bytes(32)) == []


def test_tuples_structs_and_factories() -> None:
    point = C.tuple_([C.int_(8), C.int_(8)], ["x", "y"], factory=Point)
    assert point.encode(Point(1, -1)) == point.encode([1, -1])
    decoded = point.decode(point.encode(Point(1, -1)))
    assert decoded == Point(1, -1) and type(decoded) is Point
    plain = C.tuple_([C.STRING, C.BOOL])
    assert type(plain.decode(plain.encode(("a", True)))) is tuple
    empty = C.tuple_([])
    assert empty.encode(()) == b""
    assert empty.decode(b"") == ()


def test_decode_accepts_any_bytes_like_and_ignores_trailing_data() -> None:
    data = C.uint(8).encode(7)
    assert C.uint(8).decode(bytearray(data)) == 7
    assert C.uint(8).decode(memoryview(data + b"\xff" * 40)) == 7


# --- Encoding errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "value", "message"),
    [
        (C.uint(8), 256, "expected uint8, got 256: out of range [0, 2**8-1]"),
        (C.uint(8), -1, "expected uint8, got -1: out of range [0, 2**8-1]"),
        (C.uint(256), 2**256, "expected uint256, got 2**256: out of range [0, 2**256-1]"),
        (C.int_(8), 128, "expected int8, got 128: out of range [-2**7, 2**7-1]"),
        (C.int_(8), -129, "expected int8, got -129: out of range [-2**7, 2**7-1]"),
        (C.uint(8), True, "expected uint8, got True: bool is not an int"),
        (C.int_(8), "1", "expected int8, got '1': str is not an int"),
        (C.uint(8), 1.0, "expected uint8, got 1.0: float is not an int"),
        (C.BOOL, 1, "expected bool, got 1: not a bool"),
        (C.BOOL, None, "expected bool, got None: not a bool"),
        (C.ADDRESS, 1, "expected address, got 1: not a 0x-prefixed hex str or 20 bytes"),
        (
            C.ADDRESS,
            b"\x01" * 19,
            r"expected address, got b'\x01\x01\x01\x01\x01\x01...01\x01\x01\x01\x01\x01\x01':"
            " has 19 bytes, need exactly 20",
        ),
        (C.ADDRESS, "0x12", "expected address, got '0x12': not 0x followed by 40 hex digits"),
        (
            C.ADDRESS,
            "0X" + "ab" * 20,
            f"expected address, got '0X{'ab' * 20}': not 0x followed by 40 hex digits",
        ),
        (
            C.ADDRESS,
            "0x" + "zz" * 20,
            f"expected address, got '0x{'zz' * 20}': not 0x followed by 40 hex digits",
        ),
        (  # bytes.fromhex skips whitespace
            C.ADDRESS,
            "0x" + "ab" * 18 + "  ab",
            f"expected address, got '0x{'ab' * 18}  ab': not 0x followed by 40 hex digits",
        ),
        (
            C.ADDRESS,
            "0x52908400098527886E0F7030069857D2E4169Ee7",
            "expected address, got '0x52908400098527886E0F7030069857D2E4169Ee7': bad checksum",
        ),
        (C.fixed_bytes(4), b"abc", "expected bytes4, got b'abc': has 3 bytes, need exactly 4"),
        (C.fixed_bytes(4), "0x0102", "expected bytes4, got '0x0102': has 2 bytes, need exactly 4"),
        (C.fixed_bytes(2), "0x01 02", "expected bytes2, got '0x01 02': invalid hex"),
        (C.fixed_bytes(2), "0xzz", "expected bytes2, got '0xzz': invalid hex"),
        (C.fixed_bytes(2), "ab", "expected bytes2, got 'ab': not bytes or a 0x-prefixed hex str"),
        (C.BYTES, 5, "expected bytes, got 5: not bytes or a 0x-prefixed hex str"),
        (C.STRING, b"a", "expected string, got b'a': not a str"),
        (C.STRING, "\ud800", "expected string, got '\\ud800': not encodable as UTF-8"),
        (C.array(C.BOOL), "ab", "expected bool[], got 'ab': not a sequence"),
        (C.array(C.uint(8)), b"ab", "expected uint8[], got b'ab': not a sequence"),
        (C.array(C.BOOL), {True}, "expected bool[], got {True}: not a sequence"),
        (C.array(C.BOOL, 2), [True], "expected bool[2], got [True]: has length 1, need exactly 2"),
        (C.tuple_([C.BOOL]), (), "expected (bool), got (): has length 0, need exactly 1"),
        (C.tuple_([C.BOOL]), True, "expected (bool), got True: not a sequence"),
    ],
)
def test_encoding_errors(codec: C.Codec[object], value: object, message: str) -> None:
    with pytest.raises(C.EncodingError) as info:
        codec.encode(value)
    assert str(info.value) == message
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError)


def test_encoding_error_paths_name_fields_and_indices() -> None:
    point = C.tuple_([C.int_(128), C.int_(128)], ["x", "y"])
    shape = C.tuple_([C.array(point)], ["points"])
    args = C.tuple_([C.array(shape), C.STRING], ["shapes", "label"])
    value = ([([],), ([],), ([(2**200, 0)],)], "ok")
    with pytest.raises(C.EncodingError) as info:
        args.encode(value)
    assert str(info.value) == (
        "shapes[2].points[0].x: expected int128, got 2**200: out of range [-2**127, 2**127-1]"
    )
    assert (info.value.path, info.value.detail) == (
        "shapes[2].points[0].x",
        "expected int128, got 2**200: out of range [-2**127, 2**127-1]",
    )
    with pytest.raises(C.EncodingError, match=r"^label: expected string, got 1: not a str$"):
        args.encode(([], 1))
    with pytest.raises(C.EncodingError, match=r"^\[1\]\[0\]: expected bool, got 0: not a bool$"):
        C.tuple_([C.BOOL, C.array(C.BOOL, 1)]).encode((True, [0]))


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(C.EncodingError) as info:
        C.uint(256).encode(3**300)
    shown = str(info.value).split("got ")[1].split(":")[0]
    assert "..." in shown and len(shown) <= 60
    with pytest.raises(C.EncodingError) as info:
        C.BOOL.encode(list(range(10_000)))
    assert len(str(info.value)) < 120


# --- Decoding errors -------------------------------------------------------------------------


def _decode_error(codec: C.Codec[object], data: bytes) -> str:
    with pytest.raises(C.DecodingError) as info:
        codec.decode(data)
    assert "\n" not in str(info.value)
    return str(info.value)


@pytest.mark.parametrize(
    ("codec", "data", "message"),
    [
        (C.uint(256), bytes(31), "uint256 at byte 0: needs 32 bytes, got 31"),
        (C.uint(8), word(256), "uint8 at byte 0: non-zero padding"),
        (C.int_(8), word(128), "int8 at byte 0: padding is not the sign extension"),
        (C.int_(8), "ff" * 30 + "007f", "int8 at byte 0: padding is not the sign extension"),
        (C.ADDRESS, word(2**160), "address at byte 0: non-zero padding"),
        (C.BOOL, word(2), "bool at byte 0: neither 0 nor 1"),
        (C.fixed_bytes(3), text(b"abcd"), "bytes3 at byte 0: non-zero padding"),
        (C.BYTES, word(1) + text(b"ab"), "bytes at byte 0: non-zero padding"),
        (C.BYTES, word(33) + text(b"a"), "bytes at byte 0: length 33 runs past the end of data"),
        (C.BYTES, word(2**255), "bytes at byte 0: length 2**255 runs past the end of data"),
        (C.STRING, word(1) + text(b"\xff"), "string at byte 0: invalid UTF-8"),
        (
            C.array(C.uint(8)),
            word(2**255),
            "uint8[] at byte 0: 2**255 items run past the end of data",
        ),
        (
            C.array(C.STRING),
            word(3) + word(0x60),
            "string[] at byte 0: 3 items run past the end of data",
        ),
        (C.array(C.STRING, 2), word(0x40), "string[2] at byte 0: 2 items run past the end of data"),
        (C.array(C.uint(8), 3), word(1) * 2, "uint8[3] at byte 0: needs 96 bytes, got 64"),
        (
            C.tuple_([C.BYTES]),
            word(0x20) + "00" * 16,
            "[0]: bytes at byte 32: needs 32 bytes for the length, got 16",
        ),
        (
            C.tuple_([C.array(C.BOOL)]),
            word(0x20) + "00" * 16,
            "[0]: bool[] at byte 32: needs 32 bytes for the length, got 16",
        ),
        (
            C.array(C.uint(8)),
            word(2) + word(1) + word(256),
            "[1]: uint8 at byte 64: non-zero padding",
        ),
        (
            C.array(C.STRING),
            word(1) + word(0) + word(0),
            "[0]: offset at byte 32 points to byte 32, outside [64, 96)",
        ),
        (
            C.tuple_([C.BYTES]),
            word(0x20),
            "[0]: offset at byte 0 points to byte 32, outside [32, 32)",
        ),
        (
            C.tuple_([C.uint(8), C.STRING], ["n", "s"]),
            word(1) + word(2**256 - 1) + word(0),
            "s: offset at byte 32 points to byte 11579208923731619542357098...5640394575840079131"
            "29639935, outside [64, 96)",
        ),
        (
            C.tuple_([C.BOOL, C.array(C.BOOL, 2)], ["ok", "flags"]),
            word(1) + word(0) + word(7),
            "flags[1]: bool at byte 64: neither 0 nor 1",
        ),
    ],
)
def test_decoding_errors(codec: C.Codec[object], data: str | bytes, message: str) -> None:
    raw = bytes.fromhex(data) if isinstance(data, str) else data
    assert _decode_error(codec, raw) == message


def test_decoding_error_paths() -> None:
    inner = C.tuple_([C.STRING], ["name"])
    args = C.tuple_([C.array(inner)], ["people"])
    good = args.encode(([("ab",), ("cd",)],))
    bad = bytearray(good)
    bad[-1] = 1  # the padding of the last string
    assert _decode_error(args, bytes(bad)) == (
        f"people[1].name: string at byte {len(good) - 64}: non-zero padding"
    )


@pytest.mark.parametrize("length", [2**255, 2**64, 10**6])
def test_huge_lengths_fail_before_allocating(length: int) -> None:
    for codec in (C.BYTES, C.STRING, C.array(C.uint(8)), C.array(C.STRING)):
        with pytest.raises(C.DecodingError, match="run"):
            codec.decode(length.to_bytes(32, "big") + bytes(64))


def test_errors_are_distinct_value_errors() -> None:
    assert issubclass(C.EncodingError, ValueError)
    assert issubclass(C.DecodingError, ValueError)
    assert not issubclass(C.EncodingError, C.DecodingError)
    assert not issubclass(C.DecodingError, C.EncodingError)
