"""Tests for abigen.devnode, plus a check that TypeZoo's fail* functions revert as documented.

Everything talks raw JSON-RPC (urllib / AF_UNIX) so these tests do not depend on web3.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eth_abi.abi import encode
from eth_utils.crypto import keccak

from abigen import devnode
from abigen.devnode import Anvil, AnvilError, AnvilNotFound, find_anvil

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "contracts" / "build"
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="anvil IPC here is AF_UNIX")


def http_rpc(url: str, method: str, *params: Any) -> dict[str, Any]:
    """Full JSON-RPC response object (so tests can inspect `error`)."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)})
    req = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}
    )
    with _NO_PROXY.open(req, timeout=10) as resp:
        reply: dict[str, Any] = json.loads(resp.read())
    return reply


def ipc_rpc(path: str, method: str, *params: Any) -> dict[str, Any]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(path)
        s.sendall(
            json.dumps({"jsonrpc": "2.0", "id": 7, "method": method, "params": params}).encode()
        )
        buf = b""
        while True:  # anvil answers with one JSON object per line; read until it parses
            chunk = s.recv(65536)
            assert chunk, "IPC connection closed before a full reply"
            buf += chunk
            try:
                reply: dict[str, Any] = json.loads(buf)
                return reply
            except json.JSONDecodeError:
                continue


def fake_binary(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake-anvil"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


# ---- the node itself ----


@pytest.mark.e2e
def test_http_and_ipc_answer_chain_id() -> None:
    with Anvil() as node:
        assert node.http_url.startswith("http://127.0.0.1:")
        assert node.ws_url == node.http_url.replace("http://", "ws://")
        assert len(node.ipc_path.encode()) < 100  # fits in sockaddr_un
        assert http_rpc(node.http_url, "eth_chainId")["result"] == hex(31337)
        assert ipc_rpc(node.ipc_path, "eth_chainId") == {
            "jsonrpc": "2.0",
            "id": 7,
            "result": "0x7a69",
        }


@pytest.mark.e2e
def test_custom_chain_id_and_accounts() -> None:
    with Anvil(chain_id=4242, accounts=3, block_time=1) as node:
        assert http_rpc(node.http_url, "eth_chainId")["result"] == hex(4242)
        assert len(http_rpc(node.http_url, "eth_accounts")["result"]) == 3


@pytest.mark.e2e
def test_stop_releases_everything() -> None:
    node = Anvil().start()
    proc = node.process
    assert proc is not None and proc.poll() is None
    url, ipc_dir = node.http_url, os.path.dirname(node.ipc_path)
    assert os.path.exists(node.ipc_path)

    node.stop()
    assert proc.poll() is not None
    assert not os.path.exists(ipc_dir)
    with pytest.raises(urllib.error.URLError):
        http_rpc(url, "eth_chainId")
    with pytest.raises(RuntimeError, match="not running"):
        _ = node.http_url
    node.stop()  # idempotent


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port something else is listening on."""
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        yield squatter.getsockname()[1]


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.e2e
def test_retries_when_the_port_is_taken(monkeypatch: pytest.MonkeyPatch, taken_port: int) -> None:
    ports = iter([taken_port, taken_port, unused_port()])
    monkeypatch.setattr(devnode, "_free_port", lambda: next(ports))
    with Anvil() as node:
        assert http_rpc(node.http_url, "eth_chainId")["result"] == hex(31337)
        assert not node.http_url.endswith(f":{taken_port}")


@pytest.mark.e2e
def test_gives_up_after_three_taken_ports(monkeypatch: pytest.MonkeyPatch, taken_port: int) -> None:
    monkeypatch.setattr(devnode, "_free_port", lambda: taken_port)
    node = Anvil()
    with pytest.raises(AnvilError, match="free port in 3 attempts"):
        node.start()
    assert node.process is None


@pytest.mark.e2e
def test_module_entry_point_runs_until_sigterm() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "abigen.devnode", "--chain-id", "99"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = dict(proc.stdout.readline().split(":", 1) for _ in range(3))
        url, ipc = lines["http"].strip(), lines["ipc"].strip()
        assert http_rpc(url, "eth_chainId")["result"] == hex(99)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert not os.path.exists(ipc)
    finally:
        proc.kill()
        proc.wait()


# ---- locating the binary and startup failures ----


def test_find_anvil_default_is_the_native_binary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ABIGEN_ANVIL", raising=False)
    path = find_anvil()
    assert os.access(path, os.X_OK)
    # Prefer the real binary over the node wrapper in node_modules/.bin.
    assert (
        os.sep + ".bin" + os.sep not in path or not (REPO / "node_modules" / "@foundry-rs").exists()
    )


def test_find_anvil_honours_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = fake_binary(tmp_path, "exit 0")
    monkeypatch.setenv("ABIGEN_ANVIL", fake)
    assert find_anvil() == fake


def test_missing_env_binary_is_not_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-anvil")
    monkeypatch.setenv("ABIGEN_ANVIL", missing)
    with pytest.raises(AnvilNotFound, match="no-such-anvil"):
        find_anvil()
    with pytest.raises(AnvilNotFound):
        Anvil().start()


def test_binary_that_exits_gives_its_output(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(
        "ABIGEN_ANVIL", fake_binary(tmp_path, "echo 'error: unexpected flag' >&2; exit 2")
    )
    node = Anvil()
    with pytest.raises(AnvilError, match=r"exited with code 2.*unexpected flag"):
        node.start()
    assert node.process is None  # nothing left running


def test_binary_that_never_answers_times_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ABIGEN_ANVIL", fake_binary(tmp_path, "echo starting; exec sleep 60"))
    node = Anvil(startup_timeout=0.5)
    with pytest.raises(AnvilError, match=r"did not answer.*starting"):
        node.start()
    assert node.process is None


# ---- TypeZoo revert data, as anvil reports it on eth_call ----

ERROR_STRING = keccak(text="Error(string)")[:4]
PANIC = keccak(text="Panic(uint256)")[:4]
UNAUTHORIZED = keccak(text="Unauthorized(address,uint256)")[:4]
NOT_POSITIVE = keccak(text="NotPositive(int256)")[:4]
WHO = "0x" + "ab" * 20
ANVIL_ACCOUNT_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"  # from anvil's default mnemonic


def wait_receipt(url: str, tx_hash: str) -> dict[str, Any]:
    # anvil automines, but the receipt can still show up a few milliseconds after the hash.
    for _ in range(200):
        receipt: dict[str, Any] | None = http_rpc(url, "eth_getTransactionReceipt", tx_hash)[
            "result"
        ]
        if receipt is not None:
            return receipt
        time.sleep(0.01)
    raise AssertionError(f"no receipt for {tx_hash}")


@pytest.fixture(scope="module")
def zoo() -> Iterator[tuple[str, str, str]]:
    """(http url, sender, TypeZoo address) on a fresh node."""
    with Anvil() as node:
        sender = http_rpc(node.http_url, "eth_accounts")["result"][0]
        code = (BUILD / "TypeZoo.bin").read_text().strip()
        data = "0x" + code + encode(["uint256", "string"], [7, "zoo"]).hex()
        tx = http_rpc(node.http_url, "eth_sendTransaction", {"from": sender, "data": data})
        receipt = wait_receipt(node.http_url, tx["result"])
        assert receipt["status"] == "0x1"
        yield node.http_url, sender, receipt["contractAddress"]


def zoo_call(zoo: tuple[str, str, str], signature: str, types: list[str], args: list[Any]) -> Any:
    url, sender, address = zoo
    data = "0x" + (keccak(text=signature)[:4] + encode(types, args)).hex()
    return http_rpc(url, "eth_call", {"from": sender, "to": address, "data": data}, "latest")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("signature", "types", "args", "expected"),
    [
        ("failRequire(string)", ["string"], ["nope"], ERROR_STRING + encode(["string"], ["nope"])),
        ("failPanic(uint256)", ["uint256"], [1], PANIC + encode(["uint256"], [0x01])),
        ("failPanic(uint256)", ["uint256"], [2], PANIC + encode(["uint256"], [0x11])),
        ("failPanic(uint256)", ["uint256"], [3], PANIC + encode(["uint256"], [0x12])),
        ("failPanic(uint256)", ["uint256"], [4], PANIC + encode(["uint256"], [0x32])),
        (
            "failCustom(address,uint256)",
            ["address", "uint256"],
            [WHO, 5],
            UNAUTHORIZED + encode(["address", "uint256"], [WHO, 5]),
        ),
        ("failBare()", [], [], b""),
        ("setPositive(int256)", ["int256"], [-3], NOT_POSITIVE + encode(["int256"], [-3])),
        (
            "failAfterWrite(uint256)",
            ["uint256"],
            [9],
            UNAUTHORIZED + encode(["address", "uint256"], [ANVIL_ACCOUNT_0, 9]),
        ),
    ],
    ids=[
        "require",
        "assert",
        "overflow",
        "div0",
        "oob",
        "custom",
        "bare",
        "notPositive",
        "afterWrite",
    ],
)
def test_typezoo_revert_data(
    zoo: tuple[str, str, str], signature: str, types: list[str], args: list[Any], expected: bytes
) -> None:
    reply = zoo_call(zoo, signature, types, args)
    assert "result" not in reply
    assert reply["error"]["code"] == 3
    assert reply["error"]["data"] == "0x" + expected.hex()


@pytest.mark.e2e
def test_typezoo_fail_panic_other_kinds_return(zoo: tuple[str, str, str]) -> None:
    reply = zoo_call(zoo, "failPanic(uint256)", ["uint256"], [5])
    assert reply["result"] == "0x" + encode(["uint256"], [5]).hex()


@pytest.mark.e2e
@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_anvil_dies_with_a_crashed_parent() -> None:
    # A segfaulting test run skips every finalizer: the node must not outlive it.
    script = (
        "import os, sys\n"
        "from abigen.devnode import Anvil\n"
        "node = Anvil().start()\n"
        "print(node.process.pid, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    pid = int(child.stdout.strip())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return  # gone
        if state == "Z":
            return  # dead, waiting to be reaped by init
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    pytest.fail(f"anvil {pid} outlived its parent (state {state})")
