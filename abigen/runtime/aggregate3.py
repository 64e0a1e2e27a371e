"""Multicall3's aggregate3 ABI by hand: its argument encoded, its results read.

The codec's general path costs a multicall of 100 small calls more than the node takes to run
them; these do the one shape fast. Results in the canonical layout (what every aggregate3
returns) are read directly, checked bound by bound; any other layout goes through the codec,
which validates it in full (tests compare both with the codec).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from abigen.runtime import codec

if TYPE_CHECKING:
    from abigen.runtime.prepared import PreparedCall

RESULTS = codec.tuple_((codec.array(codec.tuple_((codec.BOOL, codec.BYTES))),))
_WORD_TRUE = (1).to_bytes(32, "big")
_WORD_0X60 = (0x60).to_bytes(32, "big")
_WORD_0X20 = (0x20).to_bytes(32, "big")
_WORD_0X40 = (0x40).to_bytes(32, "big")
_WORD_FALSE = bytes(32)
_ADDRESS_PAD = bytes(12)


def encoded_calls(calls: Sequence[PreparedCall[Any]]) -> bytes:
    """aggregate3's argument: `(address target, bool allowFailure, bytes callData)[]`, with
    allowFailure true for every call."""
    heads: list[bytes] = []
    tails: list[bytes] = []
    offset = 32 * len(calls)
    for call in calls:
        data = call.data
        padded = data + bytes(-len(data) % 32)
        heads.append(offset.to_bytes(32, "big"))
        tails += (
            _ADDRESS_PAD + bytes.fromhex(call.to[2:]),
            _WORD_TRUE,
            _WORD_0X60,
            len(data).to_bytes(32, "big"),
            padded,
        )
        offset += 128 + len(padded)
    return b"".join((_WORD_0X20, len(calls).to_bytes(32, "big"), *heads, *tails))


def decode_results(data: bytes) -> list[tuple[bool, bytes]]:
    """aggregate3's `(bool success, bytes returnData)[]`; DecodingError if it is not one."""
    fast = _canonical_results(data)
    if fast is not None:
        return fast
    (results,) = RESULTS.decode(data)
    return [(success, returned) for success, returned in results]


def _canonical_results(data: bytes) -> list[tuple[bool, bytes]] | None:
    """The results if `data` lays them out exactly as Solidity does, else None."""
    size = len(data)
    if size < 64 or data[:32] != _WORD_0X20:
        return None
    count = int.from_bytes(data[32:64], "big")
    if count > (size - 64) // 128:  # each result takes at least 4 words
        return None
    base, expected = 64, 32 * count  # offsets count from the first head
    found: list[tuple[bool, bytes]] = []
    for index in range(count):
        head = base + 32 * index
        if int.from_bytes(data[head : head + 32], "big") != expected:
            return None
        at = base + expected
        flag = data[at : at + 32]
        if (flag != _WORD_TRUE and flag != _WORD_FALSE) or data[at + 32 : at + 64] != _WORD_0X40:
            return None
        length = int.from_bytes(data[at + 64 : at + 96], "big")
        padded = length + (-length % 32)
        end = at + 96 + padded
        if end > size or any(data[at + 96 + length : end]):
            return None
        found.append((flag == _WORD_TRUE, data[at + 96 : at + 96 + length]))
        expected += 96 + padded
    return found if base + expected == size else None
