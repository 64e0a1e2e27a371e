"""A connection to a node for asyncio: the twin of `abigen.runtime.node.Node`.

The same answer checks, chain pinning and error wording (abigen.runtime.nodecore); requests
are awaited, and many may be in flight on one connection at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from abigen.runtime import answers, chainreads
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.batch import AsyncBatching
from abigen.runtime.errors import NodeUnreachable
from abigen.runtime.flows import run_async
from abigen.runtime.hexdata import from_quantity
from abigen.runtime.node import block_tag
from abigen.runtime.nodecore import NodeCore, check_chain_id_option, pinned
from abigen.runtime.nonces import task_book

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress
    from typing_extensions import Unpack
    from web3.providers import AsyncBaseProvider

    from abigen.runtime.aliases import BlockId, Sender
    from abigen.runtime.chainrecords import Block, FeeSuggestion, TransactionInfo
    from abigen.runtime.receipt import Receipt
    from abigen.runtime.tx import AsyncTransaction, TxOptions


class AsyncNode(NodeCore, AsyncBatching):
    """A node to talk to from asyncio. Build one with `await abigen.connect_async(...)`.

    Every answer is checked before the runtime reads it; `chain_id` pins the chain as with
    `connect`. `chain_id`, `accounts` and `block_number` are awaitable properties.
    """

    def __init__(
        self, provider: AsyncBaseProvider, endpoint: str, *, chain_id: int | None = None
    ) -> None:
        super().__init__(endpoint, chain_id)
        self.provider = provider
        self._make_request = provider.make_request
        self.nonces = task_book()  # local keys' nonces, for concurrent sends (shared as Node's)

    async def close(self) -> None:
        """Release the connection. Safe to call twice."""
        with contextlib.suppress(NotImplementedError):  # web3's base: nothing to release
            await self.provider.disconnect()

    async def __aenter__(self) -> AsyncNode:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def request(self, method: str, params: Sequence[object]) -> Any:
        """Send one JSON-RPC request; return its result (checked for the methods the runtime
        reads) or raise RpcError / NodeUnreachable / NodeError."""
        if not self._chain_checked and method != "eth_chainId":
            self._pin_checked(await self._read_chain_id())
        elif self._reconnected(method):
            self._rechecked(await self._read_chain_id())
        result = answers.check(method, await self._send(method, params), self.endpoint)
        if self._reconnected(""):  # this very request opened a new connection
            self._rechecked(await self._read_chain_id())
        return result

    async def _send(self, method: str, params: Sequence[object]) -> object:
        try:
            response = await self._make_request(method, params)  # type: ignore[arg-type]
        except Exception as exc:
            failure = self._failure(exc, method)
            if failure is exc:
                raise
            raise failure from (exc if isinstance(exc, OSError) else None)
        return answers.envelope(response, method, self.endpoint)

    async def _read_chain_id(self) -> int:
        return self._seen_chain_id(await self._send("eth_chainId", []))

    async def signing_chain_id(self) -> int:
        """The chain id a local key signs for: read from the node now, and refused unless it
        is the pinned one (connect_async's chain_id) or, without a pin, the first one seen."""
        return self._signing_checked(await self._read_chain_id())

    @property
    async def chain_id(self) -> int:
        """The node's chain id, asked now (a pinned connection checks it matches)."""
        return self._asked_chain_checked(await self._read_chain_id())

    @property
    async def accounts(self) -> list[ChecksumAddress]:
        """Accounts the node manages and can sign for (dev nodes)."""
        return self._accounts(await self.request("eth_accounts", []))

    @property
    async def block_number(self) -> int:
        return from_quantity(await self.request("eth_blockNumber", []))

    async def get_balance(self, address: str, block: int | str = "latest") -> int:
        checksum = to_checksum_address(parse_address(address))
        return from_quantity(await self.request("eth_getBalance", [checksum, block_tag(block)]))

    async def get_code(self, address: str, block: BlockId = "latest") -> bytes:
        """The runtime code of an account (see Node.get_code)."""
        return await run_async(chainreads.code(self.endpoint, address, block_tag(block)), self)

    async def get_storage_at(self, address: str, slot: int, block: BlockId = "latest") -> bytes:
        """The 32-byte word in a storage slot (see Node.get_storage_at)."""
        flow = chainreads.storage_at(self.endpoint, address, slot, block_tag(block))
        return await run_async(flow, self)

    async def get_transaction_count(self, address: str, block: BlockId = "latest") -> int:
        """An account's nonce (see Node.get_transaction_count)."""
        flow = chainreads.transaction_count(self.endpoint, address, block_tag(block))
        return await run_async(flow, self)

    @overload
    async def get_block(
        self, block: BlockId = "latest", *, full_transactions: Literal[False] = False
    ) -> Block[str] | None: ...

    @overload
    async def get_block(
        self, block: BlockId = "latest", *, full_transactions: Literal[True]
    ) -> Block[TransactionInfo] | None: ...

    async def get_block(
        self, block: BlockId = "latest", *, full_transactions: bool = False
    ) -> Block[Any] | None:
        """A block by number, tag or hash (see Node.get_block)."""
        flow = chainreads.block(self.endpoint, block_tag(block), full_transactions)
        return await run_async(flow, self)

    async def get_transaction(self, tx_hash: str) -> TransactionInfo | None:
        """A transaction by hash (see Node.get_transaction)."""
        return await run_async(chainreads.transaction(self.endpoint, tx_hash), self)

    async def get_receipt(self, tx_hash: str) -> Receipt | None:
        """The receipt of a mined transaction (see Node.get_receipt)."""
        return await run_async(chainreads.receipt(self.endpoint, tx_hash), self)

    async def suggest_fees(
        self, *, priority_percentile: float = 50.0, blocks: int = 10
    ) -> FeeSuggestion:
        """Fees for a transaction now (see Node.suggest_fees)."""
        flow = chainreads.fee_suggestion(self.endpoint, priority_percentile, blocks)
        return await run_async(flow, self)

    async def send_value(
        self, to: str, amount: int, *, sender: Sender, **tx: Unpack[TxOptions]
    ) -> AsyncTransaction:
        """Send `amount` wei to `to` from `sender` (see Node.send_value)."""
        from abigen.runtime.flows import run_async
        from abigen.runtime.tx import AsyncTransaction, value_sending

        sent = await run_async(value_sending(self.endpoint, to, amount, sender, tx), self)
        return AsyncTransaction(self, *sent, {}, {}, sent.origin)


async def connect_async(
    target: object, *, timeout: float | None = None, chain_id: int | None = None
) -> AsyncNode:
    """Connect to a node from asyncio: an http(s)/ws(s) URL, an IPC socket path, a
    web3.AsyncWeb3, or a web3 async provider. `timeout` and `chain_id` as for `connect`."""
    check_chain_id_option(chain_id)
    if isinstance(target, AsyncNode):
        return pinned(target, chain_id)
    provider, endpoint = open_async_provider(target, timeout=timeout)
    if getattr(provider, "has_persistent_connection", False) and not _ours(provider):
        try:  # web3's persistent providers connect before their first request
            if not await provider.is_connected():
                await provider.connect()  # pyright: ignore[reportAttributeAccessIssue]
        except Exception as exc:
            raise NodeUnreachable(f"cannot reach node at {endpoint}: {exc}") from None
    return AsyncNode(provider, endpoint, chain_id=chain_id)


def _ours(provider: object) -> bool:
    from abigen.runtime.asyncrpc import AsyncRpcProvider

    return isinstance(provider, AsyncRpcProvider)


def open_async_provider(
    target: object, *, timeout: float | None = None
) -> tuple[AsyncBaseProvider, str]:
    """(an async provider, a label naming the endpoint) for what connect_async was given."""
    if isinstance(target, Path):
        target = str(target)
    if isinstance(target, str):
        return _from_string(target, timeout)
    from web3 import AsyncWeb3, Web3
    from web3.providers import AsyncBaseProvider, BaseProvider

    from abigen.runtime.transport import describe, not_a_target

    if isinstance(target, AsyncWeb3):
        target = cast(object, target.provider)  # pyright: ignore[reportUnknownMemberType]
    if isinstance(target, AsyncBaseProvider):
        return target, str(target)
    if isinstance(target, Web3 | BaseProvider):
        raise TypeError(
            f"connect_async takes async providers; for a synchronous {describe(target)} "
            "use abigen.connect"
        )
    raise not_a_target(target, "a web3.AsyncWeb3 or a web3 async provider")


def _from_string(target: str, timeout: float | None) -> tuple[AsyncBaseProvider, str]:
    from abigen.runtime.transport import transport_kind

    kind = transport_kind(target)
    if kind == "http":
        from abigen.runtime.asynchttp import AsyncHttpProvider

        http = AsyncHttpProvider(target, timeout=timeout)
        return http, http.endpoint
    if kind == "ws":
        from abigen.runtime.asyncws import AsyncWsProvider

        return AsyncWsProvider(target, timeout=timeout), target
    from abigen.runtime.asyncipc import AsyncIpcProvider

    return AsyncIpcProvider(target, timeout=timeout), target
