"""Shared test setup: the golden bindings are importable as `bindings.<name>`, and the node
fixtures (one anvil per session; every test using `node` runs over HTTP and over IPC)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import abigen
from abigen.devnode import Anvil

GOLDEN = Path(__file__).parent / "golden"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))


@pytest.fixture(scope="session")
def anvil() -> Iterator[Anvil]:
    with Anvil() as node:
        yield node


@pytest.fixture(scope="session", params=["http", "ipc"])
def node(request: pytest.FixtureRequest, anvil: Anvil) -> abigen.Node:
    return abigen.connect(anvil.http_url if request.param == "http" else anvil.ipc_path)


@pytest.fixture(scope="session")
def accounts(node: abigen.Node) -> list[str]:
    return list(node.accounts)


@pytest.fixture(scope="session")
def alice(accounts: list[str]) -> str:
    return accounts[0]


@pytest.fixture(scope="session")
def bob(accounts: list[str]) -> str:
    return accounts[1]


@pytest.fixture(scope="session")
def carol(accounts: list[str]) -> str:
    return accounts[2]
