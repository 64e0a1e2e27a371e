"""Runs hostile-node scenarios, each in its own forked process with a memory limit and a
deadline, and prints one JSON line per scenario: its exit code, stdout and stderr.

    python runner.py JOBS.json

The heavy imports (web3, eth_account, the CLI) happen once, here; each scenario is a fork of
this process, so a crash, a hang or a memory blow-up in one is observed and ends only it. A
library scenario prints `OK <value>` (exit 0), `ERR <class> <message as JSON>` for an
abigen.AbigenError (exit 3), `MISUSE <class> <message as JSON>` for the TypeError/ValueError
of a bad option (exit 4); anything else is a traceback (exit 1). A CLI scenario runs
`abigen ARGS...` (the console script's main) and exits with its code.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import select
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "golden")]

import web3  # noqa: E402,F401 (imported once, before the forks)
from bindings.token import AsyncToken, Token  # noqa: E402
from devkeys import ADDRESSES, KEYS  # noqa: E402
from eth_account import Account  # noqa: E402

import abigen  # noqa: E402
import abigen.cli  # noqa: E402
import abigen.runtime.transport  # noqa: E402

MEMORY = 1 << 30  # RLIMIT_AS of each scenario
DEADLINE = 15.0  # seconds a scenario may take
PARALLEL = 4
TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
ALICE, BOB = ADDRESSES[0], ADDRESSES[1]


def library(job: dict[str, Any]) -> int:
    action = job["action"]
    try:
        face = job.get("face")
        value = asyncio.run(async_value(job)) if face == "async" else sync_value(job)
    except abigen.AbigenError as exc:
        print("ERR", type(exc).__name__, json.dumps(str(exc)))
        return 3
    except (TypeError, ValueError) as exc:
        if action != "transfer_nonce":
            raise
        print("MISUSE", type(exc).__name__, json.dumps(str(exc)))
        return 4
    print("OK", value)
    return 0


async def async_value(job: dict[str, Any]) -> object:
    """A library action through connect_async and the async binding: the same actions as
    sync_value, awaited."""
    action = job["action"]
    key = Account.from_key(KEYS[1])
    async with await abigen.connect_async(
        job["target"], chain_id=job.get("chain_id"), timeout=5
    ) as node:
        token = AsyncToken(TOKEN, node)
        if action == "balance":
            return await token.balance_of(ALICE)
        if action == "chain_id":
            return await node.chain_id
        if action == "accounts":
            return await node.accounts
        if action == "block_number":
            return await node.block_number
        if action == "transfer":
            return (await (await token.transfer(BOB, 5, sender=key)).wait(timeout=5)).status
        if action == "transfer_node":
            return (await (await token.transfer(BOB, 5, sender=ALICE)).wait(timeout=5)).status
        if action == "transfer_twice":
            first = await (await token.transfer(BOB, 5, sender=key)).wait(timeout=5)
            second = await (await token.transfer(BOB, 5, sender=key)).wait(timeout=5)
            return (first.status, second.status)
        if action == "transfer_nonce":
            return (await token.transfer(BOB, 5, sender=key, nonce=job["nonce"])).hash
        if action == "batch":
            return await node.batch(token.balance_of.prepare(ALICE), token.balance_of.prepare(BOB))
        if action == "multicall":
            calls = (token.balance_of.prepare(ALICE), token.balance_of.prepare(BOB))
            return await node.multicall(*calls)
        if action == "logs":
            return len(await token.events.Transfer.get_logs(from_block=0))
    raise SystemExit(f"unknown action {action}")


def sync_value(job: dict[str, Any]) -> object:
    action = job["action"]
    key = Account.from_key(KEYS[1])
    node = abigen.connect(job["target"], chain_id=job.get("chain_id"), timeout=5)
    token = Token(TOKEN, node)
    if action == "balance":
        value: object = token.balance_of(ALICE)
    elif action == "chain_id":
        value = node.chain_id
    elif action == "accounts":
        value = node.accounts
    elif action == "block_number":
        value = node.block_number
    elif action == "transfer":
        value = token.transfer(BOB, 5, sender=key).wait(timeout=5).status
    elif action == "transfer_node":
        value = token.transfer(BOB, 5, sender=ALICE).wait(timeout=5).status
    elif action == "transfer_twice":
        first = token.transfer(BOB, 5, sender=key).wait(timeout=5).status
        second = token.transfer(BOB, 5, sender=key).wait(timeout=5).status
        value = (first, second)
    elif action == "transfer_nonce":
        value = token.transfer(BOB, 5, sender=key, nonce=job["nonce"]).hash
    elif action == "batch":
        value = node.batch(token.balance_of.prepare(ALICE), token.balance_of.prepare(BOB))
    elif action == "multicall":
        value = node.multicall(token.balance_of.prepare(ALICE), token.balance_of.prepare(BOB))
    elif action == "logs":
        value = len(token.events.Transfer.get_logs(from_block=0))
    else:
        raise SystemExit(f"unknown action {action}")
    return value


def cli(job: dict[str, Any]) -> int:
    os.environ.update(job.get("env", {}))
    sys.argv = ["abigen", *job["argv"]]
    try:
        abigen.cli.main()
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    return 0


def child(job: dict[str, Any], out: str, err: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    code = 1
    try:
        code = library(job) if job["kind"] == "lib" else cli(job)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> None:
    jobs: list[dict[str, Any]] = json.loads(Path(sys.argv[1]).read_text())
    folder = tempfile.mkdtemp(prefix="hostile-out")
    pending = list(enumerate(jobs))
    running: dict[int, tuple[int, float, dict[str, Any], str, str]] = {}
    while pending or running:
        while pending and len(running) < PARALLEL:
            index, job = pending.pop(0)
            out, err = f"{folder}/{index}.out", f"{folder}/{index}.err"
            pid = os.fork()
            if pid == 0:
                child(job, out, err)
            running[pid] = (index, time.monotonic(), job, out, err)
        select.select([], [], [], 0.01)
        for pid, (_index, started, job, out, err) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            timed_out = False
            if done == 0:
                if time.monotonic() - started < DEADLINE:
                    continue
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                timed_out = True
            del running[pid]
            result = {
                "name": job["name"],
                "rc": os.waitstatus_to_exitcode(status),
                "timed_out": timed_out,
                "seconds": round(time.monotonic() - started, 2),
                "stdout": Path(out).read_text(errors="replace")[:20000],
                "stderr": Path(err).read_text(errors="replace")[:20000],
            }
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
