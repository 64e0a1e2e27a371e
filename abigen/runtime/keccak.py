"""Keccak-256 (the pre-NIST-padding variant Ethereum uses, not SHA3-256)."""


def keccak256(data: bytes) -> bytes:
    # Imported on first use: loading pycryptodome's native code takes ~30 ms, which would
    # otherwise be most of the cost of importing a generated binding.
    from Crypto.Hash import keccak

    return keccak.new(data=data, digest_bits=256).digest()
