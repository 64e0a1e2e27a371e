"""`abigen decode` (offline) on data captured from real transactions and calls on anvil: calldata,
return data, revert data of every kind, logs. And it never imports web3."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from clientkit import (
    Cmd,
    Target,
    artifact,
    calldata,
    finish,
    finish_all,
    start,
    start_all,
)
from eth_utils import to_checksum_address

import abigen
from abigen.devnode import Anvil
from abigen.runtime.errors import RpcError

pytestmark = pytest.mark.e2e

TWO_255 = 2**255


@dataclass(frozen=True)
class Captured:
    alice: str
    note_input: str  # calldata of a mined note("héllo ✓", [1, 2**255])
    note_log: tuple[list[str], str]  # its log: topics, data
    increment_log: tuple[list[str], str]
    move_input: str  # EdgeCases.move(LibA.Point(1, 2), LibB.Point(-3, 4, "L"))
    shape_output: str  # eth_call echoShape(...) return data
    who_output: str  # eth_call echoAddressBool(alice, true) return data
    reverts: dict[str, str]  # kind -> revert data from eth_call


def _revert(target: Target, to: str, signature: str, *args: object) -> str:
    try:
        target.node.request(
            "eth_call", [{"to": to, "data": "0x" + calldata(signature, *args).hex()}]
        )
    except RpcError as exc:
        assert isinstance(exc.rpc_data, str), exc
        return exc.rpc_data
    raise AssertionError(f"{signature} did not revert")


@pytest.fixture(scope="module")
def captured(anvil: Anvil) -> Captured:
    node = abigen.connect(anvil.http_url)
    target = Target("http", anvil.http_url, node, tuple(node.accounts), anvil.chain_id)
    alice = target.alice
    zoo = target.deploy("TypeZoo", ["uint256", "string"], 1, "decode")
    edge = target.deploy(
        "EdgeCases",
        ["(address,uint256,string,uint256[])", "uint256", "address"],
        (alice, 1, "", []),
        0,
        alice,
    )
    token = target.deploy("Token", ["string", "string", "uint256"], "T", "T", 5)
    note = target.transact(alice, zoo, "note(string,uint256[])", "héllo ✓", [1, TWO_255])
    increment = target.transact(alice, zoo, "increment(uint256)", 3)
    move = target.transact(
        alice, edge, "move((uint256,uint256),(int64,int64,string))", (1, 2), (-3, 4, "L")
    )

    def call(to: str, signature: str, *args: object) -> str:
        return str(
            node.request("eth_call", [{"to": to, "data": "0x" + calldata(signature, *args).hex()}])
        )

    shape = ("tri", [(1, -2), (3, 4)], (-1000, 0), [1, 2, 3])
    return Captured(
        alice=alice,
        note_input=target.transaction(note["transactionHash"])["input"],
        note_log=(note["logs"][0]["topics"], note["logs"][0]["data"]),
        increment_log=(increment["logs"][0]["topics"], increment["logs"][0]["data"]),
        move_input=target.transaction(move["transactionHash"])["input"],
        shape_output=call(zoo, "echoShape((string,(int128,int128)[],(int128,int128),uint8[3]))", shape),
        who_output=call(zoo, "echoAddressBool(address,bool)", alice, True),
        reverts={
            "custom": _revert(target, zoo, "failCustom(address,uint256)", alice, 7),
            "require": _revert(target, zoo, "failRequire(string)", "not today"),
            "panic": _revert(target, zoo, "failPanic(uint256)", 1),
            "bare": _revert(target, zoo, "failBare()"),
            "foreign": _revert(target, token, "transfer(address,uint256)", alice, 6),  # Token's error
            "clash": _revert(target, edge, "clash(bytes,uint256,uint256)", b"\x01\x02\xff", 1, 2),
            "nameless": _revert(target, edge, "nameless(uint256)", 3),
        },
    )  # fmt: skip


def _decode(abi: str, *args: str) -> Cmd:
    return Cmd(["decode", "--abi", artifact(abi), *args])


def test_calldata_and_output(captured: Captured) -> None:
    c = captured
    note_json, note_text, move_json, shape_json, shape_text, who_json, bad = finish_all(
        start_all(
            _decode("TypeZoo", "calldata", c.note_input, "--json"),
            _decode("TypeZoo", "calldata", c.note_input),
            _decode("EdgeCases", "calldata", c.move_input, "--json"),
            _decode("TypeZoo", "output", "echoShape", c.shape_output, "--json"),
            _decode("TypeZoo", "output", "echoShape", c.shape_output),
            _decode(
                "TypeZoo", "output", "echoAddressBool", c.who_output.removeprefix("0x"), "--json"
            ),
            _decode("TypeZoo", "calldata", "0x12345678" + c.note_input[10:]),
        )
    )
    assert note_json.json == {
        "function": "note(string,uint256[])",
        "args": {"text": "héllo ✓", "nums": [1, TWO_255]},
    }
    assert f"      {TWO_255}\n" in note_json.out  # a JSON number, every digit
    assert note_text.out == f'note(text="héllo ✓", nums=[1, {TWO_255}])\n'
    assert move_json.json == {
        "function": "move((uint256,uint256),(int64,int64,string))",
        "args": {"from": {"x": 1, "y": 2}, "to": {"x": -3, "y": 4, "label": "L"}},
    }
    shape = {
        "name": "tri",
        "points": [{"x": 1, "y": -2}, {"x": 3, "y": 4}],
        "center": {"x": -1000, "y": 0},
        "tags": [1, 2, 3],
    }
    assert shape_json.json == shape  # one unnamed output: the bare value
    assert (
        shape_text.out
        == '(name="tri", points=[(x=1, y=-2), (x=3, y=4)], center=(x=-1000, y=0), tags=[1, 2, 3])\n'
    )
    assert who_json.json == {"who_": c.alice, "flag_": True}  # hex without 0x is accepted too
    assert bad.error(1) == "no function of TypeZoo has selector 0x12345678"


def test_reverts(captured: Captured) -> None:
    r = captured.reverts
    results = finish_all(
        start_all(
            *(
                _decode("TypeZoo", "revert", r[kind], "--json")
                for kind in ("custom", "require", "panic", "foreign", "bare")
            ),
            *(
                _decode("TypeZoo", "revert", r[kind])
                for kind in ("custom", "require", "panic", "foreign", "bare")
            ),
        )
    )
    custom, require, panic, foreign, bare = (x.json for x in results[:5])
    assert custom == {
        "error": "Unauthorized(address,uint256)",
        "args": {"who": captured.alice, "code": 7},
    }
    assert require == {"error": "Error(string)", "args": {"reason": "not today"}}
    assert panic == {"error": "Panic(uint256)", "args": {"code": 1}, "meaning": "assertion failed"}
    # Token's InsufficientBalance: not in TypeZoo's ABI
    assert r["foreign"].startswith("0xcf479181")
    assert foreign == {"error": None, "args": {}, "data": r["foreign"]}
    assert r["bare"] == "0x"
    assert bare == {"error": None, "args": {}, "data": "0x"}
    texts = [(x.code, x.out, x.err) for x in results[5:]]
    assert texts == [
        (0, f"Unauthorized(who={captured.alice}, code=7)\n", ""),
        (0, "execution reverted: not today\n", ""),
        (0, "panic 0x01: assertion failed\n", ""),
        (0, f"execution reverted with unrecognised data {r['foreign']}\n", ""),
        (0, "execution reverted without a reason\n", ""),
    ]


def test_custom_error_fields_read_like_other_values(captured: Captured) -> None:
    """0x-hex bytes, true/false, bare addresses: the format of outputs and events, not repr()."""
    clash, nameless, custom = finish_all(
        start_all(
            _decode("EdgeCases", "revert", captured.reverts["clash"]),
            _decode("EdgeCases", "revert", captured.reverts["nameless"]),
            _decode("TypeZoo", "revert", captured.reverts["custom"]),
        )
    )
    assert clash.out == "Clash(data=0x0102ff, receipt=1, args=2)\n"
    assert nameless.out == "Nameless(arg0=3, arg1=true)\n"
    assert custom.out == f"Unauthorized(who={captured.alice}, code=7)\n"


def test_logs(captured: Captured) -> None:
    (note_topics, note_data), (inc_topics, inc_data) = captured.note_log, captured.increment_log
    note_json, note_text, inc_json, unknown, missing = finish_all(
        start_all(
            _decode("TypeZoo", "log", *note_topics, note_data, "--json"),
            _decode("TypeZoo", "log", *note_topics, note_data),
            _decode("TypeZoo", "log", *inc_topics, inc_data, "--json"),
            _decode("Token", "log", *note_topics, note_data),
            _decode("TypeZoo", "log"),
        )
    )
    assert note_json.json == {
        "event": "Noted",
        "signature": "Noted(address,string,uint256[])",
        "args": {"who": captured.alice, "text": "héllo ✓", "nums": [1, TWO_255]},
    }
    assert note_text.out == f'Noted(who={captured.alice}, text="héllo ✓", nums=[1, {TWO_255}])\n'
    assert inc_json.json == {
        "event": "Incremented",
        "signature": "Incremented(address,uint256,uint256)",
        "args": {"caller": captured.alice, "by": 3, "newValue": 3},
    }
    assert to_checksum_address("0x" + inc_topics[1][-40:]) == captured.alice  # really from the log
    assert unknown.error(1) == "no event of Token matches these topics and data"
    assert missing.code == 2 and "Missing argument 'VALUES...'" in missing.err


def test_usage_errors() -> None:
    bad_kind, bad_hex, no_data, two_values = finish_all(
        start_all(
            _decode("TypeZoo", "bogus", "0x12"),
            _decode("TypeZoo", "calldata", "0xzz"),
            _decode("TypeZoo", "output", "seed"),
            _decode("TypeZoo", "revert", "0x", "0x"),
        )
    )
    assert bad_kind.error(2) == "decode 'bogus': expected calldata, output, revert or log"
    assert bad_hex.error(2).startswith("invalid hex data '0xzz'")
    assert no_data.error(2) == "decode output FUNCTION HEX: give the function and the return data"
    assert two_values.error(2) == "decode revert HEX: give exactly one hex value"


def test_decode_never_imports_web3(captured: Captured) -> None:
    command = Cmd(
        ["decode", "--abi", artifact("TypeZoo"), "calldata", captured.note_input, "--json"]
    )
    result = finish(start(command, python_args=["-X", "importtime"]))
    assert json.loads(result.out)["function"] == "note(string,uint256[])"
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.err.splitlines()]
    assert "abigen.client.commands" in imported  # the timing really covers the command
    assert "web3" not in result.err
    assert not [m for m in imported if m.split(".")[0] in ("web3", "eth_account")], imported


def test_decode_output_of_one_unnamed_value() -> None:
    seed = finish(start(_decode("TypeZoo", "output", "seed", "0x" + f"{42:064x}", "--json")))
    assert (seed.json, seed.out) == (42, "42\n")
