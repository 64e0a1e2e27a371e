"""Our async WebSocket provider: JSON-RPC over one `websockets` connection, many requests in
flight. A reader task takes each message (one JSON value, at most `max_response_size` bytes:
websockets' `max_size`) and hands it to the provider, which resolves the request it answers.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from abigen.runtime.asyncstream import Closed, Link, MultiplexedProvider
from abigen.runtime.errors import NodeError, excerpt
from abigen.runtime.jsonrpc import MISSING, Frames

_TOO_BIG = 1009  # the close code websockets sends for a message over max_size


class _WsLink(Link):
    def __init__(
        self, provider: AsyncWsProvider, loop: asyncio.AbstractEventLoop, ws: ClientConnection
    ) -> None:
        super().__init__(loop)
        self.provider = provider
        self.ws = ws
        self.reader = loop.create_task(self._read())

    async def send(self, payload: bytes) -> None:
        try:
            await self.ws.send(payload.decode())  # ASCII JSON: a text frame, as nodes expect
        except ConnectionClosed:
            raise Closed(self.received) from None

    def close(self) -> None:
        self.reader.cancel()

    async def wait_closed(self) -> None:
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.shield(self.reader)

    async def _read(self) -> None:
        provider = self.provider
        error: BaseException | None = None
        try:
            async for message in self.ws:
                data = message.encode() if isinstance(message, str) else message
                self.received += len(data)
                provider.deliver(self._parse(data))
        except ConnectionClosed as exc:
            if exc.sent is not None and exc.sent.code == _TOO_BIG:
                error = NodeError(
                    f"node at {provider.endpoint} sent an answer larger than "
                    f"{provider.max_response_size} bytes"
                )
        except (NodeError, OSError) as exc:  # garbage: the connection can no longer be trusted
            error = exc
        finally:  # also when cancelled: by close(), or by asyncio.run on its way out
            provider.lost(self, error or Closed(self.received))
            with contextlib.suppress(Exception):
                await asyncio.shield(self.ws.close())  # (a cancelled reader still closes)

    def _parse(self, data: bytes) -> Any:
        provider = self.provider
        frames = Frames(provider.endpoint, provider.max_response_size, provider.max_depth)
        frames.feed(data)
        value = frames.next_value()
        if value is MISSING or frames.pending():
            raise NodeError(f"node at {provider.endpoint} sent a broken message: {excerpt(data)}")
        return value


class AsyncWsProvider(MultiplexedProvider):
    """JSON-RPC over a WebSocket to `url` (ws:// or wss://), for asyncio."""

    def __init__(self, url: str, **options: Any) -> None:
        super().__init__(url, **options)
        self.url = url

    async def _open(self, loop: asyncio.AbstractEventLoop) -> Link:
        ws = await connect(
            self.url,
            max_size=self.max_response_size,
            open_timeout=self.timeout,
            close_timeout=1,
            compression=None,  # nothing to inflate past the size limit
            max_queue=None,  # the reader hands each message on at once
        )
        return _WsLink(self, loop, ws)
