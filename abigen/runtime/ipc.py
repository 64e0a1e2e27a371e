"""Our IPC provider: JSON-RPC over a Unix socket, framed in linear time.

One socket per provider; a lock makes each request/answer exchange atomic, so threads may
share it. Messages that answer something else (an unsolicited or late message) are dropped
and reading goes on until the answer or the deadline.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from abigen.runtime.errors import NodeError, NodeUnreachable
from abigen.runtime.jsonrpc import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_RESPONSE_SIZE,
    MISSING,
    NON_IDEMPOTENT,
    Frames,
    parse,
    timed_out,
)
from abigen.runtime.rpcprovider import Accept, RpcProvider, T

_CHUNK = 256 * 1024
_OPEN = (ord("["), ord("{"))


class _Closed(Exception):
    """The node closed the socket."""


# A request's first wait may run this much past its deadline, so that the socket keeps its
# full timeout between requests instead of being re-armed twice per request (a syscall each,
# and a tenth of a small call's cost).
_SLACK = 0.05


class IpcProvider(RpcProvider):
    """JSON-RPC over the Unix socket at `path` (geth.ipc, anvil's --ipc)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        timeout: float | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        max_depth: int = DEFAULT_MAX_DEPTH,
        non_idempotent: Iterable[str] = NON_IDEMPOTENT,
    ) -> None:
        super().__init__(
            str(Path(path)),
            timeout=timeout,
            max_response_size=max_response_size,
            max_depth=max_depth,
            non_idempotent=non_idempotent,
        )
        self.path = self.endpoint
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._frames = self._new_frames()
        self._chunk = memoryview(bytearray(_CHUNK))
        self._armed = 0.0  # the socket's timeout now
        self._received = 0  # bytes read for the request in flight
        self._slack = min(_SLACK, self.timeout / 100)

    def _arm(self, sock: socket.socket, deadline: float) -> None:
        """Bound the socket's next wait by the request's deadline."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        if remaining > self.timeout - self._slack:  # the request has just begun
            if self._armed != self.timeout:
                sock.settimeout(self.timeout)
                self._armed = self.timeout
        else:
            sock.settimeout(remaining)
            self._armed = remaining

    def _new_frames(self) -> Frames:
        return Frames(self.endpoint, self.max_response_size, self.max_depth)

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._frames = self._new_frames()

    def _connect(self, deadline: float) -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._armed = 0.0
            self._arm(sock, deadline)
            sock.connect(self.path)
        except BaseException:
            sock.close()
            raise
        self._sock = sock
        self._frames = self._new_frames()
        self._count_connection()
        return sock

    def _next_value(self, sock: socket.socket, deadline: float) -> Any:
        """The next JSON value the node sent: from what is buffered, else read."""
        frames = self._frames
        while True:
            if frames.buffer:
                value = frames.next_value()
                if value is not MISSING:
                    return value
            self._arm(sock, deadline)
            count = sock.recv_into(self._chunk)
            if not count:
                raise _Closed
            self._received += count
            data = self._chunk[:count]
            if not frames.buffer and count <= self.max_depth and data[0] in _OPEN:
                # One small value read whole, the usual answer: parsed straight from the read
                # (it cannot nest deeper than it is long): no copy, no scan.
                try:
                    return parse(data)
                except ValueError:
                    pass  # unfinished, or more than one value: the frames sort it out
            frames.feed(data)

    def _exchange(self, payload: bytes, deadline: float, retry: bool, accept: Accept[T]) -> T:
        lock = self._lock
        if not lock.acquire(False) and not lock.acquire(
            timeout=max(0.0, deadline - time.monotonic())
        ):
            raise timed_out(self.endpoint, self.timeout)
        try:
            for attempt in (0, 1):
                fresh = self._sock is None
                self._received = 0
                try:
                    sock = self._connect(deadline) if self._sock is None else self._sock
                    self._arm(sock, deadline)
                    sock.sendall(payload)
                    while (answer := accept(self._next_value(sock, deadline))) is None:
                        pass  # an answer to something else: dropped
                    return answer
                except (_Closed, BrokenPipeError, ConnectionResetError) as exc:
                    self._drop()
                    if retry and not fresh and not self._received and attempt == 0:
                        continue  # a kept socket the node had closed: once more, afresh
                    if isinstance(exc, _Closed):
                        raise NodeUnreachable(
                            f"node at {self.endpoint} closed the connection"
                        ) from None
                    raise NodeUnreachable.because(self.endpoint, exc) from exc
                except TimeoutError:
                    self._drop()
                    raise timed_out(self.endpoint, self.timeout) from None
                except OSError as exc:
                    self._drop()
                    raise NodeUnreachable.because(self.endpoint, exc) from exc
                except NodeError:
                    self._drop()  # the stream's framing can no longer be trusted
                    raise
            raise AssertionError("unreachable")  # pragma: no cover
        finally:
            self._lock.release()
