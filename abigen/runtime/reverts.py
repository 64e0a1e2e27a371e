"""Reverts: the exceptions a contract raises, and decoding of revert data into them.

Reverts are decoded the same way wherever they surface (eth_call, eth_estimateGas,
eth_sendTransaction, a mined transaction that failed): custom errors to the generated
classes, Error(string) to Revert, Panic(uint256) to Panic, anything else to ContractError.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from abigen.runtime import codec
from abigen.runtime.errors import AbigenError, DecodingError, RpcError
from abigen.runtime.values import show

if TYPE_CHECKING:
    from abigen.runtime.receipt import Receipt

ERROR_SELECTOR = bytes.fromhex("08c379a0")  # Error(string)
PANIC_SELECTOR = bytes.fromhex("4e487b71")  # Panic(uint256)
_REASON = codec.tuple_((codec.STRING,))
_PANIC_CODE = codec.tuple_((codec.uint(256),))

PANIC_MEANINGS = {
    0x00: "generic compiler panic",
    0x01: "assertion failed",
    0x11: "arithmetic overflow or underflow",
    0x12: "division or modulo by zero",
    0x21: "invalid enum value",
    0x22: "corrupted storage byte array",
    0x31: "pop() on an empty array",
    0x32: "array index out of bounds",
    0x41: "out of memory",
    0x51: "call to an uninitialised function pointer",
}


class ContractError(AbigenError):
    """The contract reverted. `data` is the raw revert data (may be empty)."""

    data: bytes
    receipt: Receipt | None

    def __init__(self, message: str = "execution reverted", data: bytes = b"") -> None:
        super().__init__(message)
        self.data = data
        self.receipt = None  # set when the revert comes from a mined transaction


class Revert(ContractError):
    """`revert("reason")` / `require(cond, "reason")`: Error(string)."""

    def __init__(self, reason: str, data: bytes = b"") -> None:
        super().__init__(f"execution reverted: {reason}", data)
        self.reason = reason


class Panic(ContractError):
    """A Solidity panic: Panic(uint256), `code` says which (0x11 overflow, 0x12 division...)."""

    def __init__(self, code: int, data: bytes = b"") -> None:
        self.code = code
        self.meaning = PANIC_MEANINGS.get(code, "unknown panic code")
        super().__init__(f"panic 0x{code:02x}: {self.meaning}", data)


class CustomError(ContractError):
    """Base of the generated exception classes, one per custom error in the ABI.

    A generated class is a dataclass of the error's arguments (its __init__ takes them);
    the message shows them, bytes as 0x-hex.
    """

    SIGNATURE: ClassVar[str]
    SELECTOR: ClassVar[bytes]
    ARGS: ClassVar[codec.Codec[Any]]

    def __post_init__(self) -> None:
        fields = dataclasses.fields(cast("Any", self))
        shown = ", ".join(f"{f.name}={show(getattr(self, f.name))}" for f in fields)
        ContractError.__init__(self, f"{type(self).__name__}({shown})")

    @classmethod
    def decode(cls, data: bytes) -> CustomError:
        error = cls(*cls.ARGS.decode(data[4:]))
        error.data = data
        return error


class ErrorTable(Mapping[bytes, type[CustomError]]):
    """A contract's own custom errors by selector (the Mapping), and where to look next: the
    errors of every contract of its generated package, for an error bubbled up from a callee."""

    __slots__ = ("_fallback", "_own")

    def __init__(
        self,
        own: Mapping[bytes, type[CustomError]],
        fallback: Callable[[bytes], Iterable[type[CustomError]]] | None = None,
    ) -> None:
        self._own = dict(own)
        self._fallback = fallback

    def __getitem__(self, selector: bytes) -> type[CustomError]:
        return self._own[selector]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._own)

    def __len__(self) -> int:
        return len(self._own)

    def candidates(self, selector: bytes) -> Iterator[type[CustomError]]:
        """The classes an error with this selector may be: the contract's own first, then
        (looked up only as far as the caller reads) those of the package's other contracts."""
        own = self._own.get(selector)
        if own is not None:
            yield own
        if self._fallback is not None:
            yield from (kind for kind in self._fallback(selector) if kind is not own)


def decode_revert(data: bytes, custom: Mapping[bytes, type[CustomError]]) -> ContractError:
    """Revert data -> the most specific exception we can build; never raises."""
    selector = data[:4]
    try:
        if selector == ERROR_SELECTOR:
            return Revert(_REASON.decode(data[4:])[0], data)
        if selector == PANIC_SELECTOR:
            return Panic(_PANIC_CODE.decode(data[4:])[0], data)
    except DecodingError:
        pass  # malformed payload behind a known selector: fall through to the raw error
    for kind in _candidates(custom, selector):
        try:
            return kind.decode(data)
        except DecodingError:
            continue  # another error sharing the selector may fit (or none: the raw error)
    if not data:
        return ContractError("execution reverted without a reason", data)
    return ContractError(f"execution reverted with unrecognised data 0x{data.hex()}", data)


def _candidates(
    custom: Mapping[bytes, type[CustomError]], selector: bytes
) -> Iterable[type[CustomError]]:
    if isinstance(custom, ErrorTable):
        return custom.candidates(selector)
    kind = custom.get(selector)
    return () if kind is None else (kind,)


def revert_data(error: RpcError) -> bytes | None:
    """The revert data inside a JSON-RPC error, or None if the error is not a revert.

    Nodes disagree on the shape: geth and anvil put hex in `data` (code 3), geth's
    revert without data is code -32000 "execution reverted", Hardhat/Ganache nest it
    as {"data": {"data": "0x.."}} or under `originalError`.
    """
    found = _find_hex(error.rpc_data)
    if found is not None:
        return found
    if "revert" in error.rpc_message.lower():
        return b""
    return None


def _find_hex(data: object) -> bytes | None:
    if isinstance(data, str) and data[:2] == "0x":
        try:
            return bytes.fromhex(data[2:])
        except ValueError:
            return None
    if isinstance(data, dict):
        nested = cast("dict[str, object]", data)
        for key in ("data", "result", "originalError"):
            found = _find_hex(nested.get(key))
            if found is not None:
                return found
    return None
