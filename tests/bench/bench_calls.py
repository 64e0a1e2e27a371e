"""Per-call latency of a view call: generated binding vs web3's contract call vs the floor.

The floor is the least a client can pay for the same eth_call with precomputed calldata and
a parsed answer: over HTTP a kept-alive `http.client` POST (a urllib3 pool is timed beside
it: our HttpProvider uses whichever is faster), over IPC a bare Unix socket send and read.
Over IPC the binding is also timed against a bare provider request (web3's IPCProvider and
ours, make_request with precomputed params): the floor the IPC target was first set against.
A 10 MB eth_getLogs-sized answer is then read over IPC and over HTTP through our providers,
served by a local fake node (anvil would need minutes to make that many logs).
Run from the repo root with `make bench`, or `.venv/bin/python tests/bench/bench_calls.py
[--json PATH]`.

A benchmark reports, it does not gate: a missed target still exits 0; an error exits non-zero.
"""

from __future__ import annotations

import argparse
import http.client
import importlib
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import urllib3
from eth_abi.abi import decode, encode
from web3 import HTTPProvider, IPCProvider, Web3

import abigen
from abigen.devnode import Anvil
from abigen.generate import Request, generate
from abigen.runtime.http import HttpProvider
from abigen.runtime.ipc import IpcProvider

REPO = Path(__file__).resolve().parents[2]
ABI_PATH = REPO / "contracts" / "build" / "Token.abi"
BIN_PATH = REPO / "contracts" / "build" / "Token.bin"
MODULE = "bench_token"  # not `token`: that would shadow the stdlib module

WARMUP = 200
ROUNDS = 15
CALLS = 100  # per path per round: 1500 samples each
CODEC_CALLS = 700  # offline calls cost microseconds: more of them for a stable median
LOG_ROUNDS = 7  # 10 MB answers: one per path per round
SUPPLY = 10**24

TARGET_HTTP_WEB3 = 12.0  # web3/binding at least this, over HTTP
TARGET_HTTP_FLOOR = 1.5  # binding/floor at most this, over HTTP
TARGET_IPC_FLOOR = 1.15  # binding/floor at most this, over IPC
TARGET_LOGS = 2.0  # a 10 MB answer over IPC at most this times the time over HTTP


def load_binding(directory: str) -> Any:
    """Generate the Token binding into `directory` and import it (typed Any: made at run time)."""
    request = Request(str(ABI_PATH), MODULE, "Token", str(BIN_PATH))
    Path(directory, f"{MODULE}.py").write_text(generate(request), encoding="utf-8")
    sys.path.insert(0, directory)
    return importlib.import_module(MODULE)


def deploy_token(directory: str, anvil: Anvil) -> tuple[Any, str, str]:
    """The Token binding generated into `directory`, a Token deployed over IPC with alice's
    SUPPLY, and alice: (binding module, address, alice)."""
    binding = load_binding(directory)
    with abigen.connect(anvil.ipc_path) as node:
        alice: str = node.accounts[0]
        address: str = binding.Token.deploy(node, "Gold", "GLD", SUPPLY, sender=alice).address
    return binding, address, alice


def measure(
    paths: dict[str, Callable[[], object]], calls: int, rounds: int = ROUNDS, warmup: int = WARMUP
) -> dict[str, float]:
    """Median ns per call of each path, warmed up, then timed in interleaved rounds.

    Many short rounds in rotating order: load from other processes and drift (CPU frequency,
    GC pressure left by the previous path) come in bursts, and this spreads them over all
    paths instead of charging them to one. (5 rounds of 300 let binding/floor swing 1.1-1.3x.)
    """
    names = list(paths)
    for name in names:
        for _ in range(warmup):
            paths[name]()
    samples: dict[str, list[int]] = {name: [] for name in names}
    clock = time.perf_counter_ns
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            call, out = paths[name], samples[name]
            for _ in range(calls):
                start = clock()
                call()
                out.append(clock() - start)
    return {name: statistics.median(samples[name]) for name in names}


def http_floors(url: str, body: bytes) -> dict[str, Callable[[], object]]:
    """A kept-alive POST and parse, with http.client and with a urllib3 pool."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    headers = {"Content-Type": "application/json"}
    connection = http.client.HTTPConnection(host, port)
    connection.connect()
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pool = urllib3.HTTPConnectionPool(host, port, maxsize=1)

    def floor() -> object:
        connection.request("POST", "/", body, headers)
        return json.loads(connection.getresponse().read())

    def urllib3_floor() -> object:
        return json.loads(pool.request("POST", "/", body=body, headers=headers).data)

    return {"floor": floor, "urllib3": urllib3_floor}


def ipc_floor(path: str, body: bytes) -> Callable[[], object]:
    """A bare Unix socket: send, read until the answer parses."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)

    def floor() -> object:
        sock.sendall(body)
        data = sock.recv(65536)
        while True:
            try:
                return json.loads(data)
            except ValueError:
                data += sock.recv(65536)

    return floor


def bench_transport(
    token_cls: Any, address: str, alice: str, abi: Any, kind: str, endpoint: str
) -> dict[str, float]:
    """Median ms per balanceOf call of each path over one transport."""
    token = token_cls(address, abigen.connect(endpoint))
    # web3 as users get it by default: its middleware adds eth_chainId round trips per call.
    web3_provider = HTTPProvider(endpoint) if kind == "http" else IPCProvider(endpoint)
    contract = Web3(web3_provider).eth.contract(address=Web3.to_checksum_address(address), abi=abi)
    calldata = "0x" + token_cls.balance_of.encode_input(alice).hex()
    request = {"jsonrpc": "2.0", "id": 1, "method": "eth_call"}
    request["params"] = [{"to": address, "data": calldata}, "latest"]  # type: ignore[assignment]
    body = json.dumps(request).encode()

    paths: dict[str, Callable[[], object]] = {
        "binding": lambda: token.balance_of(alice),
        "web3": lambda: contract.functions.balanceOf(alice).call(),
    }
    if kind == "http":
        paths.update(http_floors(endpoint, body))
    else:
        paths["floor"] = ipc_floor(endpoint, body)
        provider = IpcProvider(endpoint)  # ours, alone: the cost of the binding's own work
        call_params = request["params"]
        paths["provider"] = lambda: provider.make_request("eth_call", call_params)
        # web3's IPCProvider.make_request alone: the floor the IPC target was first set against
        paths["web3 provider"] = lambda: web3_provider.make_request("eth_call", call_params)
    # Sanity: all paths must see the same balance, or we would be timing an error path.
    seen = {
        name: call() if name in ("binding", "web3") else int(call()["result"], 16)  # type: ignore[index]
        for name, call in paths.items()
    }
    if set(seen.values()) != {SUPPLY}:
        raise RuntimeError(f"{endpoint}: paths disagree on the balance: {seen}")

    medians = {name: ns / 1e6 for name, ns in measure(paths, CALLS).items()}
    medians["binding/floor"] = medians["binding"] / medians["floor"]
    medians["web3/binding"] = medians["web3"] / medians["binding"]
    if "urllib3" in medians:
        medians["urllib3/floor"] = medians["urllib3"] / medians["floor"]
    if "provider" in medians:
        medians["binding/provider"] = medians["binding"] / medians["provider"]
        medians["provider/floor"] = medians["provider"] / medians["floor"]
        medians["binding/web3 provider"] = medians["binding"] / medians["web3 provider"]
    return medians


def fake_logs(size: int) -> bytes:
    """An eth_getLogs answer of about `size` bytes: ERC-20 Transfer logs."""
    log = {
        "address": "0x" + "ab" * 20,
        "topics": ["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"]
        + ["0x" + "00" * 12 + "cd" * 20] * 2,
        "data": "0x" + "00" * 31 + "01",
        "blockNumber": "0x10",
        "transactionHash": "0x" + "ef" * 32,
        "transactionIndex": "0x0",
        "blockHash": "0x" + "12" * 32,
        "logIndex": "0x0",
        "removed": False,
    }
    one = json.dumps(log, separators=(",", ":"))
    count = size // (len(one) + 1)
    return ("[" + ",".join([one] * count) + "]").encode()


def serve_logs(result: bytes, directory: str) -> tuple[str, str, Callable[[], None]]:
    """A fake node answering every request with `result`, over HTTP and IPC."""

    def respond(conn: socket.socket, http: bool) -> None:
        buffer = b""
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                buffer += data
                if http:
                    if b"\r\n\r\n" not in buffer:
                        continue
                    head, _, rest = buffer.partition(b"\r\n\r\n")
                    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    if len(rest) < length:
                        continue
                    request, buffer = json.loads(rest[:length]), rest[length:]
                else:
                    try:
                        request, buffer = json.loads(buffer), b""
                    except ValueError:
                        continue
                answer = b'{"jsonrpc":"2.0","id":%d,"result":%s}' % (request["id"], result)
                if http:
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    answer = head + b"Content-Length: %d\r\n\r\n" % len(answer) + answer
                conn.sendall(answer)

    def accept(listener: socket.socket, http: bool) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=respond, args=(conn, http), daemon=True).start()

    tcp = socket.create_server(("127.0.0.1", 0))
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ipc_path = str(Path(directory, "logs.ipc"))
    unix.bind(ipc_path)
    unix.listen()
    for listener, over_http in ((tcp, True), (unix, False)):
        threading.Thread(target=accept, args=(listener, over_http), daemon=True).start()

    def stop() -> None:
        tcp.close()
        unix.close()

    return f"http://127.0.0.1:{tcp.getsockname()[1]}", ipc_path, stop


def bench_logs(directory: str) -> dict[str, float]:
    """Median ms to fetch and parse a 10 MB eth_getLogs answer over IPC and over HTTP."""
    result = fake_logs(10 * 1024 * 1024)
    url, ipc_path, stop = serve_logs(result, directory)
    try:
        http_node, ipc_node = (
            abigen.connect(HttpProvider(url)),
            abigen.connect(IpcProvider(ipc_path)),
        )
        params = [{"fromBlock": "0x0"}]
        paths: dict[str, Callable[[], object]] = {
            "ipc": lambda: ipc_node.request("eth_getLogs", params),
            "http": lambda: http_node.request("eth_getLogs", params),
        }
        if paths["ipc"]() != paths["http"]():
            raise RuntimeError("the 10 MB answer differs over IPC and HTTP")
        medians = {name: ns / 1e6 for name, ns in measure(paths, 1, LOG_ROUNDS, 1).items()}
    finally:
        stop()
    medians["MB"] = len(result) / 1e6
    medians["ipc/http"] = medians["ipc"] / medians["http"]
    return medians


def bench_codec(token_cls: Any, alice: str) -> dict[str, float]:
    """Median us per offline encode/decode: the binding's codec vs eth_abi."""
    function = token_cls.balance_of  # unbound: the class attribute works offline
    selector: bytes = function.SELECTOR
    raw = SUPPLY.to_bytes(32, "big")
    hex32 = "0x" + raw.hex()  # what a node returns; the binding decodes it directly
    if function.encode_input(alice) != selector + encode(["address"], [alice]):
        raise RuntimeError("binding and eth_abi disagree on balanceOf calldata")
    if not function.decode_output(hex32) == decode(["uint256"], raw)[0] == SUPPLY:
        raise RuntimeError("binding and eth_abi disagree on a uint256 result")

    paths: dict[str, Callable[[], object]] = {
        "encode binding": lambda: function.encode_input(alice),
        "encode eth_abi": lambda: selector + encode(["address"], [alice]),
        "decode binding": lambda: function.decode_output(hex32),
        "decode eth_abi": lambda: decode(["uint256"], raw),
    }
    return {name: ns / 1e3 for name, ns in measure(paths, CODEC_CALLS).items()}


def report(results: dict[str, Any]) -> None:
    print(f"balanceOf per call, median of {ROUNDS}x{CALLS} calls per path (anvil, one node)")
    print(
        f"{'':6}{'binding ms':>12}{'web3 ms':>10}{'floor ms':>10}{'urllib3 ms':>12}"
        f"{'binding/floor':>15}{'web3/binding':>14}"
    )
    for transport in ("ipc", "http"):
        r = results[transport]
        urllib3_ms = f"{r['urllib3']:12.3f}" if "urllib3" in r else f"{'-':>12}"
        print(
            f"{transport:6}{r['binding']:12.3f}{r['web3']:10.3f}{r['floor']:10.3f}{urllib3_ms}"
            f"{r['binding/floor']:14.2f}x{r['web3/binding']:13.1f}x"
        )
    ipc = results["ipc"]
    print(
        f"IPC, a bare provider request (precomputed calldata): web3's IPCProvider.make_request"
        f" {ipc['web3 provider']:.3f} ms (binding/that {ipc['binding/web3 provider']:.2f}x), our"
        f" IpcProvider.make_request {ipc['provider']:.3f} ms (binding/that"
        f" {ipc['binding/provider']:.2f}x, that/floor {ipc['provider/floor']:.2f}x)"
    )
    logs = results["logs"]
    print(
        f"\n{logs['MB']:.1f} MB eth_getLogs answer (local fake node), median of {LOG_ROUNDS}: "
        f"IPC {logs['ipc']:.0f} ms, HTTP {logs['http']:.0f} ms"
    )
    codec = results["codec"]
    print(f"\ncodec, median of {ROUNDS}x{CODEC_CALLS} calls")
    print(f"{'':24}{'binding us':>12}{'eth_abi us':>12}{'eth_abi/binding':>17}")
    for op, what in (("encode", "encode balanceOf(addr)"), ("decode", "decode uint256")):
        ours, theirs = codec[f"{op} binding"], codec[f"{op} eth_abi"]
        print(f"{what:24}{ours:12.2f}{theirs:12.2f}{theirs / ours:16.1f}x")
    print("\ntargets")
    for target in results["targets"]:
        print(f"  {'PASS' if target['pass'] else 'FAIL'}  {target['name']}: {target['value']:.2f}x")


def target(name: str, value: float, limit: float, at_most: bool) -> dict[str, Any]:
    return {"name": name, "value": value, "pass": value <= limit if at_most else value >= limit}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    abi = json.loads(ABI_PATH.read_text(encoding="utf-8"))

    with tempfile.TemporaryDirectory(prefix="abigen-bench-") as gen_dir, Anvil() as anvil:
        binding, address, alice = deploy_token(gen_dir, anvil)
        results: dict[str, Any] = {
            "ipc": bench_transport(binding.Token, address, alice, abi, "ipc", anvil.ipc_path),
            "http": bench_transport(binding.Token, address, alice, abi, "http", anvil.http_url),
            "logs": bench_logs(gen_dir),
            "codec": bench_codec(binding.Token, alice),
        }

    ipc, web, logs = results["ipc"], results["http"], results["logs"]
    results["targets"] = [
        target(
            f"HTTP: binding at least {TARGET_HTTP_WEB3:g}x faster than web3's contract call",
            web["web3/binding"],
            TARGET_HTTP_WEB3,
            at_most=False,
        ),
        target(
            f"HTTP: binding within {TARGET_HTTP_FLOOR}x of a kept-alive http.client request",
            web["binding/floor"],
            TARGET_HTTP_FLOOR,
            at_most=True,
        ),
        target(
            f"IPC: binding within {TARGET_IPC_FLOOR}x of a bare provider request"
            " (web3's IPCProvider.make_request)",
            ipc["binding/web3 provider"],
            TARGET_IPC_FLOOR,
            at_most=True,
        ),
        target(
            f"IPC (information): binding within {TARGET_IPC_FLOOR}x of our"
            " IpcProvider.make_request",
            ipc["binding/provider"],
            TARGET_IPC_FLOOR,
            at_most=True,
        ),
        target(
            f"IPC (information): binding within {TARGET_IPC_FLOOR}x of a bare socket request",
            ipc["binding/floor"],
            TARGET_IPC_FLOOR,
            at_most=True,
        ),
        target(
            f"10 MB answer: IPC within {TARGET_LOGS:g}x of HTTP",
            logs["ipc/http"],
            TARGET_LOGS,
            at_most=True,
        ),
    ]
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
