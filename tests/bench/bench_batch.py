"""100 calls at once: JSON-RPC batches and Multicall3 vs web3 and vs a bare provider, on anvil
over IPC.

- 100 balanceOf calls in one batch: `node.batch_many` (preparing the calls included) vs web3's
  `w3.batch_requests()` with contract calls vs a bare provider's `make_batch_request` with
  precomputed calldata (web3's IPCProvider and ours: the faster is the floor).
- 100 balanceOf calls through `node.multicall_many` (deployless: anvil has no Multicall3) vs
  the same 100 calls made one after another through the binding, over IPC and over HTTP (a
  multicall saves round trips, which cost more over HTTP; the target does not name a transport,
  so both are reported, each against its own).

Paths run in interleaved rounds in rotating order; each round gives a ratio, and the median of
the per-round ratios is reported. Run with `make bench`, or `.venv/bin/python
tests/bench/bench_batch.py`. A benchmark reports, it does not gate: a missed target exits 0.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from web3 import IPCProvider, Web3

import abigen
from abigen.devnode import Anvil
from abigen.runtime.ipc import IpcProvider

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "golden"))

from bindings.token import Token  # noqa: E402  (the golden binding, importable from above)

CALLS = 100
ROUNDS = 15
REPEATS = 5  # batches per path per round
WARMUP = 5
TARGET_WEB3 = 25.0  # web3 batch / batch_many at least this
TARGET_BARE = 1.5  # batch_many / bare batch at most this
TARGET_SEQUENTIAL = 10.0  # sequential calls / multicall_many at least this


def rounds(paths: dict[str, Callable[[], object]]) -> list[dict[str, float]]:
    """Per round, ms per run of each path; the order rotates every round."""
    names = list(paths)
    for name in names:
        for _ in range(WARMUP):
            paths[name]()
    found: list[dict[str, float]] = []
    for index in range(ROUNDS):
        shift = index % len(names)
        times: dict[str, float] = {}
        for name in names[shift:] + names[:shift]:
            call = paths[name]
            start = time.perf_counter_ns()
            for _ in range(REPEATS):
                call()
            times[name] = (time.perf_counter_ns() - start) / REPEATS / 1e6
        found.append(times)
    return found


def ratio(found: list[dict[str, float]], numerator: str, denominator: str) -> float:
    return statistics.median(times[numerator] / times[denominator] for times in found)


def main() -> int:
    with Anvil() as anvil:
        node = abigen.connect(anvil.ipc_path)
        alice = node.accounts[0]
        token = Token.deploy(node, "Gold", "GLD", 10**24, sender=alice)
        holders = [f"0x{i:040x}" for i in range(1, CALLS)] + [alice]
        holders = [Web3.to_checksum_address(h) for h in holders]
        w3 = Web3(IPCProvider(anvil.ipc_path))
        contract = w3.eth.contract(address=token.address, abi=_abi())
        params = [
            (
                "eth_call",
                [
                    {"to": token.address, "data": "0x" + token.balance_of.encode_input(h).hex()},
                    "latest",
                ],
            )
            for h in holders
        ]
        web3_bare, ours_bare = IPCProvider(anvil.ipc_path), IpcProvider(anvil.ipc_path)

        def batch_many() -> object:
            return node.batch_many([token.balance_of.prepare(h) for h in holders])

        def web3_batch() -> object:
            with w3.batch_requests() as batch:
                for holder in holders:
                    batch.add(contract.functions.balanceOf(holder))
                return batch.execute()

        expected = [token.balance_of(h) for h in holders]
        assert batch_many() == expected and list(web3_batch()) == expected  # type: ignore[arg-type]
        batch = rounds(
            {
                "batch_many": batch_many,
                "web3 batch_requests": web3_batch,
                "bare web3 IPCProvider": lambda: web3_bare.make_batch_request(params),  # type: ignore[arg-type]
                "bare abigen IpcProvider": lambda: ours_bare.make_batch_request(params),
            }
        )

        multi = {
            kind: _multicall_rounds(Token(token.address, abigen.connect(target)), holders, expected)
            for kind, target in (("IPC", anvil.ipc_path), ("HTTP", anvil.http_url))
        }
    _report(batch, multi)
    return 0


def _multicall_rounds(token: Token, holders: list[str], expected: object) -> list[dict[str, float]]:
    node = token.node

    def multicall_many() -> object:
        return node.multicall_many([token.balance_of.prepare(h) for h in holders])

    def sequential() -> object:
        return [token.balance_of(h) for h in holders]

    assert multicall_many() == expected == sequential()
    return rounds({"multicall_many": multicall_many, "sequential calls": sequential})


def _abi() -> Any:
    import json

    return json.loads((REPO / "contracts" / "build" / "Token.abi").read_text())


def _report(batch: list[dict[str, float]], multi: dict[str, list[dict[str, float]]]) -> None:
    print(f"\n{CALLS} balanceOf calls at once, anvil ({ROUNDS} rounds x {REPEATS}):")
    for label, found in (("IPC", batch), *multi.items()):
        for name in found[0]:
            median = statistics.median(t[name] for t in found)
            print(f"  {label:5} {name:26} {median:8.2f} ms")
    bare = min(
        ("bare web3 IPCProvider", "bare abigen IpcProvider"),
        key=lambda n: statistics.median(t[n] for t in batch),
    )
    checks = [
        (
            "web3 batch_requests / batch_many",
            ratio(batch, "web3 batch_requests", "batch_many"),
            TARGET_WEB3,
            True,
        ),
        (f"batch_many / {bare}", ratio(batch, "batch_many", bare), TARGET_BARE, False),
    ]
    checks += [
        (
            f"{kind}: sequential calls / multicall_many",
            ratio(found, "sequential calls", "multicall_many"),
            TARGET_SEQUENTIAL,
            True,
        )
        for kind, found in multi.items()
    ]
    print("median of per-round ratios:")
    for name, value, target, at_least in checks:
        passed = value >= target if at_least else value <= target
        bound = ">=" if at_least else "<="
        print(
            f"  {'PASS' if passed else 'FAIL'}  {name}: {value:.2f}x (target {bound} {target:g}x)"
        )


if __name__ == "__main__":
    sys.exit(main())
