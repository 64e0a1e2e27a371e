"""Our HTTP provider: JSON-RPC over a pool of kept-alive `http.client` connections.

`http.client` rather than urllib3 or requests: a request costs a fraction of theirs (see
tests/bench). Every socket operation is bounded by the request's one deadline, so a node
dripping its answer a byte at a time fails at the deadline rather than never.
"""

from __future__ import annotations

import base64
import http.client
import io
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterable
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from abigen.runtime.errors import BatchRefused, NodeError, NodeUnreachable, excerpt
from abigen.runtime.jsonrpc import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_RESPONSE_SIZE,
    MISSING,
    NON_IDEMPOTENT,
    Frames,
    RpcRules,
    timed_out,
)
from abigen.runtime.rpcprovider import Accept, RpcProvider, T

_MAX_IDLE = 16  # kept-alive connections a provider keeps
_READ = 256 * 1024


class _Reader(io.RawIOBase):
    """The socket's read side, each read bounded by the connection's deadline."""

    def __init__(self, connection: _Connection, sock: socket.socket) -> None:
        self._connection = connection
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self._connection.arm(self._sock)
        count = self._sock.recv_into(buffer)
        self._connection.received += count
        return count


class _Socket:
    """What http.client needs of a socket, under the connection's deadline."""

    def __init__(self, connection: _Connection, sock: socket.socket) -> None:
        self._connection = connection
        self.sock = sock

    def sendall(self, data: Any) -> None:
        self._connection.arm(self.sock)
        self.sock.sendall(data)

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_Reader(self._connection, self.sock), _READ)

    def close(self) -> None:
        self.sock.close()


class _Connection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, tls: ssl.SSLContext | None) -> None:
        super().__init__(host, port)
        self.tls = tls
        self.deadline = 0.0
        self.received = 0  # bytes of the answer so far

    def arm(self, sock: socket.socket) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)

    def connect(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock = socket.create_connection((self.host, self.port), remaining)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.tls is not None:
                self.arm(sock)
                sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise
        self.sock = _Socket(self, sock)


class HttpProvider(RpcProvider):
    """JSON-RPC over HTTP(S) POSTs to `url`, on kept-alive connections shared by threads."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        max_depth: int = DEFAULT_MAX_DEPTH,
        non_idempotent: Iterable[str] = NON_IDEMPOTENT,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(
            url,
            timeout=timeout,
            max_response_size=max_response_size,
            max_depth=max_depth,
            non_idempotent=non_idempotent,
        )
        target = HttpTarget(url)
        self.endpoint = target.endpoint
        self._host, self._port, self._path = target.host, target.port, target.path
        self._headers = target.headers
        self._tls = (ssl_context or ssl.create_default_context()) if target.tls else None
        self._idle: list[_Connection] = []
        self._pool_lock = threading.Lock()
        self._pid = os.getpid()

    def close(self) -> None:
        with self._pool_lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    def _take(self) -> tuple[_Connection, bool]:
        with self._pool_lock:
            if self._pid != os.getpid():  # forked: the parent's sockets are not ours
                self._idle, self._pid = [], os.getpid()
            if self._idle:
                return self._idle.pop(), True
        return _Connection(self._host, self._port, self._tls), False

    def _give(self, connection: _Connection) -> None:
        with self._pool_lock:
            if len(self._idle) < _MAX_IDLE:
                self._idle.append(connection)
                return
        connection.close()

    def _exchange(self, payload: bytes, deadline: float, retry: bool, accept: Accept[T]) -> T:
        for attempt in (0, 1):
            connection, reused = self._take()
            connection.deadline, connection.received = deadline, 0
            try:
                connection.request("POST", self._path, payload, self._headers)
                response = connection.getresponse()
                body = self._read(response)
            except (ConnectionError, http.client.BadStatusLine) as exc:
                connection.close()
                if retry and reused and not connection.received and attempt == 0:
                    continue  # a kept-alive connection the node had closed: once more, afresh
                raise NodeUnreachable.because(self.endpoint, exc) from exc
            except TimeoutError:
                connection.close()
                raise timed_out(self.endpoint, self.timeout) from None
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                raise NodeUnreachable.because(self.endpoint, exc) from exc
            except NodeError:
                connection.close()
                raise
            if response.will_close:
                connection.close()
            else:
                self._give(connection)
            return http_answer(self, response.status, body, accept, payload[:1] == b"[")
        raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, response: http.client.HTTPResponse) -> bytes:
        limit = self.max_response_size
        if response.length is not None:
            if response.length > limit:
                raise NodeError(f"node at {self.endpoint} sent an answer larger than {limit} bytes")
            return response.read()
        pieces: list[bytes] = []
        size = 0
        while piece := response.read(_READ):
            size += len(piece)
            if size > limit:
                raise NodeError(f"node at {self.endpoint} sent an answer larger than {limit} bytes")
            pieces.append(piece)
        return b"".join(pieces)


class HttpTarget:
    """An http(s) URL taken apart: where to connect, and the headers (credentials in the URL
    become Basic authorization, kept out of `endpoint`, which messages quote)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.url = url
        self.endpoint = url
        self.tls = scheme == "https"
        self.host = parts.hostname
        self.port = parts.port or (443 if self.tls else 80)
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if parts.username is not None:
            credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            token = base64.b64encode(credentials.encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"
            self.endpoint = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
            self.url = self.endpoint


def http_answer(
    provider: RpcRules, status: int, body: bytes, accept: Accept[T], batch: bool = False
) -> T:
    """The answer `accept` takes from an HTTP response's body (the sync and async faces').
    An HTTP error status answering a `batch` refuses it as a whole (BatchRefused: 413...)."""
    refused = BatchRefused if batch else NodeError
    frames = Frames(provider.endpoint, provider.max_response_size, provider.max_depth)
    frames.feed(body)
    try:
        answer = frames.next_value()
    except NodeError:
        if not 200 <= status < 300:
            raise refused(
                f"node at {provider.endpoint} answered HTTP {status}: {excerpt(body)}"
            ) from None
        raise
    if answer is MISSING or frames.pending():
        raise NodeError(
            f"node at {provider.endpoint} answered HTTP {status} with "
            f"{'incomplete' if answer is MISSING else 'trailing'} data: {excerpt(body)}"
        )
    accepted = accept(answer)
    if accepted is None:
        if not 200 <= status < 300:
            raise refused(f"node at {provider.endpoint} answered HTTP {status}: {excerpt(body)}")
        got = cast("dict[str, Any]", answer).get("id") if isinstance(answer, dict) else None
        raise NodeError(
            f"node at {provider.endpoint} answered another request (id {got!r:.40}): "
            f"{excerpt(body)}"
        )
    return accepted
