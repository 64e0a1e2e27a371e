"""Shared test setup: the golden bindings are importable as `bindings.<name>`, and the node
fixtures: one anvil and one geth --dev per session; every test using `node` runs on both nodes,
over HTTP and over IPC.

Where the nodes differ for the suites: geth --dev has one unlocked account (anvil ten), so on
geth `bob`, `carol` and the others are local keys its account funds (the same addresses as
anvil's accounts 1-9, tests/devkeys.py), and a test sends from them with `bob_sender` /
`carol_sender`, which sign locally on geth.
Without a geth binary (no Go toolchain at `make install`) the geth half is skipped with a
notice, unless ABIGEN_REQUIRE_GETH is set, as .ci/run does: then it fails.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from devkeys import FUNDED, KEYS  # tests/ is on sys.path (rootdir conftest)
from eth_account import Account
from eth_account.signers.local import LocalAccount

import abigen
from abigen.devnode import Anvil, DevNode, Geth, GethNotFound, find_geth
from abigen.runtime.tx import Transaction

GOLDEN = Path(__file__).parent / "golden"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

NODES = ("anvil", "geth")
BOB_KEY, CAROL_KEY = KEYS[1], KEYS[2]
FUNDING = 10**22  # wei each: plenty for every suite


@pytest.fixture(scope="session")
def anvil() -> Iterator[Anvil]:
    with Anvil() as node:
        yield node


@pytest.fixture(scope="session")
def geth() -> Iterator[Geth]:
    try:
        find_geth()
    except GethNotFound as exc:
        if os.environ.get("ABIGEN_REQUIRE_GETH"):
            pytest.fail(f"geth is required here (ABIGEN_REQUIRE_GETH): {exc}")
        pytest.skip(f"geth suites skipped: {exc}")
    with Geth() as node:
        _fund(abigen.connect(node.ipc_path), *FUNDED.values())
        yield node


def _fund(node: abigen.Node, *keys: str) -> None:
    (dev,) = node.accounts  # geth --dev: the one unlocked account
    for key in keys:
        _send_value(node, dev, Account.from_key(key).address, FUNDING)


def _send_value(node: abigen.Node, sender: str, to: str, wei: int) -> None:
    call = {"from": sender, "to": to, "value": hex(wei)}
    tx_hash = node.request("eth_sendTransaction", [call])
    Transaction(node, tx_hash, call, {}, {}).wait()  # geth seals asynchronously


@pytest.fixture(scope="session")
def fund(node: abigen.Node, alice: str) -> Callable[[str, int], None]:
    """Send `wei` to an address from the first node account: gas money for a new local key
    on any node (anvil_setBalance exists on anvil only)."""
    return lambda address, wei: _send_value(node, alice, address, wei)


@pytest.fixture(scope="session", params=NODES)
def devnode(request: pytest.FixtureRequest) -> DevNode:
    node: DevNode = request.getfixturevalue(request.param)
    return node


@pytest.fixture(scope="session", params=["http", "ipc"])
def node(request: pytest.FixtureRequest, devnode: DevNode) -> abigen.Node:
    return abigen.connect(devnode.http_url if request.param == "http" else devnode.ipc_path)


@pytest.fixture(scope="session")
def on_geth(devnode: DevNode) -> bool:
    return isinstance(devnode, Geth)


@pytest.fixture(scope="session")
def alice(node: abigen.Node) -> str:
    return node.accounts[0]


@pytest.fixture(scope="session")
def bob() -> str:
    return Account.from_key(BOB_KEY).address


@pytest.fixture(scope="session")
def carol() -> str:
    return Account.from_key(CAROL_KEY).address


@pytest.fixture(scope="session")
def bob_sender(on_geth: bool, bob: str) -> str | LocalAccount:
    """Who sends as bob: his node-managed account on anvil, his local key on geth."""
    return Account.from_key(BOB_KEY) if on_geth else bob


@pytest.fixture(scope="session")
def carol_sender(on_geth: bool, carol: str) -> str | LocalAccount:
    return Account.from_key(CAROL_KEY) if on_geth else carol
