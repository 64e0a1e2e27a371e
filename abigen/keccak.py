"""Keccak-256 (the pre-NIST-padding variant Ethereum uses, not SHA3-256)."""

from Crypto.Hash import keccak


def keccak256(data: bytes) -> bytes:
    return keccak.new(data=data, digest_bits=256).digest()
