"""Side by side with go-ethereum's abigen (v1.17.10, built by `make install` into .cache/tools/bin)
on the same inputs: every ABI in the real-world corpus, extracted to its own `.abi` file.

1. Acceptance: go-ethereum's abigen runs once per ABI (`--abi F --pkg x --type <contract>
   --out F.go`, its default v1 bindings); ours is checked in this process with the real
   pipeline (`abigen.generate.run`, as tests/corpus/test_per_file.py does: `--abi F --pkg x`),
   every output formatted by ruff together at the end. Refusals are grouped by message pattern.
2. Timing: a fixed sample of each tree's ABIs (every k-th in path order), each run as a real
   process by both tools (ours: `abigen --abi F --pkg x --out F.py`), two processes at a time,
   the two tools interleaved so machine noise hits both alike; and ours once over each whole
   tree (`abigen --abi <tree root> --pkg <pkg> --out DIR`), also two at a time.

Run from the repo root with `make bench`, or `.venv/bin/python tests/bench/compare_goabigen.py
[--sample N] [--json PATH]`. It reports, it does not gate: only a missing tool or corpus exits
non-zero.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "corpus"))

from corpus_artifacts import TREES, abi_entries, abi_files, read_json  # noqa: E402
from corpus_runs import generate_each  # noqa: E402

GO_ABIGEN = REPO / ".cache" / "tools" / "bin" / "abigen"
OURS = Path(sys.executable).parent / "abigen"
JSON_OUT = REPO / ".cache" / "compare-goabigen.json"
JOBS = 2  # this machine's cores
SAMPLE = 20  # timed ABIs per tree: all ~1,600 as our processes would take ~4 minutes alone
EXAMPLES = 3  # per refusal pattern


@dataclass
class Unit:
    """One contract's ABI: where it came from, and the `.abi` file both tools read."""

    tree: str
    origin: str  # file relative to the tree root, plus ":path:Name" inside a combined JSON
    name: str  # a Go identifier for --type
    path: Path
    go_error: str | None = None  # None: go-ethereum's abigen generated
    our_error: str | None = None  # None: ours generated
    timed: dict[str, float] = field(default_factory=dict[str, float])  # tool -> wall seconds
    process_error: str | None = None  # ours as a process, when timed


def go_identifier(name: str) -> str:
    ident = re.sub(r"\W", "_", name, flags=re.ASCII)
    return ident if ident[:1].isalpha() else f"C{ident}"


def extract(folder: Path) -> list[Unit]:
    """Every ABI of every ABI-bearing corpus file, written out as a bare `.abi` array."""
    units: list[Unit] = []
    for tree in TREES.values():
        for path in abi_files(tree.root):
            data = read_json(path)
            for where, abi in abi_entries(data):
                if isinstance(abi, str):  # older solc wrote the ABI as a JSON string
                    abi = json.loads(abi)
                named = data.get("contractName") if isinstance(data, dict) else None
                name = go_identifier(where.rpartition(":")[2] or named or path.stem)
                target = folder / tree.id / f"{len(units):04d}-{name}.abi"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(abi), encoding="utf-8")
                origin = str(path.relative_to(tree.root)) + (f":{where}" if where else "")
                units.append(Unit(tree.id, origin, name, target))
    return units


def go_args(unit: Unit) -> list[str]:
    return [str(GO_ABIGEN), "--abi", str(unit.path), "--pkg", "x", "--type", unit.name]


def our_args(unit: Unit) -> list[str]:
    return [str(OURS), "--abi", str(unit.path), "--pkg", "x", "--out", f"{unit.path}.py"]


def invoke(args: Sequence[str]) -> tuple[float, str | None]:
    """Wall time and the refusal (last stderr line), None when the tool exited 0."""
    start = time.perf_counter()
    run = subprocess.run(args, capture_output=True, text=True, check=False, timeout=600)
    seconds = time.perf_counter() - start
    lines = run.stderr.strip().splitlines() or [f"exit {run.returncode}, no message"]
    return seconds, None if run.returncode == 0 else lines[-1]


def in_pairs(jobs: Iterable[Callable[[], None]]) -> None:
    with ThreadPoolExecutor(JOBS) as pool:
        for future in [pool.submit(job) for job in jobs]:
            future.result()


def check_go(units: Sequence[Unit]) -> None:
    def job(unit: Unit) -> Callable[[], None]:
        def run() -> None:
            _, unit.go_error = invoke([*go_args(unit), "--out", f"{unit.path}.go"])

        return run

    in_pairs(job(u) for u in units)


def check_ours(units: Sequence[Unit]) -> None:
    run = generate_each([u.path for u in units])
    unformatted = {line.split(": ", 1)[0]: line for line in run.unformatted}
    for unit, result in zip(units, run.results, strict=True):
        if result.internal is not None:
            unit.our_error = f"crash: {result.internal}"
        elif result.errors:
            unit.our_error = result.errors[0]
        elif str(unit.path) in unformatted:
            unit.our_error = f"unformatted: {unformatted[str(unit.path)]}"


def sample(units: Sequence[Unit], size: int) -> list[Unit]:
    """Every k-th ABI in path order: the same sample on every run."""
    step = max(1, len(units) // size)
    return list(units[::step][:size])


def time_both(units: Sequence[Unit]) -> None:
    """Both tools as real processes, interleaved (go, ours, go, ours...) two at a time."""
    invoke(our_args(units[0]))  # warm-up: page cache, .pyc files (go ran in acceptance)

    def job(unit: Unit, tool: str) -> Callable[[], None]:
        def run() -> None:
            if tool == "go":
                unit.timed["go"], _ = invoke([*go_args(unit), "--out", f"{unit.path}.t.go"])
            else:
                unit.timed["ours"], unit.process_error = invoke(our_args(unit))

        return run

    in_pairs(job(u, tool) for u in units for tool in ("go", "ours"))


def time_trees(out: Path) -> dict[str, tuple[float, int, list[str]]]:
    """Ours over each whole tree: wall seconds, exit code, stderr lines."""
    results: dict[str, tuple[float, int, list[str]]] = {}

    def job(tree: str) -> Callable[[], None]:
        def run() -> None:
            args = [str(OURS), "--abi", str(TREES[tree].root), "--pkg", TREES[tree].pkg]
            start = time.perf_counter()
            done = subprocess.run(
                [*args, "--out", f"{out / tree}/"], capture_output=True, text=True, timeout=600
            )
            lines = done.stderr.strip().splitlines()
            results[tree] = (time.perf_counter() - start, done.returncode, lines)

        return run

    # Largest first, so the two workers finish close together.
    by_size = sorted(TREES, key=lambda t: -sum(1 for _ in TREES[t].root.rglob("*.json")))
    in_pairs(job(t) for t in by_size)
    return results


def pattern(message: str, unit: Unit) -> str:
    """A refusal with its specifics masked, so alike refusals group together."""
    text = message.replace(str(unit.path), "<file>").replace(str(unit.path.parent), "<dir>")
    text = re.sub(r"\"[^\"]*\"|'[^']*'|`[^`]*`", "'…'", text)
    text = re.sub(r"0x[0-9a-fA-F]+", "0x…", text)
    return re.sub(r"\d+", "N", text)


def grouped(units: Sequence[Unit], error: Callable[[Unit], str | None]) -> list[dict[str, Any]]:
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        message = error(unit)
        if message is not None:
            groups[pattern(message, unit)].append(unit)
    return [
        {
            "pattern": key,
            "count": len(members),
            "examples": [
                {"tree": u.tree, "origin": u.origin, "message": error(u)}
                for u in members[:EXAMPLES]
            ],
        }
        for key, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def ms(values: Sequence[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def summarise(
    units: Sequence[Unit], trees: dict[str, tuple[float, int, list[str]]]
) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {}
    for tree in [*TREES, "overall"]:
        members = [u for u in units if tree in (u.tree, "overall")]
        timed = [u for u in members if u.timed]
        go_times = [u.timed["go"] for u in timed]
        our_times = [u.timed["ours"] for u in timed]
        if tree == "overall":
            whole = sum(seconds for seconds, _, _ in trees.values())
        else:
            whole = trees[tree][0]
        rows[tree] = {
            "abis": len(members),
            "go_accepts": sum(u.go_error is None for u in members),
            "ours_accepts": sum(u.our_error is None for u in members),
            "sampled": len(timed),
            "go_ms_median": ms(go_times),
            "go_s_total": sum(go_times),
            "ours_ms_median": ms(our_times),
            "ours_s_total": sum(our_times),
            "ours_whole_tree_s": whole,
            "ours_whole_tree_ms_per_abi": whole * 1000 / len(members),
        }
    for tree, (_, code, lines) in trees.items():
        rows[tree]["ours_whole_tree_exit"] = code
        rows[tree]["ours_whole_tree_errors"] = [line for line in lines if line]
    return rows


def print_report(
    units: Sequence[Unit], rows: dict[str, dict[str, Any]], size: int, seconds: float
) -> dict[str, Any]:
    print(
        f"\ngo-ethereum abigen v1.17.10 vs ours over the corpus: {len(units)} ABIs "
        f"(one per contract in each ABI-bearing file), each extracted to a bare .abi file"
    )
    print(
        f"acceptance: all ABIs (go: one process each; ours: in-process pipeline + one ruff pass)."
        f"\ntiming: a fixed sample of up to {size} ABIs per tree (every k-th in path order), "
        f"each as one process per tool,\n  wall time per invocation with {JOBS} processes at a "
        f"time, the tools interleaved; whole-tree: ours once per tree,\n  {JOBS} trees at a "
        f"time, wall time / the tree's ABIs."
    )
    head = (
        f"{'tree':22}{'ABIs':>6}{'go ok':>7}{'ours ok':>8}{'timed':>7}"
        f"{'go ms':>8}{'go s':>7}{'ours ms':>9}{'ours s':>8}{'tree ms':>9}"
    )
    print(
        f"\n{'':50}{'per invocation, median / sample total':^39}{'whole':>9}\n{head}\n"
        + "-" * len(head)
    )
    for tree, row in rows.items():
        if tree == "overall":
            print("-" * len(head))
        print(
            f"{tree:22}{row['abis']:6}{row['go_accepts']:7}{row['ours_accepts']:8}"
            f"{row['sampled']:7}{row['go_ms_median']:8.1f}{row['go_s_total']:7.2f}"
            f"{row['ours_ms_median']:9.1f}{row['ours_s_total']:8.2f}"
            f"{row['ours_whole_tree_ms_per_abi']:9.1f}"
        )
    overall = rows["overall"]
    print(
        f"\noverall: go-ethereum accepts {overall['go_accepts']}/{overall['abis']}, ours "
        f"{overall['ours_accepts']}/{overall['abis']}; per invocation (median) go "
        f"{overall['go_ms_median']:.1f} ms, ours {overall['ours_ms_median']:.1f} ms "
        f"({overall['ours_ms_median'] / overall['go_ms_median']:.1f}x); ours over whole trees "
        f"{overall['ours_whole_tree_ms_per_abi']:.1f} ms per ABI "
        f"({overall['ours_whole_tree_s']:.1f} s for all)"
    )
    for tree, row in rows.items():
        if tree != "overall" and row["ours_whole_tree_exit"] != 0:
            errors = row["ours_whole_tree_errors"]
            print(f"  whole-tree run over {tree} exited {row['ours_whole_tree_exit']}: {errors}")

    report: dict[str, Any] = {"trees": rows, "seconds": seconds, "sample_per_tree": size}
    report["refusals"] = {
        "go": grouped(units, lambda u: u.go_error),
        "ours": grouped(units, lambda u: u.our_error),
    }
    for tool, label in (("go", "go-ethereum's abigen"), ("ours", "ours")):
        groups = report["refusals"][tool]
        print(f"\nrefused by {label}: {sum(g['count'] for g in groups)} ABIs")
        for group in groups:
            print(f"  {group['count']:4} x {group['pattern'][:200]}")
            for example in group["examples"]:
                print(f"         {example['tree']}/{example['origin']}")
    splits = {
        "go_only": [u for u in units if u.go_error is None and u.our_error is not None],
        "ours_only": [u for u in units if u.our_error is None and u.go_error is not None],
    }
    report["disagreements"] = {
        key: [
            {"tree": u.tree, "origin": u.origin, "go": u.go_error, "ours": u.our_error}
            for u in members
        ]
        for key, members in splits.items()
    }
    for key, label in (
        ("go_only", "go-ethereum accepts, ours refuses"),
        ("ours_only", "ours accepts, go-ethereum refuses"),
    ):
        members = splits[key]
        print(f"\n{label}: {len(members)}")
        for unit in members:
            refusal = unit.our_error if key == "go_only" else unit.go_error
            print(f"  {unit.tree}/{unit.origin}\n      {refusal}")
    # The in-process check stands in for the CLI: the timed processes must agree with it.
    mismatched = [
        u for u in units if u.timed and (u.process_error is None) != (u.our_error is None)
    ]
    report["process_vs_in_process_mismatches"] = [u.origin for u in mismatched]
    timed_count = sum(1 for u in units if u.timed)
    if mismatched:
        print(f"\nWARNING: {len(mismatched)} timed ABIs where our CLI and in-process run differ:")
        for unit in mismatched:
            print(f"  {unit.tree}/{unit.origin}: cli {unit.process_error}, run {unit.our_error}")
    else:
        print(f"\nour CLI agreed with the in-process check on all {timed_count} timed ABIs")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sample", type=int, default=SAMPLE, help="timed ABIs per tree")
    parser.add_argument("--json", metavar="PATH", default=str(JSON_OUT), help="figures as JSON")
    args = parser.parse_args(argv)
    if not GO_ABIGEN.is_file():
        print(f"go-ethereum's abigen is missing ({GO_ABIGEN}): run `make install` with Go on PATH")
        return 2
    missing = [t.id for t in TREES.values() if not t.root.is_dir()]
    if missing:
        print(f"corpus trees missing ({', '.join(missing)}): run `make install`")
        return 2
    # Other work on the machine slows both tools; the load average says how much there was.
    load = {"start": os.getloadavg()[0]}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="compare-goabigen-") as tmp:
        units = extract(Path(tmp) / "abi")
        phases = {"extract": time.perf_counter() - start}
        check_go(units)
        phases["go acceptance"] = time.perf_counter() - start - sum(phases.values())
        check_ours(units)
        phases["ours acceptance"] = time.perf_counter() - start - sum(phases.values())
        timed = [
            u for tree in TREES for u in sample([u for u in units if u.tree == tree], args.sample)
        ]
        time_both(timed)
        phases["sample timing"] = time.perf_counter() - start - sum(phases.values())
        trees = time_trees(Path(tmp) / "trees")
        phases["whole trees"] = time.perf_counter() - start - sum(phases.values())
    rows = summarise(units, trees)
    seconds = time.perf_counter() - start
    report = print_report(units, rows, args.sample, seconds)
    report["phases_s"] = phases
    load["end"] = os.getloadavg()[0]
    report["load_average_1min"] = load
    print(
        f"\nreport took {seconds:.0f} s: "
        + ", ".join(f"{name} {value:.0f} s" for name, value in phases.items())
        + f"; 1-minute load average {load['start']:.1f} at the start, {load['end']:.1f} at the end"
    )
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
