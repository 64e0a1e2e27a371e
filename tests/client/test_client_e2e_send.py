"""`abigen send` over HTTP and IPC: receipts and decoded events, value and fee options, --no-wait,
reverts of every kind (before sending and mined), --chain-id, senders and their failures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from clientkit import (
    Batch,
    Result,
    Target,
    artifact,
    event_json,
    finish_all,
    invoke,
    receipt_json,
    start_all,
)
from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_utils import to_checksum_address

import abigen
from abigen.devnode import Anvil

pytestmark = pytest.mark.e2e

INCREMENTED = "Incremented(address,uint256,uint256)"
DEPOSITED = "Deposited(address,uint256)"
TX_HASH = re.compile(r"0x[0-9a-f]{64}")


@dataclass(frozen=True)
class Sends:
    runs: Batch
    fresh: str  # a TypeZoo of the receipts test only: counter 0, balance 0
    key: LocalAccount  # a funded local key, used only by the receipts test
    carol_nonce: int
    mined_tx: dict[str, Any]  # the one transaction that reached the chain from alice


@pytest.fixture(scope="session")
def sends(target: Target, zoo: str) -> Sends:
    """Every console-script run of this module over one target, at once: transactions with
    receipts, and everything that must not send plus one send that is mined and fails
    (`failAfterWrite 9 --gas 200000`: no gas estimate, so it reaches the chain, status 0)."""
    fresh = target.deploy("TypeZoo", ["uint256", "string"], 1, "sends")
    key: LocalAccount = Account.create()
    target.send(target.alice, key.address, b"", 100 * 10**18)  # gas money
    carol_nonce = target.nonce(target.carol)
    runs = Batch(target)
    send = ["send", "--abi", artifact("TypeZoo"), "--address", fresh]
    runs.alternate(
        "receipts",
        target.cmd(
            *send, *target.sender(target.accounts[7]), "--chain-id", str(target.chain_id),
            "increment", "5", "--json",
        ),
        target.cmd(
            *send, *target.sender(target.carol), "deposit", "--value", "1.5ether", "--gas", "100_000",
            "--max-fee", "30gwei", "--max-priority-fee", "1gwei", "--nonce", str(carol_nonce),
            "--json",
        ),
        target.cmd(
            *send, "--private-key-env", "ABIGEN_TEST_KEY", "deposit", "--value", "20gwei",
            "--gas-price", "20gwei", "--json",
            env={"ABIGEN_TEST_KEY": key.key.hex()},
        ),
        target.cmd(*send, *target.sender(target.bob), "note", "sent, not awaited", "[]", "--no-wait"),
    )  # fmt: skip
    send = ["send", "--abi", artifact("TypeZoo"), "--address", zoo]
    alice = ["--from", target.alice]
    nonce, block = target.nonce(target.alice), target.block_number()
    runs.console("mined", target.cmd(*send, *alice, "--gas", "200000", "failAfterWrite", "9"))
    runs.console("chain", target.cmd(*send, *alice, "--chain-id", "1", "increment", "1"))
    runs.console(
        "unset_key",
        target.cmd(*send, "--private-key-env", "ABIGEN_TEST_UNSET_KEY", "increment", "1"),
    )
    runs.console("no_sender", target.cmd(*send, "increment", "1"))
    # Reverts caught by gas estimation, one kind per console-script run.
    runs.alternate(
        "reverts",
        target.cmd(*send, *alice, "--json", "setPositive", "-3"),  # negative: no `--` needed
        target.cmd(*send, *alice, "failRequire", "nope"),
        target.cmd(*send, *alice, "failPanic", "2"),
        target.cmd(*send, *alice, "failBare"),
    )
    runs.wait()
    assert target.nonce(target.alice) == nonce + 1
    alices = [
        tx
        for number in range(block + 1, target.block_number() + 1)
        for tx in target.node.request("eth_getBlockByNumber", [hex(number), True])["transactions"]
        if to_checksum_address(tx["from"]) == target.alice
    ]
    assert len(alices) == 1, alices
    return Sends(runs, fresh, key, carol_nonce, alices[0])


def test_receipts_events_value_and_fees(target: Target, sends: Sends) -> None:
    increment, eip1559, legacy, no_wait = sends.runs.variants("receipts")
    fresh, key = sends.fresh, sends.key

    # Status, gas used, the decoded event with its block, tx hash and log index: the receipt.
    data = increment.json
    receipt = target.receipt(data["transactionHash"])
    args = {"caller": target.accounts[7], "by": 5, "newValue": 5}
    assert data == receipt_json(receipt, [event_json(receipt, 0, "Incremented", INCREMENTED, args)])
    assert list(data) == ["transactionHash", "blockNumber", "status", "gasUsed", "events"]
    assert f'"gasUsed": {int(receipt["gasUsed"], 16)},\n' in increment.out
    assert target.eth_call(fresh, "counter()", ["uint256"]) == (5,)

    # EIP-1559 fees, explicit gas and nonce, value with a unit (--from: the node signs).
    data = eip1559.json
    receipt = target.receipt(data["transactionHash"])
    args = {"from": target.carol, "amount": 15 * 10**17}
    assert data == receipt_json(receipt, [event_json(receipt, 0, "Deposited", DEPOSITED, args)])
    tx = target.transaction(data["transactionHash"])
    assert (tx["type"], int(tx["gas"], 16)) == ("0x2", 100_000)
    assert int(tx["nonce"], 16) == sends.carol_nonce
    assert int(tx["maxFeePerGas"], 16) == 30 * 10**9
    assert int(tx["maxPriorityFeePerGas"], 16) == 10**9
    assert int(tx["value"], 16) == 15 * 10**17

    # Legacy gas price, signed locally with a key from the environment.
    data = legacy.json
    receipt = target.receipt(data["transactionHash"])
    args = {"from": key.address, "amount": 20 * 10**9}
    assert data == receipt_json(receipt, [event_json(receipt, 0, "Deposited", DEPOSITED, args)])
    tx = target.transaction(data["transactionHash"])
    assert (tx["type"], int(tx["gasPrice"], 16)) == ("0x0", 20 * 10**9)
    assert to_checksum_address(tx["from"]) == key.address
    assert key.key.hex().removeprefix("0x") not in legacy.out + legacy.err
    assert target.node.get_balance(fresh) == 15 * 10**17 + 20 * 10**9

    # --no-wait: only the hash; the transaction does get mined.
    assert (no_wait.code, no_wait.err) == (0, "")
    match = re.fullmatch(rf"transaction: ({TX_HASH.pattern})\n", no_wait.out)
    assert match, no_wait.out
    assert target.receipt(match[1])["status"] == "0x1"
    assert to_checksum_address(target.transaction(match[1])["from"]) == target.bob

    # Readable output, with a string and a uint256[] holding 2**255 in the event.
    send = ["send", "--abi", artifact("TypeZoo"), "--address", fresh]
    readable = target.invoke(
        *send, *target.sender(target.bob), "note", "hi there", f"[1, {2**255}]"
    )
    tx_hash = readable.out.splitlines()[1].removeprefix("transaction: ")
    receipt = target.receipt(tx_hash)
    assert readable.out == (
        "status: success (1)\n"
        f"transaction: {tx_hash}\n"
        f"block: {int(receipt['blockNumber'], 16)}\n"
        f"gas used: {int(receipt['gasUsed'], 16)}\n"
        "events:\n"
        f'  Noted(who={target.bob}, text="hi there", nums=[1, {2**255}])\n'
    )
    no_wait_json = target.invoke(
        *send, *target.sender(target.bob), "increment", "1", "--no-wait", "--json"
    )
    assert list(no_wait_json.json) == ["transactionHash"]
    assert target.receipt(no_wait_json.json["transactionHash"])["status"] == "0x1"


def test_reverts_before_sending(target: Target, zoo: str, sends: Sends) -> None:
    custom, require, panic, bare = sends.runs.variants("reverts")
    assert custom.error(1) == "reverted: NotPositive(value=-3)"  # --json: nothing on stdout
    assert require.error(1) == "reverted: execution reverted: nope"
    assert panic.error(1) == "reverted: panic 0x11: arithmetic overflow or underflow"
    assert bare.error(1) == "reverted: execution reverted without a reason"
    nonce = target.nonce(target.alice)
    division = target.invoke(
        "send", "--abi", artifact("TypeZoo"), "--address", zoo, "--from", target.alice,
        "failPanic", "3",
    )  # fmt: skip
    assert division.error(1) == "reverted: panic 0x12: division or modulo by zero"
    assert target.nonce(target.alice) == nonce


def test_wrong_chain_and_sender_problems(target: Target, zoo: str, sends: Sends) -> None:
    assert sends.runs["chain"].error(1) == (
        f"node at {target.rpc} is on chain {target.chain_id}, not 1 (--chain-id): nothing was sent"
    )
    assert sends.runs["unset_key"].error(2) == (
        "--private-key-env ABIGEN_TEST_UNSET_KEY: the environment variable is not set"
    )
    assert sends.runs["no_sender"].error(2) == (
        "this command sends a transaction: give --from ADDRESS, --private-key-env VAR or "
        "--keystore FILE"
    )
    send = ["send", "--abi", artifact("TypeZoo"), "--address", zoo]
    nonce = target.nonce(target.alice)
    bad_key = target.invoke(
        *send, "--private-key-env", "ABIGEN_TEST_KEY", "increment", "1",
        env={"ABIGEN_TEST_KEY": "0x1234"},
    )  # fmt: skip
    assert bad_key.error(2) == "--private-key-env ABIGEN_TEST_KEY: not a valid private key"
    assert "0x1234" not in bad_key.err
    both = target.invoke(*send, "--from", target.alice, "--private-key-env", "K", "increment", "1")
    assert both.error(2) == "choose one sender: --from, --private-key-env or --keystore"
    deploy = ["deploy", "--abi", artifact("Token"), "--from", target.alice, "T", "T", "1"]
    assert target.invoke(*deploy, "--chain-id", "5").error(1) == (
        f"node at {target.rpc} is on chain {target.chain_id}, not 5 (--chain-id): nothing was sent"
    )
    assert target.nonce(target.alice) == nonce  # nothing was sent


def test_mined_and_failed(target: Target, zoo: str, sends: Sends) -> None:
    tx = sends.mined_tx
    receipt = target.receipt(tx["hash"])
    # Says it was mined (hash, block, status, gas used), and why it failed: the custom error,
    # decoded by replaying the call on that block's state.
    assert sends.runs["mined"].error(1) == (
        f"transaction {tx['hash']} was mined in block {int(receipt['blockNumber'], 16)} and failed "
        f"(status 0, gas used {int(receipt['gasUsed'], 16)}): "
        f"reverted: Unauthorized(who={target.alice}, code=9)"
    )
    assert (receipt["status"], tx["to"].lower(), int(tx["gas"], 16)) == (
        "0x0",
        zoo.lower(),
        200_000,
    )
    assert target.eth_call(zoo, "scratch()", ["uint256"]) == (0,)  # the write was rolled back


def test_overloads_by_full_signature(target: Target, edge: str) -> None:
    send = ["send", "--abi", artifact("EdgeCases"), "--address", edge, *target.sender(target.bob)]
    data = target.invoke(*send, "set(uint256, uint256)", "7", "8", "--json").json
    receipt = target.receipt(data["transactionHash"])
    event = event_json(receipt, 0, "Changed", "Changed(uint256)", {"number": 7008})
    assert data == receipt_json(receipt, [event])
    assert target.eth_call(edge, "number()", ["uint256"]) == (7008,)
    data = target.invoke(*send, "set(string)", "hello", "--json").json  # an overloaded event too
    receipt = target.receipt(data["transactionHash"])
    event = event_json(receipt, 0, "Changed", "Changed(string)", {"text": "hello"})
    assert data == receipt_json(receipt, [event])
    nonce = target.nonce(target.bob)
    assert target.invoke(*send, "set", "1").error(2) == (
        "function 'set' is overloaded: name one of set(string), set(uint256), set(uint256,uint256)"
    )
    assert target.nonce(target.bob) == nonce  # nothing sent


def _rejected(result: Result, key: str) -> None:
    """Refused by the command line: exit code 2, `--private-key` named as no such option, and
    the key itself printed nowhere."""
    assert (result.code, result.out) == (2, ""), result
    assert "No such option: --private-key" in result.err, result
    assert key.removeprefix("0x") not in result.err.lower(), result


@dataclass(frozen=True)
class KeyRuns:
    key: str
    rpc: str
    alice: str
    after_args: Result  # `send ... increment 1 --private-key KEY`
    glued: Result  # `send ... --private-key=KEY increment 1`


@pytest.fixture(scope="module")
def key_runs(anvil: Anvil) -> KeyRuns:
    """Both console-script runs of the two tests below, at once; nothing may be sent."""
    node = abigen.connect(anvil.http_url)
    alice = node.accounts[0]
    key = Account.create().key.hex()
    zoo = ["--rpc", anvil.http_url, "--abi", artifact("TypeZoo"), "--address", alice]
    nonce = node.request("eth_getTransactionCount", [alice, "latest"])
    after_args, glued = finish_all(
        start_all(
            ["send", *zoo, "--from", alice, "increment", "1", "--private-key", key],
            ["send", *zoo, "--from", alice, f"--private-key={key}", "increment", "1"],
        )
    )
    assert node.request("eth_getTransactionCount", [alice, "latest"]) == nonce
    return KeyRuns(key, anvil.http_url, alice, after_args, glued)


def test_private_key_is_not_an_option(key_runs: KeyRuns) -> None:
    """There is no option taking a key itself (it would sit in shell history and `ps`): before
    or after the function, glued with `=` or not, with or without another sender, it is
    refused as no such option, and the key is printed nowhere."""
    zoo = ["--rpc", key_runs.rpc, "--abi", artifact("TypeZoo"), "--address", key_runs.alice]
    key, alice = key_runs.key, key_runs.alice
    spaced = invoke("send", *zoo, "--from", alice, "--private-key", key, "increment", "1")
    alone = invoke("send", *zoo, "--private-key", key, "increment", "1")
    deploy = invoke(
        "deploy", "--rpc", key_runs.rpc, "--abi", artifact("Token"), "--from", alice,
        "--private-key", key, "a", "b", "1",
    )  # fmt: skip
    for result in (key_runs.after_args, key_runs.glued, spaced, alone, deploy):
        _rejected(result, key)
