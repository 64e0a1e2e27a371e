"""AsyncTransaction.wait against the same moments test_tx_wait.py scripts for the sync face
(geth's "transaction indexing is in progress" answers, a head behind the receipt's block): a
stub stands in for the node because a real node enters those states at times of its own. Both
faces run one waiting flow (abigen.runtime.flows): this checks the async driver feeds it the
same answers, throws the same errors into it and sleeps without blocking the loop."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, cast

import pytest
from test_tx_wait import FEES, INDEXING, KEY, RECEIPT, TX, ScriptedNode, StubNode, raw_nonces

import abigen
from abigen.runtime.flows import run_async
from abigen.runtime.nonces import task_book
from abigen.runtime.tx import value_sending


class AsyncStubNode:
    """StubNode's script, awaited."""

    def __init__(self, stub: StubNode) -> None:
        self.stub = stub

    @property
    async def block_number(self) -> int:
        await asyncio.sleep(0)
        return self.stub.block_number

    async def request(self, method: str, params: Sequence[object]) -> Any:
        await asyncio.sleep(0)
        return self.stub.request(method, params)


def wait(stub: StubNode, timeout: float = 5.0) -> abigen.Receipt:
    node = cast("abigen.AsyncNode", AsyncStubNode(stub))
    return asyncio.run(abigen.AsyncTransaction(node, TX, {}, {}, {}).wait(timeout))


def test_wait_polls_through_geths_indexing_error() -> None:
    stub = StubNode([INDEXING, INDEXING, None, RECEIPT])
    receipt = wait(stub)
    assert (receipt.block_number, receipt.status, stub.calls) == (5, 1, 4)


def test_other_receipt_errors_surface_at_once() -> None:
    stub = StubNode([{"code": -32601, "message": "the method does not exist"}, RECEIPT])
    with pytest.raises(abigen.RpcError, match="does not exist"):
        wait(stub)
    assert stub.calls == 1


def test_wait_returns_once_the_head_reaches_the_receipts_block() -> None:
    stub = StubNode([RECEIPT], heads=[4, 4, 5])
    assert wait(stub).block_number == 5
    assert stub.head_reads == 3


def test_a_head_that_never_arrives_ends_in_a_timeout() -> None:
    stub = StubNode([RECEIPT], heads=[4])
    with pytest.raises(abigen.TransactionTimeout, match="head did not reach block 5"):
        wait(stub, timeout=0.05)


def test_the_wait_leaves_the_loop_free() -> None:
    # While one wait polls (sleeping between polls), other tasks of the loop run.
    stub = StubNode([None] * 5 + [RECEIPT])
    ticks: list[int] = []

    async def main() -> abigen.Receipt:
        node = cast("abigen.AsyncNode", AsyncStubNode(stub))
        waiting = asyncio.create_task(abigen.AsyncTransaction(node, TX, {}, {}, {}).wait(5.0))
        while not waiting.done():
            ticks.append(len(ticks))
            await asyncio.sleep(0.001)
        return await waiting

    assert asyncio.run(main()).block_number == 5
    assert len(ticks) > 5


class AsyncScriptedNode:
    """ScriptedNode's scripts, awaited; eth_sendRawTransaction hangs while `hang` is set."""

    def __init__(self, stub: ScriptedNode) -> None:
        self.stub = stub
        self.nonces = task_book()
        self.hang = True

    @property
    async def block_number(self) -> int:
        return self.stub.block_number

    async def signing_chain_id(self) -> int:
        return self.stub.signing_chain_id()

    async def request(self, method: str, params: Sequence[object]) -> Any:
        if method == "eth_sendRawTransaction" and self.hang:
            await asyncio.Event().wait()  # a node that never answers
        await asyncio.sleep(0)
        return self.stub.request(method, params)


def test_a_send_cancelled_while_holding_the_nonce_lock_releases_it() -> None:
    # The task is cancelled at the one moment it holds its key's nonce lock (waiting for the
    # node's answer to eth_sendRawTransaction): scripted, to choose that moment.
    stub = ScriptedNode(
        {**FEES, "eth_sendRawTransaction": [{"code": -1, "message": "already known"}]}
    )
    node = AsyncScriptedNode(stub)

    async def main() -> str:
        flow = value_sending("stub", "0x" + "22" * 20, 1, KEY, {})
        stuck = asyncio.create_task(run_async(flow, cast("abigen.AsyncNode", node)))
        while "eth_getTransactionCount" not in stub.methods():
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.01)
        stuck.cancel()
        with pytest.raises(asyncio.CancelledError):
            await stuck
        node.hang = False
        again = value_sending("stub", "0x" + "22" * 20, 1, KEY, {})
        tx_hash, _ = await asyncio.wait_for(run_async(again, cast("abigen.AsyncNode", node)), 5)
        return tx_hash

    assert asyncio.run(main()).startswith("0x")
    assert raw_nonces(stub) == [9]  # the cancelled send's nonce was not skipped
