"""The specialised codec against eth_abi 6, the reference implementation, on random ABI types."""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import eth_abi
import eth_utils
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abigen.runtime import codec as C

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(SETTINGS, max_examples=500)  # mutations find rare bugs: worth more examples


@dataclass(frozen=True)
class Node:
    """One random ABI type: our codec, eth_abi's type string, valid values, and `canon`, which
    maps an encodable value, or eth_abi's decoding of one, to what our decoder returns."""

    codec: C.Codec[Any]
    type_str: str
    values: st.SearchStrategy[Any]
    canon: Callable[[Any], Any]

    def __repr__(self) -> str:  # hypothesis prints this for a failing example
        return self.type_str


def _same(value: Any) -> Any:
    return value


def _address(value: Any) -> str:
    if isinstance(value, bytes):
        value = "0x" + value.hex()
    return eth_utils.to_checksum_address(value)


_ADDRESS_VALUES = st.binary(min_size=20, max_size=20).flatmap(
    lambda raw: st.sampled_from(
        [raw, "0x" + raw.hex(), "0x" + raw.hex().upper(), eth_utils.to_checksum_address(raw)]
    )
)


def _uint(bits: int) -> Node:
    return Node(C.uint(bits), f"uint{bits}", st.integers(0, 2**bits - 1), _same)


def _int(bits: int) -> Node:
    values = st.integers(-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    return Node(C.int_(bits), f"int{bits}", values, _same)


def _fixed_bytes(size: int) -> Node:
    return Node(C.fixed_bytes(size), f"bytes{size}", st.binary(min_size=size, max_size=size), _same)


_BITS = st.integers(1, 32).map(lambda n: 8 * n)

LEAVES: st.SearchStrategy[Node] = st.one_of(
    _BITS.map(_uint),
    _BITS.map(_int),
    st.integers(1, 32).map(_fixed_bytes),
    st.just(Node(C.ADDRESS, "address", _ADDRESS_VALUES, _address)),
    st.just(Node(C.BOOL, "bool", st.booleans(), _same)),
    st.just(Node(C.BYTES, "bytes", st.binary(max_size=80), _same)),
    st.just(Node(C.STRING, "string", st.text(max_size=40), _same)),
    st.just(Node(C.FUNCTION, "function", st.binary(min_size=24, max_size=24), _same)),
)


def _array(item: Node, length: int | None) -> Node:
    size = "" if length is None else str(length)
    values = st.lists(item.values, min_size=length or 0, max_size=3 if length is None else length)
    return Node(
        C.array(item.codec, length),
        f"{item.type_str}[{size}]",
        values,
        lambda value: [item.canon(v) for v in value],
    )


def _tuple(components: list[Node]) -> Node:
    return Node(
        C.tuple_([c.codec for c in components]),
        f"({','.join(c.type_str for c in components)})",
        st.tuples(*(c.values for c in components)),
        lambda value: tuple(c.canon(v) for c, v in zip(components, value, strict=True)),
    )


def _extend(inner: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(_array, inner, st.none() | st.integers(1, 3)),
        st.lists(inner, min_size=1, max_size=4).map(_tuple),
    )


TYPES = st.recursive(LEAVES, _extend, max_leaves=8)
ARGUMENT_LISTS = st.lists(TYPES, max_size=4)  # a function's parameters, or its return values


@SETTINGS
@given(st.data())
def test_encoding_matches_eth_abi_and_round_trips(data: st.DataObject) -> None:
    nodes = data.draw(ARGUMENT_LISTS)
    args, types = _tuple(nodes), [n.type_str for n in nodes]
    values = data.draw(args.values)

    encoded = args.codec.encode(values)
    assert encoded == eth_abi.encode(types, values)
    assert args.codec.abi_type == args.type_str

    decoded = args.codec.decode(encoded)
    assert decoded == args.canon(values)
    assert decoded == args.canon(eth_abi.decode(types, encoded))
    assert args.codec.encode(decoded) == encoded  # decoded values are valid input


@SETTINGS
@given(st.data())
def test_a_single_value_encodes_as_the_spec_enc(data: st.DataObject) -> None:
    # eth_abi.encode([t], [v]) encodes a 1-tuple: a dynamic value comes after its offset.
    node = data.draw(TYPES)
    value = data.draw(node.values)
    reference = eth_abi.encode([node.type_str], [value])
    encoded = node.codec.encode(value)
    assert encoded == (reference[32:] if node.codec.is_dynamic else reference)
    assert node.codec.decode(encoded) == node.canon(value)


@SETTINGS
@given(ARGUMENT_LISTS, st.binary(max_size=400))
def test_garbage_only_raises_decoding_error(nodes: list[Node], garbage: bytes) -> None:
    with contextlib.suppress(C.DecodingError):
        _tuple(nodes).codec.decode(garbage)


def _mutate(encoded: bytes, data: st.DataObject) -> bytes:
    """A near-valid encoding: a word set to a small number (a plausible offset or length), a
    zero byte (most are padding) made non-zero, any byte changed, or the data cut or extended."""
    buf = bytearray(encoded)
    for _ in range(data.draw(st.integers(1, 3))):
        kind = data.draw(st.sampled_from(["word", "padding", "byte", "cut", "extend"]))
        zeros = [i for i, b in enumerate(buf) if b == 0]
        if kind == "word" and buf:
            at = data.draw(st.integers(0, len(buf) - 1)) // 32 * 32
            small = data.draw(st.integers(0, 2 * len(buf) + 64) | st.just(2**255))
            buf[at : at + 32] = small.to_bytes(32, "big")
        elif kind == "padding" and zeros:
            buf[data.draw(st.sampled_from(zeros))] = data.draw(st.integers(1, 255))
        elif kind == "byte" and buf:
            buf[data.draw(st.integers(0, len(buf) - 1))] = data.draw(st.integers(0, 255))
        elif kind == "cut":
            del buf[data.draw(st.integers(0, len(buf))) :]
        else:
            buf += data.draw(st.binary(min_size=1, max_size=64))
    return bytes(buf)


@MANY
@given(st.data())
def test_mutated_encodings_are_accepted_only_if_eth_abi_accepts_them(
    data: st.DataObject,
) -> None:
    nodes = data.draw(st.lists(TYPES, min_size=1, max_size=4))
    args, types = _tuple(nodes), [n.type_str for n in nodes]
    mutated = _mutate(args.codec.encode(data.draw(args.values)), data)
    try:
        ours = args.codec.decode(mutated)
    except C.DecodingError:
        return  # we may be stricter: eth_abi undercounts nested static heads in its pointer check
    try:
        theirs = eth_abi.decode(types, mutated)
    except Exception as err:
        pytest.fail(f"we decoded {ours!r} from data eth_abi rejects: {err!r}")
    assert args.canon(theirs) == ours
