"""abigen.connect accepts every target the README promises, and refuses others clearly."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from bindings.token import Token
from web3 import HTTPProvider, IPCProvider, Web3

import abigen
from abigen.devnode import Anvil, DevNode, Geth

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


@pytest.mark.parametrize("kind", ["anvil", "geth"])
def test_deploys_on_a_node_just_started(kind: str, request: pytest.FixtureRequest) -> None:
    # geth answers receipt queries with "transaction indexing is in progress" for a moment
    # after it starts: a deploy sent at once must still wait its receipt out.
    request.getfixturevalue(kind)  # skips (or fails in CI) without a geth binary, like the rest
    with Geth() if kind == "geth" else Anvil() as fresh, abigen.connect(fresh.ipc_path) as node:
        token = Token.deploy(node, "Gold", "GLD", 5, sender=node.accounts[0])
        assert token.total_supply() == 5


def test_a_pinned_node_checks_the_chain_again_after_a_reconnect(tmp_path: Path) -> None:
    """The socket path leads to another node (on another chain) after the first one stopped:
    the pinned Node reconnects transparently, then refuses the answer of the new chain."""
    link = tmp_path / "node.ipc"
    with Anvil(chain_id=31337) as first, Anvil(chain_id=999) as second:
        link.symlink_to(first.ipc_path)
        node = abigen.connect(link, chain_id=31337)
        anode = asyncio.run(_async_pinned(link))
        assert node.block_number == 0
        assert asyncio.run(_block_number(anode)) == 0
        first.stop()  # both kept sockets are now closed
        link.unlink()
        link.symlink_to(second.ipc_path)
        with pytest.raises(
            abigen.NodeError, match="reconnected and is now on chain 999, not 31337"
        ):
            node.request("eth_blockNumber", [])
        with pytest.raises(
            abigen.NodeError, match="reconnected and is now on chain 999, not 31337"
        ):
            asyncio.run(_block_number(anode))
        node.close()


async def _async_pinned(path: Path) -> abigen.AsyncNode:
    return await abigen.connect_async(path, chain_id=31337)


async def _block_number(node: abigen.AsyncNode) -> int:
    return await node.block_number
