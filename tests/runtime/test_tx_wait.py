"""Transaction.wait against answers a dev node gives only at moments a test cannot choose.

geth answers eth_getTransactionReceipt with an error, not null, while it builds its transaction
index after a start ("transaction indexing is in progress"); a wait must keep polling. And a
node can serve a receipt before its head reaches the receipt's block (geth --dev under load, a
load balancer's lagging backend); a wait must return only once "latest" includes it. A stub
stands in for the node here because a real node enters those states at times of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pytest

import abigen
from abigen.runtime.errors import RpcError
from abigen.runtime.tx import Transaction

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
