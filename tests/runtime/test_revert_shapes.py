"""Revert data as different nodes report it (anvil is tested live; these shapes are not)."""

from __future__ import annotations

import pytest

from abigen.runtime.errors import RpcError
from abigen.runtime.reverts import ContractError, Panic, Revert, decode_revert, revert_data

REASON = bytes.fromhex(
    "08c379a0"
    "0000000000000000000000000000000000000000000000000000000000000020"
    "0000000000000000000000000000000000000000000000000000000000000004"
    "6e6f706500000000000000000000000000000000000000000000000000000000"
)
PANIC = bytes.fromhex("4e487b71" + "11".rjust(64, "0"))


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        # geth and anvil: code 3, hex in `data`
        ({"code": 3, "message": "execution reverted: nope", "data": "0x" + REASON.hex()}, REASON),
        # geth, revert() without data: code -32000 and nothing to decode
        ({"code": -32000, "message": "execution reverted"}, b""),
        # Hardhat / Ganache: nested objects
        ({"code": -32603, "message": "Error", "data": {"data": "0x" + PANIC.hex()}}, PANIC),
        (
            {
                "code": -32603,
                "message": "x",
                "data": {"originalError": {"data": "0x" + REASON.hex()}},
            },
            REASON,
        ),
        # not a revert at all
        ({"code": -32000, "message": "nonce too low"}, None),
        ({"code": -32601, "message": "Method not found"}, None),
    ],
)
def test_revert_data_in_every_node_shape(error: dict[str, object], expected: bytes | None) -> None:
    assert revert_data(RpcError("eth_call", error)) == expected


def test_decoded_kinds() -> None:
    reason = decode_revert(REASON, {})
    assert isinstance(reason, Revert) and reason.reason == "nope"
    panic = decode_revert(PANIC, {})
    assert isinstance(panic, Panic) and (panic.code, panic.meaning) == (
        0x11,
        "arithmetic overflow or underflow",
    )
    bare = decode_revert(b"", {})
    assert type(bare) is ContractError and str(bare) == "execution reverted without a reason"
    unknown = decode_revert(bytes.fromhex("deadbeef"), {})
    assert type(unknown) is ContractError and "0xdeadbeef" in str(unknown)
    malformed = decode_revert(REASON[:40], {})  # known selector, truncated payload
    assert type(malformed) is ContractError
