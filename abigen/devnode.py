"""Launch a throwaway local node (anvil, or geth --dev) for tests, the demo and benchmarks.

Deliberately free of web3: readiness is checked with plain urllib/socket calls, so importing this
module is cheap and it works before the rest of the package does.

    with Anvil() as node:          # or Geth()
        print(node.http_url, node.ipc_path)

Run ``python -m abigen.devnode [--geth]`` to keep one running until Ctrl-C.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "Anvil",
    "AnvilError",
    "AnvilNotFound",
    "DevNode",
    "DevNodeError",
    "Geth",
    "GethError",
    "GethNotFound",
    "NodeNotFound",
    "find_anvil",
    "find_geth",
]

_REPO_ROOT = Path(__file__).resolve().parent.parent
_PORT_ATTEMPTS = 3
_STOP_GRACE = 5.0
# Never route localhost JSON-RPC through an http_proxy from the environment.
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NodeNotFound(RuntimeError):
    """No binary for the node could be located."""


class DevNodeError(RuntimeError):
    """The node failed to start (or to become ready in time)."""


class AnvilNotFound(NodeNotFound):
    """No anvil binary could be located."""


class AnvilError(DevNodeError):
    """anvil failed to start (or to become ready in time)."""


class GethNotFound(NodeNotFound):
    """No geth binary: `make install` builds it when Go is installed."""


class GethError(DevNodeError):
    """geth failed to start (or to become ready in time)."""


# `make install` builds geth here from its Go module (pinned in the Makefile).
GETH_TOOLS = _REPO_ROOT / ".cache" / "tools" / "bin"


def find_geth() -> str:
    """Path of the geth binary: $ABIGEN_GETH, the one `make install` built, or geth on PATH."""
    override = _override("ABIGEN_GETH", GethNotFound)
    if override:
        return override
    built = GETH_TOOLS / ("geth.exe" if sys.platform == "win32" else "geth")
    if _is_executable(built):
        return str(built)
    on_path = shutil.which("geth")
    if on_path:
        return on_path
    raise GethNotFound(
        f"geth not found: run `make install` with Go installed (builds it into {GETH_TOOLS}), "
        "set ABIGEN_GETH, or put geth on PATH"
    )


def _platform_package() -> str | None:
    """Name of the npm package holding the native binary, as @foundry-rs/anvil lays them out."""
    system = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform)
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
        platform.machine().lower()
    )
    return f"anvil-{system}-{arch}" if system and arch else None


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _override(variable: str, missing: type[NodeNotFound]) -> str | None:
    """The binary an environment variable names (a path or a command), or None if unset.
    An explicit choice must not silently fall back to some other binary."""
    override = os.environ.get(variable)
    if not override:
        return None
    found = override if _is_executable(Path(override)) else shutil.which(override)
    if found is None:
        raise missing(f"{variable}={override!r} is not an executable file")
    return found


def find_anvil() -> str:
    """Path of the anvil binary to run.

    Order: $ABIGEN_ANVIL; the native binary from node_modules (skipping the node wrapper, which
    would add a process between us and anvil); node_modules/.bin/anvil; `anvil` on PATH.
    node_modules is looked up next to the abigen package and in the current directory.
    """
    override = _override("ABIGEN_ANVIL", AnvilNotFound)
    if override:
        return override

    exe = "anvil.exe" if sys.platform == "win32" else "anvil"
    roots = list(dict.fromkeys([_REPO_ROOT, Path.cwd().resolve()]))
    package = _platform_package()
    candidates: list[Path] = []
    if package:
        candidates += [r / "node_modules" / "@foundry-rs" / package / "bin" / exe for r in roots]
    candidates += [r / "node_modules" / ".bin" / exe for r in roots]
    for candidate in candidates:
        if _is_executable(candidate):
            return str(candidate)

    on_path = shutil.which("anvil")
    if on_path:
        return on_path
    raise AnvilNotFound(
        "anvil not found: set ABIGEN_ANVIL, install foundry, or run `make install` "
        f"(looked in {', '.join(str(r / 'node_modules') for r in roots)} and on PATH)"
    )


def _free_port() -> int:
    # Racy by nature (someone may take the port before anvil binds it); start() retries.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _short_tmp() -> str:
    # AF_UNIX paths are limited to ~107 bytes; macOS's $TMPDIR alone can use most of that.
    return "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()


def _log_tail(path: Path, lines: int = 6) -> str:
    try:
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - 4096))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return "<no output>"
    kept = [ln.strip() for ln in _ANSI.sub("", text).splitlines() if ln.strip()]
    return " | ".join(kept[-lines:]) or "<no output>"


def _http_chain_id(url: str) -> int | None:
    """eth_chainId over HTTP, or None if the node does not answer (yet)."""
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "eth_chainId", "params": []})
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with _NO_PROXY_OPENER.open(request, timeout=1.0) as response:
            return int(json.loads(response.read())["result"], 16)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _ipc_accepts(path: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(1.0)
            s.connect(path)
        return True
    except OSError:
        return False


def _die_with_parent() -> None:
    """In the child, before exec: have Linux stop anvil when our process dies, so a crashed
    test run (a segfault skips every finalizer) leaves no orphaned node behind."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1


@dataclass
class _Resources:
    """What a running node owns. Kept apart from Anvil so a weakref finalizer can release it."""

    tmpdir: str
    proc: subprocess.Popen[bytes] | None = None

    def kill_process(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(_STOP_GRACE)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def release(self) -> None:
        self.kill_process()
        shutil.rmtree(self.tmpdir, ignore_errors=True)


class DevNode:
    """A local node on a free port with an IPC socket in a private temp dir (base class)."""

    name = "node"
    chain_id = 0
    startup_timeout = 15.0
    error: type[DevNodeError] = DevNodeError

    def __init__(self) -> None:
        self._res: _Resources | None = None
        self._finalizer: weakref.finalize[[], DevNode] | None = None
        self._port = 0

    # ---- what a kind of node says ----

    def find_binary(self) -> str:
        raise NotImplementedError

    def _command(self, binary: str, ipc_path: str, tmpdir: str) -> list[str]:
        raise NotImplementedError

    # ---- addresses (only meaningful while running) ----

    def _running(self) -> _Resources:
        if self._res is None or self._res.proc is None:
            raise RuntimeError(
                f"{type(self).__name__} is not running; call start() or use it as a context manager"
            )
        return self._res

    @property
    def http_url(self) -> str:
        self._running()
        return f"http://127.0.0.1:{self._port}"

    @property
    def ws_url(self) -> str:
        self._running()
        return f"ws://127.0.0.1:{self._port}"

    @property
    def ipc_path(self) -> str:
        return os.path.join(self._running().tmpdir, f"{self.name}.ipc")

    @property
    def log_path(self) -> str:
        """The node's combined stdout/stderr (removed by stop())."""
        return os.path.join(self._running().tmpdir, f"{self.name}.log")

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self._res.proc if self._res else None

    # ---- lifecycle ----

    def start(self) -> Self:
        if self._res is not None:
            raise RuntimeError(f"{type(self).__name__} already started")
        binary = self.find_binary()
        res = self._res = _Resources(tempfile.mkdtemp(prefix=f"{self.name}-", dir=_short_tmp()))
        # Stops the node even if the caller forgets to (garbage collection or interpreter exit).
        self._finalizer = weakref.finalize(self, res.release)
        try:
            for _ in range(_PORT_ATTEMPTS):
                self._port = _free_port()
                if self._launch(binary, res):
                    return self
            raise self.error(f"{self.name} could not bind a free port in {_PORT_ATTEMPTS} attempts")
        except BaseException:
            self.stop()
            raise

    def _launch(self, binary: str, res: _Resources) -> bool:
        """Start the node and wait until it serves HTTP and IPC. False means "port taken"."""
        ipc_path = os.path.join(res.tmpdir, f"{self.name}.ipc")
        log_path = Path(res.tmpdir, f"{self.name}.log")
        if os.path.exists(ipc_path):  # left behind by a failed attempt
            os.unlink(ipc_path)
        # A file, not a pipe: nobody reads the node's output, and a full pipe would block it.
        with log_path.open("wb") as log:
            try:
                res.proc = subprocess.Popen(
                    self._command(binary, ipc_path, res.tmpdir),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    preexec_fn=_die_with_parent if sys.platform == "linux" else None,
                )
            except OSError as exc:
                raise self.error(f"cannot run {binary}: {exc}") from exc
        proc = res.proc
        url = f"http://127.0.0.1:{self._port}"
        deadline = time.monotonic() + self.startup_timeout
        while True:
            code = proc.poll()
            if code is not None:
                tail = _log_tail(log_path)
                if "in use" in tail.lower():
                    res.kill_process()
                    return False
                raise self.error(f"{self.name} exited with code {code} during startup: {tail}")
            # IPC first: its path is private to this node, so once it accepts, the HTTP check
            # talks to our node rather than to whoever else may hold the port.
            if _ipc_accepts(ipc_path) and _http_chain_id(url) == self.chain_id:
                return True
            if time.monotonic() > deadline:
                raise self.error(
                    f"{self.name} did not answer on {url} and {ipc_path} within "
                    f"{self.startup_timeout:g}s: {_log_tail(log_path)}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """Terminate the node (SIGKILL after 5 s) and remove its temp dir. Safe to call twice."""
        if self._finalizer is not None:
            self._finalizer()  # runs res.release at most once
        self._finalizer = None
        self._res = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class Anvil(DevNode):
    """anvil from npm: ten unlocked accounts, a block per transaction, chain id 31337."""

    name = "anvil"
    error = AnvilError

    def __init__(
        self,
        *,
        chain_id: int = 31337,
        accounts: int = 10,
        block_time: float | None = None,
        extra_args: Sequence[str] = (),
        startup_timeout: float = 15.0,
    ) -> None:
        super().__init__()
        self.chain_id = chain_id
        self.accounts = accounts
        self.block_time = block_time
        self.extra_args = tuple(extra_args)
        self.startup_timeout = startup_timeout

    def find_binary(self) -> str:
        return find_anvil()

    def _command(self, binary: str, ipc_path: str, tmpdir: str) -> list[str]:
        cmd = [binary, "--port", str(self._port), "--host", "127.0.0.1", "--ipc", ipc_path]
        cmd += ["--chain-id", str(self.chain_id), "--accounts", str(self.accounts)]
        cmd += ["--color", "never"]
        if self.block_time is not None:
            cmd += ["--block-time", str(self.block_time)]
        return cmd + list(self.extra_args)


class Geth(DevNode):
    """geth --dev, built from its Go module by `make install`: one unlocked dev account, chain
    id 1337, and with --dev.period 0 a block sealed (asynchronously) per transaction."""

    name = "geth"
    chain_id = 1337
    error = GethError

    def __init__(self, *, extra_args: Sequence[str] = (), startup_timeout: float = 30.0) -> None:
        super().__init__()
        self.extra_args = tuple(extra_args)
        self.startup_timeout = startup_timeout

    def find_binary(self) -> str:
        return find_geth()

    def _command(self, binary: str, ipc_path: str, tmpdir: str) -> list[str]:
        port = str(self._port)
        cmd = [binary, "--dev", "--dev.period", "0", "--datadir", os.path.join(tmpdir, "data")]
        cmd += ["--ipcpath", ipc_path, "--http", "--http.addr", "127.0.0.1", "--http.port", port]
        cmd += ["--http.api", "eth,net,web3,debug,txpool"]
        # WebSocket on the HTTP port: geth serves both there, so one free port is enough.
        cmd += ["--ws", "--ws.addr", "127.0.0.1", "--ws.port", port, "--ws.api", "eth,net,web3"]
        # No networking: no peers, no discovery, and the auth port must not clash either.
        cmd += ["--nodiscover", "--maxpeers", "0", "--port", "0"]
        cmd += ["--authrpc.port", str(_free_port()), "--verbosity", "2"]
        return cmd + list(self.extra_args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m abigen.devnode", description="Run a local dev node until Ctrl-C."
    )
    parser.add_argument("--geth", action="store_true", help="geth --dev instead of anvil")
    parser.add_argument("--chain-id", type=int, default=31337, help="anvil only")
    parser.add_argument("--accounts", type=int, default=10, help="anvil only")
    parser.add_argument("--block-time", type=float, default=None, help="anvil only")
    parser.add_argument("extra", nargs="*", help="extra node arguments (after --)")
    args = parser.parse_args(argv)

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt  # unwind through `with` so the node and its temp dir go away

    signal.signal(signal.SIGTERM, on_sigterm)
    node: DevNode = (
        Geth(extra_args=args.extra)
        if args.geth
        else Anvil(
            chain_id=args.chain_id,
            accounts=args.accounts,
            block_time=args.block_time,
            extra_args=args.extra,
        )
    )
    try:
        with node:
            print(f"http: {node.http_url}", flush=True)
            print(f"ws:   {node.ws_url}", flush=True)
            print(f"ipc:  {node.ipc_path}", flush=True)
            print(f"log:  {node.log_path}", flush=True)
            proc = node.process
            code = proc.wait() if proc else 0
            print(f"{node.name} exited with code {code}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        return 0
    except (DevNodeError, NodeNotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
