"""Our async IPC provider: JSON-RPC over one Unix socket, many requests in flight.

The socket is an asyncio Protocol (no reader task, no stream buffers): answers are parsed in
`data_received` and handed to the provider, which resolves the request each one answers.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from abigen.runtime.asyncstream import Closed, Link, MultiplexedProvider
from abigen.runtime.errors import NodeError
from abigen.runtime.jsonrpc import MISSING, Frames, parse

_OPEN = (ord("["), ord("{"))


class _IpcLink(Link, asyncio.Protocol):
    def __init__(self, provider: AsyncIpcProvider, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(loop)
        self.provider = provider
        self.frames = Frames(provider.endpoint, provider.max_response_size, provider.max_depth)
        self.transport: asyncio.Transport | None = None
        self.done: asyncio.Future[None] = loop.create_future()
        self.guard: asyncio.Task[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a Unix stream's

    def send(self, payload: bytes) -> None:
        transport = self.transport
        if transport is None or transport.is_closing():
            raise Closed(self.received)
        transport.write(payload)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    async def wait_closed(self) -> None:
        await asyncio.shield(self.done)

    def data_received(self, data: bytes) -> None:
        self.received += len(data)
        frames = self.frames
        deliver = self.provider.deliver
        try:
            if not frames.buffer and len(data) <= frames.max_depth and data[0] in _OPEN:
                # One small value read whole, the usual answer: parsed straight from the read
                # (it cannot nest deeper than it is long).
                try:
                    value = parse(data)
                except ValueError:
                    pass  # unfinished, or more than one value: the frames sort it out
                else:
                    deliver(value)
                    return
            frames.feed(data)
            while (value := frames.next_value()) is not MISSING:
                deliver(value)
        except NodeError as exc:  # the stream's framing can no longer be trusted
            self.provider.lost(self, exc)
            self.close()

    def eof_received(self) -> bool:
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.provider.lost(self, Closed(self.received) if exc is None else exc)
        if not self.done.done():
            self.done.set_result(None)


class AsyncIpcProvider(MultiplexedProvider):
    """JSON-RPC over the Unix socket at `path` (geth.ipc, anvil's --ipc), for asyncio."""

    def __init__(self, path: str | os.PathLike[str], **options: Any) -> None:
        super().__init__(str(Path(path)), **options)
        self.path = self.endpoint

    async def _open(self, loop: asyncio.AbstractEventLoop) -> Link:
        _, link = await loop.create_unix_connection(lambda: _IpcLink(self, loop), self.path)
        link.guard = loop.create_task(_close_on_cancel(link))
        return link


async def _close_on_cancel(link: _IpcLink) -> None:
    """Lives as long as the link: asyncio.run cancels it on the way out, and the socket is
    closed then rather than warned about at exit when the user forgot close()."""
    try:
        await link.done
    except asyncio.CancelledError:
        link.close()
        raise
