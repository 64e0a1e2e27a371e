"""Waiting for a sent transaction until it is mined (and confirmed), or known never to be.

While there is no receipt, every few polls the wait asks what became of the transaction: the
node still knows it (pending or queued: wait on), it is gone and its nonce unused (dropped:
TransactionDropped after a few such checks), or its nonce was used by another transaction
(TransactionReplaced, naming the one mined instead and why). Every pause ends at the
deadline, so a timeout is raised at it, not a poll interval later.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from abigen.runtime.answers import Answer
from abigen.runtime.errors import RpcError, TransactionTimeout
from abigen.runtime.flows import Flow, Head, Rpc, SettleNonce, Sleep, TakeNonce
from abigen.runtime.hexdata import from_quantity, to_quantity
from abigen.runtime.txerrors import TransactionDropped, TransactionReplaced

if TYPE_CHECKING:
    from abigen.runtime.aliases import Sender
    from abigen.runtime.receipt import Receipt

CHECK_EVERY = 3  # polls without a receipt between two looks at the transaction's fate
DROPPED_AFTER = 3  # consecutive looks finding it unknown, its nonce unused, before giving up
# ... and for at least this long: a node busy mining may briefly know a transaction neither
# as pending nor as mined (anvil under load), which must not read as dropped.
DROPPED_SECONDS = 3.0
SCAN_BLOCKS = 64  # blocks searched back from the head for the transaction that took its nonce
FEE_FIELDS = ("gasPrice", "maxFeePerGas", "maxPriorityFeePerGas")

# geth answers receipt queries with this error, not null, while it (re)builds its transaction
# index after a start: the receipt is not known yet, so a wait goes on polling. (go-ethereum's
# own bind.WaitMined retries on any error; other errors here still surface at once.)
INDEXING = "transaction indexing is in progress"


@dataclass
class Origin:
    """What a send used, to judge its fate and to send it again (speed_up, cancel). A
    node-managed send learns its nonce and fees from the node (eth_getTransactionByHash)."""

    sender: Sender | None  # None: not known (a transaction built from a hash alone)
    address: str
    nonce: int | None = None
    gas: int | None = None
    fees: dict[str, int] = field(default_factory=lambda: {})  # gasPrice, or the two 1559 fees
    nonce_key: tuple[int, str] | None = None  # a local key's entry in the node's NonceBook

    def learn(self, info: Mapping[str, Any]) -> None:
        """Fill in what the node's record of the transaction says and we did not know."""
        if self.nonce is None:
            self.nonce = from_quantity(info["nonce"])
        if self.gas is None:
            self.gas = from_quantity(info["gas"])
        if not self.fees:
            dynamic = info.get("maxFeePerGas") is not None
            keys = FEE_FIELDS[1:] if dynamic else FEE_FIELDS[:1]
            self.fees = {key: from_quantity(info[key]) for key in keys if key in info}


def checked_tx(answer: Answer, value: object) -> dict[str, Any] | None:
    """null or a transaction object with the fields read from it."""
    if value is None:
        return None
    tx = answer.obj(value, "transaction")
    answer.hash32(tx.get("hash"), "hash")
    answer.address(tx.get("from"), "from")
    answer.quantity(tx.get("nonce"), "nonce", 2**64)
    answer.quantity(tx.get("gas"), "gas", 2**64)
    answer.quantity(tx.get("value"), "value")
    answer.data(tx.get("input"), "input")
    for key in ("to",):
        answer.optional(answer.address, tx, key)
    for key in (*FEE_FIELDS, "blockNumber"):
        answer.optional(answer.quantity, tx, key)
    if tx.get("gasPrice") is None and tx.get("maxFeePerGas") is None:
        raise answer.bad("the transaction has neither gasPrice nor maxFeePerGas", tx)
    return tx


def reason_of(
    call: Mapping[str, str], replacement: Mapping[str, Any]
) -> Literal["replaced", "cancelled", "repriced"]:
    """Why another transaction took the nonce: a 0-value self-send without data cancels,
    the same call (recipient, data, value) reprices, anything else replaces."""
    to = (replacement.get("to") or "").lower()
    value = from_quantity(replacement["value"])
    data = replacement["input"]
    if to == replacement["from"].lower() and value == 0 and data in ("0x", ""):
        return "cancelled"
    same = (
        to == call.get("to", "").lower()
        and value == from_quantity(call.get("value", "0x0"))
        and data.lower() == call.get("data", "0x").lower()
    )
    return "repriced" if same else "replaced"


@dataclass
class Absence:
    """The consecutive looks that found a transaction unknown to the node, since when."""

    looks: int = 0
    since: float = 0.0

    def again(self) -> bool:
        """One more look found it unknown: whether it is now gone long enough to be dropped."""
        if self.looks == 0:
            self.since = time.monotonic()
        self.looks += 1
        return self.looks >= DROPPED_AFTER and time.monotonic() - self.since >= DROPPED_SECONDS


class Pauses:
    """Sleeps between polls: `interval` each, or from 5 ms doubling to 1 s; none past the
    deadline, where TransactionTimeout is raised instead."""

    def __init__(self, tx_hash: str, timeout: float, interval: float | None) -> None:
        self.tx_hash = tx_hash
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.fixed = interval
        self.delay = 0.005 if interval is None else interval

    def pause(self, waiting_for: str) -> Flow[None]:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TransactionTimeout(
                f"{waiting_for} after {self.timeout:g} s (transaction {self.tx_hash})",
                self.tx_hash,
            )
        yield Sleep(min(self.delay, remaining))
        if self.fixed is None:
            self.delay = min(self.delay * 2, 1.0)


def check_wait_options(timeout: object, confirmations: object, poll_interval: object) -> None:
    for name, value, least in (("timeout", timeout, 0), ("poll_interval", poll_interval, 0)):
        if value is None and name == "poll_interval":
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not value >= least:
            raise ValueError(f"{name} must be a non-negative number of seconds, got {value!r:.40}")
    if isinstance(confirmations, bool) or not isinstance(confirmations, int) or confirmations < 1:
        raise ValueError(f"confirmations must be an int >= 1, got {confirmations!r:.40}")


def waiting(
    endpoint: str,
    tx_hash: str,
    origin: Origin,
    call: Mapping[str, str],
    pauses: Pauses,
    confirmations: int,
    receipt_of: Callable[[Mapping[str, Any]], Receipt],
) -> Flow[dict[str, Any]]:
    """The flow of a wait: the raw receipt, once `confirmations` blocks include it."""
    polls = 0
    absence = Absence()
    while True:
        raw = yield from receipt_or_none(endpoint, tx_hash)
        if raw is not None:
            confirmed = yield from _confirming(endpoint, tx_hash, raw, confirmations, pauses)
            if confirmed is not None:
                return confirmed
            polls, absence = 0, Absence()  # a reorg took it out of the chain: wait again
            continue
        polls += 1
        if polls % CHECK_EVERY == 0 and origin.address:
            yield from _fate(endpoint, tx_hash, origin, call, absence, receipt_of)
        yield from pauses.pause("no receipt")


def receipt_or_none(endpoint: str, tx_hash: str) -> Flow[Any]:
    try:
        raw = yield Rpc("eth_getTransactionReceipt", [tx_hash])
    except RpcError as exc:
        if INDEXING in exc.rpc_message:
            return None
        raise
    # The receipt must be well-formed and this transaction's, not another's.
    return Answer("eth_getTransactionReceipt", endpoint).receipt(raw, tx_hash)


def _confirming(
    endpoint: str, tx_hash: str, raw: dict[str, Any], confirmations: int, pauses: Pauses
) -> Flow[dict[str, Any] | None]:
    """The receipt once the head is `confirmations - 1` blocks past its block and it is still
    in the chain; None if a reorg took it out. (A node may serve a receipt before its head
    reaches the receipt's block: reads at "latest" right after wait() would miss its effects.)"""
    block = from_quantity(raw["blockNumber"])
    target = block + confirmations - 1
    while (yield Head()) < target:
        yield from pauses.pause(f"the node's head did not reach block {target}")
    if confirmations == 1:
        return raw
    again = yield from receipt_or_none(endpoint, tx_hash)
    return again if again is not None and again["blockHash"] == raw["blockHash"] else None


def _fate(
    endpoint: str,
    tx_hash: str,
    origin: Origin,
    call: Mapping[str, str],
    absence: Absence,
    receipt_of: Callable[[Mapping[str, Any]], Receipt],
) -> Flow[None]:
    """Look at what became of a transaction without a receipt: raise once it is known to be
    dropped (unknown to the node, its nonce unused, over `absence`'s looks) or replaced."""
    try:
        info = yield Rpc("eth_getTransactionByHash", [tx_hash])
    except RpcError as exc:
        if INDEXING in exc.rpc_message:
            return
        raise
    info = checked_tx(Answer("eth_getTransactionByHash", endpoint), info)
    if info is not None:
        origin.learn(info)
        absence.looks = 0  # pending or queued: wait on
        return
    if origin.nonce is None:
        # Gone before the wait ever saw it (anvil drops a node-managed send that runs out of
        # gas at once): neither pending nor mined, though its nonce is unknown.
        if absence.again():
            raise TransactionDropped(
                f"transaction {tx_hash} was dropped: the node knows it neither as pending nor "
                "as mined",
                tx_hash,
            )
        return
    count = yield Rpc("eth_getTransactionCount", [origin.address, "latest"])
    if from_quantity(count) <= origin.nonce:
        if absence.again():
            if origin.nonce_key is not None:  # the node's count of this key is ahead now
                yield TakeNonce(origin.nonce_key)
                yield SettleNonce(origin.nonce_key, None)
            raise TransactionDropped(
                f"transaction {tx_hash} was dropped: the node no longer knows it and nonce "
                f"{origin.nonce} of {origin.address} is unused",
                tx_hash,
            )
        return
    absence.looks = 0
    if (yield from receipt_or_none(endpoint, tx_hash)) is not None:
        return  # mined after all (the node's index lagged): the next poll takes it
    replacement = yield from _replacement(endpoint, origin)
    if replacement is None:
        raise TransactionDropped(
            f"transaction {tx_hash} was dropped: nonce {origin.nonce} of {origin.address} was "
            f"used by a transaction not found in the last {SCAN_BLOCKS} blocks",
            tx_hash,
        )
    if replacement["hash"].lower() == tx_hash.lower():
        return
    raw = yield from receipt_or_none(endpoint, replacement["hash"])
    if raw is None:
        return  # its receipt is not served yet: look again later
    reason = reason_of(call, replacement)
    raise TransactionReplaced(
        f"transaction {tx_hash} was {reason}: nonce {origin.nonce} of {origin.address} was "
        f"used by {replacement['hash']} (block {from_quantity(raw['blockNumber'])})",
        tx_hash,
        replacement["hash"],
        receipt_of(raw),
        reason,
    )


def _replacement(endpoint: str, origin: Origin) -> Flow[dict[str, Any] | None]:
    """The mined transaction of origin's sender and nonce, searched from the head back."""
    answer = Answer("eth_getBlockByNumber", endpoint)
    head: int = yield Head()
    sender = origin.address.lower()
    for number in range(head, max(-1, head - SCAN_BLOCKS), -1):
        block = yield Rpc("eth_getBlockByNumber", [to_quantity(number), True])
        if block is None:
            continue
        for item in answer.list_(block.get("transactions"), "transactions"):
            tx = checked_tx(answer, item)
            mine = tx is not None and tx["from"].lower() == sender
            if mine and tx is not None and from_quantity(tx["nonce"]) == origin.nonce:
                return tx
    return None
