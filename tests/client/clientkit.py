"""Helpers for the client CLI tests: run the real `abigen` console script, and set up chain state
in-process with an oracle independent of abigen's own codec (eth_abi, eth_utils).

Cost model, measured on the project's 2-core machine: a console-script process that talks to a
node spends ~1.5 s of CPU, nearly all of it importing web3 (py_ecc alone ~0.7 s); an offline one
(decode, inspect, --help) ~0.2 s. So:

- every command and every failure path runs through the console script over HTTP and over IPC;
- the processes of a module are started together (`Batch`, `start_all`), so they overlap;
- the variants of a check (argument forms, revert kinds, bad-argument kinds...) alternate: each
  runs through the console script over one transport and in-process over the other
  (`Batch.alternate`), so each meets the real process once and both transports always;
- long tails (the type matrix, every message) run the same typer app in-process (`invoke`)
  over both transports, where a command costs milliseconds.

Every run asserts that no traceback reached the user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import eth_abi
import rlp
from eth_account import Account
from eth_utils import keccak, to_checksum_address
from typer.testing import CliRunner

import abigen
from abigen.cli import app

ABIGEN = Path(sys.executable).with_name("abigen")
REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "contracts" / "build"
FIXTURES = REPO / "tests" / "fixtures"
ZERO = "0x" + "00" * 20
# Environment variables a command may read: never inherited from the developer's shell.
_SCRUBBED = ("ABIGEN_RPC", "_ABIGEN_COMPLETE")


@dataclass(frozen=True)
class Result:
    argv: tuple[str, ...]
    code: int
    out: str
    err: str  # stderr without the warning lines, which are in `warnings`
    warnings: tuple[str, ...] = ()

    @property
    def json(self) -> Any:
        assert self.code == 0, self
        return json.loads(self.out)

    def error(self, code: int) -> str:
        """The one-line `abigen: error: ...` message (without its prefix); nothing on stdout."""
        assert self.code == code, self
        assert self.out == "", self
        assert self.err.endswith("\n") and self.err.count("\n") == 1, self
        assert self.err.startswith("abigen: error: "), self
        return self.err[len("abigen: error: ") : -1]


@dataclass(frozen=True)
class Cmd:
    args: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict[str, str])


def _environment(extra: Mapping[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.update(extra)
    return env


def start(command: Cmd, *, python_args: Sequence[str] = ()) -> subprocess.Popen[bytes]:
    program = [sys.executable, *python_args, "-m", "abigen"] if python_args else [str(ABIGEN)]
    return subprocess.Popen(
        [*program, *command.args],
        stdin=subprocess.DEVNULL,  # not a terminal: nothing may prompt
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(command.env),
    )


def finish(proc: subprocess.Popen[bytes], timeout: float = 90) -> Result:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"{proc.args} still running after {timeout} s: {err!r}") from None
    args = proc.args
    assert isinstance(args, list)
    result = _result(tuple(map(str, args[1:])), proc.returncode, out.decode(), err.decode())
    assert "Traceback" not in result.out + result.err, result
    return result


WARNING = "abigen: warning: "


def _result(argv: tuple[str, ...], code: int, out: str, err: str) -> Result:
    """The warnings split from the rest of stderr: `send`/`deploy` without --chain-id warn once
    (when they reach the node), nothing else warns."""
    lines = err.splitlines(keepends=True)
    warnings = tuple(line.rstrip("\n") for line in lines if line.startswith(WARNING))
    rest = "".join(line for line in lines if not line.startswith(WARNING))
    sending = (
        any(word in argv for word in ("send", "deploy", "send-value")) and "--chain-id" not in argv
    )
    assert len(warnings) <= (1 if sending else 0), (argv, err)
    assert all("no --chain-id" in line for line in warnings), (argv, err)
    return Result(argv, code, out, rest, warnings)


def start_all(*commands: Cmd | Sequence[str]) -> list[subprocess.Popen[bytes]]:
    return [start(c if isinstance(c, Cmd) else Cmd(c)) for c in commands]


def finish_all(procs: Sequence[subprocess.Popen[bytes]]) -> list[Result]:
    return [finish(p) for p in procs]


def invoke(*args: str, env: Mapping[str, str] | None = None) -> Result:
    """The same command run in this process through typer's CliRunner, for long value matrices
    (a console-script process costs ~1.5 s of CPU, nearly all of it importing web3)."""
    unset: dict[str, str | None] = dict.fromkeys(_SCRUBBED)
    result = CliRunner().invoke(app, list(args), env={**unset, **(env or {})})
    # Anything but a clean exit is an escaped exception: the user would see a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return _result(("<in-process>", *args), result.exit_code, result.stdout, result.stderr)


def artifact(name: str) -> str:
    return str(BUILD / f"{name}.json")


# ---- a node target: the same anvil over HTTP or IPC ----


@dataclass(frozen=True)
class Target:
    transport: str  # "http" or "ipc"
    rpc: str  # what --rpc gets: the URL or the socket path
    node: abigen.Node  # for checks, over the same transport
    accounts: tuple[str, ...]  # alice first; ten in all (tests/devkeys.py)
    chain_id: int
    # Accounts the node does not manage (geth --dev manages one): address -> private key.
    # The CLI sends as them with --private-key-env, and `send` signs for them.
    local_keys: Mapping[str, str] = field(default_factory=dict[str, str])

    @property
    def alice(self) -> str:
        return self.accounts[0]

    @property
    def bob(self) -> str:
        return self.accounts[1]

    @property
    def carol(self) -> str:
        return self.accounts[2]

    def sender(self, address: str) -> list[str]:
        """CLI options that send as `address`: --from on the node's own accounts, else its key
        from an environment variable (every command over this target gets those variables)."""
        if address in self.local_keys:
            return ["--private-key-env", _key_variable(address)]
        return ["--from", address]

    @property
    def env(self) -> dict[str, str]:
        return {_key_variable(a): k for a, k in self.local_keys.items()}

    def cmd(self, command: str, *args: str, env: Mapping[str, str] | None = None) -> Cmd:
        """`abigen COMMAND --rpc TARGET ARGS...` (--rpc first: ARGS may hold a `--`)."""
        return Cmd([command, "--rpc", self.rpc, *args], {**self.env, **(env or {})})

    def alternate(self, *commands: Cmd) -> list[Result]:
        """Variants of one check: each runs through the console script over one transport (HTTP:
        the 1st, 3rd...; IPC: the 2nd, 4th...) and in-process over the other, so every variant
        meets the real process once and both transports all the time. The console-script
        ones are started first and run while the in-process ones do."""
        procs = {i: start(c) for i, c in enumerate(commands) if _by_console(self, i)}
        results = {i: invoke(*c.args, env=c.env) for i, c in enumerate(commands) if i not in procs}
        results.update({i: finish(p) for i, p in procs.items()})
        return [results[i] for i in range(len(commands))]

    def invoke(self, command: str, *args: str, env: Mapping[str, str] | None = None) -> Result:
        """The command in this process (see `invoke`), over this target."""
        command_ = self.cmd(command, *args, env=env)
        return invoke(*command_.args, env=command_.env)

    # -- chain state, read and written without abigen's codec --

    def nonce(self, address: str) -> int:
        return int(self.node.request("eth_getTransactionCount", [address, "latest"]), 16)

    def block_number(self) -> int:
        return int(self.node.request("eth_blockNumber", []), 16)

    def receipt(self, tx_hash: str) -> dict[str, Any]:
        for _ in range(400):
            try:
                receipt = self.node.request("eth_getTransactionReceipt", [tx_hash])
            except (
                abigen.RpcError
            ) as exc:  # geth, just started: "transaction indexing is in progress"
                if "indexing" not in exc.rpc_message:
                    raise
                receipt = None
            if receipt is not None:
                return dict(receipt)
            time.sleep(0.01)
        raise AssertionError(f"no receipt for {tx_hash}")

    def transaction(self, tx_hash: str) -> dict[str, Any]:
        return dict(self.node.request("eth_getTransactionByHash", [tx_hash]))

    def send(self, sender: str, to: str | None, data: bytes, value: int = 0) -> dict[str, Any]:
        tx: dict[str, str] = {"from": sender, "data": "0x" + data.hex(), "value": hex(value)}
        if to is not None:
            tx["to"] = to
        if sender in self.local_keys:
            tx_hash = self.node.request("eth_sendRawTransaction", [self._signed(tx)])
        else:
            tx_hash = self.node.request("eth_sendTransaction", [tx])
        receipt = self.receipt(tx_hash)
        assert receipt["status"] == "0x1", receipt
        return receipt

    def _signed(self, tx: dict[str, str]) -> str:
        """A legacy transaction signed with the sender's local key (test setup, not the CLI)."""
        request = self.node.request
        full = {
            **{k: v for k, v in tx.items() if k != "from"},
            "nonce": self.nonce(tx["from"]),
            "gas": int(request("eth_estimateGas", [tx]), 16),
            "gasPrice": int(request("eth_gasPrice", []), 16) * 2,
            "chainId": self.chain_id,
            "value": int(tx["value"], 16),
        }
        signed = Account.sign_transaction(full, self.local_keys[tx["from"]])
        return "0x" + bytes(signed.raw_transaction).hex()

    def transact(
        self, sender: str, to: str, signature: str, *args: object, value: int = 0
    ) -> dict[str, Any]:
        return self.send(sender, to, calldata(signature, *args), value)

    def deploy(self, name: str, types: Sequence[str], *args: object, value: int = 0) -> str:
        code = bytes.fromhex(json.loads((BUILD / f"{name}.json").read_text())["bytecode"][2:])
        receipt = self.send(self.alice, None, code + eth_abi.encode(list(types), list(args)), value)
        return to_checksum_address(receipt["contractAddress"])

    def eth_call(self, to: str, signature: str, returns: Sequence[str], *args: object) -> Any:
        tx = {"to": to, "data": "0x" + calldata(signature, *args).hex()}
        raw = bytes.fromhex(self.node.request("eth_call", [tx, "latest"])[2:])
        return eth_abi.decode(list(returns), raw)


def _key_variable(address: str) -> str:
    return f"ABIGEN_TEST_KEY_{address[2:].upper()}"


def _by_console(target: Target, variant: int) -> bool:
    """Whether the `variant`-th of a check's variants runs through the console script over
    this target (HTTP: the 1st, 3rd...; IPC: the 2nd, 4th...), or in-process."""
    return (variant + (target.transport != "http")) % 2 == 0


def create_address(sender: str, nonce: int) -> str:
    """Where `sender`'s transaction with this nonce creates a contract: keccak(rlp([sender, nonce]))."""
    return to_checksum_address(keccak(rlp.encode([bytes.fromhex(sender[2:]), nonce]))[12:])


class Batch:
    """The console-script runs of one module's tests over one target, started together when the
    module's first test asks for them, so that the processes overlap: each spends ~1.5 s of CPU
    importing web3, and one test alone rarely has enough of them to keep the cores busy.

    `console(key, cmd)` runs through the console script. `alternate(key, *cmds)` takes the
    variants of one check: each goes through the console script over one transport (HTTP: the
    1st, 3rd...; IPC: the 2nd, 4th...) and in-process over the other, so every variant meets the
    real process once and both transports always; the in-process ones run when a test asks
    for them (`variants`), in the test, with its state.
    """

    def __init__(self, target: Target) -> None:
        self.target = target
        self._procs: dict[object, subprocess.Popen[bytes]] = {}
        self._later: dict[object, Cmd] = {}
        self._sizes: dict[str, int] = {}
        self._results: dict[object, Result] = {}

    def console(self, key: str, command: Cmd) -> None:
        self._procs[key] = start(command)

    def alternate(self, key: str, *commands: Cmd) -> None:
        self._sizes[key] = len(commands)
        for i, command in enumerate(commands):
            if _by_console(self.target, i):
                self._procs[key, i] = start(command)
            else:
                self._later[key, i] = command

    def wait(self) -> Batch:
        for key, proc in self._procs.items():
            self._results[key] = finish(proc)
        return self

    def __getitem__(self, key: str) -> Result:
        return self._results[key]

    def variants(self, key: str) -> list[Result]:
        return [
            self._results[key, i]
            if (key, i) in self._results
            else invoke(*self._later[key, i].args, env=self._later[key, i].env)
            for i in range(self._sizes[key])
        ]


def selector(signature: str) -> bytes:
    return keccak(text=signature)[:4]


def calldata(signature: str, *args: object) -> bytes:
    types = signature[signature.index("(") + 1 : -1]
    return selector(signature) + eth_abi.encode(_split(types), list(args))


def _split(types: str) -> list[str]:
    """Top-level comma split of a parameter list: '(int128,int128)[],bool' -> 2 items."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(types):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(types[start:i])
            start = i + 1
    if types:
        parts.append(types[start:])
    return parts


def canonical(param: Mapping[str, Any]) -> str:
    """The canonical type of an ABI JSON parameter (tuples spelled out)."""
    kind: str = param["type"]
    if kind.startswith("tuple"):
        inner = ",".join(canonical(c) for c in param["components"])
        return f"({inner}){kind[len('tuple') :]}"
    return kind


def signature(entry: Mapping[str, Any]) -> str:
    return f"{entry['name']}({','.join(canonical(p) for p in entry['inputs'])})"


def abi_of(name: str) -> list[dict[str, Any]]:
    abi: list[dict[str, Any]] = json.loads((BUILD / f"{name}.json").read_text())["abi"]
    return abi


def event_json(
    receipt: Mapping[str, Any], index: int, event: str, sig: str, args: dict[str, object]
) -> dict[str, object]:
    """What --json prints for the `index`-th log of a receipt (from the node's own receipt)."""
    log = receipt["logs"][index]
    return {
        "event": event,
        "signature": sig,
        "args": args,
        "address": to_checksum_address(log["address"]),
        "blockNumber": int(log["blockNumber"], 16),
        "transactionHash": log["transactionHash"],
        "logIndex": int(log["logIndex"], 16),
    }


def receipt_json(receipt: Mapping[str, Any], events: list[dict[str, object]]) -> dict[str, object]:
    """What send/deploy --json prints for a receipt (deploy adds "address" in front)."""
    data: dict[str, object] = {}
    if receipt.get("contractAddress"):
        data["address"] = to_checksum_address(receipt["contractAddress"])
    data.update(
        transactionHash=receipt["transactionHash"],
        blockNumber=int(receipt["blockNumber"], 16),
        status=int(receipt["status"], 16),
        gasUsed=int(receipt["gasUsed"], 16),
        events=events,
    )
    return data


def outputs_json(outputs: Sequence[str], values: Sequence[object]) -> object:
    """What `call --json` / `decode output --json` print for a function's return values, as
    abigen.client.show.outputs_to_json documents it: nothing is null, one unnamed output is
    the bare value, otherwise an object keyed by output name, or by position when unnamed."""
    assert len(outputs) == len(values)
    if not outputs:
        return None
    if len(outputs) == 1 and not outputs[0]:
        return values[0]
    return {
        name or str(i): value for i, (name, value) in enumerate(zip(outputs, values, strict=True))
    }
