"""Whole-process timings of the CLI: generating all 166 OpenZeppelin 4.9.6 artifacts in one run,
and `abigen --help`. Whole processes, because that is what a user (or a Makefile) waits for:
interpreter start, imports, generation, ruff formatting, writing.

Run from the repo root with `make bench` (after `make install` fetched the corpus), or
`.venv/bin/python tests/corpus/bench_generate.py [--runs N] [--json PATH]`.
A benchmark reports, it does not gate: a missed target still exits 0; an error exits non-zero.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OZ = REPO / ".cache" / "corpus" / "openzeppelin" / "build" / "contracts"
ABIGEN = Path(sys.executable).parent / "abigen"
TARGETS = {"generate": 1.0, "help": 0.2}  # seconds, from issue 3


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def measure(args: list[str], runs: int) -> dict[str, float]:
    timed(args)  # warm-up: page cache, .pyc files
    samples = [timed(args) for _ in range(runs)]
    return {"min": min(samples), "median": statistics.median(samples)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not OZ.is_dir():
        parser.error(f"{OZ} is missing: run `make install` first")
    count = len(list(OZ.glob("*.json")))
    with tempfile.TemporaryDirectory() as out:
        # Same output folder each run: abigen rewrites the package in place.
        generate = [str(ABIGEN), "--abi", str(OZ), "--pkg", "oz", "--out", out]
        results = {
            "generate": measure(generate, args.runs),
            "help": measure([str(ABIGEN), "--help"], args.runs),
        }
    labels = {"generate": f"abigen over {count} OZ artifacts", "help": "abigen --help"}
    print(f"\nCLI as a whole process, {args.runs} runs after a warm-up")
    print(f"{'':34}{'min s':>8}{'median s':>10}{'target s':>10}")
    for key, figures in results.items():
        verdict = "PASS" if figures["median"] < TARGETS[key] else "MISS"
        print(
            f"{labels[key]:34}{figures['min']:8.3f}{figures['median']:10.3f}"
            f"{TARGETS[key]:10.2f}  {verdict}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
