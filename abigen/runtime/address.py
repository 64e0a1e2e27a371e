"""EIP-55 addresses: user input -> 20 raw bytes, and raw bytes -> checksum strings.

Both directions are cached: the same few addresses are encoded and decoded over and over, and an
uncached checksum costs a Keccak hash.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NoReturn, cast

from abigen.runtime.errors import EncodingError
from abigen.runtime.keccak import keccak256

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress


@lru_cache(maxsize=4096)
def to_checksum_address(raw20: bytes) -> ChecksumAddress:
    if len(raw20) != 20:
        raise ValueError(f"an address is 20 bytes, got {len(raw20)}")
    digits = raw20.hex()
    digest = keccak256(digits.encode("ascii")).hex()
    # EIP-55: upper-case a letter when the matching nibble of the hash is >= 8.
    checksummed = "".join(
        c.upper() if h in "89abcdef" else c for c, h in zip(digits, digest[:40], strict=True)
    )
    return cast("ChecksumAddress", "0x" + checksummed)


def parse_address(value: object) -> bytes:
    """The 20 raw bytes of an address given as a 0x-hex str or as 20 bytes."""
    if isinstance(value, str):
        return _parse_hex(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(cast("bytes", value))  # the cast only hides memoryview's unknown item type
        if len(raw) == 20:
            return raw
        _fail(raw, f"has {len(raw)} bytes, need exactly 20")
    _fail(value, "not a 0x-prefixed hex str or 20 bytes")


@lru_cache(maxsize=4096)
def _parse_hex(text: str) -> bytes:
    digits = text[2:]
    if len(text) != 42 or not text.startswith("0x"):
        _fail(text, "not 0x followed by 40 hex digits")
    try:
        raw = bytes.fromhex(digits)
    except ValueError:
        _fail(text, "not 0x followed by 40 hex digits")
    if len(raw) != 20:  # fromhex skips whitespace, so 40 chars can hold fewer than 20 bytes
        _fail(text, "not 0x followed by 40 hex digits")
    # All-lower and all-upper carry no checksum; mixed case must be a valid one.
    if digits != digits.lower() and digits != digits.upper() and to_checksum_address(raw) != text:
        _fail(text, "bad checksum")
    return raw


def _fail(value: object, reason: str) -> NoReturn:
    raise EncodingError.bad_value("address", value, reason)
