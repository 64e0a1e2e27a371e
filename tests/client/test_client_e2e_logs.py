"""`abigen logs` over HTTP and IPC: all events, one event by name or signature, filters on indexed
arguments (address, uint256, hashed string/bytes/array by value; several values = any of),
block ranges by number and tag, readable table and exact JSON, progress only on a terminal.
The chunking logic is tested against a node that refuses large ranges in
test_client_logs_chunking.py (anvil never refuses)."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import subprocess
from dataclasses import dataclass
from typing import Any

import pytest
from clientkit import ABIGEN, ZERO, Target, artifact, event_json
from eth_utils import keccak

import abigen
from abigen.devnode import Anvil

pytestmark = pytest.mark.e2e

INCREMENTED = "Incremented(address,uint256,uint256)"
HASHED = "Hashed(string,bytes,uint256[])"


@dataclass(frozen=True)
class Scene:
    zoo: str
    edge: str
    first: int  # block of zoo's deployment
    events: dict[str, dict[str, object]]  # name -> expected JSON
    blocks: dict[str, int]


@pytest.fixture(scope="session")
def scene(target: Target) -> Scene:
    """Fresh contracts and a known history of events, made in-process."""
    zoo = target.deploy("TypeZoo", ["uint256", "string"], 1, "logs")
    first = target.block_number()
    edge = target.deploy(
        "EdgeCases",
        ["(address,uint256,string,uint256[])", "uint256", "address"],
        (target.alice, 1, "s", []),
        0,
        target.alice,
    )
    alice, bob, carol = target.alice, target.bob, target.carol
    events: dict[str, dict[str, object]] = {}
    blocks: dict[str, int] = {}

    def record(name: str, receipt: dict[str, Any], sig: str, args: dict[str, Any]) -> None:
        events[name] = event_json(receipt, 0, sig.split("(")[0], sig, args)
        blocks[name] = int(receipt["blockNumber"], 16)

    def increment(name: str, who: str, by: int, total: int) -> None:
        receipt = target.transact(who, zoo, "increment(uint256)", by)
        record(name, receipt, INCREMENTED, {"caller": who, "by": by, "newValue": total})

    def hashed(name: str, message: str, blob: bytes, nums: list[int]) -> None:
        # Indexed dynamic values are logged as keccak256 of their encoding (Solidity's rules).
        receipt = target.transact(
            alice, edge, "hashed(string,bytes,uint256[])", message, blob, nums
        )
        hashes = {
            "message": keccak(message.encode()),
            "blob": keccak(blob),
            "nums": keccak(b"".join(n.to_bytes(32, "big") for n in nums)),
        }
        record(name, receipt, HASHED, {k: "0x" + v.hex() for k, v in hashes.items()})

    increment("alice5", alice, 5, 5)
    increment("bob1", bob, 1, 6)
    increment("bob5", bob, 5, 11)
    receipt = target.transact(carol, zoo, "deposit()", value=7)
    record("carol7", receipt, "Deposited(address,uint256)", {"from": carol, "amount": 7})
    receipt = target.transact(alice, zoo, "note(string,uint256[])", "n", [2**255])
    args = {"who": alice, "text": "n", "nums": [2**255]}
    record("note", receipt, "Noted(address,string,uint256[])", args)
    hashed("hello", "hello", b"\x01\x02", [1, 2])
    hashed("bye", "bye", b"\x03", [3])
    hashed("hello2", "hello", b"", [])
    return Scene(zoo, edge, first, events, blocks)


def _rows(text: str) -> list[list[str]]:
    lines = text.splitlines()
    assert re.split(r"\s{2,}", lines[0]) == ["block", "transaction", "log", "event"]
    assert set(lines[1]) <= {"-", " "}
    return [re.split(r"\s{2,}", line, maxsplit=3) for line in lines[2:]]


def test_events_filters_and_table(target: Target, scene: Scene) -> None:
    zoo_logs = ["logs", "--abi", artifact("TypeZoo"), "--address", scene.zoo]
    e = scene.events
    everything, table, hashed = target.alternate(
        target.cmd(*zoo_logs, "--from-block", str(scene.first), "--json"),
        target.cmd(
            *zoo_logs, "Incremented", "--from-block", "earliest",
            "--where", f"caller={target.bob.lower()}", "--where", f"caller={target.alice}",
            "--where", "by=5",
        ),
        target.cmd(
            "logs", "--abi", artifact("EdgeCases"), "--address", scene.edge, "Hashed",
            "--where", "message=hello", "--from-block", str(scene.first), "--json",
        ),
    )  # fmt: skip
    # Every event of the contract, decoded, in chain order; exact numbers in the raw text.
    assert everything.json == [e["alice5"], e["bob1"], e["bob5"], e["carol7"], e["note"]]
    assert f'"nums": [\n        {2**255}\n      ]' in everything.out
    # Readable: a table; any of two callers, and by=5.
    assert (table.code, table.err) == (0, "")
    assert _rows(table.out) == [
        [str(scene.blocks[name]), str(e[name]["transactionHash"]), "0", text]
        for name, text in [
            ("alice5", f"Incremented(caller={target.alice}, by=5, newValue=5)"),
            ("bob5", f"Incremented(caller={target.bob}, by=5, newValue=11)"),
        ]
    ]
    # An indexed string, filtered by its value (hashed as Solidity does).
    assert hashed.json == [e["hello"], e["hello2"]]


def test_filters_and_ranges(target: Target, scene: Scene) -> None:
    e, b = scene.events, scene.blocks
    zoo_logs = ["logs", "--abi", artifact("TypeZoo"), "--address", scene.zoo]
    edge_logs = ["logs", "--abi", artifact("EdgeCases"), "--address", scene.edge, "Hashed"]

    def logs(*args: str) -> Any:
        return target.invoke(*args, "--json").json

    start = str(scene.first)
    assert logs(*zoo_logs, INCREMENTED, "--from-block", start, "--where", "by=1") == [e["bob1"]]
    assert logs(*zoo_logs, "Incremented", "--from-block", start, "--where", "by=0x5") == [
        e["alice5"],
        e["bob5"],
    ]
    assert logs(
        *zoo_logs, "Incremented", "--from-block", start, "--where", f"caller={target.bob}"
    ) == [e["bob1"], e["bob5"]]
    assert (
        logs(*zoo_logs, "Incremented", "--from-block", start, "--where", f"caller={target.carol}")
        == []
    )
    assert logs(*zoo_logs, "Deposited", "--from-block", "earliest", "--to-block", "latest") == [
        e["carol7"]
    ]
    # Block ranges: decimal and hex numbers, inclusive at both ends.
    assert logs(*zoo_logs, "--from-block", str(b["bob1"]), "--to-block", str(b["bob5"])) == [
        e["bob1"],
        e["bob5"],
    ]
    assert logs(*zoo_logs, "--from-block", hex(b["bob5"]), "--to-block", hex(b["carol7"])) == [
        e["bob5"],
        e["carol7"],
    ]
    assert logs(*zoo_logs, "--from-block", "0", "--to-block", str(scene.first)) == []
    assert logs(*zoo_logs, "--from-block", str(b["bob5"]), "--to-block", str(b["bob1"])) == []
    empty = target.invoke(*zoo_logs, "--from-block", "latest")
    assert (empty.code, empty.out, empty.err) == (0, "no matching logs\n", "")
    # Hashed bytes and arrays by value; several values of one argument = any of; args = all of.
    assert logs(
        *edge_logs,
        "--from-block",
        start,
        "--where",
        "nums=[3]",
        "--where",
        "blob=0x",
        "--where",
        "blob=0x03",
    ) == [e["bye"]]
    assert logs(*edge_logs, "--from-block", start, "--where", "blob=0x") == [e["hello2"]]
    assert logs(
        *edge_logs, "--from-block", start, "--where", "nums=[]", "--where", 'nums=["0x1", 2]'
    ) == [e["hello"], e["hello2"]]
    assert logs(
        *edge_logs, "--from-block", start, "--where", "message=hello", "--where", "message=bye"
    ) == [e["hello"], e["bye"], e["hello2"]]


def test_usage_errors(target: Target, scene: Scene) -> None:
    zoo_logs = ["logs", "--abi", artifact("TypeZoo"), "--address", scene.zoo, "--from-block", "0"]
    assert target.invoke(*zoo_logs, "--where", "by=5").error(2) == (
        "--where filters on an event's indexed arguments: name the EVENT"
    )
    assert target.invoke(*zoo_logs, "Incremented", "--where", "newValue=3").error(2) == (
        "--where 'newValue=3': expected NAME=VALUE with NAME an indexed argument of Incremented (caller, by)"
    )
    assert target.invoke(*zoo_logs, "Incremented", "--where", "by=x").error(2) == (
        "--where: by (uint256): 'x' is not an integer (decimal, 0x-hex, 1e18, or with a unit: 1.5ether, 20gwei)"
    )
    assert target.invoke(*zoo_logs, "Nope").error(2) == (
        "no event named 'Nope'; the ABI has: Deposited(address,uint256), "
        "Incremented(address,uint256,uint256), Noted(address,string,uint256[])"
    )
    edge_logs = [
        "logs",
        "--abi",
        artifact("EdgeCases"),
        "--address",
        scene.edge,
        "--from-block",
        "0",
    ]
    assert target.invoke(*edge_logs, "Changed").error(2) == (
        "event 'Changed' is overloaded: name one of Changed(string), Changed(uint256)"
    )
    assert target.invoke("logs", "--abi", artifact("TypeZoo"), "--address", scene.zoo).error(2) == (
        "Missing option '--from-block'."
    )


def test_progress_only_on_a_terminal(anvil: Anvil) -> None:
    """stderr a terminal: the scan reports its progress there; stdout (a pipe) stays exact."""
    node = abigen.connect(anvil.http_url)
    latest = int(node.request("eth_blockNumber", []), 16)
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(
            [str(ABIGEN), "logs", "--rpc", anvil.http_url, "--abi", artifact("Token"),
             "--address", ZERO, "--from-block", "0", "--to-block", str(latest), "--json"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal,
        )  # fmt: skip
        os.close(terminal)
        out, _ = proc.communicate(timeout=60)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the process has closed the terminal
            while chunk := os.read(controller, 4096):
                shown += chunk
    finally:
        os.close(controller)
    assert (proc.returncode, json.loads(out)) == (0, [])
    total = latest + 1
    assert shown.decode().replace("\r\n", "\n").endswith(f"\rscanned {total}/{total} blocks\n")
