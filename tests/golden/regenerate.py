"""Regenerate the golden bindings (`make golden`); test_golden.py fails when they drift.

The e2e and typing suites import these very files, so what is tested is what is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from abigen.generate import Request, generate
from abigen.output import write_atomically

ROOT = Path(__file__).resolve().parents[2]
BINDINGS = Path(__file__).resolve().parent / "bindings"
BUILD = ROOT / "contracts" / "build"

# module name -> generation request (paths relative to the repo root, as a user would type them)
CASES = {
    "token": Request("contracts/build/Token.abi", "token", "Token", "contracts/build/Token.bin"),
    "type_zoo": Request(
        "contracts/build/TypeZoo.abi", "type_zoo", "TypeZoo", "contracts/build/TypeZoo.bin"
    ),
}


def expected() -> dict[Path, str]:
    return {BINDINGS / f"{name}.py": generate(request) for name, request in CASES.items()}


def main() -> int:
    files = expected()
    write_atomically(files)
    for path in files:
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
