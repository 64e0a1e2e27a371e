"""The dynamic binding on both nodes, over HTTP and IPC: call, send, simulate, estimate, logs
with filters (anonymous events too), reverts, and a deployment that links libraries."""

from __future__ import annotations

from pathlib import Path

import pytest
from bindings.token import Token

import abigen
from abigen.client.contract import binding, load_contract
from abigen.runtime import Sender
from abigen.runtime.dynamic import DynamicContract, DynamicError, DynamicEvent
from abigen.runtime.errors import LinkError

pytestmark = pytest.mark.e2e

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"


def _kind(name: str) -> type[DynamicContract]:
    """The artifact's dynamic binding, loaded as `abigen call/send/deploy` load it."""
    return binding(load_contract(str(BUILD / f"{name}.json")))


def test_call_send_and_receipt_events(node: abigen.Node, alice: str, bob: str) -> None:
    token = _kind("Token").deploy(node, "Gold", "GLD", 1_000, sender=alice)
    assert token.call("balanceOf", alice) == 1_000
    assert token.call("name") == "Gold"
    assert token.simulate("transfer", bob, 10, sender=alice) is True
    assert token.estimate_gas("transfer", bob, 10, sender=alice) > 21_000
    receipt = token.send("transfer", bob, 10, sender=alice).wait()
    [event] = receipt.events
    assert isinstance(event, DynamicEvent) and type(event).__name__ == "Transfer"
    assert event.fields == {"from": alice, "to": bob, "value": 10}
    assert event.log.transaction_hash == receipt.transaction_hash
    # The same contract through the generated binding: the same state.
    assert Token(token.address, node).balance_of(bob) == token.call("balanceOf", bob) == 10
    assert token.function("balanceOf").call(bob, block=receipt.block_number - 1) == 0


def test_reverts_are_the_runtime_errors(node: abigen.Node, alice: str, bob: str) -> None:
    token = _kind("Token").deploy(node, "Gold", "GLD", 5, sender=alice)
    with pytest.raises(DynamicError) as caught:
        token.call("transfer", bob, 6, sender=alice)
    assert type(caught.value).__name__ == "InsufficientBalance"
    assert caught.value.fields == {"available": 5, "needed": 6}
    with pytest.raises(DynamicError):
        token.estimate_gas("transfer", bob, 6, sender=alice)
    with pytest.raises(DynamicError):
        token.send("transfer", bob, 6, sender=alice)
    zoo = _kind("TypeZoo").deploy(node, 42, "zoo", sender=alice, value=7)
    with pytest.raises(abigen.Revert, match="not today"):
        zoo.call("failRequire", "not today")
    with pytest.raises(abigen.Panic):
        zoo.call("failPanic", 4)


def test_logs_with_indexed_filters(
    node: abigen.Node, alice: str, bob: str, carol: str, bob_sender: Sender
) -> None:
    token = _kind("Token").deploy(node, "Gold", "GLD", 1_000, sender=alice)
    first = token.send("transfer", bob, 5, sender=alice).wait()
    token.send("transfer", carol, 2, sender=alice).wait()
    last = token.send("transfer", carol, 3, sender=bob_sender).wait()
    span = {"from_block": first.block_number, "to_block": last.block_number}
    values = [e.fields["value"] for e in token.get_logs("Transfer", **span)]
    assert values == [5, 2, 3]
    to_carol = token.get_logs("Transfer", **span, where={"to": carol})
    assert [e.fields["value"] for e in to_carol] == [2, 3]
    any_of = token.get_logs("Transfer", **span, where={"from": [bob], "to": carol})
    assert [e.fields["value"] for e in any_of] == [3]
    assert token.get_logs("Transfer", **span, where={"to": []}) == []
    # Every event of the ABI, with progress over the resolved range.
    seen: list[tuple[int, int]] = []
    every = token.get_logs(
        from_block=0, to_block="latest", progress=lambda d, t: seen.append((d, t))
    )
    assert [type(e).__name__ for e in every] == ["Transfer"] * 4  # the mint, then three
    assert seen and seen[-1][0] == seen[-1][1]
    # The generated binding's get_logs reads the same logs (one chunked scanner under both).
    generated = Token(token.address, node).events.Transfer.get_logs(**span)
    assert [(e.from_, e.to, e.value) for e in generated] == [
        (e.fields["from"], e.fields["to"], e.fields["value"])
        for e in token.get_logs("Transfer", **span)
    ]
    with pytest.raises(ValueError, match="no indexed argument 'value'"):
        token.get_logs("Transfer", where={"value": 1})


def test_anonymous_event_logs(node: abigen.Node, alice: str, bob: str) -> None:
    edge = _kind("EdgeCases").deploy(node, (alice, 1, "s", [1, 2]), 5, bob, sender=alice)
    receipt = edge.send("stealth", b"\x11" * 32, 3, "hello", sender=alice).wait()
    [event] = receipt.events
    assert type(event).__name__ == "Stealth"
    assert event.values == (alice, b"\x11" * 32, 3, True, "hello")
    span = {"from_block": receipt.block_number, "to_block": receipt.block_number}
    [logged] = edge.get_logs("Stealth", **span, where={"n": 3})
    assert logged == event


def test_deploy_links_libraries(node: abigen.Node, alice: str) -> None:
    math = _kind("MathLib").deploy(node, sender=alice)
    chain = _kind("Chain").deploy(node, sender=alice, libraries={"MathLib": math.address})
    strings = _kind("StringLib").deploy(node, sender=alice)
    calculator_kind = _kind("Calculator")
    start = int(node.request("eth_getTransactionCount", [alice, "latest"]), 16)
    with pytest.raises(LinkError) as missing:
        calculator_kind.deploy(node, 10, sender=alice, libraries={"MathLib": math.address})
    assert missing.value.missing == (
        "contracts/Libraries.sol:Chain",
        "contracts/Libraries.sol:StringLib",
    )
    assert int(node.request("eth_getTransactionCount", [alice, "latest"]), 16) == start
    calculator = calculator_kind.deploy(
        node,
        10,
        sender=alice,
        libraries={
            "MathLib": math.address,
            "contracts/Libraries.sol:Chain": chain.address,
            "StringLib": strings.address,
        },
    )
    assert calculator.call("twice", 21) == 42
    assert calculator.call("shout", "hi there") == "HI THERE!"
    assert calculator.call("addBase", 5) == 15
