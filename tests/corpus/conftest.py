"""Corpus fixtures: the four packages generated once per session (node fixtures: tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from corpus_artifacts import PACKAGES, Generated

ABIGEN = Path(sys.executable).parent / "abigen"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    missing = [str(p) for p in PACKAGES.values() if not p.is_dir()]
    if missing:
        pytest.fail(f"corpus not fetched ({', '.join(missing)}): run `make install`")
    out = tmp_path_factory.mktemp("corpus")
    # The real CLI, one process per package, all at once: this machine has 2 cores.
    procs = {
        pkg: subprocess.Popen(
            [str(ABIGEN), "--abi", str(folder), "--pkg", pkg, "--out", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for pkg, folder in PACKAGES.items()
    }
    runs = {}
    for pkg, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=120)
        runs[pkg] = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    return Generated(out, runs)
