"""Our async HTTP provider: JSON-RPC POSTs on an aiohttp session's kept-alive pool.

aiohttp comes with web3. One session per event loop (a session belongs to the loop that made
it); it is closed by close(), or when asyncio.run cancels its guard task on the way out.
"""

from __future__ import annotations

import asyncio
import ssl
from typing import Any

import aiohttp

from abigen.runtime.asyncrpc import Accept, AsyncRpcProvider, T
from abigen.runtime.errors import NodeError, NodeUnreachable
from abigen.runtime.http import HttpTarget, http_answer
from abigen.runtime.jsonrpc import timed_out

_POOL = 100  # connections a session keeps (and opens at once) per node


class AsyncHttpProvider(AsyncRpcProvider):
    """JSON-RPC over HTTP(S) POSTs to `url`, many requests in flight on a connection pool."""

    def __init__(self, url: str, *, ssl_context: ssl.SSLContext | None = None, **options: Any):
        target = HttpTarget(url)
        super().__init__(target.endpoint, **options)
        self._url = target.url
        self._headers = target.headers
        self._ssl: ssl.SSLContext | bool = ssl_context if ssl_context is not None else True
        self._session: aiohttp.ClientSession | None = None
        self._session_loop: asyncio.AbstractEventLoop | None = None
        self._guard: asyncio.Task[None] | None = None

    def _session_now(self) -> aiohttp.ClientSession:
        session = self._session
        loop = asyncio.get_running_loop()
        if session is None or session.closed or self._session_loop is not loop:
            session = self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=_POOL, ssl=self._ssl),
                timeout=aiohttp.ClientTimeout(total=None),  # our deadline bounds a request
                auto_decompress=False,  # no zip bomb past the size limit
                skip_auto_headers=("Accept-Encoding", "User-Agent"),
                raise_for_status=False,
            )
            self._session_loop = loop
            self._guard = loop.create_task(_close_on_cancel(session))
        return session

    async def close(self) -> None:
        session, self._session = self._session, None
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.cancel()
        if (
            session is not None
            and not session.closed
            and self._session_loop is asyncio.get_running_loop()
        ):
            await session.close()

    async def _exchange(self, payload: bytes, ids: list[int], retry: bool, accept: Accept[T]) -> T:
        try:
            return await asyncio.wait_for(self._post(payload, retry, accept), self.timeout)
        except asyncio.TimeoutError:
            raise timed_out(self.endpoint, self.timeout) from None

    async def _post(self, payload: bytes, retry: bool, accept: Accept[T]) -> T:
        session = self._session_now()
        for attempt in (0, 1):
            try:
                async with session.post(self._url, data=payload, headers=self._headers) as response:
                    status = response.status
                    body = await self._read(response)
            except aiohttp.ServerDisconnectedError as exc:
                if retry and attempt == 0:
                    continue  # a kept-alive connection the node had closed: once more, afresh
                raise NodeUnreachable.because(self.endpoint, exc) from None
            except (aiohttp.ClientError, OSError) as exc:
                raise NodeUnreachable.because(self.endpoint, exc) from None
            return http_answer(self, status, body, accept)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _read(self, response: aiohttp.ClientResponse) -> bytes:
        limit = self.max_response_size
        too_large = NodeError(f"node at {self.endpoint} sent an answer larger than {limit} bytes")
        if response.content_length is not None and response.content_length > limit:
            raise too_large
        body = bytearray()
        async for piece in response.content.iter_any():
            body += piece
            if len(body) > limit:
                raise too_large
        return bytes(body)


async def _close_on_cancel(session: aiohttp.ClientSession) -> None:
    """Lives as long as the session: asyncio.run cancels it on the way out, and the session
    is closed then rather than reported unclosed at exit when the user forgot close()."""
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        await session.close()
        raise
