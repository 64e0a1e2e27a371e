"""Transaction.wait against answers a dev node gives only at moments a test cannot choose.

geth answers eth_getTransactionReceipt with an error, not null, while it builds its transaction
index after a start ("transaction indexing is in progress"); a wait must keep polling. And a
node can serve a receipt before its head reaches the receipt's block (geth --dev under load, a
load balancer's lagging backend); a wait must return only once "latest" includes it. A stub
stands in for the node here because a real node enters those states at times of its own.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from typing import Any, cast

import pytest
import rlp
from eth_account import Account
from eth_utils import keccak

import abigen
from abigen.runtime.errors import RpcError
from abigen.runtime.flows import run
from abigen.runtime.nonces import thread_book
from abigen.runtime.tx import Transaction, value_sending

TX = "0x" + "ab" * 32
RECEIPT = {
    "transactionHash": TX,
    "blockNumber": "0x5",
    "blockHash": "0x" + "cd" * 32,
    "status": "0x1",
    "gasUsed": "0x5208",
    "logs": [],
}
INDEXING = {"code": -32000, "message": "transaction indexing is in progress"}


class StubNode:
    """Answers eth_getTransactionReceipt from a script: an error dict is raised as RpcError.
    Its head is at `heads[0]` (the last one stays), each read moving to the next."""

    def __init__(self, answers: Sequence[object], heads: Sequence[int] = (5,)) -> None:
        self.answers = list(answers)
        self.heads = list(heads)
        self.calls = 0
        self.head_reads = 0

    @property
    def block_number(self) -> int:
        self.head_reads += 1
        return self.heads.pop(0) if len(self.heads) > 1 else self.heads[0]

    def request(self, method: str, params: Sequence[object]) -> Any:
        assert (method, list(params)) == ("eth_getTransactionReceipt", [TX])
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, dict) and "code" in answer:
            raise RpcError(method, answer)
        return answer


def wait(node: StubNode, timeout: float = 5.0) -> abigen.Receipt:
    return Transaction(cast("abigen.Node", node), TX, {}, {}, {}).wait(timeout)


def test_wait_polls_through_geths_indexing_error() -> None:
    node = StubNode([INDEXING, INDEXING, None, RECEIPT])
    receipt = wait(node)
    assert (receipt.block_number, receipt.status, node.calls) == (5, 1, 4)


def test_other_receipt_errors_surface_at_once() -> None:
    node = StubNode([{"code": -32601, "message": "the method does not exist"}, RECEIPT])
    with pytest.raises(RpcError, match="does not exist"):
        wait(node)
    assert node.calls == 1


def test_indexing_forever_ends_in_a_timeout() -> None:
    node = StubNode([INDEXING] * 1000)
    with pytest.raises(abigen.TransactionTimeout):
        wait(node, timeout=0.05)


def test_wait_returns_once_the_head_reaches_the_receipts_block() -> None:
    node = StubNode([RECEIPT], heads=[4, 4, 5])
    assert wait(node).block_number == 5
    assert node.head_reads == 3


def test_a_head_that_never_arrives_ends_in_a_timeout() -> None:
    node = StubNode([RECEIPT], heads=[4])
    with pytest.raises(abigen.TransactionTimeout, match="head did not reach block 5"):
        wait(node, timeout=0.05)


# ---- waits that end, and the nonce allocator, against answers scripted per method ----


class ScriptedNode:
    """A stand-in node answering each method from its own script (the last answer stays);
    an error dict is raised as RpcError, an exception instance is raised as it is."""

    def __init__(self, scripts: dict[str, list[object]], heads: Sequence[int] = (5,)) -> None:
        self.scripts = scripts
        self.heads = list(heads)
        self.sent: list[tuple[str, list[object]]] = []
        self.nonces = thread_book()

    @property
    def block_number(self) -> int:
        return self.heads.pop(0) if len(self.heads) > 1 else self.heads[0]

    def signing_chain_id(self) -> int:
        return 31337

    def request(self, method: str, params: Sequence[object]) -> Any:
        self.sent.append((method, list(params)))
        script = self.scripts[method]
        answer = script.pop(0) if len(script) > 1 else script[0]
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, dict) and "code" in answer:
            raise RpcError(method, answer)
        return answer

    def methods(self) -> list[str]:
        return [method for method, _ in self.sent]


def receipt_in(block: int, block_hash: str) -> dict[str, Any]:
    return dict(RECEIPT, blockNumber=hex(block), blockHash=block_hash)


def test_a_receipt_a_reorg_took_away_is_waited_for_again() -> None:
    # A reorg (a receipt that vanishes, then comes back in another block) cannot be ordered
    # from a dev node at a chosen moment: scripted.
    first, second = receipt_in(5, "0x" + "aa" * 32), receipt_in(6, "0x" + "bb" * 32)
    node = ScriptedNode({"eth_getTransactionReceipt": [first, None, second]}, heads=[6, 7])
    tx = Transaction(cast("abigen.Node", node), TX, {}, {}, {})
    receipt = tx.wait(5.0, confirmations=2, poll_interval=0.001)
    assert (receipt.block_number, receipt.block_hash) == (6, "0x" + "bb" * 32)


def test_the_timeout_is_raised_at_the_deadline_not_a_poll_later() -> None:
    node = ScriptedNode({"eth_getTransactionReceipt": [None]})
    tx = Transaction(cast("abigen.Node", node), TX, {}, {}, {})
    began = time.monotonic()
    with pytest.raises(abigen.TransactionTimeout) as caught:
        tx.wait(0.2, poll_interval=30)  # without the cap, the first pause alone is 30 s
    assert time.monotonic() - began < 5
    assert caught.value.hash == TX


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": -1}, "timeout"),
        ({"confirmations": 0}, "confirmations"),
        ({"poll_interval": "1"}, "poll_interval"),
    ],
)
def test_wait_options_are_checked(options: dict[str, Any], message: str) -> None:
    tx = Transaction(cast("abigen.Node", ScriptedNode({})), TX, {}, {}, {})
    with pytest.raises(ValueError, match=message):
        tx.wait(**options)


def test_a_malformed_transaction_answer_is_one_line() -> None:
    node = ScriptedNode(
        {"eth_getTransactionReceipt": [None], "eth_getTransactionByHash": [{"hash": 5}]}
    )
    tx = Transaction(cast("abigen.Node", node), TX, {"from": "0x" + "11" * 20}, {}, {})
    with pytest.raises(abigen.NodeError, match="malformed answer: hash is not"):
        tx.wait(5.0, poll_interval=0.001)


def test_a_transaction_briefly_unknown_is_not_called_dropped() -> None:
    # A node busy mining may know a transaction neither as pending nor as mined for a moment
    # (anvil under load): many quick looks finding it unknown are not enough to call it
    # dropped; a few seconds of it are (scripted: that moment comes at no chosen time).
    unknown_for = 12
    node = ScriptedNode(
        {
            "eth_getTransactionReceipt": [None] * 3 * unknown_for + [RECEIPT],
            "eth_getTransactionByHash": [None],
        }
    )
    tx = Transaction(cast("abigen.Node", node), TX, {"from": "0x" + "11" * 20}, {}, {})
    assert tx.wait(5.0, poll_interval=0.001).block_number == 5
    assert node.methods().count("eth_getTransactionByHash") >= unknown_for - 1
    gone = ScriptedNode({"eth_getTransactionReceipt": [None], "eth_getTransactionByHash": [None]})
    tx = Transaction(cast("abigen.Node", gone), TX, {"from": "0x" + "11" * 20}, {}, {})
    began = time.monotonic()
    with pytest.raises(abigen.TransactionDropped, match="neither as pending nor as mined"):
        tx.wait(30.0, poll_interval=0.05)
    assert 3 <= time.monotonic() - began < 10


KEY = Account.from_key("0x" + "42" * 32)
FEES = {
    "eth_estimateGas": ["0x5208"],
    "eth_getBlockByNumber": [{"number": "0x5", "baseFeePerGas": "0x7"}],
    "eth_maxPriorityFeePerGas": ["0x1"],
    "eth_getTransactionCount": ["0x9"],
}


def send(node: ScriptedNode) -> str:
    tx_hash, _ = run(value_sending("stub", "0x" + "22" * 20, 1, KEY, {}), node)
    return tx_hash


def raw_nonces(node: ScriptedNode) -> list[int]:
    raws = [params[0] for method, params in node.sent if method == "eth_sendRawTransaction"]
    # an EIP-1559 transaction: 0x02 || rlp([chain id, nonce, ...])
    return [int.from_bytes(rlp.decode(bytes.fromhex(str(raw)[4:]))[1], "big") for raw in raws]


def test_already_known_counts_as_sent() -> None:
    # "already known" answers a send the node took before (a retry after a lost answer): a
    # dev node gives it only on a resend race, so it is scripted.
    node = ScriptedNode(
        {**FEES, "eth_sendRawTransaction": [{"code": -32000, "message": "already known"}]}
    )
    tx_hash = send(node)
    (raw,) = [params[0] for method, params in node.sent if method == "eth_sendRawTransaction"]
    assert tx_hash == "0x" + keccak(bytes.fromhex(str(raw)[2:])).hex()
    send(node)
    assert raw_nonces(node) == [9, 10]  # taken: the next send uses the next nonce
    assert node.methods().count("eth_getTransactionCount") == 1


def test_an_unknown_outcome_makes_the_next_send_ask_the_node_again() -> None:
    # A connection lost while the node had the transaction: did it take it? Scripted, because
    # a real transport fails at moments of its own.
    lost = abigen.NodeUnreachable("cannot reach node at stub: connection reset")
    good = "0x" + "cd" * 32
    node = ScriptedNode({**FEES, "eth_sendRawTransaction": [lost, good]})
    with pytest.raises(abigen.NodeUnreachable):
        send(node)
    with contextlib.suppress(abigen.NodeError):  # the hash is not the signed one's: refused
        send(node)
    assert node.methods().count("eth_getTransactionCount") == 2


def test_nonce_too_low_reads_the_nonce_again_and_retries() -> None:
    too_low = {"code": -32000, "message": "nonce too low: address x, tx: 9 state: 12"}
    node = ScriptedNode(
        {
            **FEES,
            "eth_getTransactionCount": ["0x9", "0xc"],
            "eth_sendRawTransaction": [too_low, {"code": -32000, "message": "already known"}],
        }
    )
    send(node)
    assert raw_nonces(node) == [9, 12]
