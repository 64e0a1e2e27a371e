"""`abigen send-value`, and the waits of send/send-value/deploy (--timeout, --confirmations):
a wait that ends without a receipt prints one line and exits 1, never a traceback.

A fresh local key per test (its nonces its own): a send with nonce n + 1 waits behind the
missing nonce n until the test fills it, on anvil and geth alike.
"""

from __future__ import annotations

import re

import pytest
from clientkit import Target, artifact, finish, start
from eth_account import Account
from eth_account.signers.local import LocalAccount

pytestmark = pytest.mark.e2e

TX_HASH = re.compile(r"0x[0-9a-f]{64}")


def fresh_key(target: Target) -> tuple[LocalAccount, dict[str, str]]:
    key: LocalAccount = Account.create()
    target.send(target.alice, key.address, b"", 10**18)  # gas money
    return key, {"SEND_VALUE_KEY": key.key.hex()}


def test_send_value_sends_wei_and_prints_the_receipt(target: Target) -> None:
    before = target.node.get_balance(target.carol)
    result = target.invoke(
        "send-value", target.carol, "2gwei", "--from", target.alice, "--json"
    ).json
    assert result["status"] == 1
    assert target.node.get_balance(target.carol) == before + 2 * 10**9
    hashed = target.invoke("send-value", target.carol, "1", "--from", target.alice, "--no-wait")
    assert TX_HASH.fullmatch(hashed.out.split("transaction: ")[1].strip())
    target.receipt(hashed.out.split("transaction: ")[1].strip())


def test_a_stuck_send_value_times_out_in_one_line(target: Target, on_geth: bool) -> None:
    if target.transport == "ipc" and on_geth:
        pytest.skip("a one-second wait, the same over either transport: once on geth")
    key, env = fresh_key(target)
    n = target.nonce(key.address)
    sender = ["--private-key-env", "SEND_VALUE_KEY"]
    # The console script itself once (anvil over HTTP): the real process prints no traceback.
    args = [target.carol, "1", *sender, "--nonce", str(n + 1), "--timeout", "1"]
    if target.transport == "http" and not on_geth:
        result = finish(start(target.cmd("send-value", *args, env=env)))
    else:
        result = target.invoke("send-value", *args, env=env)
    message = result.error(1)
    assert message.startswith("no receipt after 1 s (transaction 0x"), message
    filled = target.invoke("send-value", target.carol, "1", *sender, "--nonce", str(n), env=env)
    assert filled.code == 0, filled
    assert target.nonce(key.address) == n + 2  # the stuck one mined once the gap was filled


def test_confirmations_the_node_never_reaches_time_out(target: Target) -> None:
    # Dev nodes mine only on transactions: a 2nd confirmation never comes by itself.
    result = target.invoke(
        "send-value",
        target.carol,
        "1",
        "--from",
        target.alice,
        "--confirmations",
        "2",
        "--timeout",
        "0.5",
    )
    assert re.fullmatch(
        r"the node's head did not reach block \d+ after 0\.5 s \(transaction 0x[0-9a-f]{64}\)",
        result.error(1),
    )


def test_send_and_deploy_take_the_wait_options(target: Target, zoo: str) -> None:
    sent = target.invoke(
        "send", "--abi", artifact("TypeZoo"), "--address", zoo, "--from", target.alice,
        "--timeout", "30", "--confirmations", "1", "increment", "1", "--json",
    )  # fmt: skip
    assert sent.json["status"] == 1
    deployed = target.invoke(
        "deploy", "--abi", artifact("TypeZoo"), "--from", target.alice,
        "--confirmations", "2", "--timeout", "0.5", "7", "x",
    )  # fmt: skip
    assert "head did not reach block" in deployed.error(1)
    bad = target.invoke(
        "send-value", target.carol, "1", "--from", target.alice, "--confirmations", "0"
    )
    assert bad.code == 2


def test_a_send_anvil_drops_prints_one_line(target: Target, zoo: str, on_geth: bool) -> None:
    # anvil accepts a send with too little gas to run, then drops it: one line, exit 1.
    if on_geth:
        pytest.skip("geth refuses a send below its intrinsic gas: nothing is accepted to drop")
    result = target.invoke(
        "send", "--abi", artifact("TypeZoo"), "--address", zoo, "--from", target.alice,
        "--gas", "21500", "--timeout", "30", "increment", "1",
    )  # fmt: skip
    assert re.fullmatch(
        r"transaction 0x[0-9a-f]{64} was dropped: the node knows it neither as pending nor as "
        r"mined",
        result.error(1),
    )
