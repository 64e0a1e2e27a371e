"""The runtime's exceptions that need nothing else of the runtime: a leaf module.

Every error the runtime raises derives from AbigenError. The codec's EncodingError and
DecodingError are ValueErrors too (a bad argument is a bad value). Reverts, which need the
codec to decode, live in `abigen.runtime.reverts`.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Mapping, Sequence
from typing import Any, cast

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxlong = _REPR.maxother = 56  # whole addresses and hashes stay readable


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str, limit: int = 200) -> str:
    """Untrusted text for a one-line message: control characters escaped, cut to `limit`."""
    cut = text[:limit]
    shown = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), cut)
    return shown + ("..." if len(text) > limit else "")


EXCERPT = 80  # characters of an untrusted value quoted in an error message


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short, printable quote of an untrusted value: the repr of a cut prefix."""
    if isinstance(value, bytearray | memoryview):
        value = bytes(cast("bytes", value[: limit + 1]))
    if isinstance(value, str | bytes):
        return repr(value[:limit]) + ("..." if len(value) > limit else "")
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ cannot come from JSON, but be safe
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[:limit] + "..."


class AbigenError(Exception):
    """Base of every error the runtime raises."""


class NodeError(AbigenError):
    """The node could not be reached or answered with something unusable."""


class NodeUnreachable(NodeError):
    """The transport failed: connection refused, socket missing, timeout..."""

    @classmethod
    def because(cls, endpoint: object, exc: BaseException) -> NodeUnreachable:
        """`cannot reach node at X: <why>`, in words people know."""
        text = str(exc) or type(exc).__name__
        if isinstance(exc, ConnectionRefusedError) or "Connection refused" in text:
            text = "connection refused"
        elif isinstance(exc, FileNotFoundError):
            text = "no IPC socket at that path"
        return cls(f"cannot reach node at {endpoint}: {clean(text.splitlines()[0])}")


class RpcError(NodeError):
    """The node answered a JSON-RPC request with an error object."""

    def __init__(self, method: str, error: Mapping[str, Any], endpoint: str | None = None) -> None:
        self.method = method
        self.endpoint = endpoint
        code = error.get("code")
        self.code: int | None = code if isinstance(code, int) else None
        self.rpc_message = str(error.get("message", ""))
        self.rpc_data: object = error.get("data")
        # The node's words are untrusted: escaped and cut, so the message stays one short line.
        super().__init__(f"{method} failed: {clean(self.rpc_message)} (code {self.code})")


class BatchRefused(NodeError):
    """The node refused a JSON-RPC batch as a whole (too large, not supported...): the message
    quotes its words. No item of the batch was answered."""


class TransactionTimeout(AbigenError):
    """No receipt arrived in time; `hash` is the transaction's (it may still be mined)."""

    def __init__(self, message: str, hash: str = "") -> None:
        super().__init__(message)
        self.hash = hash


class LinkError(AbigenError):
    """A library address is missing or ambiguous; nothing was sent.

    For callers that word it their own way: `missing` names the libraries left without an
    address, `unknown` a given name that matches none of the `known` libraries.
    """

    def __init__(
        self,
        message: str,
        *,
        missing: Sequence[str] = (),
        unknown: str | None = None,
        known: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.missing = tuple(missing)
        self.unknown = unknown
        self.known = tuple(known)


def short_repr(value: object) -> str:
    """A short repr for error messages: 2**200 rather than 61 digits, at most ~60 chars."""
    if type(value) is int and value.bit_length() > 64:
        magnitude = abs(value)
        if magnitude & (magnitude - 1) == 0:
            return f"{'-' if value < 0 else ''}2**{magnitude.bit_length() - 1}"
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class CodecError(AbigenError, ValueError):
    """A one-line message: ``<path>: <detail>``, the path naming where in the value it failed."""

    def __init__(self, detail: str, path: str = "") -> None:
        super().__init__(f"{path}: {detail}" if path else detail)
        self.detail = detail
        self.path = path


class EncodingError(CodecError):
    """A value does not fit its ABI type."""

    @classmethod
    def bad_value(cls, abi_type: str, value: object, reason: str) -> EncodingError:
        return cls(f"expected {abi_type}, got {short_repr(value)}: {reason}")


class DecodingError(CodecError):
    """Bytes are not a valid ABI encoding."""
