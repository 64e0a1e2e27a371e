"""Type-checked, never run: the node's read helpers type precisely on both faces."""

from __future__ import annotations

from bindings.token import Token
from eth_typing import ChecksumAddress
from typing_extensions import assert_type

import abigen


def node_reads(node: abigen.Node, token: Token, alice: str) -> None:
    assert_type(node.get_code(alice), bytes)
    assert_type(node.get_storage_at(alice, 0, block=1), bytes)
    assert_type(node.get_transaction_count(alice, "pending"), int)
    block = node.get_block()
    assert_type(block, "abigen.Block[str] | None")
    if block is not None:
        assert_type(block.transactions, tuple[str, ...])
        assert_type(block.base_fee_per_gas, int | None)
        assert_type(block.miner, ChecksumAddress | None)
    full = node.get_block(5, full_transactions=True)
    assert_type(full, "abigen.Block[abigen.TransactionInfo] | None")
    if full is not None:
        assert_type(full.transactions[0].sender, ChecksumAddress)
        assert_type(full.transactions[0].input, bytes)
    info = node.get_transaction("0x" + "00" * 32)
    assert_type(info, "abigen.TransactionInfo | None")
    if info is not None:
        assert_type(info.block_number, int | None)
        assert_type(info.to, ChecksumAddress | None)
    assert_type(node.get_receipt("0x" + "00" * 32), "abigen.Receipt | None")
    fees = node.suggest_fees(priority_percentile=25)
    assert_type(fees, abigen.FeeSuggestion)
    assert_type(fees.base_fee, int | None)
    assert_type(fees.max_fee_per_gas, int)
    token.transfer(alice, 1, sender=alice, **fees.options())


async def async_node_reads(node: abigen.AsyncNode, alice: str) -> None:
    assert_type(await node.get_code(alice), bytes)
    assert_type(await node.get_storage_at(alice, 0), bytes)
    assert_type(await node.get_transaction_count(alice), int)
    assert_type(await node.get_block("latest"), "abigen.Block[str] | None")
    full = await node.get_block(full_transactions=True)
    assert_type(full, "abigen.Block[abigen.TransactionInfo] | None")
    assert_type(await node.get_transaction("0x" + "00" * 32), "abigen.TransactionInfo | None")
    assert_type(await node.get_receipt("0x" + "00" * 32), "abigen.Receipt | None")
    assert_type(await node.suggest_fees(), abigen.FeeSuggestion)
