"""`abigen inspect` (exact JSON, readable tables), --help, shell completion, and that none of
them imports web3. All offline: no node."""

from __future__ import annotations

import re
from typing import Any

import pytest
from clientkit import (
    FIXTURES,
    Cmd,
    abi_of,
    artifact,
    canonical,
    finish,
    finish_all,
    signature,
    start,
    start_all,
)
from eth_utils import keccak

SUBCOMMANDS = [
    "call", "send", "deploy", "send-value", "logs", "tx", "receipt", "decode", "inspect"
]  # fmt: skip
GENERATION_OPTIONS = [
    "--abi",
    "--pkg",
    "--type",
    "--bin",
    "--combined-json",
    "--exc",
    "--out",
    "--alias",
    "--check",
]


def _expected_inspect(name: str) -> dict[str, Any]:
    """What inspect --json must print, computed from the artifact with eth_utils' keccak."""
    abi = abi_of(name)

    def of(kind: str) -> list[dict[str, Any]]:
        return sorted((e for e in abi if e["type"] == kind), key=signature)

    return {
        "contract": name,
        "functions": [
            {
                "signature": signature(f),
                "selector": "0x" + keccak(text=signature(f))[:4].hex(),
                "stateMutability": f["stateMutability"],
                "outputs": [canonical(p) for p in f["outputs"]],
            }
            for f in of("function")
        ],
        "events": [
            {
                "signature": signature(e),
                "topic": None if e["anonymous"] else "0x" + keccak(text=signature(e)).hex(),
                "anonymous": e["anonymous"],
            }
            for e in of("event")
        ],
        "errors": [
            {"signature": signature(e), "selector": "0x" + keccak(text=signature(e))[:4].hex()}
            for e in of("error")
        ],
    }


def _table(text: str, title: str) -> list[list[str]]:
    """The rows of one section of the readable output, cells split on runs of 2+ spaces."""
    section = text.split(f"\n\n{title}\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert set(section[1]) <= {"-", " "}  # the rule under the headers
    return [re.split(r"\s{2,}", line.rstrip()) for line in [section[0], *section[2:]]]


def test_inspect() -> None:
    standard = str(FIXTURES / "inputs" / "solc" / "standard.json")
    token_json, token_text, zoo_text, edge_json, edge_text, picked, several, ambiguous = finish_all(
        start_all(
            Cmd(["inspect", "--abi", artifact("Token"), "--json"]),
            Cmd(["inspect", "--abi", artifact("Token")]),
            Cmd(["inspect", "--abi", artifact("TypeZoo")]),
            Cmd(["inspect", "--abi", artifact("EdgeCases"), "--json"]),
            Cmd(["inspect", "--abi", artifact("EdgeCases")]),
            Cmd(["inspect", "--abi", standard, "--contract", "src/a/Token.sol:Token", "--json"]),
            Cmd(["inspect", "--abi", standard]),
            Cmd(["inspect", "--abi", standard, "--contract", "Token"]),
        )
    )
    expected = _expected_inspect("Token")
    assert token_json.json == expected
    assert expected["functions"][2] == {  # spot check of the oracle itself
        "signature": "balanceOf(address)",
        "selector": "0x70a08231",
        "stateMutability": "view",
        "outputs": ["uint256"],
    }
    assert edge_json.json == _expected_inspect("EdgeCases")  # overloads, anonymous event
    for result, name in [(token_text, "Token"), (zoo_text, "TypeZoo"), (edge_text, "EdgeCases")]:
        assert (result.code, result.err) == (0, ""), result
        assert result.out.startswith(f"contract {name}\n\nfunctions\n")
        data = _expected_inspect(name)
        assert _table(result.out, "functions") == [
            ["selector", "signature", "mutability", "returns"],
            *(
                [f["selector"], f["signature"], f["stateMutability"], ", ".join(f["outputs"])][
                    : 4 if f["outputs"] else 3
                ]
                for f in data["functions"]
            ),
        ]
        assert _table(result.out, "events") == [
            ["topic", "signature"],
            *([e["topic"] or "(anonymous)", e["signature"]] for e in data["events"]),
        ]
        assert _table(result.out + "\n", "errors") == [
            ["selector", "signature"],
            *([e["selector"], e["signature"]] for e in data["errors"]),
        ]
    assert picked.json["contract"] == "Token"
    assert [f["signature"] for f in picked.json["functions"]] == ["symbol()"]
    assert several.error(2) == (
        f"{standard} holds 5 contracts (src/Calc.sol:Calc, src/IToken.sol:IToken, "
        "src/Lib.sol:MathLib, src/a/Token.sol:Token, src/b/Token.sol:Token): choose one with --contract"
    )
    assert ambiguous.error(2) == (
        f"{standard} holds 2 contracts (src/a/Token.sol:Token, src/b/Token.sol:Token): "
        "choose one with --contract"
    )


def test_help_and_completion() -> None:
    complete = {"_ABIGEN_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
    top, *subs, script, commands, options = finish_all(
        start_all(
            Cmd(["--help"]),
            *(Cmd([name, "--help"]) for name in SUBCOMMANDS),
            Cmd(["--show-completion", "bash"]),
            Cmd([], {**complete, "COMP_WORDS": "abigen de"}),
            Cmd([], {**complete, "COMP_WORDS": "abigen call --bl", "COMP_CWORD": "2"}),
        )
    )
    assert (top.code, top.err) == (0, "")
    listed = top.out.split("\nCommands:\n", 1)[1]
    assert [line.split()[0] for line in listed.splitlines() if line.strip()] == SUBCOMMANDS
    for option in GENERATION_OPTIONS:
        assert re.search(rf"^  {option} ", top.out, re.MULTILINE), option
    for name, result in zip(SUBCOMMANDS, subs, strict=True):
        assert (result.code, result.err) == (0, ""), result
        assert result.out.startswith(f"Usage: abigen {name} [OPTIONS]"), result.out
        assert ("--abi PATH" in result.out) == (name != "send-value")
        if name in ("call", "send", "deploy", "send-value", "logs", "tx", "receipt"):
            assert "--rpc URL|PATH" in result.out and "ABIGEN_RPC" in result.out
        if name in ("send", "deploy", "send-value"):
            assert "--private-key-env VAR" in result.out and "--keystore FILE" in result.out
            assert "--private-key " not in result.out.replace("--private-key-env", "")
    assert "--block" in subs[0].out
    assert (script.code, script.err) == (0, "")
    assert "_ABIGEN_COMPLETE=complete_bash" in script.out
    assert "complete -o default -F _abigen_completion abigen" in script.out
    assert (commands.code, sorted(commands.out.split()), commands.err) == (
        0,
        ["decode", "deploy"],
        "",
    )
    assert (options.code, options.out.split(), options.err) == (0, ["--block"], "")


@pytest.mark.parametrize(
    "args",
    [["--help"], ["inspect", "--abi", artifact("TypeZoo")], ["call", "--help"]],
    ids=["help", "inspect", "call-help"],
)
def test_no_web3_import(args: list[str]) -> None:
    result = finish(start(Cmd(args), python_args=["-X", "importtime"]))
    assert result.code == 0 and result.out
    assert "import time:" in result.err and "abigen" in result.err
    assert "web3" not in result.err
