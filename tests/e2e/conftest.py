"""One anvil per test session; every e2e test runs once over HTTP and once over IPC."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bindings.token import Token
from bindings.type_zoo import TypeZoo

import abigen
from abigen.devnode import Anvil


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


@pytest.fixture()
def token(node: abigen.Node, alice: str) -> Token:
    return Token.deploy(node, "Gold", "GLD", 1_000_000, sender=alice)


@pytest.fixture(scope="session")
def zoo(node: abigen.Node, alice: str) -> TypeZoo:
    return TypeZoo.deploy(node, 42, "zoo", sender=alice, value=7)
