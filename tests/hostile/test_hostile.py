"""A hostile or broken node cannot crash, hang or mislead the library or the CLI.

Each scenario scripts a fake JSON-RPC node (fakenode.py: HTTP, and IPC over a Unix socket)
to answer one method wrongly, then runs a generated binding (tests/golden/bindings/token.py)
or the CLI against it in a forked subprocess with a 1 GiB memory limit and a deadline
(runner.py). It must end in seconds with the right value or a clear one-line error: for the
library an abigen.AbigenError subclass, for the CLI a non-zero exit and one error line on
stderr, never a traceback. All scenarios run at once, before the first assertion.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from devkeys import KEYS
from eth_abi import encode
from eth_utils import keccak
from fakenode import ALICE, BOB, TOKEN, FakeNode, receipt, transfer_log, word

HERE = Path(__file__).resolve().parent
TOKEN_ABI = str(HERE.parent.parent / "contracts" / "build" / "Token.abi")
KEY_ENV = {"HOSTILE_KEY": KEYS[1]}
SENDS = {"eth_sendRawTransaction", "eth_sendTransaction"}


@dataclass(frozen=True)
class Scenario:
    name: str
    script: Mapping[str, object]
    action: str = ""  # a library action (runner.library), or
    argv: Sequence[str] = ()  # the CLI's arguments ("{rpc}" is the node's address)
    ok: str | None = None  # the expected value (library) or a line of stdout (CLI)
    error: str | None = None  # a piece of the expected error message
    rc: int = 1  # the CLI's exit code on error
    ipc: bool = False  # run over IPC too
    chain_id: int | None = None
    xfail: str | None = None
    forbidden: frozenset[str] = frozenset()  # methods the node must never see
    env: Mapping[str, str] = field(default_factory=dict)
    error_class: str | None = None


def lib(name: str, action: str, script: Mapping[str, object], **kw: Any) -> Scenario:
    return Scenario(name, script, action=action, **kw)


def cli(name: str, argv: Sequence[str], script: Mapping[str, object], **kw: Any) -> Scenario:
    return Scenario(name, script, argv=argv, **kw)


def call(*extra: str) -> list[str]:
    return ["call", "--abi", TOKEN_ABI, "--address", TOKEN, "balanceOf", ALICE, *extra]


def send(*extra: str) -> list[str]:
    return [
        "send", "--abi", TOKEN_ABI, "--address", TOKEN, "transfer", BOB, "5",
        "--private-key-env", "HOSTILE_KEY", *extra,
    ]  # fmt: skip


def revert(reason: str) -> dict[str, object]:
    data = "0x08c379a0" + encode(["string"], [reason]).hex()
    return {"error": {"code": 3, "message": "execution reverted", "data": data}}


def bad(method: str, behaviour: object) -> dict[str, object]:
    return {method: behaviour}


HUGE = "x" * 10_000_000
DEEP = "[" * 100_000 + "]" * 100_000
OTHER = "0x" + "ee" * 32
TWO_LOGS_OTHER = [transfer_log(address="0x" + "11" * 20)]
BAD_LOG: dict[str, Any] = {**transfer_log(), "topics": "x"}

REVERT = (
    "0x"
    + (
        keccak(text="InsufficientBalance(uint256,uint256)")[:4]
        + encode(["uint256", "uint256"], [0, 1])
    ).hex()
)

SCENARIOS: list[Scenario] = [
    # ---- answers that are fine: the right value comes out ----
    lib("ok balance", "balance", {}, ok="1000", ipc=True),
    lib("ok transfer local key", "transfer", {}, ok="1", ipc=True),
    lib("ok transfer node signs", "transfer_node", {}, ok="1"),
    lib("ok logs", "logs", {}, ok="1", ipc=True),
    # JSON-RPC batches and multicalls (node.batch / node.multicall of two balanceOf calls).
    lib("ok batch", "batch", {}, ok="(1000, 1000)", ipc=True),
    lib(
        "batch refused as too large at every size",
        "batch",
        {"batch": {"body": {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "batch too large"}}}},
        error="refused the batch",
        ipc=True,
    ),
    lib("batch answered with an empty list", "batch", {"batch": {"body": []}}, error="answered another request"),
    lib("batch answered with text", "batch", {"batch": {"raw": "overloaded"}}, error="non-JSON"),
    lib(
        "batch item malformed",
        "batch",
        {"eth_call": [{"result": word(1)}, {"result": "0xzz"}]},
        error="batch item 1: eth_call",
        ipc=True,
    ),
    lib(
        "batch item reverted",
        "batch",
        {"eth_call": {"error": {"code": 3, "message": "execution reverted", "data": REVERT}}},
        error="batch item 0 (",
        ipc=True,
    ),
    lib(
        "ok multicall",
        "multicall",
        {"eth_getCode": {"result": "0x"}, "eth_call": {"result": "0x" + encode(["(bool,bytes)[]"], [[(True, bytes.fromhex(word(7)[2:]))] * 2]).hex()}},
        ok="(7, 7)",
        ipc=True,
    ),
    lib(
        "multicall answered with something else",
        "multicall",
        {"eth_getCode": {"result": "0x"}},
        error="the aggregator's answer does not decode",
        ipc=True,
    ),
    lib(
        "multicall answered with too few results",
        "multicall",
        {"eth_getCode": {"result": "0x"}, "eth_call": {"result": "0x" + encode(["(bool,bytes)[]"], [[(True, b"")]]).hex()}},
        error="the aggregator answered 1 results",
    ),
    lib("ok chain id pinned", "chain_id", {}, ok="31337", chain_id=31337),
    lib("ok quantity with leading zero", "block_number", bad("eth_blockNumber", {"result": "0x010"}), ok="16"),
    cli("ok cli call", call("--rpc", "{rpc}"), {}, ok="1000", ipc=True),
    cli("ok cli send pinned", send("--rpc", "{rpc}", "--chain-id", "31337"), {}, ok="status: success (1)", env=KEY_ENV),
    # ---- malformed envelopes ----
    lib("envelope not an object", "balance", bad("eth_call", {"body": [1, 2]}), error="eth_call: node at"),
    lib("envelope a string", "balance", bad("eth_call", {"body": "hello"}), error="eth_call: node at"),
    lib("envelope without result", "balance", bad("eth_call", {"fields": {}}), error="neither result nor error", ipc=True),
    lib("result null", "balance", bad("eth_call", {"result": None}), error="not 0x-hex data", ipc=True),
    lib("error a string", "balance", bad("eth_call", {"error": "boom"}), error="the error is not an object", ipc=True),
    lib("error without code", "balance", bad("eth_call", {"error": {"message": "x"}}), error="int code"),
    lib("error code a string", "balance", bad("eth_call", {"error": {"code": "1", "message": "x"}}), error="int code"),
    lib("error message not text", "balance", bad("eth_call", {"error": {"code": 1, "message": [1]}}), error="int code"),
    lib("body not JSON", "balance", bad("eth_call", {"raw": "<html>oops</html>"}), error="eth_call: node at", ipc=True),
    lib("body empty", "balance", bad("eth_call", {"raw": ""}), error="eth_call: node at"),
    lib("body nested too deep", "balance", bad("eth_call", {"raw": DEEP}), error="eth_call: node at", ipc=True),
    lib("huge error message", "balance", bad("eth_call", {"error": {"code": -32000, "message": HUGE}}), error="eth_call failed: xxx"),
    lib("wrong id", "balance", bad("eth_call", {"wrong_id": True, "result": word(1)}), error="id"),
    lib("wrong id chain", "chain_id", bad("eth_chainId", {"wrong_id": True, "result": "0x1"}), error="id"),
    # ---- wrong result types, per method ----
    lib("chain id banana", "chain_id", bad("eth_chainId", {"result": "banana"}), error="eth_chainId to", ipc=True),
    lib("chain id an int", "chain_id", bad("eth_chainId", {"result": 5}), error="not a 0x-hex quantity"),
    lib("chain id null pinned", "balance", bad("eth_chainId", {"result": None}), chain_id=31337, error="eth_chainId", forbidden=frozenset({"eth_call"})),
    lib("block number empty hex", "block_number", bad("eth_blockNumber", {"result": "0x"}), error="eth_blockNumber"),
    lib("block number negative", "block_number", bad("eth_blockNumber", {"result": "-0x1"}), error="quantity"),
    lib("call data odd length", "balance", bad("eth_call", {"result": "0x123"}), error="not 0x-hex data"),
    lib("call data an int", "balance", bad("eth_call", {"result": 12}), error="not 0x-hex data"),
    lib("call data not hex", "balance", bad("eth_call", {"result": "0xzz"}), error="not 0x-hex data"),
    lib("call data short", "balance", bad("eth_call", {"result": "0x01"}), error="balanceOf"),
    lib("accounts a dict", "accounts", bad("eth_accounts", {"result": {"a": 1}}), error="not a list"),
    lib("accounts short address", "accounts", bad("eth_accounts", {"result": ["0x12"]}), error="address"),
    lib("estimate gas null", "transfer", bad("eth_estimateGas", {"result": None}), error="eth_estimateGas", forbidden=SENDS),
    lib("estimate gas huge", "transfer", bad("eth_estimateGas", {"result": "0x" + "f" * 70}), error="eth_estimateGas", forbidden=SENDS),
    lib("nonce banana", "transfer", bad("eth_getTransactionCount", {"result": "banana"}), error="eth_getTransactionCount", forbidden=SENDS),
    lib("nonce out of range", "transfer", bad("eth_getTransactionCount", {"result": "0x" + "f" * 20}), error="out of range", forbidden=SENDS),
    lib("block a string", "transfer", bad("eth_getBlockByNumber", {"result": "block"}), error="not an object", forbidden=SENDS),
    lib("no latest block", "transfer", bad("eth_getBlockByNumber", {"result": None}), error="no latest block", forbidden=SENDS),
    lib("base fee banana", "transfer", bad("eth_getBlockByNumber", {"result": {"number": "0x1", "baseFeePerGas": "x"}}), error="baseFeePerGas", forbidden=SENDS),
    lib("priority fee a list", "transfer", bad("eth_maxPriorityFeePerGas", {"result": []}), error="eth_maxPriorityFeePerGas", forbidden=SENDS),
    lib("logs a dict", "logs", bad("eth_getLogs", {"result": {"a": 1}}), error="not a list", ipc=True),
    lib("logs hold a number", "logs", bad("eth_getLogs", {"result": [1]}), error="log is not an object"),
    lib("log empty", "logs", bad("eth_getLogs", {"result": [{}]}), error="log.address"),
    lib("log topics a string", "logs", bad("eth_getLogs", {"result": [BAD_LOG]}), error="log.topics"),
    lib("log of another address", "logs", bad("eth_getLogs", {"result": TWO_LOGS_OTHER}), error="another address"),
    lib("log removed a string", "logs", bad("eth_getLogs", {"result": [{**transfer_log(), "removed": "no"}]}), error="removed"),
    # ---- transaction hashes and receipts ----
    lib("raw tx hash an int", "transfer", bad("eth_sendRawTransaction", {"result": 5}), error="eth_sendRawTransaction"),
    lib("raw tx hash null", "transfer", bad("eth_sendRawTransaction", {"result": None}), error="eth_sendRawTransaction"),
    lib("raw tx hash made up", "transfer", bad("eth_sendRawTransaction", {"result": OTHER}), error="not the hash of the transaction sent", ipc=True),
    lib("node tx hash short", "transfer_node", bad("eth_sendTransaction", {"result": "0x1234"}), error="32-byte"),
    lib("receipt empty", "transfer", bad("eth_getTransactionReceipt", {"result": {}}), error="transactionHash", ipc=True),
    lib("receipt a list", "transfer", bad("eth_getTransactionReceipt", {"result": [1]}), error="not an object"),
    lib("receipt of another tx", "transfer", bad("eth_getTransactionReceipt", {"result": receipt(transactionHash=OTHER)}), error="another transaction"),
    lib("receipt status 0x2", "transfer", bad("eth_getTransactionReceipt", {"result": receipt(status="0x2")}), error="status is not 0x0 or 0x1", ipc=True),
    lib("receipt without status", "transfer", bad("eth_getTransactionReceipt", {"result": receipt(status=None)}), error="status"),
    lib("receipt logs null", "transfer", bad("eth_getTransactionReceipt", {"result": receipt(logs=None)}), error="logs is not a list"),
    lib("receipt block banana", "transfer", bad("eth_getTransactionReceipt", {"result": receipt(blockNumber="banana")}), error="blockNumber"),
    # ---- chains ----
    lib("pinned chain mismatch", "balance", {}, chain_id=1, error="is on chain 31337, not 1", forbidden=frozenset({"eth_call"}), ipc=True),
    lib("pinned chain mismatch send", "transfer", {}, chain_id=1, error="is on chain 31337, not 1", forbidden=SENDS | {"eth_estimateGas"}),
    lib("chain switch between sends", "transfer_twice", bad("eth_chainId", [{"result": "0x7a69"}, {"result": "0x1"}]), error="refusing to sign"),
    lib("pinned chain switch at signing", "transfer", bad("eth_chainId", [{"result": "0x7a69"}, {"result": "0x5"}]), chain_id=31337, error="refusing to sign", forbidden=SENDS),
    # ---- options ----
    lib("library nonce -1", "transfer_nonce", {}, error="nonce", error_class="ValueError", forbidden=SENDS),
    # ---- the CLI ----
    cli("cli result null", call("--rpc", "{rpc}"), bad("eth_call", {"result": None}), error="not 0x-hex data", ipc=True),
    cli("cli error a string", call("--rpc", "{rpc}"), bad("eth_call", {"error": "boom"}), error="not an object"),
    cli("cli body not JSON", call("--rpc", "{rpc}"), bad("eth_call", {"raw": "{nope"}), error="eth_call: node at"),
    cli("cli huge error", call("--rpc", "{rpc}"), bad("eth_call", {"error": {"code": -32000, "message": HUGE}}), error="eth_call failed"),
    cli("cli newline in node message", call("--rpc", "{rpc}"), bad("eth_call", {"error": {"code": -1, "message": "one\ntwo\x1b[31m"}}), error="one\\ntwo\\x1b"),
    cli("cli newline in revert string", call("--rpc", "{rpc}"), bad("eth_call", revert("evil\nline")), error="evil\\nline"),
    cli("cli newline in a name", ["call", "--abi", TOKEN_ABI, "--address", TOKEN, "no\nsuch", "--rpc", "{rpc}"], {}, error="no\\nsuch", rc=2),
    cli("cli chain id banana", call("--rpc", "{rpc}", "--chain-id", "31337"), bad("eth_chainId", {"result": "banana"}), error="eth_chainId"),
    cli("cli chain mismatch call", call("--rpc", "{rpc}", "--chain-id", "1"), {}, error="is on chain 31337, not 1", forbidden=frozenset({"eth_call"}), ipc=True),
    cli("cli chain mismatch send", send("--rpc", "{rpc}", "--chain-id", "1"), {}, error="is on chain 31337, not 1", env=KEY_ENV, forbidden=SENDS | {"eth_estimateGas"}),
    cli("cli send without chain id warns", send("--rpc", "{rpc}"), {}, ok="status: success (1)", env=KEY_ENV),
    cli("cli send status 0x2", send("--rpc", "{rpc}", "--chain-id", "31337"), bad("eth_getTransactionReceipt", {"result": receipt(status="0x2")}), error="status", env=KEY_ENV, ipc=True),
    cli("cli send hash mismatch", send("--rpc", "{rpc}", "--chain-id", "31337"), bad("eth_sendRawTransaction", {"result": OTHER}), error="not the hash", env=KEY_ENV),
    cli("cli send receipt of another tx", send("--rpc", "{rpc}", "--chain-id", "31337"), bad("eth_getTransactionReceipt", {"result": receipt(transactionHash=OTHER)}), error="another transaction", env=KEY_ENV),
    cli("cli chain switch on send", send("--rpc", "{rpc}", "--chain-id", "31337"), bad("eth_chainId", [{"result": "0x7a69"}, {"result": "0x1"}]), error="refusing to sign", env=KEY_ENV, forbidden=SENDS),
    cli("cli logs a dict", ["logs", "--abi", TOKEN_ABI, "--address", TOKEN, "--from-block", "0", "--rpc", "{rpc}"], bad("eth_getLogs", {"result": {"a": 1}}), error="not a list"),
    cli("cli nonce -1", send("--rpc", "{rpc}", "--nonce", "-1"), {}, error="--nonce", rc=2, env=KEY_ENV, forbidden=SENDS | {"eth_chainId", "eth_estimateGas"}),
    cli("cli gas 0", send("--rpc", "{rpc}", "--gas", "0"), {}, error="--gas", rc=2, env=KEY_ENV, forbidden=SENDS | {"eth_chainId"}),
    cli("cli node tx hash short", ["send", "--abi", TOKEN_ABI, "--address", TOKEN, "transfer", BOB, "5", "--from", ALICE, "--rpc", "{rpc}", "--chain-id", "31337"], bad("eth_sendTransaction", {"result": "0x1234"}), error="32-byte"),
]  # fmt: skip

KEYSTORES: dict[str, object] = {  # the last one has the right shape: it fails decrypting (exit 1)
    "keystore not an object": [1, 2, 3],
    "keystore without crypto": {"version": 3, "address": ALICE[2:]},
    "keystore unknown kdf": {"version": 3, "crypto": {"kdf": "rot13", "cipher": "x"}},
    "keystore crypto fields missing": {"version": 3, "crypto": {"kdf": "scrypt"}},
    "keystore not JSON": "{not json",
    "keystore garbage params": {
        "version": 3,
        "crypto": {
            "kdf": "scrypt",
            "cipher": "aes-128-ctr",
            "ciphertext": "zz",
            "kdfparams": "nope",
            "mac": 5,
            "cipherparams": {},
        },
    },
}


@dataclass(frozen=True)
class Job:
    name: str
    scenario: Scenario
    transport: str
    face: str = "sync"  # or "async": through connect_async


# Library actions the runner also takes through connect_async and the async binding
# (runner.async_value): all of them.
ASYNC_ACTIONS = frozenset(
    {
        "balance",
        "chain_id",
        "accounts",
        "block_number",
        "transfer",
        "transfer_node",
        "transfer_twice",
        "transfer_nonce",
        "batch",
        "multicall",
        "logs",
    }
)


def _jobs() -> list[Job]:
    jobs = []
    for scenario in SCENARIOS:
        jobs.append(Job(f"{scenario.name} [http]", scenario, "http"))
        if scenario.ipc:
            jobs.append(Job(f"{scenario.name} [ipc]", scenario, "ipc"))
        if scenario.action in ASYNC_ACTIONS:
            jobs.append(Job(f"{scenario.name} [async http]", scenario, "http", "async"))
            if scenario.ipc:
                jobs.append(Job(f"{scenario.name} [async ipc]", scenario, "ipc", "async"))
    for name in KEYSTORES:
        argv = send("--rpc", "{rpc}", "--keystore", "{keystore}", "--password-env", "HOSTILE_PW")
        argv.remove("--private-key-env")
        argv.remove("HOSTILE_KEY")
        rc = 1 if name == "keystore garbage params" else 2
        scenario = cli(
            name, argv, {}, error="--keystore", rc=rc, env={"HOSTILE_PW": "pw"}, forbidden=SENDS
        )
        jobs.append(Job(f"{name} [http]", scenario, "http"))
    return jobs


JOBS = _jobs()


@pytest.fixture(scope="module")
def outcomes(
    tmp_path_factory: pytest.TempPathFactory, _fake_nodes: Path
) -> Iterator[dict[str, Any]]:
    """Every scenario run once, all together: name -> (runner result, methods the node saw)."""
    folder = tmp_path_factory.mktemp("hostile")
    nodes = {}
    specs = []
    try:
        for job in JOBS:
            node = nodes[job.name] = FakeNode(job.scenario.script)
            target = node.url if job.transport == "http" else node.ipc_path
            spec: dict[str, Any] = {"name": job.name, "target": target}
            if job.scenario.argv:
                keystore = folder / f"{len(specs)}.json"
                content = KEYSTORES.get(job.scenario.name, {})
                keystore.write_text(content if isinstance(content, str) else json.dumps(content))
                spec.update(
                    kind="cli",
                    argv=[
                        a.replace("{rpc}", target).replace("{keystore}", str(keystore))
                        for a in job.scenario.argv
                    ],
                    env=dict(job.scenario.env),
                )
            else:
                spec.update(
                    kind="lib",
                    action=job.scenario.action,
                    chain_id=job.scenario.chain_id,
                    face=job.face,
                )
            if job.scenario.action == "transfer_nonce":
                spec["nonce"] = -1
            specs.append(spec)
        jobs_file = folder / "jobs.json"
        jobs_file.write_text(json.dumps(specs))
        env = dict(os.environ)  # the not-e2e guard's stand-ins: no real node can start
        env["ABIGEN_ANVIL"] = str(_fake_nodes / "anvil")
        env["ABIGEN_GETH"] = str(_fake_nodes / "geth")
        env["PATH"] = f"{_fake_nodes}{os.pathsep}{env.get('PATH', '')}"
        env.pop("ABIGEN_RPC", None)
        done = subprocess.run(
            [sys.executable, str(HERE / "runner.py"), str(jobs_file)],
            capture_output=True,
            text=True,
            timeout=240,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        results = {}
        if os.environ.get("HOSTILE_DUMP"):
            Path(os.environ["HOSTILE_DUMP"]).write_text(done.stdout)
        for line in done.stdout.splitlines():
            result = json.loads(line)
            results[result["name"]] = (result, nodes[result["name"]].seen)
        yield results
    finally:
        for node in nodes.values():
            node.close()


def _params() -> list[Any]:
    params = []
    for job in JOBS:
        marks = []
        if job.scenario.xfail:
            marks.append(pytest.mark.xfail(reason=job.scenario.xfail, strict=False))
        params.append(pytest.param(job, id=job.name, marks=marks))
    return params


def _one_line(text: str) -> None:
    assert "\n" not in text and "\r" not in text, text[:300]
    assert all(ch.isprintable() for ch in text), text[:300]
    assert len(text) < 700, f"{len(text)} characters: {text[:300]}"


@pytest.mark.parametrize("job", _params())
def test_scenario(job: Job, outcomes: dict[str, Any]) -> None:
    result, seen = outcomes[job.name]
    scenario = job.scenario
    assert not result["timed_out"], f"did not end within the deadline: {result}"
    assert "Traceback" not in result["stderr"] + result["stdout"], result["stderr"][-3000:]
    sent = scenario.forbidden.intersection(seen)
    assert not sent, f"the node was sent {sorted(sent)} (saw {seen})"
    if scenario.argv:
        _check_cli(scenario, result)
    else:
        _check_library(scenario, result)


def _check_library(scenario: Scenario, result: dict[str, Any]) -> None:
    out = result["stdout"].strip()
    if scenario.ok is not None:
        assert (result["rc"], out) == (0, f"OK {scenario.ok}"), result
        return
    expected_rc = 4 if scenario.error_class else 3
    assert result["rc"] == expected_rc, result
    kind, name, message = out.split(" ", 2)
    assert kind == ("MISUSE" if scenario.error_class else "ERR"), out
    if scenario.error_class:
        assert name == scenario.error_class, out
    text = json.loads(message)
    _one_line(text)
    assert scenario.error is not None and scenario.error in text, text
    assert KEYS[1][2:] not in text


def _check_cli(scenario: Scenario, result: dict[str, Any]) -> None:
    lines = result["stderr"].splitlines()
    warnings = [line for line in lines if line.startswith("abigen: warning: ")]
    errors = [line for line in lines if not line.startswith("abigen: warning: ")]
    # Sending without --chain-id warns once the node is connected (usage errors come first).
    if "--chain-id" in scenario.argv or scenario.argv[0] not in ("send", "deploy"):
        assert not warnings, lines
    elif scenario.ok is not None:
        assert len(warnings) == 1, lines
    else:
        assert len(warnings) <= 1, lines
    if scenario.ok is not None:
        assert result["rc"] == 0, result
        assert scenario.ok in result["stdout"].splitlines(), result["stdout"]
        assert not errors, lines
        return
    assert result["rc"] == scenario.rc, result
    assert len(errors) == 1, lines
    (line,) = errors
    assert line.startswith("abigen: error: "), line
    _one_line(line)
    assert scenario.error is not None and scenario.error in line, line
    assert KEYS[1][2:] not in result["stderr"] + result["stdout"]


def test_suite_is_fast(outcomes: dict[str, Any]) -> None:
    """No scenario comes near its deadline: errors are found at once, not by waiting."""
    slow = {n: r["seconds"] for n, (r, _) in outcomes.items() if r["seconds"] > 8}
    assert not slow, slow
