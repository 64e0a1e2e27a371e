"""Fixtures for the client CLI tests: the session's anvil and geth (tests/conftest.py) as a
`Target` over HTTP and over IPC, and contracts deployed in-process per target."""

from __future__ import annotations

import pytest
from clientkit import Target
from devkeys import ADDRESSES, FUNDED

import abigen
from abigen.devnode import DevNode


@pytest.fixture(scope="session", params=["http", "ipc"])
def target(request: pytest.FixtureRequest, devnode: DevNode, on_geth: bool) -> Target:
    """The session's anvil or geth (tests/conftest.py) over one transport. geth manages one
    account (alice); the others are anvil's addresses, as local keys geth's account funded."""
    rpc = devnode.http_url if request.param == "http" else devnode.ipc_path
    node = abigen.connect(rpc)
    accounts = (node.accounts[0], *ADDRESSES[1:])
    return Target(request.param, rpc, node, accounts, devnode.chain_id, FUNDED if on_geth else {})


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
