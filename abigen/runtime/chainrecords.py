"""Typed records of what a node says about its chain: blocks, transactions, fee suggestions.

Each record is built from a node's answer by checking every field it reads (the shapes in
abigen.runtime.answers): a malformed answer is a one-line NodeError naming the method, never
a KeyError or a wrong value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.answers import Answer
from abigen.runtime.hexdata import from_data, from_quantity

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

T = TypeVar("T", bound="str | TransactionInfo")


@dataclass(frozen=True)
class TransactionInfo:
    """A transaction as the node knows it (eth_getTransactionByHash, or a full block's).

    `gas_price` is what the node reports as gasPrice (a legacy transaction's price; for an
    EIP-1559 one, the price it paid once mined); the max fees are None on a legacy
    transaction. The block fields are None while the transaction is pending.
    """

    hash: str
    sender: ChecksumAddress
    to: ChecksumAddress | None  # None for a contract creation
    nonce: int
    value: int
    input: bytes
    gas: int
    gas_price: int | None
    max_fee_per_gas: int | None
    max_priority_fee_per_gas: int | None
    type: int
    chain_id: int | None  # None for a legacy transaction signed without one (pre-EIP-155)
    block_number: int | None
    block_hash: str | None
    transaction_index: int | None


@dataclass(frozen=True)
class Block(Generic[T]):
    """A block header and its transactions: their hashes (`Block[str]`), or with
    `full_transactions=True` the transactions themselves (`Block[TransactionInfo]`).

    `hash` and `miner` are None only in a pending block; `base_fee_per_gas` is None before
    London.
    """

    number: int
    hash: str | None
    parent_hash: str
    timestamp: int
    gas_limit: int
    gas_used: int
    base_fee_per_gas: int | None
    miner: ChecksumAddress | None
    transactions: tuple[T, ...]


class FeeOptions(TypedDict, total=False):
    """The fee fields of TxOptions (a subset: splat it into any send)."""

    gas_price: int
    max_fee_per_gas: int
    max_priority_fee_per_gas: int


@dataclass(frozen=True)
class FeeSuggestion:
    """Fees to offer for a transaction in the next blocks, from the node's recent history.

    On an EIP-1559 chain: `base_fee` is the next block's base fee, `max_priority_fee_per_gas`
    the tip recent blocks paid, and `max_fee_per_gas` = 2 * base_fee + tip (room for the base
    fee to double before the transaction stops being includable). On a pre-London chain
    `base_fee` is None and both fields hold the node's legacy gas price (eth_gasPrice), which
    a legacy transaction pays whole, as tip and cap alike.
    """

    base_fee: int | None
    max_priority_fee_per_gas: int
    max_fee_per_gas: int

    @property
    def legacy(self) -> bool:
        """Whether the chain is pre-London (price transactions with gas_price)."""
        return self.base_fee is None

    def options(self) -> FeeOptions:
        """The suggestion as transaction options: `token.transfer(..., **fees.options())`."""
        if self.base_fee is None:
            return {"gas_price": self.max_fee_per_gas}
        return {
            "max_fee_per_gas": self.max_fee_per_gas,
            "max_priority_fee_per_gas": self.max_priority_fee_per_gas,
        }


def _int(answer: Answer, item: Mapping[str, Any], key: str, bound: int = 2**256) -> int:
    return from_quantity(answer.quantity(item.get(key), key, bound))


def _maybe_int(answer: Answer, item: Mapping[str, Any], key: str) -> int | None:
    value = item.get(key)
    return None if value is None else from_quantity(answer.quantity(value, key))


def _maybe_hash(answer: Answer, item: Mapping[str, Any], key: str) -> str | None:
    value = item.get(key)
    return None if value is None else answer.hash32(value, key)


def _maybe_address(answer: Answer, item: Mapping[str, Any], key: str) -> ChecksumAddress | None:
    value = item.get(key)
    if value is None:
        return None
    return to_checksum_address(parse_address(answer.address(value, key).lower()))


def transaction_info(answer: Answer, value: object) -> TransactionInfo:
    """A transaction object, checked field by field."""
    item = answer.obj(value, "transaction")
    sender = _maybe_address(answer, item, "from")
    if sender is None:
        raise answer.bad("from is not a 20-byte 0x-hex address", None)
    return TransactionInfo(
        hash=answer.hash32(item.get("hash"), "hash"),
        sender=sender,
        to=_maybe_address(answer, item, "to"),
        nonce=_int(answer, item, "nonce", 2**64),
        value=_int(answer, item, "value"),
        input=from_data(answer.data(item.get("input"), "input")),
        gas=_int(answer, item, "gas", 2**64),
        gas_price=_maybe_int(answer, item, "gasPrice"),
        max_fee_per_gas=_maybe_int(answer, item, "maxFeePerGas"),
        max_priority_fee_per_gas=_maybe_int(answer, item, "maxPriorityFeePerGas"),
        type=from_quantity(answer.quantity(item.get("type", "0x0"), "type", 2**8)),
        chain_id=_maybe_int(answer, item, "chainId"),
        block_number=_maybe_int(answer, item, "blockNumber"),
        block_hash=_maybe_hash(answer, item, "blockHash"),
        transaction_index=_maybe_int(answer, item, "transactionIndex"),
    )


def block_record(answer: Answer, value: Mapping[str, Any], full: bool) -> Block[Any]:
    """A block object, checked field by field; its transactions as hashes or (full) records."""
    listed = answer.list_(value.get("transactions"), "transactions")
    transactions: tuple[Any, ...]
    if full:
        transactions = tuple(transaction_info(answer, item) for item in listed)
    else:
        transactions = tuple(answer.hash32(item, "transactions[]") for item in listed)
    return Block(
        number=_int(answer, value, "number"),
        hash=_maybe_hash(answer, value, "hash"),
        parent_hash=answer.hash32(value.get("parentHash"), "parentHash"),
        timestamp=_int(answer, value, "timestamp"),
        gas_limit=_int(answer, value, "gasLimit"),
        gas_used=_int(answer, value, "gasUsed"),
        base_fee_per_gas=_maybe_int(answer, value, "baseFeePerGas"),
        miner=_maybe_address(answer, value, "miner"),
        transactions=transactions,
    )
