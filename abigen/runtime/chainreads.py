"""Reads of chain state, written once for Node and AsyncNode: code, storage, nonces, blocks,
transactions, receipts and fee suggestions.

What the user gives is checked offline first (a one-line ValueError/TypeError, nothing sent;
blocks arrive as the faces' `block_tag` made them); what the node answers is checked field by
field (a one-line NodeError naming the method).
"""

from __future__ import annotations

import contextlib
import statistics
from typing import TYPE_CHECKING, Any, cast

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.answers import Answer
from abigen.runtime.chainrecords import (
    Block,
    FeeSuggestion,
    TransactionInfo,
    block_record,
    transaction_info,
)
from abigen.runtime.errors import RpcError
from abigen.runtime.flows import Flow, Rpc
from abigen.runtime.hexdata import from_data, from_quantity

if TYPE_CHECKING:
    from abigen.runtime.receipt import Receipt


def tx_hash_of(value: object) -> str:
    """A transaction hash as the user gave it (0x-hex text or 32 bytes) -> 0x-hex text."""
    if isinstance(value, bytes | bytearray):
        raw = bytes(value)
    elif isinstance(value, str):
        raw = b""
        if value[:2] in ("0x", "0X") and len(value) == 66:
            with contextlib.suppress(ValueError):
                raw = bytes.fromhex(value[2:])
    else:
        raise TypeError(f"a transaction hash is 0x-hex text or bytes, not {type(value).__name__}")
    if len(raw) != 32:
        raise ValueError(
            f"a transaction hash is 32 bytes (0x and 64 hex digits), got {value!r:.80}"
        )
    return "0x" + raw.hex()


def _account(address: object) -> str:
    return to_checksum_address(parse_address(address))


def code(endpoint: str, address: str, tag: str) -> Flow[bytes]:
    """The flow of get_code: the account's runtime code (b"" for none)."""
    params = [_account(address), tag]
    found = yield Rpc("eth_getCode", params)
    return from_data(Answer("eth_getCode", endpoint).data(found))


def storage_at(endpoint: str, address: str, slot: int, tag: str) -> Flow[bytes]:
    """The flow of get_storage_at: the 32-byte word in `slot`."""
    if isinstance(slot, bool) or not isinstance(cast(object, slot), int):
        raise TypeError(f"slot must be an int, got {type(slot).__name__}")
    if not 0 <= slot < 2**256:
        raise ValueError(f"slot must be between 0 and 2**256 - 1, got {slot:.3g}")
    found = yield Rpc("eth_getStorageAt", [_account(address), hex(slot), tag])
    answer = Answer("eth_getStorageAt", endpoint)
    word = from_data(answer.data(found))
    if len(word) > 32:
        raise answer.bad("the word is longer than 32 bytes", found)
    return word.rjust(32, b"\0")  # (some nodes trim leading zero bytes)


def transaction_count(endpoint: str, address: str, tag: str) -> Flow[int]:
    """The flow of get_transaction_count: the account's nonce at that block."""
    found = yield Rpc("eth_getTransactionCount", [_account(address), tag])
    return from_quantity(Answer("eth_getTransactionCount", endpoint).quantity(found, bound=2**64))


def block(endpoint: str, tag: str, full: bool) -> Flow[Block[Any] | None]:
    """The flow of get_block: None when the node has no such block."""
    if not isinstance(cast(object, full), bool):
        raise TypeError(f"full_transactions must be a bool, got {type(full).__name__}")
    by_hash = len(tag) == 66
    method = "eth_getBlockByHash" if by_hash else "eth_getBlockByNumber"
    found = yield Rpc(method, [tag, full])
    if found is None:
        return None
    answer = Answer(method, endpoint)
    record = block_record(answer, answer.obj(found), full)
    # The block asked for, not another: its hash, or its number.
    if by_hash and (record.hash or "").lower() != tag:
        raise answer.bad(f"not block {tag}", record.hash)
    if not by_hash and tag[:2] == "0x" and record.number != from_quantity(tag):
        raise answer.bad(f"not block {from_quantity(tag)}", record.number)
    return record


def transaction(endpoint: str, tx_hash: object) -> Flow[TransactionInfo | None]:
    """The flow of get_transaction: None when the node does not know the transaction."""
    asked = tx_hash_of(tx_hash)
    found = yield Rpc("eth_getTransactionByHash", [asked])
    if found is None:
        return None
    answer = Answer("eth_getTransactionByHash", endpoint)
    info = transaction_info(answer, found)
    if info.hash.lower() != asked:
        raise answer.bad(f"the transaction is another one, not {asked}", info.hash)
    return info


def receipt(endpoint: str, tx_hash: object) -> Flow[Receipt | None]:
    """The flow of get_receipt: None until the transaction is mined (or if unknown). No
    binding is known here, so its `events` are empty: `receipt.decode_events(...)` decodes."""
    from abigen.runtime.tx import _receipt  # pyright: ignore[reportPrivateUsage] (the one builder)
    from abigen.runtime.waits import INDEXING

    asked = tx_hash_of(tx_hash)
    try:
        found = yield Rpc("eth_getTransactionReceipt", [asked])
    except RpcError as exc:
        if INDEXING in exc.rpc_message:  # geth rebuilding its index: not known yet, as null
            return None
        raise
    raw = Answer("eth_getTransactionReceipt", endpoint).receipt(found, asked)
    return None if raw is None else _receipt(raw, None, {})


def fee_suggestion(endpoint: str, percentile: float, blocks: int) -> Flow[FeeSuggestion]:
    """The flow of suggest_fees, from eth_feeHistory over the latest `blocks` blocks.

    The base fee is the next block's (feeHistory's last baseFeePerGas entry). The tip is the
    median, over the recent blocks that held transactions, of each block's `percentile`-th
    reward; blocks without transactions say nothing about the market and are skipped, and if
    none held any, the node's own eth_maxPriorityFeePerGas is taken. A node without
    eth_feeHistory, or a chain before London, gets the legacy eth_gasPrice.
    """
    if isinstance(percentile, bool) or not isinstance(cast(object, percentile), int | float):
        raise TypeError(f"priority_percentile must be a number, got {type(percentile).__name__}")
    if not 0 <= percentile <= 100:
        raise ValueError(f"priority_percentile must be between 0 and 100, got {percentile!r:.20}")
    if (
        isinstance(blocks, bool)
        or not isinstance(cast(object, blocks), int)
        or not 1 <= blocks <= 1024
    ):
        raise ValueError(f"blocks must be an int between 1 and 1024, got {blocks!r:.20}")
    try:
        found = yield Rpc("eth_feeHistory", [hex(blocks), "latest", [percentile]])
    except RpcError:
        found = None  # no eth_feeHistory: a pre-London node
    history = _history(Answer("eth_feeHistory", endpoint), found) if found is not None else None
    if history is None or not (yield from _london(endpoint, history[0])):
        price = yield Rpc("eth_gasPrice", [])
        legacy = from_quantity(Answer("eth_gasPrice", endpoint).quantity(price))
        return FeeSuggestion(None, legacy, legacy)
    base_fee, tips = history
    if tips:
        tip = int(statistics.median_low(tips))
    else:
        asked = yield Rpc("eth_maxPriorityFeePerGas", [])
        tip = from_quantity(Answer("eth_maxPriorityFeePerGas", endpoint).quantity(asked))
    return FeeSuggestion(base_fee, tip, 2 * base_fee + tip)


def _history(answer: Answer, value: object) -> tuple[int, list[int]] | None:
    """(the next block's base fee, the tips of the blocks that held transactions), or None
    for a history without base fees (a pre-London node)."""
    history = answer.obj(value)
    fees = history.get("baseFeePerGas")
    if not fees:
        return None
    base_fees = [from_quantity(answer.quantity(f, "baseFeePerGas[]")) for f in answer.list_(fees)]
    ratios = answer.list_(history.get("gasUsedRatio"), "gasUsedRatio")
    rewards = answer.list_(history.get("reward", [[]] * len(ratios)), "reward")
    if len(rewards) != len(ratios):
        raise answer.bad("reward and gasUsedRatio differ in length", history)
    tips: list[int] = []
    for ratio, reward in zip(ratios, rewards, strict=True):
        if isinstance(ratio, bool) or not isinstance(ratio, int | float):
            raise answer.bad("gasUsedRatio[] is not a number", ratio)
        entries = answer.list_(reward, "reward[]")
        if ratio > 0 and entries:
            tips.append(from_quantity(answer.quantity(entries[0], "reward[][]")))
    return base_fees[-1], tips


def _london(endpoint: str, next_base_fee: int) -> Flow[bool]:
    """Whether the chain prices by base fee. A zero base fee is asked about: nodes report
    zeros for blocks before London."""
    if next_base_fee:
        return True
    latest: object = yield Rpc("eth_getBlockByNumber", ["latest", False])
    if latest is None:
        return False
    return Answer("eth_getBlockByNumber", endpoint).obj(latest).get("baseFeePerGas") is not None
