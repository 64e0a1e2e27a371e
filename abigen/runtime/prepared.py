"""A contract call prepared offline, to run later: alone, in a JSON-RPC batch or a multicall.

`token.balance_of.prepare(alice)` encodes the call now and carries what running it needs:
where it goes, its calldata, the block and caller it runs as, how to decode its result (typed:
a PreparedCall[int] decodes to int) and the contract's custom errors to decode a revert with.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from abigen.runtime.hexdata import to_data, to_quantity

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

    from abigen.runtime.reverts import CustomError

R = TypeVar("R")


@dataclass(frozen=True, slots=True, repr=False)
class PreparedCall(Generic[R]):
    """One eth_call, encoded: `decode` turns its return data into the typed result."""

    to: ChecksumAddress
    data: bytes
    block: str  # as block_tag gives it: a 0x number, a tag or a block hash
    sender: ChecksumAddress | None
    value: int
    label: str  # names the call in errors: "Token.balanceOf(address) at 0x..."
    decode: Callable[[bytes], R]
    errors: Mapping[bytes, type[CustomError]]

    def __repr__(self) -> str:
        return f"<prepared {self.label}>"

    def call_object(self) -> dict[str, str]:
        """The transaction object of eth_call / eth_estimateGas."""
        request = {"to": self.to, "data": to_data(self.data)}
        if self.sender is not None:
            request["from"] = self.sender
        if self.value:
            request["value"] = to_quantity(self.value)
        return request

    def params(self) -> list[object]:
        """The params of its eth_call."""
        return [self.call_object(), self.block]
