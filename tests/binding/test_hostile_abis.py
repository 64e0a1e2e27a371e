"""Hostile ABIs through the real CLI (in-process): each run ends in a one-line error with a
non-zero exit and no file written, or writes modules that import (checked in a subprocess).
Never a traceback, a RecursionError, or a module that fails to import.

The same inputs go through `abigen inspect` (same parser): a listing or a one-line error.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from abigen.cli import app
from abigen.runtime.abi.types import MAX_NESTING

Json = Any


_VIEW_FUNCTION: dict[str, Json] = {"type": "function", "outputs": [], "stateMutability": "view"}


def entry(name: str = "f", inputs: list[Json] | None = None, **extra: Json) -> dict[str, Json]:
    return {**_VIEW_FUNCTION, "name": name, "inputs": inputs or [], **extra}


def param(type_: Json, name: str = "x", **extra: Json) -> dict[str, Json]:
    return {"name": name, "type": type_, **extra}


def nested_tuple(depth: int) -> dict[str, Json]:
    item: dict[str, Json] = param("uint256")
    for _ in range(depth):
        item = param("tuple", components=[item])
    return item


class Runs:
    """Runs the CLI on inputs under one folder; remembers every package written, to import them
    all in one subprocess at the end (a subprocess per run would cost seconds)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: list[str] = []
        self.imported = 0  # how many of `written` were imported already

    def generate(
        self, content: Json | str, *, file: str = "C.abi.json", pkg: str | None = None
    ) -> tuple[int, str]:
        case = self.root / f"case{len(self.written)}_{time.perf_counter_ns()}"
        case.mkdir()
        source = case / file
        text = content if isinstance(content, str) else json.dumps(content)
        source.write_text(text, encoding="utf-8")
        out = case / "out"
        out.mkdir()
        package = pkg or f"hostile_{len(self.written)}_{case.name[-6:]}"
        code, stderr = invoke("--abi", str(source), "--pkg", package, "--out", f"{out}/")
        if code == 0:
            assert stderr == "", stderr
            normalised = package.replace("\ufb01", "fi")
            assert (out / normalised / "__init__.py").is_file()
            self.written.append(f"{out}:{normalised}")
        else:
            assert_one_line_error(stderr)
            assert not any(out.iterdir()), "a failed run wrote files"
        inspect_code, inspect_err = invoke("inspect", "--abi", str(source))
        if inspect_code != 0:
            assert_one_line_error(inspect_err)
        return code, stderr

    def import_all(self) -> None:
        fresh, self.imported = self.written[self.imported :], len(self.written)
        if not fresh:
            return
        script = (
            "import importlib, sys\n"
            "for entry in sys.argv[1:]:\n"
            "    folder, name = entry.rsplit(':', 1)\n"
            "    sys.path.insert(0, folder)\n"
            "    importlib.import_module(name)\n"
            "    sys.path.pop(0)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, *fresh], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr[-3000:]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    # Anything but a clean exit is an escaped exception: the user would see a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stderr


def assert_one_line_error(stderr: str) -> None:
    assert stderr.startswith("abigen: error: "), stderr[:500]
    assert stderr.count("\n") == 1 and stderr.endswith("\n"), stderr[:500]
    assert "Traceback" not in stderr and "RecursionError" not in stderr


@pytest.fixture
def runs(tmp_path: Path) -> Runs:
    return Runs(tmp_path)


LONG = "a" + "aB" * 40_000  # 80k characters
QUADRATIC = "A" * 40_000 + "b" + "A" * 40_000  # what made the old snake_case regex backtrack

# name -> (ABI or raw text, fails?)
HAND_WRITTEN: dict[str, tuple[Json, bool]] = {
    "tuples nested 150 deep": ([entry(inputs=[nested_tuple(150)])], True),
    "tuples nested 1000 deep": ([entry(inputs=[nested_tuple(1000)])], True),
    "arrays nested 1000 deep": ([entry(inputs=[param("uint256" + "[]" * 1000)])], True),
    "arrays nested 200 deep": ([entry(inputs=[param("uint256" + "[]" * 200)])], True),
    "arrays at the nesting limit": (
        [entry(inputs=[param("uint256" + "[2]" * MAX_NESTING)], outputs=[param("bytes[]" * 1)])],
        False,
    ),
    "tuples and arrays at the limit": (
        [entry(inputs=[nested_tuple(MAX_NESTING // 2 - 1) | {"type": "tuple[]"}])],
        False,
    ),
    "arrays one past the limit": (
        [entry(inputs=[param("uint256" + "[]" * (MAX_NESTING + 1))])],
        True,
    ),
    "type is an object": ([entry(inputs=[param({})])], True),
    "type is a number": ([entry(inputs=[param(5)])], True),
    "type is a list": ([entry(inputs=[param(["uint256"])])], True),
    "type is null": ([entry(inputs=[param(None)])], True),
    "array length of 4,400 digits": ([entry(inputs=[param("uint256[" + "9" * 4400 + "]")])], True),
    "array length of 2**256": ([entry(inputs=[param(f"uint8[{2**256}]")])], True),
    "array length of 2**256-1": ([entry(inputs=[param(f"uint8[{2**256 - 1}]")])], False),
    "80k-character names": (
        [entry(LONG, [param("uint256", LONG)]), {"type": "event", "name": LONG, "inputs": []}],
        False,
    ),
    "80k-character quadratic name": ([entry(QUADRATIC)], False),
    "control characters in a name": ([entry("a\x00b")], True),
    "a surrogate in a name": ([entry("\ud800")], True),
    "an NFKC lookalike name": ([entry("\ufb01le")], True),  # not a Solidity identifier
    "keywords everywhere": (
        [
            entry(kw, [param("uint256", kw2) for kw2 in ("class", "self", "from", "_", "match")])
            for kw in ("class", "import", "None", "type", "match", "_", "self", "__init__")
        ],
        False,
    ),
    "colliding names": (
        [entry("balanceOf"), entry("balance_of"), entry("BalanceOf"), entry("BALANCE_OF")],
        False,
    ),
    "duplicate members": ([entry("f"), entry("f"), entry("f", [param("uint256")])], False),
    "conflicting outputs": (
        [entry("f", outputs=[param("uint256")]), entry("f", outputs=[param("bool")])],
        True,
    ),
    "not an array": ({"abi": 5}, True),
    "entries not objects": ([1, "two", None], True),
    "inputs an object": ([entry() | {"inputs": {"a": 1}}], True),
    "components not an array": ([entry(inputs=[param("tuple", components={"x": 1})])], True),
    "huge numbers where ignored": ([entry() | {"gas": 10**4000}], False),
    "a huge number as a flag": ([{"type": "event", "name": "E", "anonymous": 10**4000}], True),
    "a float as a flag": ([entry() | {"stateMutability": 1e308}], True),
    "a number past int()'s digit limit": (
        '[{"type": "function", "gas": 1' + "0" * 5000 + "}]",
        True,
    ),
    "10k entries": (
        [{"type": "error", "name": f"E{i}", "inputs": [param("uint256")]} for i in range(10_000)],
        False,
    ),
}


@pytest.mark.parametrize("name", list(HAND_WRITTEN))
def test_hand_written_hostile_abis(name: str, runs: Runs) -> None:
    content, fails = HAND_WRITTEN[name]
    started = time.perf_counter()
    code, stderr = runs.generate(content)
    assert (code != 0) == fails, stderr
    assert time.perf_counter() - started < 20
    runs.import_all()


def test_deeply_nested_json(runs: Runs) -> None:
    code, _ = runs.generate("[" * 100_000 + "]" * 100_000)
    assert code != 0


def natspec(text: str) -> dict[str, Json]:
    return {
        "contractName": "Doc",
        "abi": [entry("f", [param("uint256", "a")]), {"type": "event", "name": "E", "inputs": []}],
        "devdoc": {
            "title": text,
            "author": text,
            "details": text,
            "methods": {"f(uint256)": {"details": text, "params": {"a": text, text: text}}},
            "events": {"E()": {"details": text}},
        },
        "userdoc": {"notice": text, "methods": {"f(uint256)": {"notice": text}}},
    }


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",
        "lone \udfff surrogate \ud83d",
        '"""\\x00\x00\x1b[31m\u202e\u2028end',
        "x" + "\n" * 200_000 + "y" + " \t" * 50_000,
        "\ufb01le \u210c \ufb00",
    ],
)
def test_hostile_natspec_generates_importable_modules(text: str, runs: Runs) -> None:
    started = time.perf_counter()
    code, stderr = runs.generate(natspec(text), file="Doc.json")
    assert code == 0, stderr
    assert time.perf_counter() - started < 20
    runs.import_all()


@pytest.mark.parametrize(
    ("file", "content"),
    [
        ("\ufb01le.abi.json", [entry()]),  # the contract name comes from the file name
        ("C.json", {"contractName": "\ufb01le", "abi": [entry()]}),
        ("C.json", {"contractName": "\ud800", "abi": [entry()]}),
        ("C.json", {"contractName": "class", "abi": [entry()]}),
        ("C.json", {"contractName": "\u2460\u2461", "abi": [entry()]}),
    ],
)
def test_contract_names_become_importable_modules(file: str, content: Json, runs: Runs) -> None:
    code, stderr = runs.generate(content, file=file)
    assert code == 0, stderr
    runs.import_all()


def test_an_nfkc_package_name_is_normalised(runs: Runs) -> None:
    code, stderr = runs.generate([entry()], pkg="\ufb01le_pkg")
    assert code == 0, stderr
    runs.import_all()


# ---- generated ABIs --------------------------------------------------------------------------

_names = st.one_of(
    st.sampled_from(
        ["f", "class", "self", "_", "__init__", "balanceOf", "balance_of", "A", "$x", "x$"]
    ),
    st.from_regex(r"[A-Za-z_$][A-Za-z0-9_$]{0,30}", fullmatch=True),
    st.text(max_size=8),  # control characters, surrogates, lookalikes: refused or escaped
)
_elementary = st.sampled_from(
    ["uint256", "int8", "address", "bool", "bytes", "bytes32", "string", "function", "uint7"]
)


def _types(depth: int) -> st.SearchStrategy[dict[str, Json]]:
    suffix = st.lists(st.sampled_from(["[]", "[2]", "[1]", "[0]", "[01]"]), max_size=3).map("".join)
    leaf = st.builds(lambda t, s, n: param(t + s, n), _elementary, suffix, _names)
    if depth == 0:
        return leaf
    tuple_ = st.builds(
        lambda comps, s, n: param("tuple" + s, n, components=comps),
        st.lists(_types(depth - 1), min_size=1, max_size=3),
        suffix,
        _names,
    )
    return st.one_of(leaf, tuple_)


_hostile_values = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5), st.just({})
)


@st.composite
def _entries(draw: st.DrawFn) -> Json:
    kind = draw(st.sampled_from(["function", "event", "error", "constructor", "fallback"]))
    item: dict[str, Json] = {"type": kind, "inputs": draw(st.lists(_types(3), max_size=3))}
    if kind in ("function", "event", "error"):
        item["name"] = draw(_names)
    if kind == "function":
        item["outputs"] = draw(st.lists(_types(2), max_size=2))
        item["stateMutability"] = draw(st.sampled_from(["view", "payable", "nonpayable"]))
    if kind == "event":
        for position, value in enumerate(item["inputs"]):
            value["indexed"] = position == 0
    if draw(st.integers(0, 9)) == 0:  # now and then a wrong shape somewhere
        key = draw(st.sampled_from(["inputs", "name", "type", "stateMutability", "outputs"]))
        item[key] = draw(_hostile_values)
    return item


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(abi=st.lists(_entries(), min_size=1, max_size=6))
def test_generated_hostile_abis(abi: Json, runs: Runs) -> None:
    runs.generate(abi)
    runs.import_all()
