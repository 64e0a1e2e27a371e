"""Regenerate the golden bindings (`make golden`); test_golden.py fails when they drift.

The e2e and typing suites import these very files, so what is tested is what is committed:
two single modules (the README's Token, the all-types TypeZoo), a module from a hand-written
ABI with the Python names Solidity refuses, a package of every compiled fixture, and a package
of a small project tree (tests/fixtures/tree) that shows the naming rules.
"""

from __future__ import annotations

import sys
from pathlib import Path

from abigen.generate import Request, generate, run
from abigen.output import write_atomically

ROOT = Path(__file__).resolve().parents[2]
BINDINGS = Path(__file__).resolve().parent / "bindings"
BUILD = ROOT / "contracts" / "build"

# module name -> request (paths relative to the repo root, as a user would type them)
MODULES = {
    "token": Request("contracts/build/Token.abi", "token", "Token", "contracts/build/Token.bin"),
    "type_zoo": Request(
        "contracts/build/TypeZoo.abi", "type_zoo", "TypeZoo", "contracts/build/TypeZoo.bin"
    ),
    "python_names": Request("tests/fixtures/abis/python_names.json", "python_names", "PythonNames"),
}
# package name -> request: every artifact in contracts/build, in one run; and a project tree
# whose names need every naming rule (same-named contracts, compiler versions, clashes).
PACKAGES = {
    "fixtures": Request(["contracts/build"], "fixtures"),
    "tree": Request(["tests/fixtures/tree"], "tree"),
}


def expected() -> dict[Path, str]:
    files = {BINDINGS / f"{name}.py": generate(request) for name, request in MODULES.items()}
    for name, request in PACKAGES.items():
        result = run(request)
        if result.errors:
            raise SystemExit("\n".join(result.errors))
        files.update({BINDINGS / name / path: text for path, text in result.package.items()})
    return files


def main() -> int:
    files = expected()
    for folder in {path.parent for path in files}:
        folder.mkdir(exist_ok=True)
    write_atomically(files)
    for path in sorted(files):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
