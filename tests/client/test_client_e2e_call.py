"""`abigen call` over HTTP and IPC: argument forms, outputs, --block, overloads, --contract
selection, ABIGEN_RPC, reverts. Every value form and type: test_client_e2e_values.py."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from clientkit import (
    BUILD,
    Batch,
    Cmd,
    Target,
    abi_of,
    artifact,
    outputs_json,
    signature,
)

pytestmark = pytest.mark.e2e

TWO_255 = 2**255  # 57896044618658097711785492504343953926634992332820282019728792003956564819968


SHAPE = {
    "name": "tri",
    "points": [{"x": 1, "y": -2}, [3, "0x4"]],  # a struct as an object or as an array
    "center": {"x": "-1e3", "y": 0},
    "tags": [1, 2, "0x3"],
}


def _combined_json(tmp_path: Path) -> Path:
    """solc --combined-json output holding Token and TypeZoo, with their real bytecode."""
    contracts = {}
    for name in ("Token", "TypeZoo"):
        built = json.loads((BUILD / f"{name}.json").read_text())
        contracts[f"contracts/{name}.sol:{name}"] = {
            "abi": built["abi"],
            "bin": built["bytecode"][2:],
        }
    path = tmp_path / "combined.json"
    path.write_text(json.dumps({"contracts": contracts, "version": "0.8.28"}))
    return path


@dataclass(frozen=True)
class Calls:
    runs: Batch
    token: str  # a Token where alice sent bob 10 in block `mined`
    mined: int
    before_token: int  # a recent block before the token existed
    combined: Path  # solc combined JSON holding Token and TypeZoo


@pytest.fixture(scope="session")
def calls(target: Target, zoo: str, edge: str, tmp_path_factory: pytest.TempPathFactory) -> Calls:
    """Every console-script run of this module over one target, at once."""
    before_token = target.block_number()
    token = target.deploy("Token", ["string", "string", "uint256"], "Gold", "GLD", 1000)
    receipt = target.transact(target.alice, token, "transfer(address,uint256)", target.bob, 10)
    mined = int(receipt["blockNumber"], 16)
    combined = _combined_json(tmp_path_factory.mktemp("call"))
    zoo_call = ["call", "--abi", artifact("TypeZoo"), "--address", zoo]
    edge_call = ["call", "--abi", artifact("EdgeCases"), "--address", edge]
    balance = ["call", "--address", token, "balanceOf", target.bob]
    runs = Batch(target)
    runs.alternate(
        "forms",
        target.cmd(
            *zoo_call, "--json", "echoUints",
            "255", "0xffff", "1_000_000", "1e18", "1.5ether", "0x8" + "0" * 63,
        ),
        target.cmd(*zoo_call, "echoShape", json.dumps(SHAPE)),
        target.cmd(*zoo_call, "--json", "echoInts", "-128", "0x7fff", "20gwei", "-1.5e20", str(-TWO_255)),
        target.cmd(*zoo_call, "echoShape", json.dumps(SHAPE), "--json"),
    )  # fmt: skip
    runs.alternate(
        "blocks",
        # A folder of nine contracts; the node from ABIGEN_RPC; a decimal block number.
        Cmd(
            [*balance, "--abi", str(BUILD), "--contract", "Token", "--block", str(mined - 1)],
            {"ABIGEN_RPC": target.rpc},
        ),
        # Combined JSON, the contract by path:name; the block by hash; --rpc beats the env.
        Cmd(
            [*balance, "--abi", str(combined), "--contract", "contracts/Token.sol:Token",
             "--block", receipt["blockHash"], "--rpc", target.rpc],
            {"ABIGEN_RPC": "http://127.0.0.1:9"},
        ),
    )  # fmt: skip
    runs.console("several", target.cmd(*balance, "--abi", str(BUILD)))
    runs.console("unknown", target.cmd(*balance, "--abi", str(combined), "--contract", "Nope"))
    runs.alternate(
        "refused",
        target.cmd(*edge_call, "set", "1"),
        target.cmd(*zoo_call, "failAfterWrite", "3", "--from", target.bob, "--json"),
    )
    runs.alternate(
        "unnamed", target.cmd(*zoo_call, "seed", "--json"), target.cmd(*zoo_call, "pair", "--json")
    )
    return Calls(runs.wait(), token, mined, before_token, combined)


def test_arguments_in_every_form_and_struct_output(calls: Calls) -> None:
    uints, readable, ints, as_json = calls.runs.variants("forms")
    assert uints.json == outputs_json([""] * 6, [255, 65535, 10**6, 10**18, 15 * 10**17, TWO_255])
    # Negative numbers need no `--`.
    assert ints.json == outputs_json([""] * 5, [-128, 32767, 2 * 10**10, -15 * 10**19, -TWO_255])
    # Exact JSON numbers: all the digits, no quotes, no exponent.
    assert re.search(rf'": {TWO_255}\n', uints.out)
    assert re.search(r'": 1000000000000000000,\n', uints.out)
    assert re.search(rf'": -{TWO_255}\n', ints.out)
    assert "e+" not in (uints.out + ints.out).lower()
    assert (readable.code, readable.err) == (0, "")
    assert readable.out == (
        '(name="tri", points=[(x=1, y=-2), (x=3, y=4)], center=(x=-1000, y=0), tags=[1, 2, 3])\n'
    )
    assert as_json.json == {  # one unnamed output: the bare value, here a struct
        "name": "tri",
        "points": [{"x": 1, "y": -2}, {"x": 3, "y": 4}],
        "center": {"x": -1000, "y": 0},
        "tags": [1, 2, 3],
    }


def test_block_contract_selection_and_env_rpc(target: Target, calls: Calls) -> None:
    """Historical reads around a transfer; --contract picks from a folder and from solc
    combined JSON; ABIGEN_RPC gives the node, and --rpc wins over it."""
    before, after = calls.runs.variants("blocks")
    assert (before.code, before.out, before.err) == (0, "0\n", "")
    assert (after.code, after.out, after.err) == (0, "10\n", "")
    names = ", ".join(
        f"contracts/{source}.sol:{name}"
        for source, name in [
            ("EdgeCases", "EdgeCases"), ("EdgeCases", "LibA"), ("EdgeCases", "LibB"),
            ("Libraries", "Calculator"), ("Libraries", "Chain"), ("Libraries", "MathLib"),
            ("Libraries", "StringLib"), ("LogEmitter", "LogEmitter"), ("Multicall", "Aggregator"),
            ("Multicall", "DeploylessAggregator"), ("Router", "Pool"), ("Router", "Router"),
            ("Token", "Token"), ("TypeZoo", "TypeZoo"),
        ]
    )  # fmt: skip
    assert calls.runs["several"].error(2) == (
        f"{BUILD} holds 14 contracts ({names}): choose one with --contract"
    )
    assert calls.runs["unknown"].error(2) == f"{calls.combined}: no contract named 'Nope'"
    # The other block forms: hex numbers, tags; a block before the contract existed.
    by_contract = [
        "call",
        "--address",
        calls.token,
        "balanceOf",
        target.bob,
        "--abi",
        str(calls.combined),
        "--contract",
        "Token",
    ]
    assert target.invoke(*by_contract, "--block", hex(calls.mined - 1)).out == "0\n"
    assert target.invoke(*by_contract, "--block", hex(calls.mined)).out == "10\n"
    for tag in ("latest", "pending"):
        assert target.invoke(*by_contract, "--block", tag).out == "10\n", tag
    early = target.invoke(*by_contract, "--block", hex(calls.before_token))
    assert early.error(1) == (
        f"balanceOf(address) returned no data: is there a contract at {calls.token}?"
    )
    # geth (a full node, as users run it) keeps the state of recent blocks only: once the
    # suites have made more than 128 blocks it refuses block 0, where anvil answers. Either
    # way the call fails in one line.
    genesis = target.invoke(*by_contract, "--block", "earliest").error(1)
    assert genesis == early.error(1) or re.fullmatch(
        r"eth_call failed: historical state \w+ is not available \(code -32000\)", genesis
    ), genesis


def test_overloads_unknown_functions_and_reverts(
    target: Target, zoo: str, edge: str, calls: Calls
) -> None:
    """An overloaded name lists its candidates; a full signature picks one; an unknown name or
    signature lists what exists. Reverts are decoded; --from is msg.sender."""
    overloaded, custom = calls.runs.variants("refused")
    assert overloaded.error(2) == (
        "function 'set' is overloaded: name one of set(string), set(uint256), set(uint256,uint256)"
    )
    # msg.sender was --from; fields read like every other value (a bare checksum address)
    assert custom.error(1) == f"reverted: Unauthorized(who={target.bob}, code=3)"
    edge_call = ["call", "--abi", artifact("EdgeCases"), "--address", edge]
    zoo_call = ["call", "--abi", artifact("TypeZoo"), "--address", zoo]
    by_signature = target.invoke(*edge_call, "yield(uint256)", "41", "--json")
    assert by_signature.json == {"nonlocal": 42}  # one named output: an object
    spaced = target.invoke(*edge_call, "set(uint256, uint256)", "7", "8", "--json")
    assert (spaced.json, spaced.err) == (None, "")  # an overload by spaced signature; no outputs
    listing = ", ".join(
        sorted(signature(e) for e in abi_of("EdgeCases") if e["type"] == "function")
    )
    assert target.invoke(*edge_call, "nope").error(2) == (
        f"no function named 'nope'; the ABI has: {listing}"
    )
    assert target.invoke(*edge_call, "set(uint8)", "1").error(2) == (
        f"no function with signature 'set(uint8)'; the ABI has: {listing}"
    )
    assert target.invoke(*zoo_call, "failRequire", "not today").error(1) == (
        "reverted: execution reverted: not today"
    )
    assert target.invoke(*zoo_call, "failPanic", "4").error(1) == (
        "reverted: panic 0x32: array index out of bounds"
    )
    assert target.invoke(*zoo_call, "setPositive", "-3").error(1) == (
        "reverted: NotPositive(value=-3)"
    )
    assert target.invoke(*zoo_call, "failBare").error(1) == (
        "reverted: execution reverted without a reason"
    )


def test_named_outputs_are_one_exact_object(target: Target, edge: str) -> None:
    """EdgeCases.settings() names all seven outputs: the JSON is exactly that object."""
    call = ["call", "--abi", artifact("EdgeCases"), "--address", edge, "settings"]
    assert target.invoke(*call, "--json").json == {
        "owner": target.alice,
        "id": 1,
        "str": "s",
        "list": [1, 2],
        "value": 5,
        "node": target.bob,
        "paid": 0,
    }
    assert target.invoke(*call).out == (
        f'owner = {target.alice}\nid = 1\nstr = "s"\nlist = [1, 2]\nvalue = 5\n'
        f"node = {target.bob}\npaid = 0\n"
    )


def test_unnamed_outputs_json_shape(target: Target, zoo: str) -> None:
    """One unnamed output is the bare value; unnamed outputs among several are keyed by
    position (abigen.client.show.outputs_to_json), not by the arg0... of readable output.
    (Through the console script: echoShape and echoUints in the first test.)"""
    call = ["call", "--abi", artifact("TypeZoo"), "--address", zoo, "--json"]
    seed = target.invoke(*call, "seed")
    assert (seed.json, seed.out) == (42, "42\n")
    assert target.invoke(*call, "pair").json == {
        "0": 42,
        "1": "0x000000000000000000000000000000000000bEEF",
    }
    assert target.invoke(*call, "describe").json == {"count": 3, "label": "zoo", "2": True}
    assert target.invoke(*call, "origin").json == {"x": 0, "y": 0}


def test_dash_strings_after_the_separator(target: Target, zoo: str) -> None:
    call = ["call", "--abi", artifact("TypeZoo"), "--address", zoo, "--json", "echoDynamic"]
    texts = ["-hello", "--not-an-option", "-"]
    results = Batch(target)
    results.alternate("dash", *(target.cmd(*call, "--", "0x", text) for text in texts))
    for text, result in zip(texts, results.wait().variants("dash"), strict=True):
        assert result.json == {"0": "0x", "1": text}
