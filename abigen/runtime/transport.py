"""Build a provider from whatever the user hands to `connect()`.

http(s) URLs and IPC paths get our own providers (abigen.runtime.http, abigen.runtime.ipc:
web3 provider subclasses with one deadline per request, size and depth limits, id checks);
ws(s) URLs get our async WebSocket provider (abigen.runtime.asyncws) on a loop thread; a web3 provider or Web3 is used
as it is. web3 is imported lazily: importing it costs about a second, and generation,
`--help` and offline encoding must not pay that.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

T = TypeVar("T")


class SyncTransport(Protocol):
    def make_request(self, method: Any, params: Any) -> Any: ...


def close_transport(transport: SyncTransport) -> None:
    """Release what a transport holds (sockets, the WebSocket loop thread); idempotent."""
    if isinstance(transport, _AsyncBridge) or type(transport).__module__ in _OURS:
        transport.close()  # type: ignore[attr-defined]  # checked just above
        return
    close = getattr(transport, "_socket", None)  # IPCProvider keeps a persistent socket
    if close is not None and getattr(close, "sock", None) is not None:
        close.sock.close()
        close.sock = None


def linked_provider(transport: object) -> object:
    """The async provider a sync transport drives on its loop thread (WebSocket), or None."""
    return transport.linked if isinstance(transport, _AsyncBridge) else None


def describe(target: object) -> str:
    if isinstance(target, str | Path):
        return str(target)
    return type(target).__name__


_OURS = ("abigen.runtime.http", "abigen.runtime.ipc")


_SCHEMES = {"http": "http", "https": "http", "ws": "ws", "wss": "ws"}


def transport_kind(target: str) -> str:
    """How to reach a node given as text: "http", "ws" or "ipc" (a path); ValueError else."""
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    kind = _SCHEMES.get(scheme)
    if kind is not None:
        return kind
    if scheme:
        raise ValueError(f"cannot connect to {target!r}: unsupported scheme {scheme!r}")
    return "ipc"


def not_a_target(target: object, web3_forms: str) -> TypeError:
    return TypeError(
        f"cannot connect to {describe(target)}: expected an http(s):// or ws(s):// URL, "
        f"an IPC socket path, {web3_forms}"
    )


def open_transport(target: object, *, timeout: float | None = None) -> tuple[SyncTransport, str]:
    """Return (something with a synchronous make_request, a label naming the endpoint).

    `timeout` bounds each request as a whole (default 30 s) on the transports we build;
    a provider handed to us keeps its own settings.
    """
    if isinstance(target, Path):
        target = str(target)
    if isinstance(target, str):
        return _from_string(target, timeout)
    from web3 import AsyncWeb3, Web3
    from web3.providers import AsyncBaseProvider, BaseProvider

    if isinstance(target, Web3):
        target = target.provider
    if isinstance(target, BaseProvider):
        return target, str(target)
    if isinstance(target, AsyncWeb3 | AsyncBaseProvider):
        raise TypeError(
            f"connect takes synchronous providers; for an async {describe(cast(object, target))} "
            "use `await abigen.connect_async(...)`"
        )
    raise not_a_target(target, "a web3.Web3 or a web3 provider")


def _from_string(target: str, timeout: float | None) -> tuple[SyncTransport, str]:
    kind = transport_kind(target)
    if kind == "http":
        from abigen.runtime.http import HttpProvider

        http = HttpProvider(target, timeout=timeout)
        return http, http.endpoint
    if kind == "ws":
        from abigen.runtime.asyncws import AsyncWsProvider

        provider = AsyncWsProvider(target, timeout=timeout)
        # Connected at once (a dev tool should say at once that the node is down). The
        # provider keeps each request's deadline; the bridge waits a little past it.
        return _AsyncBridge(provider, provider.timeout + 1), target
    from abigen.runtime.ipc import IpcProvider

    return IpcProvider(target, timeout=timeout), target


class _AsyncBridge:
    """Drive an async provider (our AsyncWsProvider) from synchronous code.

    The provider lives on an event loop in a daemon thread; each request is submitted to it.
    """

    def __init__(self, provider: Any, timeout: float = 60.0) -> None:
        self._provider = provider
        self._timeout = timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="abigen-ws", daemon=True
        )
        self._thread.start()
        # Users forget close(); a live loop thread at interpreter exit makes noise.
        atexit.register(self.close)
        if hasattr(provider, "connect"):
            try:
                self._run(provider.connect())
            except Exception:
                self.close()
                raise

    def close(self) -> None:
        if self._loop.is_closed():
            return
        if hasattr(self._provider, "disconnect"):
            with contextlib.suppress(Exception):  # the node may already be gone
                self._run(self._provider.disconnect())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(self._timeout)
        self._loop.close()
        atexit.unregister(self.close)

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(self._timeout)

    @property
    def linked(self) -> Any:
        """The async provider this bridge drives."""
        return self._provider

    @property
    def connections(self) -> int:
        """The connections the provider opened (a pinned node re-checks the chain after one)."""
        count: int = getattr(self._provider, "connections", 0)
        return count

    def make_request(self, method: Any, params: Any) -> Any:
        return self._run(self._provider.make_request(method, params))

    def make_batch_request(self, requests: Any) -> Any:
        return self._run(self._provider.make_batch_request(requests))

    def __str__(self) -> str:
        return str(self._provider)
