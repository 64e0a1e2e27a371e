"""Our codec and event topics against go-ethereum's accounts/abi, a second oracle beside eth_abi.

`tests/goabi` (built by `make install` into .cache/tools/bin/goabi, pinned to the Makefile's
GETH_VERSION) packs values with `Arguments.Pack`, unpacks our encodings with
`Arguments.Unpack` and hashes indexed values with `MakeTopics`. Every vector, fixed and
hypothesis-generated, goes to one Go process: the whole module runs in a few seconds.

Across the boundary values are exact JSON: integers as decimal strings, bytes as 0x-hex,
addresses checksummed, arrays and tuples as lists.
"""

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import eth_abi
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abigen.runtime import codec as C
from abigen.runtime.abi.codecs import codec_for
from abigen.runtime.abi.types import (
    AbiType,
    Array,
    Component,
    Elementary,
    Tuple,
    parse_elementary,
    stored_as_hash,
)
from abigen.runtime.address import to_checksum_address
from abigen.runtime.events import EventSpec
from abigen.runtime.keccak import keccak256

REPO = Path(__file__).resolve().parents[2]
GOABI = REPO / ".cache" / "tools" / "bin" / "goabi"


# --- Types: a canonical type string -> abigen's AbiType, then everything derived from it -------


def parse(text: str) -> AbiType:
    """'(uint256,(address,bytes)[])[2]' -> AbiType; the last suffix is the outermost array."""
    if text.endswith("]"):
        at = text.rindex("[")
        length = text[at + 1 : -1]
        return Array(parse(text[:at]), int(length) if length else None)
    if text.startswith("("):
        parts, depth, start = [], 0, 1
        for i, char in enumerate(text[1:-1], 1):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if char == "," and depth == 0:
                parts.append(text[start:i])
                start = i + 1
        parts.append(text[start:-1])
        return Tuple(tuple(Component(f"f{i}", parse(p)) for i, p in enumerate(parts) if p))
    return parse_elementary(text)


def go_arg(abi_type: AbiType) -> dict[str, Any]:
    """The ABI JSON of a parameter (go-ethereum's ArgumentMarshaling), without its name."""
    if isinstance(abi_type, Array):
        inner = go_arg(abi_type.item)
        suffix = f"[{'' if abi_type.length is None else abi_type.length}]"
        return {**inner, "type": inner["type"] + suffix}
    if isinstance(abi_type, Tuple):
        # go-ethereum refuses unnamed components (it makes a Go struct field of each).
        components = [{"name": c.name, **go_arg(c.type)} for c in abi_type.components]
        return {"type": "tuple", "components": components}
    return {"type": abi_type.canonical}


def wire(abi_type: AbiType, value: Any) -> Any:
    """A value as it decodes with our codec -> its exact JSON form for goabi."""
    if isinstance(abi_type, Array):
        return [wire(abi_type.item, v) for v in value]
    if isinstance(abi_type, Tuple):
        return [wire(c.type, v) for c, v in zip(abi_type.components, value, strict=True)]
    if abi_type.kind in ("uint", "int"):
        return str(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return value  # bool, str, checksummed address


def values_of(abi_type: AbiType) -> st.SearchStrategy[Any]:
    """Valid values, already in the form our decoder returns (so decoded == value)."""
    if isinstance(abi_type, Array):
        size = abi_type.length
        return st.lists(values_of(abi_type.item), min_size=size or 0, max_size=size or 3)
    if isinstance(abi_type, Tuple):
        return st.tuples(*(values_of(c.type) for c in abi_type.components))
    kind, size = abi_type.kind, abi_type.size
    leaves: dict[str, st.SearchStrategy[Any]] = {
        "uint": st.integers(0, 2**size - 1),
        "int": st.integers(-(2 ** (size - 1)), 2 ** (size - 1) - 1),
        "address": st.binary(min_size=20, max_size=20).map(to_checksum_address),
        "bool": st.booleans(),
        "fixed_bytes": st.binary(min_size=size, max_size=size),
        "function": st.binary(min_size=24, max_size=24),
        "bytes": st.binary(max_size=80),
        "string": st.text(max_size=40),
    }
    return leaves[kind]


# --- Fixed vectors --------------------------------------------------------------------------

A1 = to_checksum_address(bytes.fromhex("de709f2102306220921060314715629080e2fb77"))
A2 = to_checksum_address(bytes(20))
A3 = to_checksum_address(b"\xff" * 20)
UNICODE = "h\u00e9llo w\u00f6rld \u2713 \U0001f984 \u202e zero\x00width\u200b"  # 2-, 3- and 4-byte UTF-8, bidi, NUL

Vector = tuple[tuple[str, ...], tuple[Any, ...]]


def _fixed_vectors() -> list[Vector]:
    vectors: list[Vector] = []
    for bits in range(8, 257, 8):
        top = 2**bits - 1
        vectors.append(((f"uint{bits}",) * 4, (0, 1, top // 2, top)))
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
        vectors.append(((f"int{bits}",) * 5, (low, -1, 0, 1, high)))
    for size in range(1, 33):
        vectors.append(
            ((f"bytes{size}",) * 3, (bytes(range(1, size + 1)), bytes(size), b"\xff" * size))
        )
    vectors += [
        (("address", "address", "address", "bool", "bool"), (A1, A2, A3, True, False)),
        (("function",), (bytes(range(24)),)),
        (("bytes", "bytes", "bytes", "bytes"), (b"", b"\x01", bytes(range(32)), bytes(range(33)))),
        (("string", "string", "string"), ("", UNICODE, "x" * 32 + "é")),
        (("bytes", "string", "bytes"), (b"\x00" * 100, "a", b"")),
        # arrays: fixed, dynamic, empty, of dynamic items
        (("uint8[3]", "int16[]", "bool[2]"), ([0, 128, 255], [-32768, 0, 32767], [True, False])),
        (("address[]", "bytes32[2]"), ([A1, A3], [b"\x11" * 32, bytes(32)])),
        (("uint256[]", "string[]", "bytes[]"), ([], [], [])),
        (("string[]", "bytes[]"), (["", UNICODE, "b"], [b"", b"\xaa" * 33])),
        (("string[3]",), (["a", "", UNICODE],)),
        # nested dynamic arrays
        (("uint256[][]",), ([[1, 2], [], [2**256 - 1]],)),
        (("uint256[][]",), ([],)),
        (("string[][2]",), ([["a", "bc"], []],)),
        (("bytes[2][]",), ([[b"\x01", b""], [b"\x02" * 40, b"\x03"]],)),
        (("bytes[2][]",), ([],)),
        (("int8[2][3][]",), ([[[1, -1], [2, -2], [3, -3]]],)),
        (("uint16[][][]",), ([[[1], []], [], [[2, 3]]],)),
        # tuples, tuples of arrays, arrays of tuples of arrays of tuples
        (("(uint256,bool,address)",), ((7, True, A1),)),
        (("(string,bytes)", "uint8"), (("abc", b"\x01\x02"), 9)),
        (("(uint256,(address,bytes)[])[]",), ([(1, [(A1, b"\xbe\xef"), (A2, b"")]), (2, [])],)),
        (("(uint256,(address,bytes)[])[]",), ([],)),
        (
            ("(uint256,(address,bytes)[2])[2]",),
            ([(1, [(A1, b"x"), (A2, b"")]), (2, [(A3, b""), (A1, b"y" * 33)])],),
        ),
        (("((int24,string)[],bytes3[2])",), (([(-1, "é"), (2**23 - 1, "")], [b"abc", b"def"]),)),
        (("(uint8,uint8)[3]",), ([(1, 2), (3, 4), (5, 6)],)),
        (("(bool,(bool,(string)))",), ((True, (False, ("deep",))),)),
        (("(uint256[],string[])",), (([], []),)),
    ]
    return vectors


# Indexed values that MakeTopics takes: the value types, and strings and bytes (hashed).
def _topic_vectors() -> list[tuple[str, Any]]:
    topics: list[tuple[str, Any]] = []
    for bits in range(8, 257, 8):
        topics += [(f"uint{bits}", 0), (f"uint{bits}", 2**bits - 1)]
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
        topics += [(f"int{bits}", low), (f"int{bits}", -1), (f"int{bits}", high)]
    topics += [(f"bytes{size}", bytes(range(1, size + 1))) for size in range(1, 33)]
    topics += [("address", A1), ("address", A3), ("bool", True), ("bool", False)]
    topics += [("function", bytes(range(24)))]
    topics += [("string", s) for s in ("", "a", UNICODE, "x" * 32, "y" * 33)]
    topics += [
        ("bytes", b) for b in (b"", b"\x00", bytes(range(32)), bytes(range(33)), b"\xff" * 99)
    ]
    return topics


# go-ethereum v1.17.10's MakeTopics (accounts/abi/topics.go) chooses the encoding by the Go
# type of the value and leaves arrays and structs as a "todo": it refuses them...
REFUSED_TOPICS: list[tuple[str, Any]] = [
    ("uint256[]", [1, 2]),
    ("bool[2]", [True, False]),
    ("bytes32[2]", [b"\x01" * 32, b"\x02" * 32]),
    ("int8[2]", [-1, 1]),
    ("string[]", ["a", "b"]),
    ("(uint256,string)", (1, "a")),
]
# ...except where that Go type is a byte array or slice: uint8[N] is a Go [N]uint8, which it
# copies left-aligned as if it were bytesN, and uint8[] a []uint8, which it hashes as bytes.
# Solidity (and we) hash the items each padded to 32 bytes, so both topics differ.
MISREAD_TOPICS: list[tuple[str, Any]] = [("uint8[3]", [1, 2, 255]), ("uint8[]", [7, 8])]


# --- Random vectors: hypothesis over a fixed set of types, derandomized ---------------------

RANDOM_TYPES = [
    *("uint8", "uint32", "uint64", "uint96", "uint256", "int8", "int64", "int136", "int256"),
    *("address", "bool", "bytes1", "bytes20", "bytes32", "function", "bytes", "string"),
    *("uint16[]", "int256[3]", "address[2]", "string[]", "bytes[2][]", "uint256[][]"),
    *("string[][2]", "(uint256,(address,bytes)[])[]", "(bool,string[],bytes7)"),
    *("(int128,uint8[2])[2]", "((string,int40)[2],bytes)"),
]
RANDOM_ELEMENTARY = [t for t in RANDOM_TYPES if isinstance(parse(t), Elementary)]
RANDOM_COUNT = 300
DETERMINISTIC = settings(
    max_examples=RANDOM_COUNT,
    derandomize=True,  # the same vectors on every run: a failure reproduces
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _typed_values(types: list[str]) -> st.SearchStrategy[Vector]:
    return st.tuples(*(values_of(parse(t)) for t in types)).map(
        lambda values: (tuple(types), values)
    )


def _collect(strategy: st.SearchStrategy[Any]) -> list[Any]:
    """What hypothesis draws from ``strategy`` over one derandomized run, to batch them."""
    found: list[Any] = []

    @DETERMINISTIC
    @given(strategy)
    def draw(example: Any) -> None:
        found.append(example)

    draw()
    return found


# --- One go-ethereum run for the whole module -----------------------------------------------


@dataclass(frozen=True)
class Case:
    label: str
    args: Tuple  # the argument list, as a tuple type
    values: tuple[Any, ...]
    encoded: bytes  # by our codec

    @classmethod
    def of(cls, label: str, types: tuple[str, ...], values: tuple[Any, ...]) -> "Case":
        args = parse("(" + ",".join(types) + ")")
        assert isinstance(args, Tuple)
        return cls(label, args, values, codec_for(args).encode(values))

    def __str__(self) -> str:
        return f"{self.label} {self.args.canonical} {self.values!r}"


@dataclass(frozen=True)
class Oracle:
    vectors: list[tuple[Case, dict[str, Any]]]
    topics: list[tuple[str, Any, dict[str, Any]]]  # (type, value, go-ethereum's result)

    def topic(self, type_str: str, value: Any) -> dict[str, Any]:
        return next(r for t, v, r in self.topics if (t, v) == (type_str, value))


def _goabi() -> Path:
    if GOABI.is_file() and os.access(GOABI, os.X_OK):
        return GOABI
    reason = f"go-ethereum ABI oracle not built: run `make install` with Go installed ({GOABI})"
    # As the geth fixture in tests/conftest.py: CI sets ABIGEN_REQUIRE_GETH and must not skip.
    if os.environ.get("ABIGEN_REQUIRE_GETH"):
        pytest.fail(f"the go-ethereum oracle is required here (ABIGEN_REQUIRE_GETH): {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def oracle() -> Oracle:
    binary = _goabi()
    cases = [Case.of(f"fixed #{i}", *v) for i, v in enumerate(_fixed_vectors())]
    arg_lists = st.lists(st.sampled_from(RANDOM_TYPES), min_size=1, max_size=4)
    randoms = _collect(arg_lists.flatmap(_typed_values))
    cases += [Case.of(f"hypothesis #{i}", *v) for i, v in enumerate(randoms)]
    one_value = st.sampled_from(RANDOM_ELEMENTARY).flatmap(lambda t: _typed_values([t]))
    topics = _topic_vectors() + REFUSED_TOPICS + MISREAD_TOPICS
    topics += [(types[0], values[0]) for types, values in _collect(one_value)]
    request = {
        "vectors": [
            {
                "args": [{"name": c.name, **go_arg(c.type)} for c in case.args.components],
                "values": wire(case.args, case.values),
                "data": "0x" + case.encoded.hex(),
            }
            for case in cases
        ],
        "topics": [
            {"arg": {"name": "t", **go_arg(parse(t))}, "value": wire(parse(t), v)}
            for t, v in topics
        ],
    }
    done = subprocess.run(
        [binary], input=json.dumps(request), capture_output=True, text=True, check=True, timeout=60
    )
    response = json.loads(done.stdout)
    return Oracle(
        list(zip(cases, response["vectors"], strict=True)),
        [(t, v, result) for (t, v), result in zip(topics, response["topics"], strict=True)],
    )


def _report(failures: list[str]) -> str:
    return f"{len(failures)} mismatches, first ones:\n" + "\n".join(failures[:5])


def test_the_oracle_is_the_makefiles_go_ethereum() -> None:
    pinned = re.search(r"^GETH_VERSION := (\S+)$", (REPO / "Makefile").read_text(), re.M)
    assert pinned is not None
    go_mod = (REPO / "tests" / "goabi" / "go.mod").read_text()
    assert f"github.com/ethereum/go-ethereum {pinned[1]}\n" in go_mod


def test_hypothesis_drew_enough_vectors(oracle: Oracle) -> None:
    labels = [case.label for case, _ in oracle.vectors]
    assert sum(label.startswith("hypothesis") for label in labels) >= RANDOM_COUNT // 2


def test_our_encoding_is_go_ethereums_packing(oracle: Oracle) -> None:
    failures = [
        f"{case}: ours 0x{case.encoded.hex()}, go-ethereum {result}"
        for case, result in oracle.vectors
        if result.get("packed") != "0x" + case.encoded.hex()
    ]
    assert not failures, _report(failures)


def test_we_decode_go_ethereums_packing_to_the_values(oracle: Oracle) -> None:
    failures = []
    for case, result in oracle.vectors:
        packed = bytes.fromhex(result.get("packed", "0x")[2:])
        try:
            decoded = codec_for(case.args).decode(packed)
        except C.DecodingError as err:
            decoded = err
        if decoded != case.values:
            failures.append(f"{case}: we decode {decoded!r} from {result}")
    assert not failures, _report(failures)


def test_go_ethereum_unpacks_our_encoding_to_the_values(oracle: Oracle) -> None:
    failures = [
        f"{case}: go-ethereum unpacks {result}"
        for case, result in oracle.vectors
        if result.get("unpacked") != wire(case.args, case.values)
    ]
    assert not failures, _report(failures)


def our_topic(type_str: str, value: Any) -> str:
    """The topic our event filters send for ``value`` as an indexed ``type_str`` argument."""
    abi_type = parse(type_str)
    spec = EventSpec(
        tuple,
        topic=bytes(32),
        anonymous=True,  # no event topic first: just the indexed argument
        layout=[True],
        indexed=[codec_for(abi_type)],
        hashed=[stored_as_hash(abi_type)],
        data=C.tuple_([]),
    )
    topics = spec.topics([value])
    assert topics is not None
    return str(topics[0])


def test_our_topics_are_go_ethereums(oracle: Oracle) -> None:
    supported = [
        (t, v, r) for t, v, r in oracle.topics if (t, v) not in REFUSED_TOPICS + MISREAD_TOPICS
    ]
    assert len(supported) > len(_topic_vectors())  # hypothesis drew some too
    failures = [
        f"{t} {v!r}: ours {our_topic(t, v)}, go-ethereum {result}"
        for t, v, result in supported
        if result != {"topic": our_topic(t, v)}
    ]
    assert not failures, _report(failures)


def _spec_topic(type_str: str, value: list[Any]) -> str:
    """keccak256 of a static-item array's in-place encoding: its items, each one word."""
    item = type_str[: type_str.rindex("[")]
    return "0x" + keccak256(eth_abi.encode([f"{item}[{len(value)}]"], [value])).hex()


def test_go_ethereum_refuses_indexed_arrays_and_structs(oracle: Oracle) -> None:
    for type_str, value in REFUSED_TOPICS:
        assert oracle.topic(type_str, value)["error"].startswith("unsupported indexed type")
        if type_str in ("uint256[]", "bool[2]", "bytes32[2]", "int8[2]"):
            assert our_topic(type_str, value) == _spec_topic(type_str, value)


def test_go_ethereum_misreads_indexed_uint8_arrays(oracle: Oracle) -> None:
    fixed, dynamic = MISREAD_TOPICS
    ours = our_topic(*fixed)
    assert ours == _spec_topic(*fixed)
    assert oracle.topic(*fixed) == {"topic": "0x" + bytes(fixed[1]).hex().ljust(64, "0")}
    ours = our_topic(*dynamic)
    assert ours == _spec_topic(*dynamic)
    assert oracle.topic(*dynamic) == {"topic": "0x" + keccak256(bytes(dynamic[1])).hex()}
