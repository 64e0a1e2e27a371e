"""100 balanceOf calls gathered under asyncio, over IPC to anvil: ours vs AsyncWeb3 vs the floor.

Paths, each 100 calls started at once with asyncio.gather and timed as a whole:
- ours: the generated async binding, `await token.balance_of(alice)` on an AsyncToken bound to
  an AsyncNode (connect_async);
- AsyncWeb3: `await contract.functions.balanceOf(alice).call()`, as users get it by default;
- bare: web3's `AsyncIPCProvider.make_request` with precomputed params (no decoding).
Rounds are interleaved in rotating order and each round's ratios are taken within the round
(see bench_calls.measure for why); the medians of those ratios are reported.
Run with `make bench`, or `.venv/bin/python tests/bench/bench_async.py [--json PATH]`.

A benchmark reports, it does not gate: a missed target still exits 0; an error exits non-zero.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench_calls import ABI_PATH, SUPPLY, deploy_token, target
from web3 import AsyncWeb3
from web3.providers.persistent import AsyncIPCProvider

import abigen
from abigen.devnode import Anvil

CALLS = 100  # gathered at once, per path per round
WARMUP = 5
ROUNDS = 30

TARGET_BARE = 1.3  # ours/bare at most this
TARGET_ASYNC_WEB3 = 9.0  # AsyncWeb3/ours at least this

Path_ = Callable[[], Awaitable[list[int]]]


async def measure(paths: dict[str, Path_], rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Seconds per round (CALLS gathered) of each path, interleaved in rotating order."""
    names = list(paths)
    for name in names:
        for _ in range(WARMUP):
            await paths[name]()
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            await paths[name]()
            seconds[name].append(time.perf_counter() - start)
    return seconds


async def bench(binding: Any, address: str, alice: str, ipc_path: str) -> dict[str, Any]:
    abi = json.loads(ABI_PATH.read_text(encoding="utf-8"))
    node = await abigen.connect_async(ipc_path)
    w3 = await AsyncWeb3(AsyncIPCProvider(ipc_path))
    bare = AsyncIPCProvider(ipc_path)
    await bare.connect()
    try:
        token = binding.AsyncToken(address, node)
        function = binding.Token.balance_of
        contract = w3.eth.contract(address=AsyncWeb3.to_checksum_address(address), abi=abi)
        params = [{"to": address, "data": "0x" + function.encode_input(alice).hex()}, "latest"]

        async def ours_one() -> int:
            return int(await token.balance_of(alice))

        async def bare_one() -> int:
            return int((await bare.make_request("eth_call", params))["result"], 16)  # type: ignore[arg-type]

        async def web3_one() -> int:
            return int(await contract.functions.balanceOf(alice).call())

        def gathered(one: Callable[[], Awaitable[int]]) -> Path_:
            async def path() -> list[int]:
                return list(await asyncio.gather(*(one() for _ in range(CALLS))))

            return path

        paths = {"ours": gathered(ours_one), "AsyncWeb3": gathered(web3_one)}
        paths["bare"] = gathered(bare_one)
        for name, path in paths.items():  # all must see the balance, or an error path is timed
            if set(await path()) != {SUPPLY}:
                raise RuntimeError(f"{name} does not see the balance")
        seconds = await measure(paths)
    finally:
        await node.close()
        await bare.disconnect()
        await w3.provider.disconnect()
    ratios = {
        "ours/bare": [o / b for o, b in zip(seconds["ours"], seconds["bare"], strict=True)],
        "AsyncWeb3/ours": [
            w / o for w, o in zip(seconds["AsyncWeb3"], seconds["ours"], strict=True)
        ],
    }
    results: dict[str, Any] = {f"{n} ms": statistics.median(s) * 1e3 for n, s in seconds.items()}
    results.update({name: statistics.median(values) for name, values in ratios.items()})
    results["targets"] = [
        target(
            f"IPC, {CALLS} gathered: ours within {TARGET_BARE}x of web3's bare"
            " AsyncIPCProvider.make_request",
            results["ours/bare"],
            TARGET_BARE,
            at_most=True,
        ),
        target(
            f"IPC, {CALLS} gathered: ours at least {TARGET_ASYNC_WEB3:g}x faster than AsyncWeb3"
            " contract calls",
            results["AsyncWeb3/ours"],
            TARGET_ASYNC_WEB3,
            at_most=False,
        ),
    ]
    return results


def report(results: dict[str, Any]) -> None:
    print(f"\n{CALLS} balanceOf calls gathered over IPC (anvil), median of {ROUNDS} rounds")
    for name in ("ours", "AsyncWeb3", "bare"):
        print(f"  {name:10}{results[f'{name} ms']:9.2f} ms")
    print(f"  per-round ratios: ours/bare {results['ours/bare']:.2f}x,", end=" ")
    print(f"AsyncWeb3/ours {results['AsyncWeb3/ours']:.1f}x")
    print("targets")
    for item in results["targets"]:
        print(f"  {'PASS' if item['pass'] else 'FAIL'}  {item['name']}: {item['value']:.2f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="abigen-bench-") as gen_dir, Anvil() as anvil:
        binding, address, alice = deploy_token(gen_dir, anvil)
        results = asyncio.run(bench(binding, address, alice, anvil.ipc_path))
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
