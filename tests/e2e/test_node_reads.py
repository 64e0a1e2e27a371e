"""The node's read helpers (get_code, get_storage_at, get_transaction_count, get_block,
get_transaction, get_receipt, suggest_fees) on anvil and geth, over HTTP and IPC, and on the
async face over HTTP, IPC and WebSocket: each answer against what the test itself did.

The last tests script a fake node (tests/hostile/fakenode.py) to answer each helper's method
wrongly, which no real node does: each must raise a one-line NodeError naming the method.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from bindings.token import Token, Transfer

import abigen
from abigen.devnode import Anvil, DevNode
from abigen.runtime.tx import Transaction

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
from fakenode import BLOCK_HASH, SOME_HASH, TOKEN, FakeNode, receipt

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
RUNTIME_CODE = bytes.fromhex(json.loads((BUILD / "Token.json").read_text())["deployedBytecode"][2:])
SUPPLY = 1_000_000
UNKNOWN_HASH = "0x" + "5e" * 32


def send_value(node: abigen.Node, sender: str, to: str, wei: int) -> tuple[str, abigen.Receipt]:
    call = {"from": sender, "to": to, "value": hex(wei)}
    tx_hash: str = node.request("eth_sendTransaction", [call])
    return tx_hash, Transaction(node, tx_hash, call, {}, {}).wait()


@pytest.mark.e2e
def test_code_and_storage_of_a_deployed_token(node: abigen.Node, alice: str) -> None:
    before = node.block_number
    token = Token.deploy(node, "Gold", "GLD", SUPPLY, sender=alice)
    assert node.get_code(token.address) == RUNTIME_CODE  # Token has no immutables
    assert node.get_code(token.address, before) == b""  # not deployed yet then
    assert node.get_code(alice) == b""
    # Storage: slot 0 name (a short string: its bytes, then length * 2), slot 2 totalSupply.
    assert node.get_storage_at(token.address, 0) == b"Gold".ljust(31, b"\0") + bytes([8])
    assert node.get_storage_at(token.address, 2) == SUPPLY.to_bytes(32, "big")
    assert node.get_storage_at(token.address, 2, before) == bytes(32)
    assert node.get_storage_at(token.address, 2**256 - 1) == bytes(32)


@pytest.mark.e2e
def test_transaction_count_follows_the_sends(node: abigen.Node, alice: str, bob: str) -> None:
    start = node.get_transaction_count(alice)
    block = node.block_number
    send_value(node, alice, bob, 1)
    send_value(node, alice, bob, 1)
    assert node.get_transaction_count(alice) == start + 2
    assert node.get_transaction_count(alice, "pending") == start + 2
    assert node.get_transaction_count(alice, block) == start
    assert node.get_transaction_count("0x" + "00" * 19 + "01") == 0


def _mined_view(node: abigen.Node, tx_hash: str) -> abigen.TransactionInfo | None:
    """get_transaction of a mined transaction, once the node answers with its block: anvil may
    still answer from its pool (no block yet) for a moment after the receipt was served."""
    deadline = time.monotonic() + 10
    found = node.get_transaction(tx_hash)
    while found is not None and found.block_number is None and time.monotonic() < deadline:
        time.sleep(0.01)
        found = node.get_transaction(tx_hash)
    return found


@pytest.mark.e2e
def test_block_and_transaction_match_what_was_sent(node: abigen.Node, alice: str, bob: str) -> None:
    nonce = node.get_transaction_count(alice)
    tx_hash, mined = send_value(node, alice, bob, 12345)

    block = node.get_block(mined.block_number)
    assert block is not None
    assert block.hash == mined.block_hash and block.number == mined.block_number
    assert tx_hash in block.transactions
    assert block.gas_used >= mined.gas_used and block.gas_limit >= block.gas_used
    assert block.base_fee_per_gas is not None and block.miner is not None
    parent = node.get_block(block.number - 1)
    assert parent is not None and parent.hash == block.parent_hash
    assert parent.timestamp <= block.timestamp
    assert node.get_block(mined.block_hash) == block
    head = node.get_block()
    assert head is not None and head.number >= block.number

    full = node.get_block(mined.block_hash, full_transactions=True)
    assert full is not None and full.hash == block.hash
    (info,) = [t for t in full.transactions if t.hash == tx_hash]
    assert info == _mined_view(node, tx_hash)
    assert info.sender == alice and info.to == bob
    assert (info.nonce, info.value, info.input, info.gas) == (nonce, 12345, b"", 21000)
    assert info.type == 2 and info.chain_id == node.chain_id
    assert info.max_fee_per_gas is not None and info.max_priority_fee_per_gas is not None
    assert info.gas_price == mined.effective_gas_price
    assert (info.block_number, info.block_hash) == (mined.block_number, mined.block_hash)
    assert info.transaction_index is not None

    assert node.get_block(10**12) is None
    assert node.get_block(UNKNOWN_HASH) is None
    assert node.get_transaction(UNKNOWN_HASH) is None


@pytest.mark.e2e
def test_receipt_matches_the_wait(node: abigen.Node, alice: str, bob: str) -> None:
    token = Token.deploy(node, "Gold", "GLD", SUPPLY, sender=alice)
    tx = token.transfer(bob, 5, sender=alice)
    waited = tx.wait()
    found = node.get_receipt(tx.hash)
    assert found is not None
    assert found.transaction_hash == tx.hash
    assert (found.block_number, found.block_hash) == (waited.block_number, waited.block_hash)
    assert (found.status, found.gas_used) == (1, waited.gas_used)
    assert found.effective_gas_price == waited.effective_gas_price
    assert list(found.logs) == list(waited.logs) and found.events == ()
    assert found.contract_address is None
    (transfer,) = [Transfer.decode_log(log) for log in found.logs]
    assert (transfer.to, transfer.value) == (bob, 5)
    assert node.get_receipt(UNKNOWN_HASH) is None


@pytest.mark.e2e
def test_fee_suggestion_takes_the_recent_tips(node: abigen.Node, alice: str, bob: str) -> None:
    # One block holding one transaction with a tip of 7 wei: its every percentile is 7.
    latest = node.get_block()
    assert latest is not None and latest.base_fee_per_gas is not None
    call = {"from": alice, "to": bob, "value": "0x1", "maxPriorityFeePerGas": "0x7"}
    call["maxFeePerGas"] = hex(10 * latest.base_fee_per_gas)
    tx_hash = node.request("eth_sendTransaction", [call])
    Transaction(node, tx_hash, call, {}, {}).wait()
    fees = node.suggest_fees(blocks=1)
    assert fees.max_priority_fee_per_gas == 7
    assert fees.base_fee is not None and fees.base_fee > 0 and not fees.legacy
    assert fees.max_fee_per_gas == 2 * fees.base_fee + 7
    # Priced as suggested, a transaction is accepted and mined.
    token = Token.deploy(node, "Gold", "GLD", SUPPLY, sender=alice)
    assert token.transfer(bob, 1, sender=alice, **node.suggest_fees().options()).wait().status == 1
    with pytest.raises(ValueError, match="priority_percentile"):
        node.suggest_fees(priority_percentile=101)


@pytest.mark.e2e
def test_fee_suggestion_without_recent_transactions_asks_the_node(anvil: Anvil) -> None:
    node = abigen.connect(anvil.http_url)
    node.request("evm_mine", [])  # an empty block: its tips say nothing
    fees = node.suggest_fees(blocks=1)
    assert fees.max_priority_fee_per_gas == int(node.request("eth_maxPriorityFeePerGas", []), 16)


@pytest.mark.e2e
def test_fee_suggestion_before_london_is_the_legacy_gas_price() -> None:
    with Anvil(extra_args=["--hardfork", "berlin"]) as berlin:
        node = abigen.connect(berlin.http_url)
        fees = node.suggest_fees()
        price = int(node.request("eth_gasPrice", []), 16)
        assert fees.legacy and fees.base_fee is None
        assert fees.max_fee_per_gas == fees.max_priority_fee_per_gas == price
        assert fees.options() == {"gas_price": price}
        alice = node.accounts[0]  # (Token's code needs Shanghai: a plain transfer here)
        call = {"from": alice, "to": alice, "gasPrice": hex(fees.options()["gas_price"])}
        tx = Transaction(node, node.request("eth_sendTransaction", [call]), call, {}, {})
        info = node.get_transaction(tx.hash)
        assert info is not None and (info.type, info.gas_price) == (0, price)
        assert info.max_fee_per_gas is None


@pytest.mark.e2e
def test_async_face_reads_the_same(devnode: DevNode, async_target: str) -> None:
    sync = abigen.connect(devnode.http_url)
    alice = sync.accounts[0]
    token = Token.deploy(sync, "Gold", "GLD", SUPPLY, sender=alice)
    tx = token.transfer(alice, 1, sender=alice)
    mined = tx.wait()
    _mined_view(sync, tx.hash)  # (anvil's pool settled: every read below sees it mined)

    async def main() -> tuple[Any, ...]:
        async with await abigen.connect_async(async_target) as node:
            return (
                await node.get_code(token.address),
                await node.get_storage_at(token.address, 2),
                await node.get_transaction_count(alice, mined.block_number),
                await node.get_block(mined.block_number),
                await node.get_block(mined.block_hash, full_transactions=True),
                await node.get_transaction(tx.hash),
                await node.get_receipt(tx.hash),
                await node.get_receipt(UNKNOWN_HASH),
                (await node.suggest_fees()).base_fee is not None,
            )

    found = asyncio.run(main())
    assert found == (
        RUNTIME_CODE,
        SUPPLY.to_bytes(32, "big"),
        sync.get_transaction_count(alice, mined.block_number),
        sync.get_block(mined.block_number),
        sync.get_block(mined.block_hash, full_transactions=True),
        sync.get_transaction(tx.hash),
        sync.get_receipt(tx.hash),
        None,
        True,
    )


def test_what_the_user_gives_is_checked_before_anything_is_sent() -> None:
    node = abigen.connect("http://127.0.0.1:9")  # nothing listens: a request would fail
    with pytest.raises(ValueError, match="transaction hash"):
        node.get_transaction("0x1234")
    with pytest.raises(TypeError, match="transaction hash"):
        node.get_receipt(1234)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="address"):
        node.get_code("0xnot")
    with pytest.raises(TypeError, match="slot"):
        node.get_storage_at(TOKEN, "0")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="slot"):
        node.get_storage_at(TOKEN, 2**256)
    with pytest.raises(ValueError, match="block"):
        node.get_block("tomorrow")
    with pytest.raises(TypeError, match="full_transactions"):
        node.get_block(1, full_transactions=1)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="blocks"):
        node.suggest_fees(blocks=0)


# ---- hostile answers: a fake node (tests/hostile/fakenode.py), since no real node sends these ----

A_TX = {
    "hash": SOME_HASH,
    "from": "0x" + "11" * 20,
    "to": None,
    "nonce": "0x0",
    "value": "0x0",
    "input": "0x",
    "gas": "0x5208",
    "gasPrice": "0x1",
    "type": "0x0",
    "blockNumber": None,
    "blockHash": None,
    "transactionIndex": None,
}
A_BLOCK = {
    "number": "0x10",
    "hash": BLOCK_HASH,
    "parentHash": BLOCK_HASH,
    "timestamp": "0x1",
    "gasLimit": "0x1",
    "gasUsed": "0x0",
    "miner": "0x" + "22" * 20,
    "transactions": [],
}
HISTORY = {
    "oldestBlock": "0x0",
    "baseFeePerGas": ["0x1", "0x1"],
    "gasUsedRatio": [0.5],
    "reward": [["0x1"]],
}

HOSTILE = [
    ("get_code", (TOKEN,), "eth_getCode", {"result": "0x123"}, "odd number of digits"),
    ("get_code", (TOKEN,), "eth_getCode", {"result": 12}, "not 0x-hex data"),
    ("get_storage_at", (TOKEN, 0), "eth_getStorageAt", {"result": "0x" + "00" * 33}, "longer"),
    ("get_transaction_count", (TOKEN,), "eth_getTransactionCount", {"result": "0x" + "f" * 17}, "range"),
    ("get_block", (16,), "eth_getBlockByNumber", {"result": {**A_BLOCK, "number": "0x11"}}, "not block 16"),
    ("get_block", (16,), "eth_getBlockByNumber", {"result": {**A_BLOCK, "parentHash": None}}, "parentHash"),
    ("get_block", (16,), "eth_getBlockByNumber", {"result": {**A_BLOCK, "transactions": ["0x1"]}}, "transactions[]"),
    ("get_block", (BLOCK_HASH,), "eth_getBlockByHash", {"result": {**A_BLOCK, "hash": SOME_HASH}}, "not block"),
    ("get_block", (16,), "eth_getBlockByNumber", {"result": [1]}, "not an object"),
    ("get_transaction", (SOME_HASH,), "eth_getTransactionByHash", {"result": {**A_TX, "hash": BLOCK_HASH}}, "another one"),
    ("get_transaction", (SOME_HASH,), "eth_getTransactionByHash", {"result": {**A_TX, "from": None}}, "from"),
    ("get_transaction", (SOME_HASH,), "eth_getTransactionByHash", {"result": {**A_TX, "input": "zz"}}, "input"),
    ("get_receipt", (SOME_HASH,), "eth_getTransactionReceipt", {"result": receipt(transactionHash=BLOCK_HASH)}, "another transaction"),
    ("get_receipt", (SOME_HASH,), "eth_getTransactionReceipt", {"result": receipt(status="0x2")}, "status"),
    ("suggest_fees", (), "eth_feeHistory", {"result": {**HISTORY, "gasUsedRatio": ["x"]}}, "gasUsedRatio"),
    ("suggest_fees", (), "eth_feeHistory", {"result": {**HISTORY, "reward": []}}, "differ in length"),
    ("suggest_fees", (), "eth_feeHistory", {"result": {**HISTORY, "baseFeePerGas": ["-1"]}}, "baseFeePerGas"),
]  # fmt: skip


@pytest.mark.parametrize("face", ["sync", "async"])
@pytest.mark.parametrize(("helper", "args", "method", "answer", "words"), HOSTILE)
def test_a_malformed_answer_is_a_one_line_node_error(
    face: str, helper: str, args: tuple[Any, ...], method: str, answer: object, words: str
) -> None:
    fake = FakeNode({method: answer})
    try:
        with pytest.raises(abigen.NodeError) as caught:
            if face == "sync":
                getattr(abigen.connect(fake.url), helper)(*args)
            else:

                async def main() -> None:
                    async with await abigen.connect_async(fake.url) as node:
                        await getattr(node, helper)(*args)

                asyncio.run(main())
    finally:
        fake.close()
    message = str(caught.value)
    assert message.startswith(f"{method} to ") and words in message and "\n" not in message
