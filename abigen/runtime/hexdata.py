"""JSON-RPC's hex encodings: quantities ("0x1a") and data ("0xdeadbeef")."""

from __future__ import annotations


def to_quantity(value: int) -> str:
    return hex(value)


def from_quantity(text: str) -> int:
    return int(text, 16)


def to_data(raw: bytes) -> str:
    return "0x" + raw.hex()


def from_data(text: str | bytes) -> bytes:
    """Accept 0x-hex text (what nodes return) or raw bytes (what users may hold)."""
    if isinstance(text, bytes | bytearray | memoryview):
        return bytes(text)
    if text[:2] not in ("0x", "0X"):
        raise ValueError(f"expected 0x-prefixed hex data, got {text[:20]!r}")
    try:
        return bytes.fromhex(text[2:])
    except ValueError:
        raise ValueError(f"invalid hex data {text[:20]!r}...") from None
