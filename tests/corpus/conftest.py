"""Corpus fixtures: the four packages generated once per session, and an anvil of our own.

The e2e conftest cannot be imported (tests/ has no __init__.py), so the node fixtures are
repeated here in the same shape: one anvil per session, each node test over HTTP and IPC.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_artifacts import PACKAGES, Generated

import abigen
from abigen.devnode import Anvil

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


@pytest.fixture(scope="session")
def anvil() -> Iterator[Anvil]:
    with Anvil() as node:
        yield node


@pytest.fixture(scope="session", params=["http", "ipc"])
def node(request: pytest.FixtureRequest, anvil: Anvil) -> abigen.Node:
    return abigen.connect(anvil.http_url if request.param == "http" else anvil.ipc_path)


@pytest.fixture(scope="session")
def alice(node: abigen.Node) -> str:
    return node.accounts[0]
