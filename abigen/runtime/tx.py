"""Sending transactions, sending them again (speed_up, cancel), and waiting for receipts.

A sender is either an address the node manages (eth_sendTransaction) or a local
eth_account account, which signs here (eth_sendRawTransaction) with a nonce the node object
hands out (abigen.runtime.nonces); both paths estimate gas first so that a revert surfaces,
decoded, before anything is sent or any nonce is taken. The wait itself is
abigen.runtime.waits'.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, cast

from typing_extensions import Unpack

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.answers import Answer
from abigen.runtime.errors import DecodingError, NodeError, RpcError, clean, short_repr
from abigen.runtime.feebump import bumped_fees, check_bump
from abigen.runtime.flows import (
    AsyncNodeLike,
    Flow,
    Rpc,
    SettleNonce,
    SigningChainId,
    SyncNode,
    TakeNonce,
    endpoint_of,
    run,
    run_async,
)
from abigen.runtime.hexdata import from_data, from_quantity, to_data, to_quantity
from abigen.runtime.keccak import keccak256
from abigen.runtime.nonces import already_known, nonce_too_low
from abigen.runtime.receipt import Receipt
from abigen.runtime.registry import receipt_events
from abigen.runtime.reverts import ContractError, CustomError, decode_revert, revert_data
from abigen.runtime.txerrors import TransactionDropped
from abigen.runtime.waits import FEE_FIELDS, Origin, Pauses, check_wait_options, checked_tx, waiting

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount
    from eth_typing import ChecksumAddress

    from abigen.runtime.aliases import BlockId, Sender
    from abigen.runtime.eventspec import Event, EventSpec


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


class Sent(tuple[str, dict[str, str]]):
    """What a sending flow gives: (hash, call), as callers unpack it, and `origin`: the sender,
    nonce, gas and fees it used."""

    origin: Origin

    def __new__(cls, tx_hash: str, call: dict[str, str], origin: Origin) -> Sent:
        sent = super().__new__(cls, (tx_hash, call))
        sent.origin = origin
        return sent

    @property
    def hash(self) -> str:
        return self[0]

    @property
    def call(self) -> dict[str, str]:
        return self[1]


class SentTransaction:
    """What both faces know of a sent transaction: its hash, what to replay if it fails, and
    its origin (sender, nonce, fees) to judge its fate and to send it again."""

    def __init__(
        self,
        node: Any,
        tx_hash: str,
        call: dict[str, str],
        errors: Mapping[bytes, type[CustomError]],
        events: Mapping[bytes, EventSpec[Any]],
        origin: Origin | None = None,
    ) -> None:
        self.node = node
        self.hash = tx_hash
        self._call = call  # what was sent, to replay it if it fails
        self._errors = errors
        self._events = events
        # Built from a hash and call alone: the sender is the call's, the rest read back.
        self._origin = origin or Origin(None, call.get("from", ""))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.hash})"

    def _waiting(
        self, timeout: float, confirmations: int, poll_interval: float | None, check: bool
    ) -> Flow[Receipt]:
        check_wait_options(timeout, confirmations, poll_interval)
        pauses = Pauses(self.hash, timeout, poll_interval)
        to = self._call.get("to")
        raw = yield from waiting(
            endpoint_of(self.node),
            self.hash,
            self._origin,
            self._call,
            pauses,
            confirmations,
            lambda found: _receipt(found, to, self._events),
        )
        receipt = _receipt(raw, to, self._events)
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
        receipt = yield from self._waiting(120.0, 1, None, True)
        if receipt.contract_address is None:
            raise ContractError(f"deployment {self.hash} mined without a contract address")
        return receipt.contract_address

    def _resending(self, cancel: bool, percent: int, options: Mapping[str, int]) -> Flow[Sent]:
        """The flow of speed_up (the same call) and cancel (a 0-value self-send): the same
        nonce, fees bumped past the node's replacement rule."""
        return resending(
            endpoint_of(self.node), self.hash, self._origin, self._call, cancel, percent, options
        )

    def _replacing(self, sent: Sent) -> tuple[Any, ...]:
        """The arguments of the Transaction a re-send makes (a cancel decodes nothing)."""
        errors: Mapping[bytes, type[CustomError]] = {}
        events: Mapping[bytes, EventSpec[Any]] = {}
        if sent.call.get("to") == self._call.get("to"):
            errors, events = self._errors, self._events
        return (sent.hash, sent.call, errors, events, sent.origin)


class Transaction(SentTransaction):
    """A sent transaction: `.hash` now, `.wait()` for the receipt."""

    node: SyncNode  # an abigen.Node (typed by what waiting needs: node.py imports this module)

    def wait(
        self,
        timeout: float = 120.0,
        *,
        confirmations: int = 1,
        poll_interval: float | None = None,
        check: bool = True,
    ) -> Receipt:
        """Wait for the receipt, `confirmations` blocks deep; a failed transaction raises its
        decoded revert (unless check=False). TransactionTimeout at `timeout` seconds;
        TransactionDropped / TransactionReplaced when it will never be mined."""
        return run(self._waiting(timeout, confirmations, poll_interval, check), self.node)

    def speed_up(self, *, fee_bump_percent: int = 12, **fees: Unpack[TxOptions]) -> Transaction:
        """Send the same transaction again with the same nonce and higher fees (by
        `fee_bump_percent`, or as given): the new Transaction; this one's wait() then raises
        TransactionReplaced (reason "repriced") once the new one is mined."""
        return self._again(
            run(
                self._resending(False, fee_bump_percent, cast("Mapping[str, int]", fees)), self.node
            )
        )

    def cancel(self, *, fee_bump_percent: int = 12) -> Transaction:
        """Replace this transaction by a 0-value send to its sender, same nonce, higher fees:
        the new Transaction; this one's wait() then raises TransactionReplaced ("cancelled")."""
        return self._again(run(self._resending(True, fee_bump_percent, {}), self.node))

    def _again(self, sent: Sent) -> Transaction:
        return Transaction(self.node, *self._replacing(sent))


class AsyncTransaction(SentTransaction):
    """A transaction sent through an AsyncNode: `.hash` now, `await .wait()` for the receipt."""

    node: AsyncNodeLike  # an abigen.AsyncNode

    async def wait(
        self,
        timeout: float = 120.0,
        *,
        confirmations: int = 1,
        poll_interval: float | None = None,
        check: bool = True,
    ) -> Receipt:
        """Wait for the receipt (see Transaction.wait)."""
        flow = self._waiting(timeout, confirmations, poll_interval, check)
        return await run_async(flow, self.node)

    async def speed_up(
        self, *, fee_bump_percent: int = 12, **fees: Unpack[TxOptions]
    ) -> AsyncTransaction:
        """Send the same transaction again, same nonce, higher fees (see Transaction.speed_up)."""
        return self._again(
            await run_async(
                self._resending(False, fee_bump_percent, cast("Mapping[str, int]", fees)), self.node
            )
        )

    async def cancel(self, *, fee_bump_percent: int = 12) -> AsyncTransaction:
        """Replace this transaction by a 0-value self-send (see Transaction.cancel)."""
        return self._again(await run_async(self._resending(True, fee_bump_percent, {}), self.node))

    def _again(self, sent: Sent) -> AsyncTransaction:
        return AsyncTransaction(self.node, *self._replacing(sent))


def sending(
    endpoint: str,
    sender: Sender,
    to: str | None,
    data: bytes,
    value: int,
    options: TxOptions,
    errors: Mapping[bytes, type[CustomError]],
) -> Flow[Sent]:
    """The flow of a send: estimate, sign (a local key) and send; the hash and what was sent."""
    _check_wei(value)
    check_options(options)
    address = to_checksum_address(
        parse_address(sender if isinstance(sender, str) else sender.address)
    )
    call = {"from": address, "data": to_data(data)}
    if to is not None:
        call["to"] = to
    if value:
        call["value"] = to_quantity(value)
    gas = options.get("gas")
    if gas is None:  # before any nonce is taken: a revert takes none
        gas = yield from estimating(call, errors)
    fields = dict(call, gas=to_quantity(gas))
    given = cast("Mapping[str, int]", options)  # TypedDict keys, read by variable
    for key, rpc_key in _RPC_FIELDS.items():
        if key != "gas" and key in given:
            fields[rpc_key] = to_quantity(given[key])
    origin = Origin(sender, address, options.get("nonce"), gas)
    tx_hash = yield from _dispatching(endpoint, origin, fields, errors)
    return Sent(tx_hash, call, origin)


def value_sending(
    endpoint: str, to: str, amount: int, sender: Sender, options: TxOptions
) -> Flow[Sent]:
    """The flow of Node.send_value: `amount` wei to `to`, no data."""
    recipient = to_checksum_address(parse_address(to))
    return sending(endpoint, sender, recipient, b"", amount, options, {})


def _dispatching(
    endpoint: str,
    origin: Origin,
    fields: dict[str, str],
    errors: Mapping[bytes, type[CustomError]],
) -> Flow[str]:
    """Send `fields` as `origin.sender`: the node signs for its own accounts; a local key
    signs here, under its nonce lock. Fills in origin's nonce and fees where known."""
    local = origin.sender
    if isinstance(local, str) or local is None:
        origin.fees = {key: from_quantity(fields[key]) for key in FEE_FIELDS if key in fields}
        try:
            tx_hash: str = yield Rpc("eth_sendTransaction", [fields])
        except RpcError as exc:
            raise _as_revert(exc, errors) from None
        return tx_hash
    tx: dict[str, Any] = {
        key: from_quantity(text) if key not in ("from", "to", "data") else text
        for key, text in fields.items()
        if key != "from"
    }
    chain_id = yield SigningChainId()  # read again now: never sign for a switched chain
    tx["chainId"] = chain_id
    if "gasPrice" not in tx and "maxFeePerGas" not in tx:
        yield from _filling_fees(endpoint, tx)
    elif "maxFeePerGas" in tx and "maxPriorityFeePerGas" not in tx:
        tx["maxPriorityFeePerGas"] = min(tx["maxFeePerGas"], (yield from _priority_fee()))
    origin.fees = {key: tx[key] for key in FEE_FIELDS if key in tx}
    origin.nonce_key = key = (chain_id, origin.address.lower())
    tx_hash = yield from _signed_sending(endpoint, local, key, tx, errors)
    origin.nonce = tx["nonce"]
    return tx_hash


def _signed_sending(
    endpoint: str,
    account: LocalAccount,
    key: tuple[int, str],
    tx: dict[str, Any],
    errors: Mapping[bytes, type[CustomError]],
) -> Flow[str]:
    """Take the key's nonce, sign and send, and settle the next nonce: used + 1 once the node
    took it; unchanged if the node refused it; to be read again if the outcome is unknown or
    the nonce was given (`tx["nonce"]`). A nonce the chain has already used is read again
    and the send retried."""
    given = "nonce" in tx
    next_nonce = yield TakeNonce(key)
    try:
        for attempt in range(_NONCE_RETRIES):
            if not given:
                if next_nonce is None:
                    count = yield Rpc("eth_getTransactionCount", [account.address, "pending"])
                    next_nonce = from_quantity(count)
                tx["nonce"] = next_nonce
            raw = _signed(account, tx)
            expected = to_data(keccak256(raw))
            try:
                tx_hash = yield Rpc("eth_sendRawTransaction", [to_data(raw)])
            except RpcError as exc:
                if already_known(exc.rpc_message):
                    tx_hash = expected  # sent before (a retry after a lost answer): taken
                elif nonce_too_low(exc.rpc_message) and not given and attempt + 1 < _NONCE_RETRIES:
                    next_nonce = None  # others used it (another process, a wallet): read again
                    continue
                else:
                    raise
            # The node must name the transaction we signed, not one of its choosing.
            checked = Answer("eth_sendRawTransaction", endpoint).tx_hash(tx_hash, expected)
            yield SettleNonce(key, None if given else tx["nonce"] + 1)
            return checked
        raise AssertionError("unreachable")  # pragma: no cover
    except RpcError as exc:
        # Refused: the nonce is still free (unless it was too low, or given: read again).
        refused = None if given or nonce_too_low(exc.rpc_message) else next_nonce
        yield SettleNonce(key, refused)
        raise _as_revert(exc, errors) from None
    except Exception:
        yield SettleNonce(key, None)  # did the node take it? ask it next time
        raise


_NONCE_RETRIES = 3


def resending(
    endpoint: str,
    tx_hash: str,
    origin: Origin,
    call: Mapping[str, str],
    cancel: bool,
    percent: int,
    options: Mapping[str, int],
) -> Flow[Sent]:
    """The flow of speed_up (the same call) and cancel (a 0-value self-send without data):
    the same nonce, the fees bumped (feebump) past the node's replacement rule."""
    check_bump(percent)
    check_options(options)
    if "nonce" in options:
        raise ValueError("a replacement keeps the nonce of the transaction it replaces")
    if origin.sender is None:
        raise ValueError(f"cannot send {tx_hash} again: its sender is not known")
    if origin.nonce is None or origin.gas is None or not origin.fees:
        found = yield Rpc("eth_getTransactionByHash", [tx_hash])
        info = checked_tx(Answer("eth_getTransactionByHash", endpoint), found)
        if info is None:
            raise TransactionDropped(f"the node does not know transaction {tx_hash}", tx_hash)
        origin.learn(info)
    assert origin.nonce is not None and origin.gas is not None  # learnt just above
    suggested: dict[str, int] = {}
    yield from _filling_fees(endpoint, suggested)
    fees = bumped_fees(origin.fees, suggested, percent, options)
    if cancel:
        again = {"from": origin.address, "to": origin.address, "data": "0x"}
        gas = _TRANSFER_GAS
    else:
        again = dict(call)
        gas = options.get("gas", origin.gas)
    fields = dict(again, gas=to_quantity(gas), nonce=to_quantity(origin.nonce))
    fields.update((key, to_quantity(fee)) for key, fee in fees.items())
    replacement = Origin(origin.sender, origin.address, origin.nonce, gas)
    new_hash = yield from _dispatching(endpoint, replacement, fields, {})
    return Sent(new_hash, again, replacement)


_TRANSFER_GAS = 21_000


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


def _check_wei(value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"value must be a non-negative int (wei), got {value!r}")


def estimate_gas(
    node: SyncNode, call: dict[str, str], errors: Mapping[bytes, type[CustomError]]
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


def _signed(account: LocalAccount, tx: dict[str, Any]) -> bytes:
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
