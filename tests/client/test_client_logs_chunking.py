"""The log scan's chunking, against a fake node that refuses block ranges over a limit as real
providers do (anvil never refuses, so this is pure logic: abigen.runtime.logs.scan_logs)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from abigen.runtime.errors import RpcError
from abigen.runtime.logs import scan_logs as _scan

ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
TOPICS: list[Any] = [None]


class RefusingNode:
    """eth_getLogs over blocks holding one log every 7 blocks; ranges wider than `limit` are
    refused with `message`. Records every request."""

    def __init__(self, limit: int, message: str = "query exceeds max block range 100") -> None:
        self.limit = limit
        self.message = message
        self.asked: list[tuple[int, int]] = []
        self.answered: list[tuple[int, int]] = []

    def request(self, method: str, params: list[Any]) -> Any:
        assert method == "eth_getLogs"
        (query,) = params
        assert query["address"] == ADDRESS and query["topics"] == TOPICS
        first, last = int(query["fromBlock"], 16), int(query["toBlock"], 16)
        assert first <= last
        self.asked.append((first, last))
        if last - first + 1 > self.limit:
            raise RpcError("eth_getLogs", {"code": -32005, "message": self.message})
        self.answered.append((first, last))
        found = range(first, last + 1)
        return [{"address": ADDRESS, "blockNumber": hex(n)} for n in found if n % 7 == 0]


def _blocks(logs: list[dict[str, Any]]) -> list[int]:
    return [int(log["blockNumber"], 16) for log in logs]


@pytest.mark.parametrize(("first", "last"), [(0, 1000), (5, 5), (17, 117), (1, 100_000), (3, 250)])
def test_refused_ranges_shrink_until_answered(first: int, last: int) -> None:
    node = RefusingNode(limit=100)
    progress: list[tuple[int, int]] = []
    logs = _scan(
        node, ADDRESS, TOPICS, first, last, lambda done, total: progress.append((done, total))
    )  # type: ignore[arg-type]
    # The union of the answers is every log of the range, once each, in order.
    assert _blocks(logs) == [n for n in range(first, last + 1) if n % 7 == 0]
    # No answered request exceeded the limit, and the answered ranges tile the span exactly.
    assert all(b - a + 1 <= 100 for a, b in node.answered)
    assert node.answered[0][0] == first and node.answered[-1][1] == last
    assert all(b + 1 == c for (_, b), (c, _) in itertools.pairwise(node.answered))
    # Halving: a handful of refusals, not one per chunk.
    refused = len(node.asked) - len(node.answered)
    assert refused <= (last - first + 1).bit_length()
    # Progress after each answered chunk, ending at the total.
    total = last - first + 1
    assert [t for _, t in progress] == [total] * len(node.answered)
    assert [d for d, _ in progress] == [b - first + 1 for _, b in node.answered]


def test_a_range_the_node_accepts_is_one_request() -> None:
    node = RefusingNode(limit=10**9)
    assert _blocks(_scan(node, ADDRESS, TOPICS, 0, 5000, None)) == list(range(0, 5001, 7))  # type: ignore[arg-type]
    assert node.asked == [(0, 5000)]


@pytest.mark.parametrize(
    "message",
    [
        "query returned more than 10000 results",  # geth, infura
        "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range",
        "block range is too large",
        "eth_getLogs is limited to a 10,000 range",
        "exceed maximum block range: 50",
    ],
)
def test_providers_wordings_shrink_the_chunk(message: str) -> None:
    node = RefusingNode(limit=50, message=message)
    assert _blocks(_scan(node, ADDRESS, TOPICS, 0, 399, None)) == list(range(0, 400, 7))  # type: ignore[arg-type]
    assert all(b - a + 1 <= 50 for a, b in node.answered)


def test_other_errors_are_not_retried() -> None:
    class Broken(RefusingNode):
        def request(self, method: str, params: list[Any]) -> Any:
            self.asked.append((0, 0))
            raise RpcError("eth_getLogs", {"code": -32000, "message": "header not found"})

    node = Broken(limit=100)
    with pytest.raises(RpcError, match="header not found"):
        _scan(node, ADDRESS, TOPICS, 0, 1000, None)  # type: ignore[arg-type]
    assert len(node.asked) == 1


def test_refused_even_for_one_block_gives_up() -> None:
    node = RefusingNode(limit=0)
    with pytest.raises(RpcError, match="max block range"):
        _scan(node, ADDRESS, TOPICS, 0, 9, None)  # type: ignore[arg-type]
    assert node.answered == []
    assert node.asked[-1][1] - node.asked[-1][0] == 0  # it went down to single blocks first
