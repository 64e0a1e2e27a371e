"""Fetching and decoding 10,000 Transfer logs: the generated binding vs web3, on anvil.

A LogEmitter (contracts/LogEmitter.sol) emits 10,000 ERC-20 Transfer events in five
transactions; then each path fetches all of them over one block range and decodes every one
with the Token ABI (an ERC-20's, bound at the emitter's address):

- binding: `token.events.Transfer.get_logs(from_block=..., to_block=...)` (answer checks,
  typed events with their LogMeta);
- web3: `w3.eth.get_logs(...)` then `contract.events.Transfer().process_log(log)` per log, as
  web3's documentation does it.

Over HTTP (the target: the binding at least 25x faster) and over IPC (information). Paths run in
interleaved rounds in rotating order; the median of the per-round ratios is reported. Run with
`make bench`, or `.venv/bin/python tests/bench/bench_logs.py`. A benchmark reports, it does not
gate: a missed target exits 0.
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from web3 import HTTPProvider, IPCProvider, Web3

import abigen
from abigen.devnode import Anvil
from abigen.generate import Request, generate

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "contracts" / "build"
sys.path.insert(0, str(REPO / "tests" / "golden"))

from bindings.token import Token  # noqa: E402  (the golden binding, importable from above)

MODULE = "bench_log_emitter"
LOGS = 10_000
PER_TX = 2_000  # 5 transactions of about 5M gas each: well inside anvil's 30M blocks
ROUNDS = 5
TARGET_HTTP = 25.0  # web3 / binding at least this, over HTTP


def load_binding(directory: str) -> Any:
    """The LogEmitter binding, generated into `directory` and imported (Any: made at run time)."""
    request = Request(
        str(BUILD / "LogEmitter.abi"), MODULE, "LogEmitter", str(BUILD / "LogEmitter.bin")
    )
    Path(directory, f"{MODULE}.py").write_text(generate(request), encoding="utf-8")
    sys.path.insert(0, directory)
    return importlib.import_module(MODULE)


def emit_logs(binding: Any, node: abigen.Node) -> tuple[Any, int, int]:
    """A LogEmitter that emitted LOGS Transfers: (contract, first block, last block)."""
    sender = node.accounts[0]
    emitter = binding.LogEmitter.deploy(node, sender=sender)
    blocks = [
        emitter.emit_transfers(PER_TX, start, sender=sender, gas=15_000_000).wait().block_number
        for start in range(0, LOGS, PER_TX)
    ]
    return emitter, blocks[0], blocks[-1]


def paths(
    address: str, endpoint: str, kind: str, first: int, last: int
) -> dict[str, Callable[[], list[Any]]]:
    token = Token(address, abigen.connect(endpoint))
    provider = HTTPProvider(endpoint) if kind == "HTTP" else IPCProvider(endpoint)
    w3 = Web3(provider)
    abi = json.loads((BUILD / "Token.abi").read_text())
    event = w3.eth.contract(address=Web3.to_checksum_address(address), abi=abi).events.Transfer()
    query = {"address": address, "fromBlock": first, "toBlock": last}

    def ours() -> list[Any]:
        found: list[Any] = token.events.Transfer.get_logs(from_block=first, to_block=last)
        return found

    def web3() -> list[Any]:
        return [event.process_log(log) for log in w3.eth.get_logs(query)]  # type: ignore[arg-type]

    return {"binding": ours, "web3": web3}


def check_same(found: dict[str, list[Any]]) -> None:
    """Both paths decode the same LOGS events, or we would time an error path."""
    ours = [(e.from_, e.to, e.value, e.log.log_index) for e in found["binding"]]
    theirs = [(e.args["from"], e.args["to"], e.args["value"], e.logIndex) for e in found["web3"]]
    if len(ours) != LOGS or ours != theirs:
        raise RuntimeError(f"the paths disagree ({len(ours)} and {len(theirs)} events)")


def rounds(timed: dict[str, Callable[[], list[Any]]]) -> list[dict[str, float]]:
    """Per round, ms per run of each path; the order rotates every round."""
    names = list(timed)
    check_same({name: timed[name]() for name in names})  # also the warm-up
    found: list[dict[str, float]] = []
    for index in range(ROUNDS):
        shift = index % len(names)
        times: dict[str, float] = {}
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter_ns()
            timed[name]()
            times[name] = (time.perf_counter_ns() - start) / 1e6
        found.append(times)
    return found


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="abigen-bench-") as directory, Anvil() as anvil:
        binding = load_binding(directory)
        emitter, first, last = emit_logs(binding, abigen.connect(anvil.ipc_path))
        results = {
            kind: rounds(paths(emitter.address, endpoint, kind, first, last))
            for kind, endpoint in (("HTTP", anvil.http_url), ("IPC", anvil.ipc_path))
        }
    print(
        f"\nfetch and decode {LOGS} Transfer logs (blocks {first}-{last}), anvil, {ROUNDS} rounds:"
    )
    for kind, found in results.items():
        binding_ms = statistics.median(t["binding"] for t in found)
        web3_ms = statistics.median(t["web3"] for t in found)
        ratio = statistics.median(t["web3"] / t["binding"] for t in found)
        print(
            f"  {kind:5} binding {binding_ms:8.1f} ms   web3 {web3_ms:8.1f} ms   web3/binding {ratio:6.1f}x"
        )
        if kind == "HTTP":
            verdict = "PASS" if ratio >= TARGET_HTTP else "FAIL"
            http_line = (
                f"  {verdict}  HTTP: web3 / binding {ratio:.1f}x (target >= {TARGET_HTTP:g}x)"
            )
    print(http_line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
