"""A connection to a node: one JSON-RPC request at a time, through a web3 provider.

No web3 middleware, no `w3.eth`: requests go straight to the provider's make_request,
and errors come back as our exceptions with the endpoint named.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from abigen.runtime import answers, chainreads
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.batch import Batching
from abigen.runtime.errors import NodeError, NodeUnreachable
from abigen.runtime.flows import Flow, Rpc, run
from abigen.runtime.hexdata import from_quantity
from abigen.runtime.nodecore import NodeCore, check_chain_id_option, pinned
from abigen.runtime.nonces import thread_book

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress
    from typing_extensions import Unpack

    from abigen.runtime.aliases import BlockId, Sender
    from abigen.runtime.chainrecords import Block, FeeSuggestion, TransactionInfo
    from abigen.runtime.receipt import Receipt
    from abigen.runtime.transport import SyncTransport
    from abigen.runtime.tx import Transaction, TxOptions


class Node(NodeCore, Batching):
    """A node to talk to. Build one with `abigen.connect(...)`.

    Every answer is checked (abigen.runtime.answers) before the runtime reads it. With
    `chain_id` (connect's), nothing but eth_chainId is sent until the node's chain id was
    checked equal to it; without, the first chain id seen is the one local keys sign for.
    Before each local signing the chain id is read again and must still be that one.
    """

    def __init__(
        self, transport: SyncTransport, endpoint: str, *, chain_id: int | None = None
    ) -> None:
        super().__init__(endpoint, chain_id)
        self.provider = transport
        self._make_request = transport.make_request
        # Local keys' nonces, for sends from many threads; a pinned twin (connect(node,
        # chain_id=...)) shares them: one node, one sequence per key.
        self.nonces = thread_book()

    def close(self) -> None:
        """Release the connection (sockets, WebSocket thread). Safe to call twice."""
        from abigen.runtime.transport import close_transport

        close_transport(self.provider)

    def __enter__(self) -> Node:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def request(self, method: str, params: Sequence[object]) -> Any:
        """Send one JSON-RPC request; return its result (checked for the methods the runtime
        reads) or raise RpcError / NodeUnreachable / NodeError."""
        if not self._chain_checked and method != "eth_chainId":
            self._pin_checked(self._read_chain_id())
        elif self._reconnected(method):
            self._rechecked(self._read_chain_id())
        result = answers.check(method, self._send(method, params), self.endpoint)
        if self._reconnected(""):  # this very request opened a new connection
            self._rechecked(self._read_chain_id())
        return result

    def _send(self, method: str, params: Sequence[object]) -> object:
        try:
            response = self._make_request(method, params)
        except Exception as exc:
            failure = self._failure(exc, method)
            if failure is exc:
                raise
            raise failure from (exc if isinstance(exc, OSError) else None)
        return answers.envelope(response, method, self.endpoint)

    def _read_chain_id(self) -> int:
        return self._seen_chain_id(self._send("eth_chainId", []))

    def signing_chain_id(self) -> int:
        """The chain id a local key signs for: read from the node now, and refused unless it
        is the pinned one (connect's chain_id) or, without a pin, the first one seen."""
        return self._signing_checked(self._read_chain_id())

    @property
    def chain_id(self) -> int:
        """The node's chain id, asked now (a pinned connection checks it matches)."""
        return self._asked_chain_checked(self._read_chain_id())

    @property
    def accounts(self) -> list[ChecksumAddress]:
        """Accounts the node manages and can sign for (dev nodes)."""
        return self._accounts(self.request("eth_accounts", []))

    @property
    def block_number(self) -> int:
        return from_quantity(self.request("eth_blockNumber", []))

    def get_balance(self, address: str, block: int | str = "latest") -> int:
        checksum = to_checksum_address(parse_address(address))
        return from_quantity(self.request("eth_getBalance", [checksum, block_tag(block)]))

    def get_code(self, address: str, block: BlockId = "latest") -> bytes:
        """The runtime code of an account (b"" for an account without code)."""
        return run(chainreads.code(self.endpoint, address, block_tag(block)), self)

    def get_storage_at(self, address: str, slot: int, block: BlockId = "latest") -> bytes:
        """The 32-byte word in storage slot `slot` of a contract."""
        return run(chainreads.storage_at(self.endpoint, address, slot, block_tag(block)), self)

    def get_transaction_count(self, address: str, block: BlockId = "latest") -> int:
        """An account's nonce: how many transactions it sent by `block` ("pending": the next
        nonce, counting those waiting in the node's pool)."""
        return run(chainreads.transaction_count(self.endpoint, address, block_tag(block)), self)

    @overload
    def get_block(
        self, block: BlockId = "latest", *, full_transactions: Literal[False] = False
    ) -> Block[str] | None: ...

    @overload
    def get_block(
        self, block: BlockId = "latest", *, full_transactions: Literal[True]
    ) -> Block[TransactionInfo] | None: ...

    def get_block(
        self, block: BlockId = "latest", *, full_transactions: bool = False
    ) -> Block[Any] | None:
        """A block by number, tag or hash (None if the node has none): its transactions as
        hashes, or with full_transactions=True as TransactionInfo records."""
        return run(chainreads.block(self.endpoint, block_tag(block), full_transactions), self)

    def get_transaction(self, tx_hash: str) -> TransactionInfo | None:
        """A transaction by hash, mined or pending; None if the node does not know it."""
        return run(chainreads.transaction(self.endpoint, tx_hash), self)

    def get_receipt(self, tx_hash: str) -> Receipt | None:
        """The receipt of a mined transaction (None before), a failed one's too (status 0).
        No events decoded (no binding is known): `receipt.decode_events(Binding, ...)`."""
        return run(chainreads.receipt(self.endpoint, tx_hash), self)

    def suggest_fees(self, *, priority_percentile: float = 50.0, blocks: int = 10) -> FeeSuggestion:
        """Fees for a transaction now, from eth_feeHistory over the latest `blocks` blocks:
        the next base fee, the median of the blocks' `priority_percentile`-th tips, and
        max fee = 2 * base fee + tip (see FeeSuggestion; pre-London: eth_gasPrice)."""
        flow = chainreads.fee_suggestion(self.endpoint, priority_percentile, blocks)
        return run(flow, self)

    def send_value(
        self, to: str, amount: int, *, sender: Sender, **tx: Unpack[TxOptions]
    ) -> Transaction:
        """Send `amount` wei to `to` from `sender` (a node account or a local key); gas is
        estimated first. The Transaction: `.hash` now, `.wait()` for the receipt."""
        from abigen.runtime.tx import Transaction, value_sending

        sent = run(value_sending(self.endpoint, to, amount, sender, tx), self)
        return Transaction(self, *sent, {}, {}, sent.origin)


BLOCK_TAGS = ("latest", "pending", "safe", "finalized", "earliest")
_BLOCK_FORMS = "a block number, a tag (latest, pending, safe, finalized, earliest) or a block hash"


def block_tag(block: int | str) -> str:
    """A block as JSON-RPC wants it: a number (int, decimal or 0x text), a tag, or a 32-byte
    0x block hash; anything else raises a one-line ValueError."""
    if isinstance(block, bool) or not isinstance(cast(object, block), int | str):
        raise TypeError(f"block must be {_BLOCK_FORMS}, got {block!r:.60}")
    if isinstance(block, str):
        text = block.strip()
        if text in BLOCK_TAGS:
            return text
        if text[:2] in ("0x", "0X") and len(text) == 66:
            try:
                bytes.fromhex(text[2:])
            except ValueError:
                raise ValueError(f"block {block!r:.70} is not {_BLOCK_FORMS}") from None
            return text.lower()
        try:
            if not text.isascii():
                raise ValueError(text)  # int() would take other scripts' digits
            block = int(text, 16) if text[:2] in ("0x", "0X") else int(text, 10)
        except ValueError:
            raise ValueError(f"block {block!r:.70} is not {_BLOCK_FORMS}") from None
    if block < 0:
        raise ValueError(f"block number must not be negative, got {block}")
    return hex(block)


def resolve_block(node: Node, block: int | str) -> int:
    """The number of a block given any way block_tag takes (tags and hashes ask the node)."""
    return run(resolving_block(node.endpoint, block), node)


def resolving_block(endpoint: str, block: int | str) -> Flow[int]:
    """The flow of resolve_block."""
    tag = block_tag(block)
    if tag not in BLOCK_TAGS and len(tag) != 66:
        return from_quantity(tag)  # a number: no need to ask
    if len(tag) == 66:
        found = yield Rpc("eth_getBlockByHash", [tag, False])
    else:
        found = yield Rpc("eth_getBlockByNumber", [tag, False])
    if not isinstance(found, dict) or cast("dict[str, Any]", found).get("number") is None:
        raise NodeError(f"no block {block!r:.70} on the node at {endpoint}")
    return from_quantity(cast("dict[str, str]", found)["number"])


def connect(target: object, *, timeout: float | None = None, chain_id: int | None = None) -> Node:
    """Connect to a node: an http(s)/ws(s) URL, an IPC socket path, a web3.Web3, or a provider.

    `timeout`: seconds a request may take (the transport's default if None). `chain_id`: the
    chain the node must be on; it is checked before any other request goes out, once per
    connection, and a mismatch raises NodeError with nothing sent.
    """
    from abigen.runtime.transport import open_transport

    check_chain_id_option(chain_id)
    if isinstance(target, Node):
        return pinned(target, chain_id)
    try:
        transport, endpoint = open_transport(target, timeout=timeout)
    except OSError as exc:
        raise NodeUnreachable.because(target, exc) from exc
    except Exception as exc:  # a persistent (ws) provider connects here, in web3's words
        if type(exc).__module__.startswith(("web3", "websockets")):
            raise NodeUnreachable(f"cannot reach node at {target}: {exc}") from exc
        raise
    return Node(transport, endpoint, chain_id=chain_id)
