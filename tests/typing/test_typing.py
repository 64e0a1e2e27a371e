"""mypy --strict and pyright --strict over the golden bindings and user code that calls them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
GOLDEN = ROOT / "tests" / "golden"
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
CLEAN = [
    GOLDEN / "bindings",
    HERE / "usage_checks.py",
    HERE / "usage_edge_checks.py",
    HERE / "usage_tree_checks.py",
]
MISUSE = HERE / "misuse" / "wrong_calls.py"


def _mypy(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-version",
            "3.10",
            *map(str, paths),
        ],
        cwd=ROOT,
        env={"MYPYPATH": str(GOLDEN), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def _pyright(paths: list[Path], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = {"typeCheckingMode": "strict", "pythonVersion": "3.10", "extraPaths": [str(GOLDEN)]}
    config_path = tmp_path / "pyrightconfig.json"
    config_path.write_text(json.dumps(config))
    return subprocess.run(
        [
            str(PYRIGHT),
            "-p",
            str(config_path),
            "--pythonpath",
            sys.executable,
            "--outputjson",
            *map(str, paths),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


# `# error` marks a line both checkers must reject; `# error[mypy-code, pyright-rule]` also
# pins why, so that a line cannot pass by failing for an unrelated reason.
_MARK = re.compile(r"# error(?:\[([\w-]+), (\w+)\])?$")


def _expected_error_lines() -> set[int]:
    lines = MISUSE.read_text().splitlines()
    return {number for number, line in enumerate(lines, 1) if _MARK.search(line)}


def _pinned_codes() -> dict[int, tuple[str, str]]:
    """{line: (mypy error code, pyright rule)} for the lines whose marker names them."""
    pinned: dict[int, tuple[str, str]] = {}
    for number, line in enumerate(MISUSE.read_text().splitlines(), 1):
        found = _MARK.search(line)
        if found and found.group(1):
            pinned[number] = (found.group(1), found.group(2))
    return pinned


def test_mypy_strict_accepts_bindings_and_usage() -> None:
    result = _mypy(CLEAN)
    assert result.returncode == 0, result.stdout


def test_pyright_strict_accepts_bindings_and_usage(tmp_path: Path) -> None:
    result = _pyright(CLEAN, tmp_path)
    report = json.loads(result.stdout)
    problems = [d for d in report["generalDiagnostics"] if d["severity"] != "information"]
    assert problems == [], json.dumps(problems, indent=1)
    assert report["summary"]["filesAnalyzed"] >= len(list((GOLDEN / "bindings").glob("*.py"))) + 1


def test_mypy_rejects_every_misuse() -> None:
    result = _mypy([MISUSE])
    errors = re.findall(
        rf"{re.escape(MISUSE.name)}:(\d+): error: .*\[([\w-]+)\]$", result.stdout, re.M
    )
    assert {int(line) for line, _ in errors} == _expected_error_lines(), result.stdout
    codes = {(int(line), code) for line, code in errors}
    for line, (code, _) in _pinned_codes().items():
        assert (line, code) in codes, (line, code, result.stdout)


@pytest.mark.skipif(not PYRIGHT.exists(), reason="pyright is installed by `make install`")
def test_pyright_rejects_every_misuse(tmp_path: Path) -> None:
    report = json.loads(_pyright([MISUSE], tmp_path).stdout)
    flagged = {
        d["range"]["start"]["line"] + 1
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }
    assert flagged == _expected_error_lines(), json.dumps(report["generalDiagnostics"], indent=1)
    rules = {
        (d["range"]["start"]["line"] + 1, d.get("rule", ""))
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }
    for line, (_, rule) in _pinned_codes().items():
        assert (line, rule) in rules, (line, rule, sorted(rules))
