"""What the corpus tests run: abigen over whole trees (the real CLI), the import check, mypy and
pyright over everything generated, and the per-file generation of every ABI-bearing file.

Generation and type checks run over every tree the session selected, at once (one mypy and one
pyright process for all of them: each startup analyses the stdlib and abigen's runtime again),
so `pytest tests/corpus -k optimism-bedrock` generates and checks that one tree only.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpus_artifacts import ROOT, TREES

import abigen.generate
from abigen.generate import GenerationError, Request
from abigen.output import OutputError, finish

ABIGEN = Path(sys.executable).parent / "abigen"
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
RUFF = Path(sys.executable).parent / "ruff"
JOBS = 2  # this machine's cores


@dataclass(frozen=True)
class TypeChecks:
    mypy_errors: dict[str, list[str]]  # package -> "file:line: error: ..." lines
    pyright_errors: dict[str, list[str]]
    broken: str | None  # a checker failed as a whole (crashed, stopped early): every tree fails
    seconds: dict[str, float]  # "mypy", "pyright": wall time (they run side by side)


class Corpus:
    """The session's generated output: one package per tree under `out`, made on first use."""

    def __init__(self, out: Path, selected: Sequence[str]) -> None:
        self.out = out
        self.selected = list(selected)
        self.runs: dict[str, subprocess.CompletedProcess[str]] = {}
        self.seconds: dict[str, float] = {}  # tree -> generation wall time
        self._type_checks: TypeChecks | None = None

    def run(self, tree: str) -> subprocess.CompletedProcess[str]:
        """abigen --abi <tree root> --pkg <pkg> --out <out>: the real console script."""
        if tree not in self.runs:
            missing = [t for t in dict.fromkeys([*self.selected, tree]) if t not in self.runs]
            with ThreadPoolExecutor(JOBS) as pool:
                for name, (run, seconds) in zip(
                    missing, pool.map(self._generate, missing), strict=True
                ):
                    self.runs[name], self.seconds[name] = run, seconds
        return self.runs[tree]

    def _generate(self, tree: str) -> tuple[subprocess.CompletedProcess[str], float]:
        if not TREES[tree].root.is_dir():
            pytest.fail(f"corpus tree {TREES[tree].root} is missing: run `make install`")
        args = [str(ABIGEN), "--abi", str(TREES[tree].root), "--pkg", TREES[tree].pkg]
        start = time.perf_counter()
        run = subprocess.run(
            [*args, "--out", str(self.out)], capture_output=True, text=True, timeout=600
        )
        return run, time.perf_counter() - start

    def package(self, tree: str) -> Path:
        self.run(tree)
        return self.out / TREES[tree].pkg

    def type_checks(self) -> TypeChecks:
        """mypy --strict and pyright --strict over every selected tree's output, side by side."""
        if self._type_checks is None:
            for tree in self.selected:
                self.run(tree)
            packages = [
                TREES[t].pkg for t in self.selected if (self.package(t) / "__init__.py").is_file()
            ]
            self._type_checks = _type_check(self.out, packages)
        return self._type_checks


def _type_check(out: Path, packages: list[str]) -> TypeChecks:
    if not packages:
        return TypeChecks({}, {}, None, {})
    config = out / "pyrightconfig.json"  # cwd is `out`: no config file of ours applies there
    config.write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.10"}))
    pyright_args = ["-p", str(config), "--pythonpath", sys.executable, "--outputjson"]
    start = time.perf_counter()
    pyright = subprocess.Popen(
        [str(PYRIGHT), *pyright_args, *packages], cwd=out, stdout=subprocess.PIPE, text=True
    )
    # A cold cache in the session's folder, as on a fresh clone: mypy finishes well before
    # pyright (27 s against 130 s for 800 modules), so a kept cache would not shorten the run.
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10"]
        + ["--cache-dir", str(out / ".mypy_cache"), "--no-error-summary"]
        + [arg for pkg in packages for arg in ("-p", pkg)],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = {"mypy": time.perf_counter() - start}
    report_text = pyright.communicate(timeout=1800)[0]
    seconds["pyright"] = time.perf_counter() - start
    broken = None
    mypy_errors: dict[str, list[str]] = {pkg: [] for pkg in packages}
    for line in mypy.stdout.splitlines():
        pkg = line.split("/", 1)[0]
        if ": error:" in line and pkg in mypy_errors:
            mypy_errors[pkg].append(line)
    if mypy.returncode not in (0, 1) or "prevented further checking" in mypy.stdout:
        broken = f"mypy stopped (exit {mypy.returncode}): {(mypy.stdout + mypy.stderr)[-2000:]}"
    elif mypy.returncode == 1 and not any(mypy_errors.values()):
        broken = f"mypy failed without a file error: {(mypy.stdout + mypy.stderr)[-2000:]}"
    pyright_errors: dict[str, list[str]] = {pkg: [] for pkg in packages}
    try:
        report = json.loads(report_text)
    except json.JSONDecodeError:
        broken = f"pyright exited {pyright.returncode} without a report: {report_text[-2000:]}"
    else:
        for d in report["generalDiagnostics"]:
            if d["severity"] != "error":
                continue
            where = Path(d["file"]).relative_to(out)
            pyright_errors.setdefault(where.parts[0], []).append(
                f"{where}:{d['range']['start']['line'] + 1}: {d['message']} ({d.get('rule')})"
            )
    return TypeChecks(mypy_errors, pyright_errors, broken, seconds)


# Run in a subprocess per tree, so a thousand generated modules stay out of the test process.
IMPORT_ALL = """
import importlib, json, pkgutil, sys
from abigen import runtime as rt

sys.path.insert(0, sys.argv[1])
name = sys.argv[2]
failures, classes = [], 0
package = importlib.import_module(name)
for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
    qualified = f"{name}.{info.name}"
    try:
        module = importlib.import_module(qualified)
    except Exception as exc:
        failures.append(f"{qualified}: {type(exc).__name__}: {exc}")
        continue
    classes += sum(
        isinstance(v, type) and issubclass(v, (rt.Contract, rt.AsyncContract)) and v.__module__ == qualified
        for v in vars(module).values()
    )
exported = list(getattr(package, "__all__", []))
failures += [f"{name}.{e} is not a class" for e in exported if not isinstance(getattr(package, e, None), type)]
print(json.dumps({"failures": failures, "classes": classes, "exported": len(exported)}))
"""


@dataclass(frozen=True)
class Imported:
    failures: list[str]  # one per module that does not import (or __all__ entry that is no class)
    classes: int  # contract classes the modules define
    exported: int  # names in the package's __all__
    seconds: float


def import_all(out: Path, pkg: str) -> Imported:
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, str(out), pkg],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        return Imported([f"package {pkg} does not import: {run.stderr[-2000:]}"], 0, 0, seconds)
    found = json.loads(run.stdout)
    return Imported(found["failures"], found["classes"], found["exported"], seconds)


def ruff_findings(out: Path, pkg: str) -> list[str]:
    """The project's own ruff rules (pyproject.toml) over a package: README says it passes."""
    options = ["--config", str(ROOT / "pyproject.toml"), "--output-format", "concise", "--no-cache"]
    run = subprocess.run(
        [str(RUFF), "check", *options, pkg], cwd=out, capture_output=True, text=True, check=False
    )
    return [line for line in run.stdout.splitlines() if line.startswith(pkg)]


# ---- per-file generation ----

# What a well-formed refusal of an invalid ABI says: the parser's location of the entry.
ENTRY = re.compile(r"\bentry \d+\b")


@dataclass(frozen=True)
class FileResult:
    path: Path
    errors: list[str]  # abigen's messages ([] when it generated); a raised one counts too
    internal: str | None = None  # an exception other than GenerationError: a crash

    @property
    def generated(self) -> bool:
        return not self.errors and self.internal is None

    @property
    def well_refused(self) -> bool:
        """An invalid ABI, refused in one line naming the file and the entry."""
        return self.internal is None and all(
            "\n" not in e and str(self.path) in e and ENTRY.search(e) for e in self.errors
        )


@dataclass(frozen=True)
class PerFile:
    results: list[FileResult]
    unformatted: list[str]  # files whose output ruff could not format (does not parse)
    modules: int  # modules rendered, over all files
    seconds: dict[str, float] = field(default_factory=dict[str, float])

    @property
    def generated(self) -> int:
        return sum(r.generated for r in self.results)


@contextmanager
def _collected(into: dict[str, str], prefix: Callable[[], str]) -> Iterator[None]:
    """Replace the pipeline's final formatting pass with a collector: ruff runs as one
    subprocess per call, and one call for thousands of files costs about what one file does."""

    def collect(sources: Mapping[str, str]) -> dict[str, str]:
        into.update({f"{prefix()}/{name}": text for name, text in sources.items()})
        return dict(sources)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(abigen.generate, "finish", collect)
        yield


def generate_each(files: Sequence[Path]) -> PerFile:
    """Each file as `abigen --abi FILE --pkg x` sees it: the same pipeline (abigen.generate.run),
    in this process, with every output formatted together at the end by abigen's `finish`."""
    rendered: dict[str, str] = {}
    results: list[FileResult] = []
    start = time.perf_counter()
    with _collected(rendered, lambda: f"f{len(results):05d}"):
        for path in files:
            try:
                output = abigen.generate.run(Request(str(path), "x"))
                results.append(FileResult(path, list(output.errors)))
            except GenerationError as exc:
                results.append(FileResult(path, [str(exc)]))
            except Exception as exc:  # a crash is a finding to report, not a reason to stop
                results.append(FileResult(path, [], f"{type(exc).__name__}: {exc}"))
    seconds = {"generate": time.perf_counter() - start}
    start = time.perf_counter()
    unformatted: list[str] = []
    try:
        finish(rendered)
    except OutputError:
        # Only on failure: format file by file to name the culprits.
        groups: dict[str, dict[str, str]] = {}
        for key, text in rendered.items():
            groups.setdefault(key.split("/", 1)[0], {})[key] = text
        for group, texts in groups.items():
            try:
                finish(texts)
            except OutputError as exc:
                unformatted.append(f"{results[int(group[1:])].path}: {exc}")
    seconds["format"] = time.perf_counter() - start
    return PerFile(results, unformatted, len(rendered), seconds)
