"""`abigen tx HASH` and `abigen receipt HASH` over HTTP and IPC, on anvil and geth: every field
against the node's own answer (read raw, without abigen's read helpers), the call and the
events decoded with --abi and shown raw without, and the one-line failures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import eth_abi
import pytest
from clientkit import BUILD, Target, artifact, event_json
from eth_utils import to_checksum_address

pytestmark = pytest.mark.e2e

UNKNOWN = "0x" + "5e" * 32


@dataclass(frozen=True)
class Chain:
    token: str
    deployment: dict[str, Any]  # the raw receipts
    transfer: dict[str, Any]
    payment: dict[str, Any]


@pytest.fixture(scope="module")
def chain(target: Target) -> Chain:
    """A Token deployment, a transfer of 5 to bob, and a plain payment of 7 wei to bob."""
    code = bytes.fromhex(json.loads((BUILD / "Token.json").read_text())["bytecode"][2:])
    arguments = eth_abi.encode(["string", "string", "uint256"], ["Gold", "GLD", 1000])
    deployment = target.send(target.alice, None, code + arguments)
    token = to_checksum_address(deployment["contractAddress"])
    transfer = target.transact(target.alice, token, "transfer(address,uint256)", target.bob, 5)
    payment = target.send(target.alice, target.bob, b"", value=7)
    return Chain(token, deployment, transfer, payment)


def _tx_json(target: Target, tx_hash: str) -> dict[str, Any]:
    """What `tx --json` must print, made from the node's raw answer."""
    raw = target.transaction(tx_hash)

    def number(key: str) -> int | None:
        return None if raw.get(key) is None else int(raw[key], 16)

    return {
        "hash": raw["hash"],
        "from": to_checksum_address(raw["from"]),
        "to": None if raw.get("to") is None else to_checksum_address(raw["to"]),
        "nonce": number("nonce"),
        "value": number("value"),
        "gas": number("gas"),
        "gasPrice": number("gasPrice"),
        "maxFeePerGas": number("maxFeePerGas"),
        "maxPriorityFeePerGas": number("maxPriorityFeePerGas"),
        "type": number("type"),
        "chainId": number("chainId"),
        "blockNumber": number("blockNumber"),
        "blockHash": raw["blockHash"],
        "transactionIndex": number("transactionIndex"),
        "input": raw["input"],
    }


def test_tx_shows_the_transaction_and_its_decoded_call(target: Target, chain: Chain) -> None:
    transfer, payment = chain.transfer["transactionHash"], chain.payment["transactionHash"]
    deployment = chain.deployment["transactionHash"]
    # One console-script run per target (the first over HTTP, the second over IPC); the other
    # variants in-process: a console script costs ~1.5 s of CPU importing web3.
    decoded, text = target.alternate(
        target.cmd("tx", transfer, "--abi", artifact("Token"), "--json"),
        target.cmd("tx", transfer.upper().replace("0X", "0x"), "--abi", artifact("Token")),
    )
    plain = target.invoke("tx", payment, "--json")
    created = target.invoke("tx", deployment, "--abi", artifact("Token"), "--json")
    other = target.invoke("tx", transfer, "--abi", artifact("TypeZoo"), "--json")
    call = {"function": "transfer(address,uint256)", "args": {"to": target.bob, "value": 5}}
    assert decoded.json == {**_tx_json(target, transfer), "call": call}
    assert plain.json == _tx_json(target, payment)  # no --abi: no call
    assert plain.json["value"] == 7 and plain.json["to"] == target.bob
    assert created.json == _tx_json(target, deployment)  # a creation's input is not a call
    assert created.json["to"] is None
    assert other.json == {**_tx_json(target, transfer), "call": None}  # not TypeZoo's function
    lines = text.out.splitlines()
    assert f"transaction: {transfer}" in lines and f"to: {chain.token}" in lines
    assert f"call: transfer(to={target.bob}, value=5)" in lines
    assert f"block: {int(chain.transfer['blockNumber'], 16)} (index " in text.out


def test_receipt_shows_status_gas_and_logs_decoded_where_the_abi_knows_them(
    target: Target, chain: Chain
) -> None:
    transfer, deployment = chain.transfer["transactionHash"], chain.deployment["transactionHash"]
    decoded, text = target.alternate(
        target.cmd("receipt", transfer, "--abi", artifact("Token"), "--json"),
        target.cmd("receipt", transfer, "--abi", artifact("Token")),
    )
    raw = target.invoke("receipt", transfer, "--json")
    created = target.invoke("receipt", deployment, "--abi", artifact("Token"), "--json")
    receipt = chain.transfer
    expected = {
        "transactionHash": transfer,
        "status": 1,
        "blockNumber": int(receipt["blockNumber"], 16),
        "blockHash": receipt["blockHash"],
        "gasUsed": int(receipt["gasUsed"], 16),
        "effectiveGasPrice": int(receipt["effectiveGasPrice"], 16),
        "contractAddress": None,
    }
    args = {"from": target.alice, "to": target.bob, "value": 5}
    transfer_sig = "Transfer(address,address,uint256)"
    assert decoded.json == {
        **expected,
        "logs": [event_json(receipt, 0, "Transfer", transfer_sig, args)],
    }
    (log,) = receipt["logs"]
    assert raw.json == {
        **expected,
        "logs": [
            {
                "address": log["address"],
                "topics": log["topics"],
                "data": log["data"],
                "logIndex": int(log["logIndex"], 16),
            }
        ],
    }
    # The constructor's mint, decoded from the deployment's receipt.
    assert created.json["contractAddress"] == chain.token
    assert created.json["logs"][0]["args"] == {
        "from": "0x" + "00" * 20,
        "to": target.alice,
        "value": 1000,
    }
    assert "status: success (1)" in text.out
    assert f"Transfer(from={target.alice}, to={target.bob}, value=5)" in text.out


def test_unknown_and_malformed_hashes_are_one_line_errors(target: Target) -> None:
    unknown_tx, unknown_receipt = target.alternate(
        target.cmd("tx", UNKNOWN), target.cmd("receipt", UNKNOWN, "--abi", artifact("Token"))
    )
    bad = target.invoke("tx", "0x1234")
    lonely = target.invoke("receipt", UNKNOWN, "--contract", "Token")
    assert unknown_tx.error(1) == f"no transaction {UNKNOWN} on the node at {target.rpc}"
    assert unknown_receipt.error(1).startswith(f"no receipt for {UNKNOWN} on the node at")
    assert bad.error(2).startswith("HASH: a transaction hash is 32 bytes")
    assert "give --abi too" in lonely.error(2)
