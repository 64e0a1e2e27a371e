"""Bounded decoding: data crafted so that offsets share tails, lengths overrun the data or
counts cannot fit is refused with a DecodingError, or decodes to a value no larger than a
small multiple of the data, in work linear in the data ("decoding bombs": 164 kB of
`bytes[]` once decoded to 200 MB; ethers.js#4537, alloy-rs/core#490).

Work is counted, not timed: every offset followed and every byte of a bytes/string payload
read, through the codec's own helpers (patched here to count), plus the size of the result.
Valid encodings, as eth_abi writes them, always decode, and charge at most len(data).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from eth_abi import encode as eth_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abigen.runtime import codec
from abigen.runtime.codec import DecodingError, budget_for

# Result size and work may be at most K * len(data) + C (the budget is 2 * len(data) + 1024).
K = 4
C = 4096


def w(value: int) -> bytes:
    return value.to_bytes(32, "big")


@dataclass
class Work:
    follows: int = 0  # offsets followed: one per dynamic item or field
    payload: int = 0  # bytes of bytes/string encodings read
    charged: int = 0  # bytes charged to the budget


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[Work]:
    counts = Work()
    follow, read_bytes, charge = codec._follow, codec._read_bytes, codec._charge

    def counting_follow(data: bytes, base: int, at: int, heads_end: int) -> int:
        counts.follows += 1
        return follow(data, base, at, heads_end)

    def counting_read(abi_type: str, data: bytes, pos: int, budget: list[int]) -> bytes:
        raw = read_bytes(abi_type, data, pos, budget)
        counts.payload += len(raw)
        return raw

    def counting_charge(budget: list[int], cost: int, *args: Any) -> None:
        counts.charged += cost
        charge(budget, cost, *args)

    monkeypatch.setattr(codec, "_follow", counting_follow)
    monkeypatch.setattr(codec, "_read_bytes", counting_read)
    monkeypatch.setattr(codec, "_charge", counting_charge)
    yield counts


def size(value: object) -> int:
    """Leaf bytes of a decoded value: payload bytes, 32 per word, 1 per container."""
    if isinstance(value, bytes | str):
        return len(value)
    if isinstance(value, list | tuple):
        return 1 + sum(size(item) for item in value)  # pyright: ignore[reportUnknownArgumentType,reportUnknownVariableType]
    return 32


def assert_bounded(c: codec.Codec[Any], data: bytes, work: Work) -> object | None:
    """Decode `data`: a DecodingError, or a value at most K*len(data)+C; linear work either way."""
    work.follows = work.payload = work.charged = 0
    try:
        value = c.decode(data)
    except DecodingError as err:
        assert "\n" not in str(err)
        value = None
    bound = K * len(data) + C
    assert work.charged <= budget_for(len(data)) + len(data)  # the refused charge overshoots once
    assert 32 * work.follows <= bound
    assert work.payload <= bound
    if value is not None:
        assert size(value) <= bound
    return value


# ---- types ----------------------------------------------------------------------------------

U256 = codec.uint(256)
TYPES: dict[str, codec.Codec[Any]] = {
    "bytes[]": codec.array(codec.BYTES),
    "string[]": codec.array(codec.STRING),
    "uint256[][][]": codec.array(codec.array(codec.array(U256))),
    "(bytes[],uint256[])": codec.tuple_([codec.array(codec.BYTES), codec.array(U256)]),
    "((uint256,bytes)[],string)[]": codec.array(
        codec.tuple_([codec.array(codec.tuple_([U256, codec.BYTES])), codec.STRING])
    ),
    "bytes[2][]": codec.array(codec.array(codec.BYTES, 2)),
    "(string,(bytes,uint8[])[])": codec.tuple_(
        [codec.STRING, codec.array(codec.tuple_([codec.BYTES, codec.array(codec.uint(8))]))]
    ),
}
ETH_TYPES = {
    "bytes[]": "bytes[]",
    "string[]": "string[]",
    "uint256[][][]": "uint256[][][]",
    "(bytes[],uint256[])": "(bytes[],uint256[])",
    "((uint256,bytes)[],string)[]": "((uint256,bytes)[],string)[]",
    "bytes[2][]": "bytes[2][]",
    "(string,(bytes,uint8[])[])": "(string,(bytes,uint8[])[])",
}


# ---- hand-made bombs -------------------------------------------------------------------------


def shared_tail_array(count: int, payload: bytes) -> bytes:
    """`enc(T[])` for bytes/string T: `count` offsets, all to one tail holding `payload`."""
    heads = w(32 * count) * count
    tail = w(len(payload)) + payload + bytes(-len(payload) % 32)
    return w(count) + heads + tail


def nested_shared(levels: int, fanout: int) -> bytes:
    """`enc(uint256[]...[])`: every level's `fanout` offsets point to one shared child."""
    data = w(fanout) + b"".join(w(i) for i in range(fanout))
    for _ in range(levels - 1):
        data = w(fanout) + w(32 * fanout) * fanout + data
    return data


@pytest.mark.parametrize("kind", ["bytes[]", "string[]"])
def test_shared_tails_are_refused(kind: str, work: Work) -> None:
    # 164 kB that eth_abi decodes to 200 MB: 5,000 references to one 40 kB payload.
    data = shared_tail_array(5_000, b"a" * 40_000)
    with pytest.raises(DecodingError, match=r"^\[\d+\]: .* decoding would read more than"):
        TYPES[kind].decode(data)
    assert_bounded(TYPES[kind], data, work)


def test_nested_shared_arrays_are_refused(work: Work) -> None:
    data = nested_shared(3, 300)  # 29 kB; 27 million uint256 if every reference were decoded
    with pytest.raises(DecodingError, match="shared or overlapping regions"):
        TYPES["uint256[][][]"].decode(data)
    assert_bounded(TYPES["uint256[][][]"], data, work)


def test_a_field_shared_by_two_fields_stays_within_the_bound(work: Work) -> None:
    # Two fields reading one tail is within the budget (2x): accepted, and the result small.
    inner = w(3) + w(1) + w(2) + w(3)
    data = w(64) + w(64) + inner
    c = codec.tuple_([codec.array(U256), codec.array(U256)])
    assert assert_bounded(c, data, work) == ([1, 2, 3], [1, 2, 3])


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("bytes[]", w(2**255), "items run past the end of data"),
        ("bytes[]", w(3) + w(96) * 2, "items run past the end of data"),  # 3 heads, 2 present
        ("bytes[]", w(1) + w(32) + w(2**200), "length 2\\*\\*200 runs past the end of data"),
        ("uint256[][][]", w(1) + w(32) + w(1) + w(32) + w(5) + w(0), "items run past the end"),
        ("bytes[]", w(1) + w(2**64), "outside \\[64, 64\\)"),
    ],
)
def test_lengths_and_offsets_beyond_the_data(kind: str, data: bytes, message: str) -> None:
    with pytest.raises(DecodingError, match=message):
        TYPES[kind].decode(data)


def test_errors_name_the_path_once() -> None:
    c = codec.tuple_([codec.array(codec.array(codec.uint(8)))], ["x"])
    data = w(32) + w(1) + w(32) + w(2) + w(1) + w(300)
    with pytest.raises(DecodingError) as info:
        c.decode(data)
    assert str(info.value) == "x[0][1]: uint8 at byte 160: non-zero padding"


def test_error_paths_cost_no_extra_decoding(work: Work) -> None:
    # Locating a failing item must not decode again level by level (2**depth work).
    depth = 12
    c: codec.Codec[Any] = codec.BYTES
    for _ in range(depth):
        c = codec.array(c)
    data = b"".join(w(1) + w(32) for _ in range(depth)) + w(2**64)
    with pytest.raises(DecodingError, match="^" + r"\[0\]" * depth + ": bytes"):
        c.decode(data)
    assert work.follows == depth


# ---- fuzzing ---------------------------------------------------------------------------------


@st.composite
def word_soup(draw: st.DrawFn) -> bytes:
    """Data made of words that are likely offsets (to anywhere, shared), counts and lengths."""
    n = draw(st.integers(1, 64))
    offsets = st.integers(0, n).map(lambda i: 32 * i)
    words = draw(
        st.lists(
            st.one_of(
                offsets,
                st.integers(0, 8),
                st.sampled_from([2**255, 2**256 - 1, 2**64, 2**32, 31, 33]),
                st.integers(0, 2**256 - 1),
            ),
            min_size=n,
            max_size=n,
        )
    )
    return b"".join(w(x) for x in words) + draw(st.binary(max_size=40))


@st.composite
def bomb(draw: st.DrawFn) -> tuple[str, bytes]:
    """A crafted bomb for one of the types: shared tails, nested sharing, or huge counts."""
    shape = draw(st.sampled_from(["shared", "nested", "huge"]))
    if shape == "shared":
        kind = draw(st.sampled_from(["bytes[]", "string[]"]))
        payload = b"x" * draw(st.integers(0, 4000))
        return kind, shared_tail_array(draw(st.integers(1, 600)), payload)
    if shape == "nested":
        return "uint256[][][]", nested_shared(3, draw(st.integers(1, 120)))
    kind = draw(st.sampled_from(sorted(TYPES)))
    return kind, w(draw(st.integers(2**16, 2**256 - 1))) + w(32) * draw(st.integers(0, 50))


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(sorted(TYPES)), data=word_soup())
def test_word_soup_decodes_boundedly(kind: str, data: bytes, work: Work) -> None:
    assert_bounded(TYPES[kind], data, work)
    # Nested under a tuple head (an offset word first), as return data of a function would be.
    assert_bounded(codec.tuple_([TYPES[kind]]), w(32) + data, work)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=bomb())
def test_crafted_bombs_decode_boundedly(case: tuple[str, bytes], work: Work) -> None:
    kind, data = case
    assert_bounded(TYPES[kind], data, work)


# ---- valid encodings always pass -------------------------------------------------------------

_small_bytes = st.binary(max_size=70)
_u256 = st.integers(0, 2**256 - 1)
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "bytes[]": st.lists(_small_bytes, max_size=6),
    "string[]": st.lists(st.text(max_size=20), max_size=6),
    "uint256[][][]": st.lists(st.lists(st.lists(_u256, max_size=3), max_size=3), max_size=3),
    "(bytes[],uint256[])": st.tuples(
        st.lists(_small_bytes, max_size=4), st.lists(_u256, max_size=4)
    ),
    "((uint256,bytes)[],string)[]": st.lists(
        st.tuples(st.lists(st.tuples(_u256, _small_bytes), max_size=3), st.text(max_size=10)),
        max_size=3,
    ),
    "bytes[2][]": st.lists(st.lists(_small_bytes, min_size=2, max_size=2), max_size=3),
    "(string,(bytes,uint8[])[])": st.tuples(
        st.text(max_size=10),
        st.lists(st.tuples(_small_bytes, st.lists(st.integers(0, 255), max_size=3)), max_size=3),
    ),
}


@st.composite
def valid(draw: st.DrawFn) -> tuple[str, Any]:
    kind = draw(st.sampled_from(sorted(VALUES)))
    return kind, draw(VALUES[kind])


def normalise(value: object) -> object:
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]  # pyright: ignore[reportUnknownVariableType]
    return value


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=valid())
def test_valid_encodings_charge_at_most_their_size(case: tuple[str, Any], work: Work) -> None:
    kind, value = case
    eth_type = ETH_TYPES[kind]
    # eth_abi encodes a type as a one-element tuple when it is a tuple type; match its shape.
    data = eth_encode([eth_type], [value])
    wrapped = codec.tuple_([TYPES[kind]])
    work.charged = 0
    decoded = wrapped.decode(data)
    assert normalise(decoded) == normalise((value,))
    assert work.charged <= len(data)
