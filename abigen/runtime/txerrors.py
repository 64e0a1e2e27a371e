"""Why a sent transaction will never be mined: the errors a wait raises besides a timeout.

Apart from abigen.runtime.errors (a leaf module) because a replacement carries its Receipt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from abigen.runtime.errors import AbigenError

if TYPE_CHECKING:
    from abigen.runtime.receipt import Receipt


class TransactionDropped(AbigenError):
    """The node no longer knows the transaction and its nonce is still unused: it will not be
    mined unless sent again."""

    def __init__(self, message: str, hash: str) -> None:
        super().__init__(message)
        self.hash = hash


class TransactionReplaced(AbigenError):
    """Another transaction of the same sender and nonce was mined instead: `replacement_hash`
    and its `replacement` receipt. `reason`: "repriced" (the same call, other fees),
    "cancelled" (a 0-value self-send without data) or "replaced" (anything else)."""

    def __init__(
        self,
        message: str,
        hash: str,
        replacement_hash: str,
        replacement: Receipt,
        reason: Literal["replaced", "cancelled", "repriced"],
    ) -> None:
        super().__init__(message)
        self.hash = hash
        self.replacement_hash = replacement_hash
        self.replacement = replacement
        self.reason: Literal["replaced", "cancelled", "repriced"] = reason
