"""Sending transactions and waiting for their receipts.

A sender is either an address the node manages (eth_sendTransaction) or a local
eth_account account, which signs here (eth_sendRawTransaction); both paths estimate
gas first so that a revert surfaces, decoded, before anything is sent.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, cast

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.answers import Answer
from abigen.runtime.errors import (
    DecodingError,
    NodeError,
    RpcError,
    TransactionTimeout,
    clean,
    short_repr,
)
from abigen.runtime.flows import Flow, Head, Rpc, SigningChainId, Sleep, endpoint_of, run, run_async
from abigen.runtime.hexdata import from_data, from_quantity, to_data, to_quantity
from abigen.runtime.keccak import keccak256
from abigen.runtime.receipt import Receipt
from abigen.runtime.registry import receipt_events
from abigen.runtime.reverts import ContractError, CustomError, decode_revert, revert_data

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount
    from eth_typing import ChecksumAddress

    from abigen.runtime.aliases import BlockId, Sender
    from abigen.runtime.asyncnode import AsyncNode
    from abigen.runtime.events import Event, EventSpec
    from abigen.runtime.node import Node

T = TypeVar("T")


class TxOptions(TypedDict, total=False):
    """Optional transaction fields; anything left out is filled in from the node."""

    gas: int
    gas_price: int
    max_fee_per_gas: int
    max_priority_fee_per_gas: int
    nonce: int


class PayableTxOptions(TxOptions, total=False):
    """Transaction fields of a payable function: `value` is the wei to send (default 0)."""

    value: int


class CallOptions(TypedDict, total=False):
    """How to run a call: `sender` is the caller it runs as, `block` the state it runs on
    (default "latest")."""

    sender: Sender
    block: BlockId


class PayableCallOptions(CallOptions, total=False):
    """Call options of a payable function: `value` is the wei the call carries."""

    value: int


_RPC_FIELDS = {
    "gas": "gas",
    "gas_price": "gasPrice",
    "max_fee_per_gas": "maxFeePerGas",
    "max_priority_fee_per_gas": "maxPriorityFeePerGas",
    "nonce": "nonce",
}


class SentTransaction:
    """What both faces know of a sent transaction: its hash, and what to replay if it fails."""

    def __init__(
        self,
        node: Any,
        tx_hash: str,
        call: dict[str, str],
        errors: Mapping[bytes, type[CustomError]],
        events: Mapping[bytes, EventSpec[Any]],
    ) -> None:
        self.node = node
        self.hash = tx_hash
        self._call = call  # what was sent, to replay it if it fails
        self._errors = errors
        self._events = events

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.hash})"

    def _waiting(self, timeout: float, check: bool) -> Flow[Receipt]:
        deadline = time.monotonic() + timeout
        endpoint = endpoint_of(self.node)
        raw = yield from _poll(lambda: _receipt_or_none(endpoint, self.hash), deadline)
        if raw is None:
            raise TransactionTimeout(f"no receipt for {self.hash} after {timeout:g} s")
        # A node may serve the receipt before its head reaches the receipt's block (geth --dev
        # under load; a load balancer's lagging backend): reads at "latest" right after wait()
        # would miss the transaction's effects, so wait for the head too.
        block = from_quantity(raw["blockNumber"])
        if (yield from _poll(lambda: _head_reached(block), deadline)) is None:
            raise TransactionTimeout(f"the node's head did not reach block {block} of {self.hash}")
        receipt = _receipt(raw, self._call.get("to"), self._events)
        if check and receipt.status == 0:
            error = yield from self._replay(receipt.block_number)
            error.receipt = receipt
            raise error
        return receipt

    def _replay(self, block_number: int) -> Flow[ContractError]:
        # The node keeps no revert reason for mined transactions: re-run the call on the
        # state of that block to get it back.
        try:
            yield Rpc("eth_call", [self._call, to_quantity(block_number)])
        except RpcError as exc:
            data = revert_data(exc)
            if data is not None:
                return decode_revert(data, self._errors)
        return ContractError(f"transaction {self.hash} failed (status 0); no revert reason found")

    def mining(self) -> Flow[ChecksumAddress]:
        """The flow of waiting for a deployment: the new contract's address."""
        receipt = yield from self._waiting(120.0, True)
        if receipt.contract_address is None:
            raise ContractError(f"deployment {self.hash} mined without a contract address")
        return receipt.contract_address


class Transaction(SentTransaction):
    """A sent transaction: `.hash` now, `.wait()` for the receipt."""

    node: Node

    def wait(self, timeout: float = 120.0, *, check: bool = True) -> Receipt:
        """Wait for the receipt; a failed transaction raises its decoded revert (unless check=False)."""
        return run(self._waiting(timeout, check), self.node)


class AsyncTransaction(SentTransaction):
    """A transaction sent through an AsyncNode: `.hash` now, `await .wait()` for the receipt."""

    node: AsyncNode

    async def wait(self, timeout: float = 120.0, *, check: bool = True) -> Receipt:
        """Wait for the receipt; a failed transaction raises its decoded revert (unless check=False)."""
        return await run_async(self._waiting(timeout, check), self.node)


def sending(
    endpoint: str,
    sender: Sender,
    to: str | None,
    data: bytes,
    value: int,
    options: TxOptions,
    errors: Mapping[bytes, type[CustomError]],
) -> Flow[tuple[str, dict[str, str]]]:
    """The flow of a send: estimate, sign (a local key) and send; the hash and what was sent."""
    _check_wei(value)
    check_options(options)
    local = None if isinstance(sender, str) else sender
    address = sender if isinstance(sender, str) else sender.address
    call = {"from": to_checksum_address(parse_address(address)), "data": to_data(data)}
    if to is not None:
        call["to"] = to
    if value:
        call["value"] = to_quantity(value)
    gas = options.get("gas")
    if gas is None:
        gas = yield from estimating(call, errors)
    fields = dict(call, gas=to_quantity(gas))
    given = cast("Mapping[str, int]", options)  # TypedDict keys, read by variable
    for key, rpc_key in _RPC_FIELDS.items():
        if key != "gas" and key in given:
            fields[rpc_key] = to_quantity(given[key])
    try:
        if local is None:
            tx_hash: str = yield Rpc("eth_sendTransaction", [fields])
        else:
            raw = yield from _signing(endpoint, local, fields)
            tx_hash = yield Rpc("eth_sendRawTransaction", [to_data(raw)])
            # The node must name the transaction we signed, not one of its choosing.
            Answer("eth_sendRawTransaction", endpoint).tx_hash(tx_hash, to_data(keccak256(raw)))
    except RpcError as exc:
        raise _as_revert(exc, errors) from None
    return tx_hash, call


_LIMITS = {
    "gas": (1, 2**64 - 1),
    "nonce": (0, 2**64 - 2),  # EIP-2681
    "gas_price": (0, 2**256 - 1),
    "max_fee_per_gas": (0, 2**256 - 1),
    "max_priority_fee_per_gas": (0, 2**256 - 1),
}


def check_options(options: Mapping[str, object]) -> None:
    """Transaction options checked before anything is signed or sent: ints in range
    (gas > 0, nonce and fees >= 0); anything else raises a one-line ValueError/TypeError."""
    for key, value in options.items():
        if key not in _LIMITS:
            continue
        low, high = _LIMITS[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{key} must be an int, got {type(value).__name__}")
        if not low <= value <= high:
            raise ValueError(f"{key} must be between {low} and {high}, got {short_repr(value)}")


def mined_address(deployment: Transaction) -> ChecksumAddress:
    """Wait for a deployment to be mined; the new contract's address."""
    return run(deployment.mining(), deployment.node)


def _poll(fetch: Callable[[], Flow[T | None]], deadline: float) -> Flow[T | None]:
    """fetch() until it gives something, or None once the deadline has passed."""
    delay = 0.005  # dev nodes mine at once; back off towards 1 s for real chains
    while True:
        found = yield from fetch()
        if found is not None or time.monotonic() > deadline:
            return found
        yield Sleep(delay)
        delay = min(delay * 2, 1.0)


def _head_reached(block: int) -> Flow[bool | None]:
    head: int = yield Head()
    return head >= block or None


def _check_wei(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"value must be a non-negative int (wei), got {value!r}")


def estimate_gas(
    node: Node, call: dict[str, str], errors: Mapping[bytes, type[CustomError]]
) -> int:
    return run(estimating(call, errors), node)


def estimating(call: dict[str, str], errors: Mapping[bytes, type[CustomError]]) -> Flow[int]:
    """The flow of eth_estimateGas: a revert raises the decoded error."""
    try:
        return from_quantity((yield Rpc("eth_estimateGas", [call])))
    except RpcError as exc:
        raise _as_revert(exc, errors) from None


def _as_revert(exc: RpcError, errors: Mapping[bytes, type[CustomError]]) -> Exception:
    data = revert_data(exc)
    return exc if data is None else decode_revert(data, errors)


def _signing(endpoint: str, account: LocalAccount, fields: dict[str, str]) -> Flow[bytes]:
    tx: dict[str, Any] = {
        key: from_quantity(text) if key not in ("from", "to", "data") else text
        for key, text in fields.items()
        if key != "from"
    }
    tx["chainId"] = yield SigningChainId()  # read again now: never sign for a switched chain
    if "nonce" not in tx:
        tx["nonce"] = from_quantity(
            (yield Rpc("eth_getTransactionCount", [account.address, "pending"]))
        )
    if "gasPrice" not in tx and "maxFeePerGas" not in tx:
        yield from _filling_fees(endpoint, tx)
    elif "maxFeePerGas" in tx and "maxPriorityFeePerGas" not in tx:
        tx["maxPriorityFeePerGas"] = min(tx["maxFeePerGas"], (yield from _priority_fee()))
    failure = None
    try:
        return bytes(account.sign_transaction(tx).raw_transaction)
    except Exception as exc:
        failure = f"{type(exc).__name__}: {clean(str(exc), 120)}"
    # Raised outside the except block: the signer's frames (holding the key) are not chained.
    raise ValueError(f"cannot sign the transaction: {failure}")


def _filling_fees(endpoint: str, tx: dict[str, Any]) -> Flow[None]:
    latest = yield Rpc("eth_getBlockByNumber", ["latest", False])
    if latest is None:
        raise NodeError(f"eth_getBlockByNumber to {endpoint}: no latest block")
    base_fee = latest.get("baseFeePerGas")
    if base_fee is None:  # a pre-London chain: legacy pricing
        tx["gasPrice"] = from_quantity((yield Rpc("eth_gasPrice", [])))
        return
    priority = tx.get("maxPriorityFeePerGas")
    if priority is None:
        priority = yield from _priority_fee()
    tx["maxPriorityFeePerGas"] = priority
    tx["maxFeePerGas"] = 2 * from_quantity(base_fee) + priority


def _priority_fee() -> Flow[int]:
    return from_quantity((yield Rpc("eth_maxPriorityFeePerGas", [])))


def decode_log(
    log: Mapping[str, Any],
    specs: Mapping[bytes, EventSpec[Any]],
    anonymous: Sequence[EventSpec[Any]],
) -> Event | None:
    """A log decoded by the spec its topic 0 names, else by the first anonymous one that fits."""
    topics: list[str] = log.get("topics") or []
    spec = specs.get(from_data(topics[0])) if topics else None
    if spec is not None:
        decoded: Event = spec.decode(log)
        return decoded
    # Anonymous events carry no topic 0: the first one whose shape fits the log is it.
    for candidate in anonymous:
        with contextlib.suppress(DecodingError):
            fitted: Event = candidate.decode(log)
            return fitted
    return None


# geth answers receipt queries with this error, not null, while it (re)builds its transaction
# index after a start: the receipt is not known yet, so a wait goes on polling. (go-ethereum's
# own bind.WaitMined retries on any error; other errors here still surface at once.)
_INDEXING = "transaction indexing is in progress"


def _receipt_or_none(endpoint: str, tx_hash: str) -> Flow[Any]:
    try:
        raw = yield Rpc("eth_getTransactionReceipt", [tx_hash])
    except RpcError as exc:
        if _INDEXING in exc.rpc_message:
            return None
        raise
    # The receipt must be well-formed and this transaction's, not another's.
    return Answer("eth_getTransactionReceipt", endpoint).receipt(raw, tx_hash)


def _receipt(
    raw: Mapping[str, Any], contract: str | None, specs: Mapping[bytes, EventSpec[Any]]
) -> Receipt:
    created = raw.get("contractAddress")
    # The contract called decodes its own logs first; its package's contracts decode the rest.
    events = receipt_events(raw["logs"], contract or created or "", specs)
    return Receipt(
        transaction_hash=raw["transactionHash"],
        block_number=from_quantity(raw["blockNumber"]),
        block_hash=raw["blockHash"],
        status=from_quantity(raw["status"]),
        gas_used=from_quantity(raw["gasUsed"]),
        effective_gas_price=from_quantity(raw.get("effectiveGasPrice", "0x0")),
        contract_address=to_checksum_address(parse_address(created)) if created else None,
        logs=tuple(raw["logs"]),
        events=events,
    )
