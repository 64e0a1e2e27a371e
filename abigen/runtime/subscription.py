"""Wake-ups for a watch between its rounds: a `newHeads` subscription where the node has one.

A watch's source of truth is block-range eth_getLogs (abigen.runtime.watch); a subscription
only ends its pause early, when a block arrives. Over HTTP, or where the node refuses
eth_subscribe, or while the subscription is down (it is made again at the next pause), the
pause is a plain sleep of the poll interval. Nothing a notification says is read: at worst a
hostile one costs an extra round.

- sync face over IPC: a socket of its own to the node (the request socket is
  request/response), read with select;
- sync face over WebSocket and the async face over IPC and WebSocket: the provider's one
  link, whose reader hands the notifications to `MultiplexedProvider.listen`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import select
import socket
import threading
import time
from typing import TYPE_CHECKING, Any, cast

from abigen.runtime.errors import NodeError, RpcError

if TYPE_CHECKING:
    from abigen.runtime.asyncnode import AsyncNode
    from abigen.runtime.asyncstream import MultiplexedProvider
    from abigen.runtime.node import Node

_SUBSCRIBE = b'{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}'


class Pause:
    """A sync pause: sleep (no subscription here)."""

    subscribed = False

    def wait(self, seconds: float) -> None:
        time.sleep(seconds)

    def close(self) -> None:
        pass


class IpcHeads(Pause):
    """newHeads over a Unix socket of the watch's own: a pause ends at the next block."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self.refused = False
        self._sock: socket.socket | None = None

    @property
    def subscribed(self) -> bool:  # type: ignore[override]
        return self._sock is not None

    def wait(self, seconds: float) -> None:
        sock = self._sock if self._sock is not None or self.refused else self._subscribe()
        if sock is None:
            time.sleep(seconds)
            return
        try:
            readable, _, _ = select.select([sock], [], [], seconds)
            if readable and not sock.recv(65536):  # (what came is not read: a block came)
                self.close()  # the node closed it: subscribe again at the next pause
        except OSError:
            self.close()

    def _subscribe(self) -> socket.socket | None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect(self.path)
            sock.sendall(_SUBSCRIBE)
            answer = _first_value(sock)
        except OSError:  # the node is away: the rounds will say so; sleep meanwhile
            sock.close()
            return None
        if not (isinstance(answer, dict) and isinstance(cast("Any", answer).get("result"), str)):
            sock.close()  # refused (no subscriptions here) or garbage: poll from now on
            self.refused = True
            return None
        self._sock = sock
        return sock

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()


def _first_value(sock: socket.socket) -> object:
    """The first JSON value on the socket (the subscription's answer); None if not JSON."""
    data = b""
    decoder = json.JSONDecoder()
    while len(data) < 65536:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            return decoder.raw_decode(data.decode().lstrip())[0]
    return None


class LinkHeads(Pause):
    """newHeads on a sync node's WebSocket link (its provider lives on a loop thread)."""

    def __init__(self, node: Node, provider: MultiplexedProvider) -> None:
        self.node = node
        self.provider = provider
        self.refused = False
        self._subscription: str | None = None
        self._woken = threading.Event()

    @property
    def subscribed(self) -> bool:  # type: ignore[override]
        return self._subscription is not None

    def wait(self, seconds: float) -> None:
        if self._subscription is None and not self.refused:
            try:
                answer = self.node.request("eth_subscribe", ["newHeads"])
            except RpcError:
                answer = None  # refused: poll
            except NodeError:
                time.sleep(seconds)  # away: the rounds will say so
                return
            self._subscription = _subscribed(self, answer)
        if self._subscription is None:
            time.sleep(seconds)
            return
        self._woken.wait(seconds)
        self._woken.clear()

    def heard(self, result: object) -> None:
        if result is None:
            self._subscription = None  # the link was lost
        self._woken.set()

    def close(self) -> None:
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            self.provider.unlisten(subscription)
            with contextlib.suppress(NodeError):
                self.node.request("eth_unsubscribe", [subscription])


def _subscribed(heads: LinkHeads | AsyncHeads, result: object) -> str | None:
    """The subscription's id, now listened to; None (and polling from now on) if the node
    answered something else."""
    if not isinstance(result, str) or not heads.provider.listen(result, heads.heard):
        heads.refused = True
        return None
    return result


class AsyncPause:
    """An async pause: sleep (no subscription here)."""

    subscribed = False

    async def wait(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def close(self) -> None:
        pass


class AsyncHeads(AsyncPause):
    """newHeads on an AsyncNode's IPC or WebSocket link."""

    def __init__(self, node: AsyncNode, provider: MultiplexedProvider) -> None:
        self.node = node
        self.provider = provider
        self.refused = False
        self._subscription: str | None = None
        self._woken = asyncio.Event()

    @property
    def subscribed(self) -> bool:  # type: ignore[override]
        return self._subscription is not None

    async def wait(self, seconds: float) -> None:
        if self._subscription is None and not self.refused:
            try:
                answer = await self.node.request("eth_subscribe", ["newHeads"])
            except RpcError:
                answer = None  # refused: poll
            except NodeError:
                await asyncio.sleep(seconds)  # away: the rounds will say so
                return
            self._subscription = _subscribed(self, answer)
        if self._subscription is None:
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._woken.wait(), seconds)
        self._woken.clear()

    def heard(self, result: object) -> None:
        if result is None:
            self._subscription = None
        self._woken.set()

    async def close(self) -> None:
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            self.provider.unlisten(subscription)
            with contextlib.suppress(NodeError):
                await self.node.request("eth_unsubscribe", [subscription])


def pause_for(node: Node) -> Pause:
    """How a sync watch on `node` pauses: on new heads over IPC and WebSocket, else asleep."""
    from abigen.runtime.asyncstream import MultiplexedProvider
    from abigen.runtime.ipc import IpcProvider
    from abigen.runtime.transport import linked_provider

    provider: Any = node.provider
    if isinstance(provider, IpcProvider):
        return IpcHeads(provider.path, provider.timeout)
    linked = linked_provider(provider)
    if isinstance(linked, MultiplexedProvider):
        return LinkHeads(node, linked)
    return Pause()


def async_pause_for(node: AsyncNode) -> AsyncPause:
    """How an async watch on `node` pauses: on new heads over IPC and WebSocket."""
    from abigen.runtime.asyncstream import MultiplexedProvider

    provider: Any = node.provider
    if isinstance(provider, MultiplexedProvider):
        return AsyncHeads(node, provider)
    return AsyncPause()
