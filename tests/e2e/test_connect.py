"""abigen.connect accepts every target the README promises, and refuses others clearly."""

from __future__ import annotations

import pytest
from bindings.token import Token
from web3 import HTTPProvider, IPCProvider, Web3

import abigen
from abigen.devnode import Anvil

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def deployed(anvil: Anvil) -> str:
    node = abigen.connect(anvil.http_url)
    return Token.deploy(node, "Gold", "GLD", 77, sender=node.accounts[0]).address


@pytest.mark.parametrize("form", ["ws", "web3", "http_provider", "ipc_provider", "path_object"])
def test_every_connection_form_reaches_the_node(anvil: Anvil, deployed: str, form: str) -> None:
    from pathlib import Path

    target: object = {
        "ws": anvil.ws_url,
        "web3": Web3(HTTPProvider(anvil.http_url)),
        "http_provider": HTTPProvider(anvil.http_url),
        "ipc_provider": IPCProvider(anvil.ipc_path),
        "path_object": Path(anvil.ipc_path),
    }[form]
    with abigen.connect(target) as node:
        assert node.chain_id == 31337
        assert Token(deployed, node).total_supply() == 77
        assert abigen.connect(node) is node


def test_ws_sends_transactions(anvil: Anvil, deployed: str) -> None:
    with abigen.connect(anvil.ws_url) as node:
        alice, bob = node.accounts[:2]
        receipt = Token(deployed, node).transfer(bob, 7, sender=alice).wait()
        assert receipt.status == 1
    node.close()  # a second close is harmless


def test_bad_targets_are_refused_with_a_reason() -> None:
    with pytest.raises(TypeError, match="cannot connect to int"):
        abigen.connect(8545)
    with pytest.raises(ValueError, match="unsupported scheme 'ftp'"):
        abigen.connect("ftp://example")
