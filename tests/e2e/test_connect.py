"""abigen.connect accepts every target the README promises, and refuses others clearly."""

from __future__ import annotations

import pytest
from bindings.token import Token
from web3 import HTTPProvider, IPCProvider, Web3

import abigen
from abigen.devnode import DevNode

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def deployed(devnode: DevNode) -> str:
    node = abigen.connect(devnode.http_url)
    return Token.deploy(node, "Gold", "GLD", 77, sender=node.accounts[0]).address


@pytest.mark.parametrize("form", ["ws", "web3", "http_provider", "ipc_provider", "path_object"])
def test_every_connection_form_reaches_the_node(devnode: DevNode, deployed: str, form: str) -> None:
    from pathlib import Path

    target: object = {
        "ws": devnode.ws_url,
        "web3": Web3(HTTPProvider(devnode.http_url)),
        "http_provider": HTTPProvider(devnode.http_url),
        "ipc_provider": IPCProvider(devnode.ipc_path),
        "path_object": Path(devnode.ipc_path),
    }[form]
    with abigen.connect(target) as node:
        assert node.chain_id == devnode.chain_id
        assert Token(deployed, node).total_supply() == 77
        assert abigen.connect(node) is node


def test_ws_sends_transactions(devnode: DevNode, deployed: str, bob: str) -> None:
    with abigen.connect(devnode.ws_url) as node:
        receipt = Token(deployed, node).transfer(bob, 7, sender=node.accounts[0]).wait()
        assert receipt.status == 1
    node.close()  # a second close is harmless


def test_bad_targets_are_refused_with_a_reason() -> None:
    with pytest.raises(TypeError, match="cannot connect to int"):
        abigen.connect(8545)
    with pytest.raises(ValueError, match="unsupported scheme 'ftp'"):
        abigen.connect("ftp://example")
