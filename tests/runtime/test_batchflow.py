"""The sans-IO parts of batches and multicalls: chunking, answers item by item, planning."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from bindings.token import Token

import abigen
from abigen.runtime import codec
from abigen.runtime.aggregate3 import decode_results, encoded_calls
from abigen.runtime.batchflow import Request, in_chunks, outcomes, settle_batch
from abigen.runtime.deployless import DEPLOYLESS_AGGREGATOR
from abigen.runtime.errors import BatchRefused, NodeError, RpcError
from abigen.runtime.flows import Batch, Flow, run
from abigen.runtime.keccak import keccak256
from abigen.runtime.multicall import (
    AGGREGATE3,
    MAX_INITCODE,
    multicall_flow,
    settle_aggregate,
    split,
)
from abigen.runtime.prepared import PreparedCall

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
ALICE = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
RESULTS = codec.tuple_((codec.array(codec.tuple_((codec.BOOL, codec.BYTES))),))


# Never asked anything: prepared calls are built offline (an IPC node connects on first use).
TOKEN = Token("0x" + "ab" * 20, abigen.connect("/nonexistent/offline.ipc"))


class _Batcher:
    """What `run` needs of a node to perform Batch steps: a stand-in sending with `send`."""

    def __init__(self, send: Callable[[list[Request]], list[object]]) -> None:
        self.request_batch = send


def drive(flow: Flow[Any], send: Callable[[list[Request]], list[object]]) -> Any:
    return run(flow, cast("Any", _Batcher(send)))


def _refusing_over(limit: int, log: list[int]) -> Any:
    def send(chunk: list[Request]) -> list[object]:
        log.append(len(chunk))
        if len(chunk) > limit:
            raise BatchRefused("node at x left 9 of 10 batch requests unanswered: batch too large")
        return [params[0] for _, params in chunk]

    return send


def test_chunks_keep_every_item_in_order_and_halve_when_refused_as_too_large() -> None:
    requests: list[Request] = [("m", [i]) for i in range(37)]
    log: list[int] = []
    assert drive(in_chunks(requests, 10), _refusing_over(3, log)) == list(range(37))
    assert log[:4] == [10, 5, 3, 3]  # halved until accepted, then kept at that size
    assert set(log[3:]) <= {3, 1}


def test_chunks_raise_other_refusals_and_a_single_request_refused() -> None:
    def refuse(chunk: list[Request]) -> list[object]:
        raise BatchRefused("node at x refused the batch: {'code': -32601, 'message': 'no'}")

    with pytest.raises(BatchRefused, match="no"):
        drive(in_chunks([("m", [])] * 4, 10), refuse)
    with pytest.raises(BatchRefused, match="too large"):
        drive(in_chunks([("m", [1])] * 4, 10), _refusing_over(0, []))
    with pytest.raises(ValueError, match="size must be a positive int"):
        drive(in_chunks([("m", [])], 0), refuse)


REQUESTS: list[Request] = [("eth_call", [{}, "latest"]), ("eth_blockNumber", [])]


def test_settle_batch_gives_checked_results_and_error_objects() -> None:
    answer = [
        {"jsonrpc": "2.0", "id": 1, "result": "0x00ff"},
        {"jsonrpc": "2.0", "id": 2, "error": {"code": -32000, "message": "header not found"}},
    ]
    result, error = settle_batch(answer, REQUESTS, "node")
    assert result == "0x00ff"
    assert isinstance(error, RpcError) and error.rpc_message == "header not found"


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (
            {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "too big"}},
            "too big",
        ),
        ([{"id": 1, "result": "0x"}], "answered a batch of 2"),
        ("nonsense", "answered a batch of 2"),
    ],
)
def test_settle_batch_refuses_a_refusal_of_the_whole_batch(answer: object, words: str) -> None:
    with pytest.raises(BatchRefused, match=words):
        settle_batch(answer, REQUESTS, "node")


@pytest.mark.parametrize(
    "item",
    [{"id": 2, "result": "0xzz"}, {"id": 2, "nothing": 1}, {"id": 2, "error": "text"}, 7],
)
def test_a_malformed_item_raises_naming_it(item: object) -> None:
    requests: list[Request] = [("eth_blockNumber", []), ("eth_call", [{}, "latest"])]
    with pytest.raises(NodeError, match=r"^batch item 1: eth_call to node: malformed answer"):
        settle_batch([{"id": 1, "result": "0x1"}, item], requests, "node")


def test_outcomes_decode_results_and_reverts_with_each_calls_errors() -> None:
    calls = [TOKEN.balance_of.prepare(ALICE), TOKEN.transfer.prepare(ALICE, 1)]
    revert = Token.InsufficientBalance.SELECTOR + Token.InsufficientBalance.ARGS.encode((0, 1))
    error = RpcError("eth_call", {"code": 3, "message": "reverted", "data": "0x" + revert.hex()})
    items = ["0x" + (5).to_bytes(32, "big").hex(), error]
    balance, failed = outcomes(calls, items, allow_failure=True)
    assert balance == 5
    assert isinstance(failed, Token.InsufficientBalance) and failed.needed == 1
    with pytest.raises(Token.InsufficientBalance, match=r"^batch item 1 \(Token.transfer"):
        outcomes(calls, items, allow_failure=False)
    with pytest.raises(abigen.DecodingError, match=r"batch item 0: balanceOf.* does not decode"):
        outcomes(calls[:1], ["0x01"], allow_failure=False)


def test_the_deployless_code_is_the_compiled_contract_and_the_selector_aggregate3s() -> None:
    built = (BUILD / "DeploylessAggregator.bin").read_text().strip()
    assert bytes.fromhex(built) == DEPLOYLESS_AGGREGATOR
    assert keccak256(b"aggregate3((address,bool,bytes)[])")[:4] == AGGREGATE3
    abi = json.loads((BUILD / "Aggregator.abi").read_text())
    (function,) = [item for item in abi if item.get("name") == "aggregate3"]
    assert function["inputs"][0]["type"] == "tuple[]"
    assert [c["type"] for c in function["inputs"][0]["components"]] == ["address", "bool", "bytes"]
    assert [c["type"] for c in function["outputs"][0]["components"]] == ["bool", "bytes"]


def _calls(count: int, size: int = 36) -> list[PreparedCall[Any]]:
    base = TOKEN.balance_of.prepare(ALICE)
    return [
        PreparedCall(base.to, bytes(size), "latest", None, 0, f"call {i}", base.decode, base.errors)
        for i in range(count)
    ]


def test_deployless_chunks_stay_under_the_code_size_limits() -> None:
    chunks = split(_calls(1000), 500, deployless=True)
    assert [first for first, _ in chunks][:3] == [0, 153, 306]  # results of <= 32 bytes fit
    assert sum(len(chunk) for _, chunk in chunks) == 1000
    big = split(_calls(40, size=4000), 500, deployless=True)
    for _, chunk in big:
        assert len(DEPLOYLESS_AGGREGATOR) + 160 * len(chunk) + 4000 * len(chunk) < MAX_INITCODE
    assert [len(chunk) for _, chunk in split(_calls(1000), 400, deployless=False)] == [400] * 2 + [
        200
    ]


def test_a_deployless_chunk_whose_results_are_too_large_is_sent_again_in_halves() -> None:
    calls = _calls(6)
    flow = multicall_flow(calls, None, 500, allow_failure=False)
    first = next(flow)
    assert type(first) is Batch and len(first.requests) == 1
    too_large = RpcError(
        "eth_call", {"code": -32603, "message": "EVM error CreateContractSizeLimit"}
    )
    halves = flow.send([too_large])
    assert type(halves) is Batch and len(halves.requests) == 2
    word = (7).to_bytes(32, "big")
    answer = "0x" + RESULTS.encode(([(True, word)] * 3,)).hex()
    with pytest.raises(StopIteration) as done:
        flow.send([answer, answer])
    assert done.value.value == [7] * 6


def test_an_aggregator_answer_that_does_not_fit_raises() -> None:
    calls = _calls(2)
    with pytest.raises(NodeError, match="does not decode"):
        settle_aggregate(calls, 0, "0x1234", allow_failure=False)
    one = "0x" + RESULTS.encode(([(True, bytes(32))],)).hex()
    with pytest.raises(NodeError, match="answered 1 results"):
        settle_aggregate(calls, 0, one, allow_failure=False)


def test_aggregate3_arguments_encoded_by_hand_are_the_codecs() -> None:
    calls = [*_calls(3, size=0), *_calls(2, size=33), *_calls(1, size=64)]
    general = codec.tuple_((codec.array(codec.tuple_((codec.ADDRESS, codec.BOOL, codec.BYTES))),))
    assert encoded_calls(calls) == general.encode(([(c.to, True, c.data) for c in calls],))
    assert encoded_calls([]) == general.encode(([],))


@pytest.mark.parametrize(
    "results",
    [[], [(True, b"")], [(False, b"\x01" * 33), (True, bytes(32))], [(True, b"x" * 100)] * 7],
)
def test_aggregate3_results_read_by_hand_are_the_codecs(results: list[tuple[bool, bytes]]) -> None:
    assert decode_results(RESULTS.encode((results,))) == results


def test_aggregate3_results_in_another_valid_layout_go_through_the_codec() -> None:
    data = RESULTS.encode(([(True, b"ab")],))
    # The one result's offset points one word further, past a gap: valid, not canonical.
    gapped = data[:64] + (0x40).to_bytes(32, "big") + bytes(32) + data[96:]
    assert decode_results(gapped) == [(True, b"ab")]


@pytest.mark.parametrize("data", [b"", bytes(31), RESULTS.encode(([(True, b"ab")],))[:-32]])
def test_aggregate3_results_that_do_not_decode_raise(data: bytes) -> None:
    with pytest.raises(abigen.DecodingError):
        decode_results(data)


def test_a_batch_to_an_unreachable_node_says_so_in_one_line() -> None:
    with pytest.raises(abigen.NodeUnreachable, match="no IPC socket at that path") as caught:
        TOKEN.node.batch(TOKEN.balance_of.prepare(ALICE))
    assert isinstance(caught.value.__cause__, OSError)
