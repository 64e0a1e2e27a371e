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

from abigen.runtime.errors import NodeError, NodeUnreachable
from abigen.runtime.jsonrpc import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_RESPONSE_SIZE,
    MISSING,
    NON_IDEMPOTENT,
    Frames,
    timed_out,
)
from abigen.runtime.rpcprovider import Accept, RpcProvider, T

_CHUNK = 256 * 1024


class _Closed(Exception):
    """The node closed the socket."""


def _arm(sock: socket.socket, deadline: float) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    sock.settimeout(remaining)


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
            _arm(sock, deadline)
            sock.connect(self.path)
        except BaseException:
            sock.close()
            raise
        self._sock = sock
        self._frames = self._new_frames()
        return sock

    def _exchange(self, payload: bytes, deadline: float, retry: bool, accept: Accept[T]) -> T:
        lock = self._lock
        if not lock.acquire(False) and not lock.acquire(
            timeout=max(0.0, deadline - time.monotonic())
        ):
            raise timed_out(self.endpoint, self.timeout)
        try:
            for attempt in (0, 1):
                fresh = self._sock is None
                received = 0
                try:
                    sock = self._connect(deadline) if self._sock is None else self._sock
                    _arm(sock, deadline)
                    sock.sendall(payload)
                    frames, chunk = self._frames, self._chunk
                    while True:
                        value = frames.next_value() if frames.buffer else MISSING
                        if value is MISSING:
                            _arm(sock, deadline)
                            count = sock.recv_into(chunk)
                            if not count:
                                raise _Closed
                            received += count
                            frames.feed(chunk[:count])
                            continue
                        answer = accept(value)
                        if answer is not None:
                            return answer
                except (_Closed, BrokenPipeError, ConnectionResetError) as exc:
                    self._drop()
                    if retry and not fresh and not received and attempt == 0:
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
