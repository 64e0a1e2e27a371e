"""The CLI and a generated binding behave alike: one runtime under both.

On the same deployed contracts (the golden Token and TypeZoo bindings), the same reverts decode
to the same errors, the same transfer's logs to the same values, and calldata encodes and
decodes to the same bytes and values, whether it goes through `abigen call/send/logs/decode`
or through the generated classes. The CLI runs in-process here (the console script is
covered by the other client suites); the binding talks to the same node over the same
transport.
"""

from __future__ import annotations

from typing import Any

import pytest
from bindings.token import InsufficientBalance, Token, Transfer
from bindings.type_zoo import TypeZoo, Unauthorized
from clientkit import Target, artifact, invoke

import abigen

pytestmark = pytest.mark.e2e


@pytest.fixture()
def token(target: Target) -> Token:
    return Token.deploy(target.node, "Gold", "GLD", 10**21, sender=target.alice)


@pytest.fixture(scope="module")
def typezoo(target: Target) -> TypeZoo:
    return TypeZoo.deploy(target.node, 42, "zoo", sender=target.alice, value=7)


def _cli_error(target: Target, *args: str) -> str:
    return target.invoke(*args).error(1)


def test_custom_error_with_arguments(target: Target, token: Token, typezoo: TypeZoo) -> None:
    token_call = ["call", "--abi", artifact("Token"), "--address", token.address]
    # Binding: the generated exception, its fields; CLI: the same error in one line.
    with pytest.raises(InsufficientBalance) as caught:
        token.transfer.simulate(target.bob, 10**30, sender=target.alice)
    error = caught.value
    assert (error.available, error.needed) == (10**21, 10**30)
    cli = _cli_error(target, *token_call, "transfer", target.bob, "1e30", "--from", target.alice)
    assert cli == f"reverted: {error}"
    # The revert data the binding got decodes, through the CLI, to the same fields.
    decoded = invoke("decode", "revert", "0x" + error.data.hex(), "--abi", artifact("Token"))
    as_json = invoke(
        "decode", "revert", "0x" + error.data.hex(), "--abi", artifact("Token"), "--json"
    ).json
    assert as_json == {
        "error": InsufficientBalance.SIGNATURE,
        "args": {"available": error.available, "needed": error.needed},
    }
    assert decoded.out == f"{error}\n"
    # An address among the fields: the CLI shows it bare, the binding holds the same value.
    with pytest.raises(Unauthorized) as unauthorized:
        typezoo.fail_custom(target.bob, 3)
    zoo_call = ["call", "--abi", artifact("TypeZoo"), "--address", typezoo.address]
    assert _cli_error(target, *zoo_call, "failCustom", target.bob, "3") == (
        f"reverted: Unauthorized(who={unauthorized.value.who}, code={unauthorized.value.code})"
    )


def test_error_string_and_panic(target: Target, typezoo: TypeZoo) -> None:
    zoo_call = ["call", "--abi", artifact("TypeZoo"), "--address", typezoo.address]
    with pytest.raises(abigen.Revert) as revert:
        typezoo.fail_require("not today")
    assert revert.value.reason == "not today"
    cli = _cli_error(target, *zoo_call, "failRequire", "not today")
    assert cli == f"reverted: {revert.value}"
    with pytest.raises(abigen.Panic) as panic:
        typezoo.fail_panic(4)
    assert _cli_error(target, *zoo_call, "failPanic", "4") == f"reverted: {panic.value}"


def test_transfer_logs_decode_to_the_same_values(target: Target, token: Token) -> None:
    cli_send = target.invoke(
        "send", "--abi", artifact("Token"), "--address", token.address,
        *target.sender(target.alice), "transfer", target.bob, "25", "--json",
    ).json  # fmt: skip
    block = cli_send["blockNumber"]
    # The binding's own view of the CLI's transfer: typed events from get_logs.
    [event] = token.events.Transfer.get_logs(from_block=block, to_block=block)
    assert isinstance(event, Transfer)
    binding_view = {
        "args": {"from": event.from_, "to": event.to, "value": event.value},
        "address": event.log.address,
        "blockNumber": event.log.block_number,
        "transactionHash": event.log.transaction_hash,
        "logIndex": event.log.log_index,
    }
    expected: dict[str, Any] = {
        "event": "Transfer",
        "signature": "Transfer(address,address,uint256)",
    }
    expected.update(binding_view)
    assert cli_send["events"] == [expected]
    logs = target.invoke(
        "logs", "Transfer", "--abi", artifact("Token"), "--address", token.address,
        "--from-block", str(block), "--to-block", str(block), "--json",
    ).json  # fmt: skip
    assert logs == [expected]
    # And the other way: a transfer the binding sends, read by the CLI's logs with a filter.
    receipt = token.transfer(target.carol, 5, sender=target.alice).wait()
    [sent] = receipt.events_of(Transfer)
    filtered = target.invoke(
        "logs", "Transfer", "--abi", artifact("Token"), "--address", token.address,
        "--from-block", "0", "--where", f"to={target.carol}", "--json",
    ).json  # fmt: skip
    assert [(e["args"]["from"], e["args"]["to"], e["args"]["value"]) for e in filtered] == [
        (sent.from_, sent.to, sent.value)
    ]
    assert filtered[0]["transactionHash"] == receipt.transaction_hash


def test_calldata_encodes_and_decodes_alike(target: Target, token: Token) -> None:
    # The CLI's calldata is what the binding encodes: read back from the node's transaction.
    sent = target.invoke(
        "send", "--abi", artifact("Token"), "--address", token.address,
        *target.sender(target.alice), "transfer", target.bob, "1.5gwei", "--json",
    ).json  # fmt: skip
    transaction: dict[str, Any] = target.transaction(sent["transactionHash"])
    encoded = Token.transfer.encode_input(target.bob, 15 * 10**8)
    assert transaction["input"] == "0x" + encoded.hex()
    # The CLI decodes what the binding encodes into what the binding decodes.
    decoded = invoke("decode", "calldata", "0x" + encoded.hex(), "--abi", artifact("Token"))
    as_json = invoke(
        "decode", "calldata", "0x" + encoded.hex(), "--abi", artifact("Token"), "--json"
    ).json
    to, value = Token.transfer.decode_input(encoded)
    assert as_json == {"function": Token.transfer.SIGNATURE, "args": {"to": to, "value": value}}
    assert decoded.out == f"transfer(to={to}, value={value})\n"
    # Return data: the same decoding as the binding's decode_output.
    output = invoke(
        "decode", "output", "balanceOf", "0x" + (7).to_bytes(32, "big").hex(),
        "--abi", artifact("Token"), "--json",
    ).json  # fmt: skip
    assert output == Token.balance_of.decode_output((7).to_bytes(32, "big")) == 7
