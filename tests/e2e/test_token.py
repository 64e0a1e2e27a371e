"""The README's API, end to end on anvil: deploy, views, transactions, events, reverts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bindings.token import Token, Transfer
from eth_account import Account

import abigen
from abigen.runtime import Sender
from abigen.runtime.codec import EncodingError

pytestmark = pytest.mark.e2e


def test_deploy_with_constructor_args_and_views(
    token: Token, node: abigen.Node, alice: str
) -> None:
    assert token.name() == "Gold"
    assert token.symbol() == "GLD"
    assert token.decimals() == 18
    assert token.total_supply() == 1_000_000
    assert token.balance_of(alice) == 1_000_000
    assert token.balance_of(alice.lower()) == 1_000_000  # any address spelling is accepted
    assert token.balance_of.simulate(alice, block="latest") == 1_000_000
    assert Token(token.address, node) == token  # bind to an existing address


def test_transfer_from_node_account_returns_receipt_with_typed_events(
    token: Token, alice: str, bob: str
) -> None:
    tx = token.transfer(bob, 250, sender=alice)
    assert tx.hash.startswith("0x") and len(tx.hash) == 66
    receipt = tx.wait()
    assert receipt.status == 1
    assert receipt.gas_used > 21_000
    [event] = receipt.events_of(Transfer)
    assert (event.from_, event.to, event.value) == (alice, bob, 250)
    assert event.log.address == token.address
    assert event.log.transaction_hash == tx.hash
    assert receipt.events == (event,)
    assert token.balance_of(bob) == 250


def test_transfer_from_local_key_signs_locally(
    token: Token, node: abigen.Node, alice: str, bob: str, fund: Callable[[str, int], None]
) -> None:
    local = Account.create()
    fund(local.address, 10**18)  # gas money
    token.transfer(local.address, 100, sender=alice).wait()
    receipt = token.transfer(bob, 40, sender=local).wait()
    assert receipt.status == 1
    assert token.balance_of(local.address) == 60
    assert token.balance_of(bob) == 40
    # A second send from the same key needs the next nonce.
    token.transfer(bob, 1, sender=local).wait()
    assert token.balance_of(bob) == 41


def test_custom_error_is_a_typed_exception(token: Token, alice: str, bob: str) -> None:
    with pytest.raises(Token.InsufficientBalance) as caught:
        token.transfer(bob, 10**30, sender=alice)
    err = caught.value
    assert (err.available, err.needed) == (1_000_000, 10**30)
    assert isinstance(err, abigen.ContractError)
    assert err.data[:4] == Token.InsufficientBalance.SELECTOR
    assert "InsufficientBalance(available=1000000" in str(err)


def test_custom_error_from_simulate_and_estimate(token: Token, alice: str, bob: str) -> None:
    with pytest.raises(Token.InsufficientBalance):
        token.transfer.simulate(bob, 10**30, sender=alice)
    with pytest.raises(Token.InsufficientBalance):
        token.transfer.estimate_gas(bob, 10**30, sender=alice)
    assert token.transfer.simulate(bob, 5, sender=alice) is True
    assert token.transfer.estimate_gas(bob, 5, sender=alice) > 21_000
    assert token.balance_of(bob) == 0  # nothing was sent


def test_event_queries_filter_on_indexed_arguments(
    token: Token, node: abigen.Node, alice: str, bob: str, carol: str, bob_sender: Sender
) -> None:
    start = node.block_number
    token.transfer(bob, 5, sender=alice).wait()
    token.transfer(carol, 2, sender=alice).wait()
    token.transfer(carol, 3, sender=bob_sender).wait()
    query = token.events.Transfer
    assert [e.value for e in query.get_logs(from_block=start, from_=alice)] == [5, 2]
    assert [e.value for e in query.get_logs(from_block=start, to=carol)] == [2, 3]
    assert [e.value for e in query.get_logs(from_block=start, to=[bob, carol])] == [5, 2, 3]
    assert [e.value for e in query.get_logs(from_block=start, from_=bob, to=carol)] == [3]
    # `start` is the deployment block: only the constructor's mint is in it.
    assert [e.value for e in query.get_logs(from_block=start, to_block=start)] == [1_000_000]
    every = query.get_logs(from_block=0)
    assert every[0].to == alice and every[0].value == 1_000_000  # the mint in the constructor


def test_offline_encoding_needs_no_node(alice: str) -> None:
    calldata = Token.transfer.encode_input(alice, 7)
    assert calldata[:4] == bytes.fromhex("a9059cbb")
    assert Token.transfer.decode_input(calldata) == (alice, 7)
    assert Token.balance_of.decode_output("0x" + "00" * 31 + "2a") == 42
    assert Token.encode_deploy("A", "B", 1).startswith(bytes.fromhex("60"))


def test_bad_arguments_fail_before_anything_is_sent(
    token: Token, node: abigen.Node, alice: str, bob: str
) -> None:
    before = node.request("eth_getTransactionCount", [alice, "latest"])
    with pytest.raises(EncodingError, match=r"transfer\(address,uint256\): value_: .*uint256"):
        token.transfer(bob, -1, sender=alice)
    with pytest.raises(EncodingError, match=r"value_: .*uint256"):
        token.transfer(bob, 2**256, sender=alice)
    with pytest.raises(EncodingError, match=r"\bto\b.*address"):
        token.transfer("0x1234", 1, sender=alice)
    with pytest.raises(EncodingError, match="checksum"):
        token.transfer(bob[:-1] + ("a" if bob[-1] != "a" else "b").upper(), 1, sender=alice)
    with pytest.raises(ValueError):
        token.transfer(bob, 1, sender="not an address")
    assert node.request("eth_getTransactionCount", [alice, "latest"]) == before  # none sent


def test_unreachable_node_names_the_endpoint(tmp_path: object) -> None:
    down = abigen.connect("http://127.0.0.1:9")
    with pytest.raises(abigen.NodeUnreachable, match=r"http://127\.0\.0\.1:9"):
        Token("0x" + "11" * 20, down).total_supply()
    missing = abigen.connect("/nonexistent/anvil.ipc")
    with pytest.raises(abigen.NodeUnreachable, match="nonexistent"):
        missing.chain_id  # noqa: B018 - the property does the request
