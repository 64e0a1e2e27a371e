"""Type aliases the runtime's signatures share; a leaf module (imports nothing at run time)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount
    from eth_typing import ChecksumAddress as ChecksumAddress
else:
    # Generic bases such as ContractFunction[list[ChecksumAddress]] are evaluated at import:
    # at run time the NewType is just str, and importing eth_typing would cost ~90 ms.
    ChecksumAddress = str

Sender: TypeAlias = "str | LocalAccount"
"""Who sends: an address the node manages, or a local eth_account account (signs locally)."""
BlockId: TypeAlias = "int | str"
"""A block number, a tag ('latest', 'pending', 'safe', 'finalized', 'earliest') or a hash."""

__all__ = ["BlockId", "ChecksumAddress", "Sender"]
