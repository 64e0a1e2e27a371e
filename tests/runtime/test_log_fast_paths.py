"""The shortcuts that make a big eth_getLogs answer cheap agree with the careful paths they
skip: the quick depth look of jsonrpc (vs the true nesting depth), the one-go log check of
answers (vs the field-by-field one, which still words every refusal), and event decoding for
any order of indexed and data inputs."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from bindings.python_names import Type
from eth_abi import encode

from abigen.runtime.answers import Answer, _fine_logs
from abigen.runtime.errors import NodeError
from abigen.runtime.jsonrpc import DEFAULT_MAX_DEPTH, MISSING, Frames, _shallow


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max([_depth(v) for v in value], default=0)
    if isinstance(value, dict):
        return 1 + max([_depth(v) for v in value.values()], default=0)
    return 0


def _random_json(rng: random.Random, depth: int) -> object:
    # Strings full of what could fool a bracket count: brackets, quotes, backslashes.
    if depth == 0 or rng.random() < 0.3:
        return rng.choice(['x"[', "]\\", "", "{}", 1, '\\\\"]', "\\u005b", None])
    if rng.random() < 0.5:
        return [_random_json(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["a", "[", '"}']): _random_json(rng, depth - 1) for _ in range(3)}


def test_the_quick_depth_look_agrees_with_the_true_depth() -> None:
    rng = random.Random(12)
    for _ in range(3000):
        value = _random_json(rng, rng.randint(0, 7))
        text = bytearray(json.dumps(value).encode())
        depth = _depth(value)
        for limit in range(9):
            assert _shallow(text, limit) == (depth <= limit), (text, limit)


@pytest.mark.parametrize(
    "text", ["[[", '["]', "[}", "]]][[[", '{"a":"b}', "[" * 50 + "]" * 50, '["\\\\"]"]']
)
def test_the_quick_depth_look_never_vouches_for_what_it_cannot_tell(text: str) -> None:
    assert not _shallow(bytearray(text.encode()), 16)


def test_a_big_shallow_answer_parses_and_a_deep_one_is_still_refused() -> None:
    logs = [{"topics": [[1]], "data": "0x"}] * (
        DEFAULT_MAX_DEPTH + 1
    )  # more brackets than the limit
    frames = Frames("node", 1 << 24, DEFAULT_MAX_DEPTH)
    frames.feed(json.dumps(logs).encode())
    assert frames.next_value() == logs
    deep = Frames("node", 1 << 24, 20)
    deep.feed(b"[" * 21 + b"]" * 21)
    with pytest.raises(NodeError, match="nested deeper than 20 levels"):
        deep.next_value()


GOOD_LOG: dict[str, Any] = {
    "address": "0x" + "ab" * 20,
    "topics": ["0x" + "cd" * 32],
    "data": "0x00",
    "blockNumber": "0x10",
    "blockHash": "0x" + "12" * 32,
    "transactionHash": "0x" + "34" * 32,
    "transactionIndex": "0x0",
    "logIndex": "0x1",
    "removed": False,
}
BAD_FIELDS = [
    ("address", "0x" + "ab" * 19),
    ("address", None),
    ("topics", ["0x" + "cd" * 31]),
    ("topics", ["0x" + "cd" * 32] * 5),
    ("topics", "0x"),
    ("data", "0x0"),
    ("data", "0xzz"),
    ("data", 7),
    ("blockNumber", "0x" + "1" * 65),
    ("blockNumber", 16),
    ("logIndex", "1"),
    ("blockHash", "0x12"),
    ("transactionHash", ["0x"]),
    ("removed", "no"),
    ("address", "0x" + "ab" * 19 + " a"),  # a blank (bytes.fromhex would skip it)
    ("address", "0X" + "ab" * 20),
    ("blockHash", "0x" + "12" * 31 + "0x"),  # an "x" among the digits
    ("transactionHash", "0x" + "34" * 31 + "\u0663\u0663"),  # digits of another script
]


def test_the_one_go_log_check_passes_good_logs() -> None:
    assert _fine_logs([GOOD_LOG]) and Answer("eth_getLogs", "node").log(GOOD_LOG) is GOOD_LOG
    pending = {**GOOD_LOG, "blockNumber": None, "blockHash": None, "logIndex": None}
    assert _fine_logs([pending, GOOD_LOG]) and Answer("eth_getLogs", "node").log(pending) is pending


@pytest.mark.parametrize(("key", "value"), BAD_FIELDS)
def test_a_bad_log_field_is_refused_by_the_careful_check_in_one_line(
    key: str, value: object
) -> None:
    bad = {**GOOD_LOG, key: value}
    assert not _fine_logs([bad]) and not _fine_logs([GOOD_LOG, bad, GOOD_LOG])
    with pytest.raises(
        NodeError, match=rf"^eth_getLogs to node: malformed answer: (log\.)?{key}(\[\])? "
    ):
        Answer("eth_getLogs", "node").log(bad)


@pytest.mark.parametrize(
    "pair",
    [
        {"address": ("0x" + "ab" * 19 + "a", "aa0x" + "ab" * 20)},  # lengths that add up
        {"data": ("0x00\n0x11", "0x")},  # a separator inside a value
        {"logIndex": ("0x1\n0x2", None)},
        {"topics": (["0x" + "cd" * 31 + "c"], ["c0x" + "cd" * 32])},
    ],
)
def test_joined_fields_cannot_hide_a_bad_value(pair: dict[str, tuple[object, object]]) -> None:
    # The one-go check joins each field across the logs: two bad values must not pass as good.
    ((key, (first, second)),) = pair.items()
    logs = [{**GOOD_LOG, key: first}, {**GOOD_LOG, key: second}]
    assert not _fine_logs(logs)
    with pytest.raises(NodeError, match="eth_getLogs to node: malformed answer"):
        Answer("eth_getLogs", "node").logs(logs)


def test_an_event_with_data_between_indexed_inputs_decodes_in_declaration_order() -> None:
    # event type(address indexed match, string log, uint256 indexed from_block)
    log = {
        **GOOD_LOG,
        "topics": ["0x" + Type.TOPIC.hex(), "0x" + "00" * 12 + "ab" * 20, "0x" + "00" * 31 + "07"],
        "data": "0x" + encode(["string"], ["hello"]).hex(),
    }
    event = Type.decode_log(log)
    assert (event.match_.lower(), event.log_, event.from_block_) == ("0x" + "ab" * 20, "hello", 7)
    assert (event.log.block_number, event.log.log_index) == (16, 1)


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_a_big_answer_arriving_in_pieces_is_parsed_whole_once_ended() -> None:
    logs = [{"n": i, "topics": ["0x" + "ab" * 32], "data": "0x" + "00" * 32} for i in range(12_000)]
    answer = json.dumps({"jsonrpc": "2.0", "id": 1, "result": logs}).encode() + b"\n"
    # Pieces cut right after a closing bracket too: a whole parse tried early must fail
    # cleanly and leave the scan to go on.
    cut = answer.index(b"}", 1 << 20) + 1
    frames = Frames("test", 1 << 30, 1000)
    values = []
    for piece in [*_pieces(answer[:cut], 65536), *_pieces(answer[cut:], 65536)]:
        frames.feed(piece)
        while (value := frames.next_value()) is not MISSING:
            values.append(value)
    assert values == [json.loads(answer)]
    assert not frames.buffer.strip()


def test_a_deep_answer_arriving_in_pieces_is_still_refused() -> None:
    deep = b"[" * 2_000_000 + b"]" * 2_000_000
    frames = Frames("test", 1 << 30, 1000)
    with pytest.raises(NodeError, match="nested deeper than 1000"):
        for piece in _pieces(deep, 65536):
            frames.feed(piece)
            frames.next_value()
