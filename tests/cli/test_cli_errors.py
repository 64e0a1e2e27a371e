"""The `abigen` console script on bad input: one located line on stderr, exit 1, nothing written.

Every case runs in a scratch folder holding the input files and an existing `out.py`; the
command gets `--out out.py` and must leave that file (and the folder) exactly as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "contracts" / "build"
ABIGEN = Path(sys.executable).with_name("abigen")
TOKEN_ABI = str(BUILD / "Token.abi")
SENTINEL = b"# hand-written, must survive a failed run\n"

UNRECOGNISED = (
    "not an ABI or a known artifact format (expected a JSON array of ABI entries, an artifact "
    "with an 'abi' key, solc --combined-json or standard-JSON output, or Vyper combined_json output)"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert ABIGEN.is_file(), f"{ABIGEN} is missing: is the package installed in this venv?"
    return subprocess.run(
        [str(ABIGEN), *args],
        cwd=cwd,
        input="",
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )


def fn(name: str, inputs: list[Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "type": "function",
        "name": name,
        "inputs": inputs or [],
        "outputs": [],
        "stateMutability": "view",
        **extra,
    }


def arg(name: str, type_: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, **extra}


def abi(*entries: dict[str, Any]) -> str:
    return json.dumps(list(entries), indent=1)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


class Case:
    def __init__(
        self, args: list[str], message: str, files: dict[str, str | bytes] | None = None
    ) -> None:
        self.args = args
        self.message = message
        self.files = files or {}


CASES: dict[str, Case] = {
    "missing --abi file": Case(
        ["--abi", "missing.json", "--pkg", "t"], "missing.json: no such file"
    ),
    "malformed JSON": Case(
        ["--abi", "bad.json", "--pkg", "t"],
        "bad.json:3:11: malformed JSON: Expecting value",
        {"bad.json": '[\n {"type": "function",\n  "name": }]\n'},
    ),
    "object without abi": Case(
        ["--abi", "artifact.json", "--pkg", "t"],
        "artifact.json: " + UNRECOGNISED,
        {"artifact.json": json.dumps({"contractName": "Token", "bytecode": "0x00"})},
    ),
    "uint7": Case(
        ["--abi", "uint7.json", "--pkg", "t"],
        "uint7.json: entry 0 (function 'f'): input 'a': unknown ABI type 'uint7': uintN needs N in 8..256, a multiple of 8",
        {"uint7.json": abi(fn("f", [arg("a", "uint7")]))},
    ),
    "adress": Case(
        ["--abi", "adress.json", "--pkg", "t"],
        "adress.json: entry 1 (function 'transfer'): input 'to': unknown ABI type 'adress'",
        {
            "adress.json": abi(
                fn("ok"), fn("transfer", [arg("amount", "uint256"), arg("to", "adress")])
            )
        },
    ),
    "unknown key in an entry": Case(
        ["--abi", "key.json", "--pkg", "t"],
        "key.json: entry 0 (function 'f'): unknown key 'visibility'",
        {"key.json": abi(fn("f", visibility="external"))},
    ),
    "unknown key in a parameter": Case(
        ["--abi", "pkey.json", "--pkg", "t"],
        "pkey.json: entry 0 (function 'f'): input 'a': unknown key 'storage'",
        {"pkey.json": abi(fn("f", [arg("a", "uint256", storage="memory")]))},
    ),
    "function without a name": Case(
        ["--abi", "noname.json", "--pkg", "t"],
        "noname.json: entry 0: missing or empty 'name'",
        {
            "noname.json": abi(
                {"type": "function", "inputs": [], "outputs": [], "stateMutability": "view"}
            )
        },
    ),
    "tuple without components": Case(
        ["--abi", "tuple.json", "--pkg", "t"],
        "tuple.json: entry 0 (function 'f'): input 'p': tuple type 'tuple' needs a non-empty 'components' array",
        {"tuple.json": abi(fn("f", [arg("p", "tuple")]))},
    ),
    "--out in a missing folder": Case(
        ["--abi", TOKEN_ABI, "--pkg", "t", "--out", "nowhere/t.py"],
        "cannot write nowhere/t.py: folder nowhere does not exist",
    ),
    "--pkg starting with a digit": Case(
        ["--abi", TOKEN_ABI, "--pkg", "1abc"], "--pkg '1abc' is not a valid Python module name"
    ),
    "--pkg with a dash": Case(
        ["--abi", TOKEN_ABI, "--pkg", "my-pkg"], "--pkg 'my-pkg' is not a valid Python module name"
    ),
    "--bin not hex": Case(
        ["--abi", TOKEN_ABI, "--pkg", "t", "--bin", "bad.bin"],
        "bad.bin: bytecode is not valid hex",
        {"bad.bin": "0x6080zz\n"},
    ),
    "--bin unlinked library": Case(
        ["--abi", TOKEN_ABI, "--pkg", "t", "--bin", "lib.bin"],
        "lib.bin: bytecode has unlinked library placeholders; link it first, or pass the "
        "compiler's artifact (with its linkReferences) as --abi instead",
        {"lib.bin": "608060405273__$1234567890abcdef1234567890abcdef12$__63\n"},
    ),
    "alias onto another member's name": Case(
        ["--abi", "collide.json", "--pkg", "t", "--alias", "getValue=get_value"],
        "collide.json: --alias for function getValue(): the Python name 'get_value' is taken by "
        "function get_value()",
        {"collide.json": abi(fn("getValue"), fn("get_value"))},
    ),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_one_located_line_and_writes_nothing(tmp_path: Path, case: Case) -> None:
    for name, content in case.files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    (tmp_path / "out.py").write_bytes(SENTINEL)
    before = snapshot(tmp_path)
    args = case.args if "--out" in case.args else [*case.args, "--out", "out.py"]

    result = run(*args, cwd=tmp_path)

    assert "Traceback" not in result.stderr
    assert result.stderr == f"abigen: error: {case.message}\n"
    assert (result.returncode, result.stdout) == (1, "")
    assert snapshot(tmp_path) == before  # out.py untouched, no temp file, no folder created
    assert (tmp_path / "out.py").read_bytes() == SENTINEL


@pytest.mark.parametrize("case", ["malformed JSON", "alias onto another member's name"])
def test_bad_input_does_not_create_the_out_file(tmp_path: Path, case: str) -> None:
    for name, content in CASES[case].files.items():
        (tmp_path / name).write_text(content if isinstance(content, str) else content.decode())
    result = run(*CASES[case].args, "--out", "new.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("abigen: error: ")
    assert not (tmp_path / "new.py").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(CASES[case].files)


def test_missing_required_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--abi", TOKEN_ABI, cwd=tmp_path)
    assert result.returncode == 2
    assert "Missing option '--pkg'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# ---- known bugs ----------------------------------------------------------------------------------


def test_out_is_a_folder_receives_a_package(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    result = run("--abi", TOKEN_ABI, "--pkg", "t", "--out", "pkg", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(p.name for p in (tmp_path / "pkg" / "t").iterdir()) == [
        "__init__.py",
        "token_.py",
    ]


def test_out_is_a_file_path_in_a_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("")
    result = run("--abi", TOKEN_ABI, "--pkg", "t", "--out", "blocker/t.py", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.startswith("abigen: error: ") and result.stderr.count("\n") == 1
    assert "blocker" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_hostile_parameter_name_never_runs_on_import(tmp_path: Path) -> None:
    payload = 'pwned: int = exec(\'open("pwned.txt", "w").close()\') #'
    entry = {
        "type": "function",
        "name": "f",
        "inputs": [],
        "outputs": [arg("a", "uint256"), arg(payload, "uint256")],
        "stateMutability": "view",
    }
    (tmp_path / "hostile.json").write_text(json.dumps([entry]))
    result = run("--abi", "hostile.json", "--pkg", "hostile", "--out", "hostile.py", cwd=tmp_path)
    if result.returncode != 0:  # rejected: the message must locate the bad name
        assert result.stderr.startswith(
            "abigen: error: hostile.json: entry 0 (function 'f'): output "
        )
        return
    subprocess.run(
        [sys.executable, "-c", "import hostile"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert not (tmp_path / "pwned.txt").exists()
