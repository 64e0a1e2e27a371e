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
    HERE / "usage_batch_checks.py",
    HERE / "usage_node_reads_checks.py",
    HERE / "usage_receipt_checks.py",
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


# `# error[mypy-code, pyright-rule]` marks a line both checkers must reject, and pins why: each
# checker must report its code on that line (it may report others beside it, such as pyright's
# reportUnknownMemberType after an unknown attribute), so that a line cannot pass by failing for
# an unrelated reason. A marker without both codes fails test_every_misuse_marker_pins_both_codes.
# A line the marker makes too long for the formatter has `# fmt: skip` before it.
_MARK = re.compile(r"# error\[([a-z][a-z-]*), (report[A-Za-z]+)\]$")
# Anything at a line's end that looks like a marker (not the docstring's `# error` in quotes).
_MARK_LIKE = re.compile(r"#\s*error\b[^`]*$", re.IGNORECASE)


def _markers() -> dict[int, re.Match[str] | None]:
    """{line: its parsed marker, or None if the marker is malformed or lacks the codes}."""
    return {
        number: _MARK.search(line)
        for number, line in enumerate(MISUSE.read_text().splitlines(), 1)
        if _MARK_LIKE.search(line)
    }


def _expected_error_lines() -> set[int]:
    return set(_markers())


def _pinned_codes() -> dict[int, tuple[str, str]]:
    """{line: (mypy error code, pyright rule)} for every marked line."""
    pinned: dict[int, tuple[str, str]] = {}
    for number, found in _markers().items():
        assert found is not None, f"{MISUSE.name}:{number}: marker without its codes"
        pinned[number] = (found.group(1), found.group(2))
    return pinned


def test_every_misuse_marker_pins_both_codes() -> None:
    markers = _markers()
    lines = MISUSE.read_text().splitlines()
    unpinned = [
        f"{MISUSE.name}:{number}: {lines[number - 1].strip()}"
        for number, found in markers.items()
        if found is None
    ]
    assert unpinned == [], "write `# error[mypy-code, pyright-rule]`:\n" + "\n".join(unpinned)
    assert len(markers) >= 40, f"only {len(markers)} markers found in {MISUSE}"


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
