"""Hex encodings: JSON-RPC quantities ("0x1a") and data ("0xdeadbeef"), and creation code
with its library placeholders blanked."""

from __future__ import annotations

from collections.abc import Iterable


def to_quantity(value: int) -> str:
    return hex(value)


def from_quantity(text: str) -> int:
    return int(text, 16)


def to_data(raw: bytes) -> str:
    return "0x" + raw.hex()


def from_data(text: str | bytes) -> bytes:
    """Accept 0x-hex text (what nodes return) or raw bytes (what users may hold)."""
    if text.__class__ is str and text[:2] == "0x":  # what nodes send: thousands per answer
        try:
            return bytes.fromhex(text[2:])  # pyright: ignore[reportArgumentType]
        except ValueError:
            raise ValueError(f"invalid hex data {text[:20]!r}...") from None
    if isinstance(text, bytes | bytearray | memoryview):
        return bytes(text)
    if text[:2] not in ("0x", "0X"):
        raise ValueError(f"expected 0x-prefixed hex data, got {text[:20]!r}")
    try:
        return bytes.fromhex(text[2:])
    except ValueError:
        raise ValueError(f"invalid hex data {text[:20]!r}...") from None


def blank_placeholders(code: str, offsets: Iterable[int]) -> str:
    """Hex creation code with the 20-byte library placeholder at each byte offset zeroed, so
    it is plain hex (linking writes the addresses later). ValueError if a placeholder no
    offset covers is left ("__$<hash>$__" or "__Lib___...": not hex)."""
    chars = list(code)
    for offset in offsets:
        chars[2 * offset : 2 * offset + 40] = "0" * 40
    cleaned = "".join(chars)
    if "_" in cleaned or "$" in cleaned:
        raise ValueError("bytecode has library placeholders that no link reference covers")
    return cleaned
