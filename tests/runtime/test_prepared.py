"""Prepared calls are built offline: the calldata, block, caller and decoding of the call."""

from __future__ import annotations

import pytest
from bindings.token import InsufficientBalance, Token

import abigen
from abigen.runtime.node import Node

ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
TOKEN = "0x5FBdB2315678AFecB367F642BA6A5b2d12C30ACd"


class Unused:
    """A transport that fails the test if anything is sent: preparing is offline."""

    def make_request(self, method: object, params: object) -> object:
        raise AssertionError(f"prepare sent {method}")


@pytest.fixture()
def token() -> Token:
    return Token(TOKEN, Node(Unused(), "offline"))


def test_prepare_encodes_the_call_and_decodes_its_result(token: Token) -> None:
    prepared = token.balance_of.prepare(ALICE)
    assert isinstance(prepared, abigen.PreparedCall)
    assert prepared.to == TOKEN
    assert prepared.data == Token.balance_of.encode_input(ALICE)
    assert prepared.block == "latest"
    assert prepared.sender is None
    assert prepared.params() == [{"to": TOKEN, "data": "0x" + prepared.data.hex()}, "latest"]
    assert prepared.decode((12345).to_bytes(32, "big")) == 12345
    assert prepared.errors[InsufficientBalance.SELECTOR] is InsufficientBalance
    assert "Token.balanceOf(address)" in repr(prepared)


def test_prepare_carries_the_call_options(token: Token) -> None:
    prepared = token.transfer.prepare(ALICE, 5, block=7, sender=ALICE.lower())
    assert prepared.block == "0x7"
    assert prepared.sender == ALICE
    assert prepared.call_object()["from"] == ALICE


@pytest.mark.parametrize(
    ("options", "error"),
    [({"gas": 5}, TypeError), ({"value": -1}, ValueError), ({"block": "soon"}, ValueError)],
)
def test_prepare_refuses_bad_options(token: Token, options: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        token.balance_of.prepare(ALICE, **options)


def test_prepare_refuses_bad_arguments_naming_the_function(token: Token) -> None:
    with pytest.raises(abigen.EncodingError, match=r"balanceOf\(address\)"):
        token.balance_of.prepare("0x1234")
