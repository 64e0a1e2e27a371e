"""The CLI in-process (typer's CliRunner): the long tail of input errors and usage errors.

The main cases run the real console script in test_cli_errors.py; these variants go through the
same command function without a subprocess each, to keep the suite fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from abigen.cli import app

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
TOKEN_ABI = str(BUILD / "Token.abi")
SENTINEL = b"# hand-written, must survive a failed run\n"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, stdin: str = "") -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    # Anything but a clean exit is an escaped exception: the user would see a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


SOURCE_ERRORS: dict[str, tuple[list[str], dict[str, str | bytes], str]] = {
    "--abi is a folder without ABIs": (
        ["--abi", "."],
        {},
        ".: no ABI or artifact JSON files found",
    ),
    "malformed JSON on stdin": (["--abi", "-"], {}, "<stdin>:1:1: malformed JSON: Expecting value"),
    "not UTF-8": (
        ["--abi", "latin1.json"],
        {"latin1.json": b'["\xe9t\xe9"]'},
        "latin1.json: cannot read: 'utf-8' codec can't decode byte 0xe9 in position 2: invalid continuation byte",
    ),
    "a number": (
        ["--abi", "num.json"],
        {"num.json": "42"},
        "num.json: not an ABI or a known artifact format (expected a JSON array of ABI entries, "
        "an artifact with an 'abi' key, solc --combined-json or standard-JSON output, or Vyper "
        "combined_json output)",
    ),
    "abi key not an array": (
        ["--abi", "abi5.json"],
        {"abi5.json": json.dumps({"abi": 5})},
        "abi5.json: an ABI must be a JSON array of entries, got a number",
    ),
    "abi string not JSON": (
        ["--abi", "combined.json"],
        {"combined.json": json.dumps({"abi": "[1"})},
        "combined.json: the 'abi' string is not valid JSON: Expecting ',' delimiter",
    ),
    "artifact bytecode not a string": (
        ["--abi", "bc.json"],
        {"bc.json": json.dumps({"abi": [], "bytecode": 5})},
        "bc.json: 'bytecode' must be a hex string",
    ),
    "--bin odd length": (
        ["--abi", TOKEN_ABI, "--bin", "odd.bin"],
        {"odd.bin": "608"},
        "odd.bin: bytecode is not valid hex",
    ),
    "--bin empty": (
        ["--abi", TOKEN_ABI, "--bin", "empty.bin"],
        {"empty.bin": "\n"},
        "empty.bin: bytecode is not valid hex",
    ),
    "--bin only 0x": (
        ["--abi", TOKEN_ABI, "--bin", "ox.bin"],
        {"ox.bin": "0x"},
        "ox.bin: bytecode is not valid hex",
    ),
    "--bin missing": (["--abi", TOKEN_ABI, "--bin", "nope.bin"], {}, "nope.bin: no such file"),
    "stdin entry error": (
        ["--abi", "-"],
        {},
        "<stdin>: entry 0 (event 'E'): 'anonymous' must be true or false, got 'no'",
    ),
}
STDIN = {
    "stdin entry error": json.dumps(
        [{"type": "event", "name": "E", "inputs": [], "anonymous": "no"}]
    ),
}


@pytest.mark.parametrize("name", list(SOURCE_ERRORS))
def test_source_errors(in_tmp: Path, name: str) -> None:
    args, files, message = SOURCE_ERRORS[name]
    for file, content in files.items():
        (in_tmp / file).write_bytes(content if isinstance(content, bytes) else content.encode())
    (in_tmp / "out.py").write_bytes(SENTINEL)
    code, stdout, stderr = invoke(*args, "--pkg", "t", "--out", "out.py", stdin=STDIN.get(name, ""))
    assert (code, stdout, stderr) == (1, "", f"abigen: error: {message}\n")
    assert (in_tmp / "out.py").read_bytes() == SENTINEL
    assert sorted(p.name for p in in_tmp.iterdir()) == sorted([*files, "out.py"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--alias", "get_value"],
            "--alias 'get_value': expected ORIGINAL=NEW with NEW a valid identifier",
        ),
        (
            ["--alias", "a=b-c"],
            "--alias 'a=b-c': expected ORIGINAL=NEW with NEW a valid identifier",
        ),
        (["--alias", "=x"], "--alias '=x': expected ORIGINAL=NEW with NEW a valid identifier"),
        (["--check"], "--check needs --out"),
    ],
    ids=[
        "alias without =",
        "alias to a non-identifier",
        "alias without original",
        "check without out",
    ],
)
def test_usage_errors_exit_2(in_tmp: Path, args: list[str], message: str) -> None:
    code, stdout, stderr = invoke("--abi", TOKEN_ABI, "--pkg", "t", *args)
    assert (code, stdout, stderr) == (2, "", f"abigen: error: {message}\n")
    assert list(in_tmp.iterdir()) == []


def test_repeated_aliases_all_apply(in_tmp: Path) -> None:
    entries = [
        {"type": "function", "name": name, "inputs": [], "outputs": [], "stateMutability": "view"}
        for name in ("getValue", "get_value", "owner")
    ]
    (in_tmp / "abi.json").write_text(json.dumps(entries))
    code, stdout, stderr = invoke(
        "--abi",
        "abi.json",
        "--pkg",
        "c",
        "--alias",
        "get_value=raw_value",
        "--alias",
        "owner=admin",
    )
    assert (code, stderr) == (0, "")
    assert "    raw_value = _rt.function(" in stdout
    assert "    admin = _rt.function(" in stdout
    assert "    owner = " not in stdout


@pytest.mark.parametrize("type_name", ["my-class", "X(object)", "Gold Coin"])
def test_invalid_type_name_is_a_user_error(in_tmp: Path, type_name: str) -> None:
    code, _, stderr = invoke("--abi", TOKEN_ABI, "--pkg", "t", "--type", type_name)
    assert code in (1, 2)
    assert stderr.startswith(f"abigen: error: --type {type_name!r}")
    assert "internal error" not in stderr


def test_keyword_pkg_is_rejected(in_tmp: Path) -> None:
    code, stdout, stderr = invoke("--abi", TOKEN_ABI, "--pkg", "class")
    assert (code, stdout, stderr) == (
        1,
        "",
        "abigen: error: --pkg 'class' is not a valid Python module name\n",
    )
