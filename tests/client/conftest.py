"""Fixtures for the client CLI tests: the session anvil (tests/conftest.py) as a `Target` over
HTTP and over IPC, and contracts deployed in-process per target."""

from __future__ import annotations

import pytest
from clientkit import Target

import abigen
from abigen.devnode import Anvil


@pytest.fixture(scope="session", params=["http", "ipc"])
def target(request: pytest.FixtureRequest, anvil: Anvil) -> Target:
    rpc = anvil.http_url if request.param == "http" else anvil.ipc_path
    node = abigen.connect(rpc)
    return Target(request.param, rpc, node, tuple(node.accounts))


@pytest.fixture(scope="session")
def zoo(target: Target) -> str:
    """A TypeZoo (seed 42, label "zoo", 7 wei) for read-only calls and reverts."""
    return target.deploy("TypeZoo", ["uint256", "string"], 42, "zoo", value=7)


@pytest.fixture(scope="session")
def edge(target: Target) -> str:
    """An EdgeCases: Config(owner=alice, id=1, str="s", list=[1, 2]), value 5, node bob."""
    config = (target.alice, 1, "s", [1, 2])
    return target.deploy(
        "EdgeCases",
        ["(address,uint256,string,uint256[])", "uint256", "address"],
        config,
        5,
        target.bob,
    )
