"""The async face of a contract: AsyncContract and its function bases.

A generated module holds `AsyncToken` next to `Token`: both derive from the module's offline
contract class (errors, constructor, creation code) and their function classes from one
offline class per function (selector, codecs, encode/decode, prepare). What is left here is
the thin glue that awaits: each operation builds what the sync face builds (the same
helpers of FunctionAbi) and runs the same flows with `run_async`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.contract import (
    ContractBase,
    FunctionAbi,
    NoArgsCall,
    NoArgsPayableCall,
    R,
    sending_to,
)
from abigen.runtime.errors import RpcError
from abigen.runtime.flows import run_async
from abigen.runtime.node import Node
from abigen.runtime.tx import AsyncTransaction, estimating

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from abigen.runtime.aliases import Sender
    from abigen.runtime.asyncnode import AsyncNode
    from abigen.runtime.receipt import Deployment
    from abigen.runtime.tx import CallOptions, PayableCallOptions, PayableTxOptions, TxOptions


class AsyncContract(ContractBase):
    """A deployed contract on an AsyncNode (`abigen.connect_async`): every call is awaited."""

    __slots__ = ()

    deployment: Deployment[AsyncTransaction] | None  # set by deploy(): transaction and receipt

    def __init__(self, address: str, node: AsyncNode) -> None:
        self.address = to_checksum_address(parse_address(address))
        self.node = _require_async_node(node)
        self.deployment = None

    async def _send_raw(
        self, data: bytes | str, sender: Sender, tx: Mapping[str, Any], value: int | None = None
    ) -> AsyncTransaction:
        """A transaction with calldata as given: fallback and receive functions."""
        return await transact_async(self, data, sender, tx, value)


async def transact_async(
    contract: AsyncContract,
    data: bytes | str,
    sender: Sender,
    tx: Mapping[str, Any],
    value: int | None = None,
) -> AsyncTransaction:
    """Send a transaction to `contract` through its AsyncNode (see contract.transact)."""
    node = contract.node
    sent = await run_async(sending_to(contract, node.endpoint, data, sender, tx, value), node)
    return AsyncTransaction(node, *sent, contract.ERRORS, contract.EVENTS, sent.origin)


def _require_async_node(value: object) -> AsyncNode:
    from abigen.runtime.asyncnode import AsyncNode

    if not isinstance(value, AsyncNode):
        if isinstance(value, Node):
            raise TypeError(
                f"{value!r:.60} is a sync Node: bind the contract's sync class (Token for "
                "AsyncToken), or connect with abigen.connect_async"
            )
        raise TypeError(
            f"node must be an abigen AsyncNode (see abigen.connect_async), got {value!r:.60}"
        )
    return value


class AsyncContractFunction(FunctionAbi[R]):
    """The async twin of ContractFunction: `await token.balance_of(alice)`; a send returns an
    AsyncTransaction (`await tx.wait()`)."""

    __slots__ = ()

    def _bound(self) -> AsyncContract:
        contract: AsyncContract = self._contract if self._contract is not None else self._unbound()
        return contract

    async def _call(self, args: tuple[object, ...], call: Mapping[str, Any]) -> R:
        node = self._bound().node
        try:
            result: str = await node.request("eth_call", self._params(args, call))
        except RpcError as exc:
            raise self._reverted(exc) from None
        return self._decoded(result)

    async def _estimate(self, args: tuple[object, ...], call: Mapping[str, Any]) -> int:
        contract = self._bound()
        request = self._prepare(args, call).call_object()
        return await run_async(estimating(request, contract.ERRORS), contract.node)

    async def _send(
        self, args: tuple[object, ...], sender: Sender, tx: Mapping[str, Any]
    ) -> AsyncTransaction:
        return await transact_async(self._bound(), self._encode(args), sender, tx)


class AsyncView(AsyncContractFunction[R]):
    """A view or pure function: awaiting it runs eth_call; `simulate` is the same call."""

    __slots__ = ()


class AsyncSend(AsyncContractFunction[R]):
    """A state-changing function: awaiting it sends a transaction."""

    __slots__ = ()


class AsyncNoArgsView(AsyncView[R], NoArgsCall[R]):
    """A view or pure function without parameters: `await contract.name()`."""

    __slots__ = ()

    async def __call__(self, **call: Unpack[CallOptions]) -> R:
        return await self._call((), call)

    simulate = __call__

    async def estimate_gas(self, **call: Unpack[CallOptions]) -> int:
        return await self._estimate((), call)


class AsyncNoArgsSend(AsyncSend[R], NoArgsCall[R]):
    """A state-changing function without parameters: `await contract.pause(sender=...)`."""

    __slots__ = ()

    async def __call__(self, *, sender: Sender, **tx: Unpack[TxOptions]) -> AsyncTransaction:
        return await self._send((), sender, tx)

    async def simulate(self, **call: Unpack[CallOptions]) -> R:
        return await self._call((), call)

    async def estimate_gas(self, **call: Unpack[CallOptions]) -> int:
        return await self._estimate((), call)


class AsyncNoArgsPayable(AsyncSend[R], NoArgsPayableCall[R]):
    """A payable function without parameters: `await contract.deposit(sender=..., value=...)`."""

    __slots__ = ()

    async def __call__(self, *, sender: Sender, **tx: Unpack[PayableTxOptions]) -> AsyncTransaction:
        return await self._send((), sender, tx)

    async def simulate(self, **call: Unpack[PayableCallOptions]) -> R:
        return await self._call((), call)

    async def estimate_gas(self, **call: Unpack[PayableCallOptions]) -> int:
        return await self._estimate((), call)
