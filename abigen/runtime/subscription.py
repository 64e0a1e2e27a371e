"""Wake-ups for a watch between its rounds: a `newHeads` subscription where the node has one.

A watch's source of truth is block-range eth_getLogs (abigen.runtime.watch); a subscription
only ends its pause early, when a block arrives. Over HTTP, or where eth_subscribe fails (the
node refuses it, answers garbage or nothing in time: the watch polls from then on), or while
the subscription is down with its link (it is made again at the next pause), the pause is a
plain sleep of the poll interval. Nothing a notification says is read: at worst a
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

from abigen.runtime.errors import NodeError

if TYPE_CHECKING:
    from abigen.runtime.asyncnode import AsyncNode
    from abigen.runtime.asyncstream import MultiplexedProvider
    from abigen.runtime.node import Node

_SUBSCRIBE = b'{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}'


class Pause:
    """A sync pause: sleep (no subscription here)."""

    @property
    def subscribed(self) -> bool:
        """Whether a subscription would end the pause at the next block."""
        return False

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
    def subscribed(self) -> bool:
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
        except OSError:  # the node is away: the rounds will say so; sleep meanwhile
            sock.close()
            return None
        try:
            sock.sendall(_SUBSCRIBE)
            answer = _first_value(sock)
        except OSError:  # no answer in time, or the socket closed on it: no subscriptions
            answer = None
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
        start = data.lstrip()[:1]
        if not start:
            continue
        if start != b"{":  # not an answer: no subscriptions to be had here
            return None
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            return decoder.raw_decode(data.decode().lstrip())[0]
    return None


class _Listening:
    """A newHeads subscription on a multiplexed link, as both faces keep it: its id while the
    link carrying it lasts, and the wake-up (a threading or an asyncio Event) it sets."""

    def __init__(self, provider: MultiplexedProvider, woken: threading.Event | asyncio.Event):
        self.provider = provider
        self.refused = False  # the node has no subscriptions: pause by sleeping from now on
        self._subscription: str | None = None
        self._woken = woken

    @property
    def subscribed(self) -> bool:
        return self._subscription is not None

    def _listening(self, answer: object) -> None:
        """eth_subscribe's answer: its id, listened to from now on, or (anything else, an
        RpcError's None included) no subscriptions here."""
        if isinstance(answer, str) and self.provider.listen(answer, self.heard):
            self._subscription = answer
        else:
            self.refused = True

    def heard(self, result: object) -> None:
        """A notification (None: the link was lost, and the subscription with it)."""
        if result is None:
            self._subscription = None
        self._woken.set()

    def _forgotten(self) -> str | None:
        """The subscription's id, no longer listened to (None if there was none); a pause
        waiting on it ends now (the watch is closing)."""
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            self.provider.unlisten(subscription)
        self._woken.set()
        return subscription


class LinkHeads(_Listening, Pause):
    """newHeads on a sync node's WebSocket link (its provider lives on a loop thread)."""

    def __init__(self, node: Node, provider: MultiplexedProvider) -> None:
        super().__init__(provider, threading.Event())
        self.node = node

    def wait(self, seconds: float) -> None:
        if self._subscription is None and not self.refused:
            try:
                self._listening(self.node.request("eth_subscribe", ["newHeads"]))
            except NodeError:  # refused, or no answer in time: poll rather than wait again
                self._listening(None)
        if self._subscription is None:
            time.sleep(seconds)
            return
        woken = cast("threading.Event", self._woken)
        woken.wait(seconds)
        woken.clear()

    def close(self) -> None:
        subscription = self._forgotten()
        if subscription is not None:
            with contextlib.suppress(NodeError):
                self.node.request("eth_unsubscribe", [subscription])


class AsyncPause:
    """An async pause: sleep (no subscription here)."""

    @property
    def subscribed(self) -> bool:
        return False

    async def wait(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def close(self) -> None:
        pass


class AsyncHeads(_Listening, AsyncPause):
    """newHeads on an AsyncNode's IPC or WebSocket link."""

    def __init__(self, node: AsyncNode, provider: MultiplexedProvider) -> None:
        super().__init__(provider, asyncio.Event())
        self.node = node

    async def wait(self, seconds: float) -> None:
        if self._subscription is None and not self.refused:
            try:
                self._listening(await self.node.request("eth_subscribe", ["newHeads"]))
            except NodeError:  # refused, or no answer in time: poll rather than wait again
                self._listening(None)
        if self._subscription is None:
            await asyncio.sleep(seconds)
            return
        woken = cast("asyncio.Event", self._woken)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(woken.wait(), seconds)
        woken.clear()

    async def close(self) -> None:
        subscription = self._forgotten()
        if subscription is not None:
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
