"""One connection carrying many requests at once (IPC, WebSocket), answers matched by id.

Each request registers a waiter under its id(s), sends, and awaits its future; the link's
reader hands every JSON value the node sends to `deliver`, which resolves the waiter it
answers (a foreign or unsolicited value is dropped). Garbage or a closed connection fails
every request in flight on that link at once; the next request opens a new link.

Notifications of a subscription (`eth_subscription`, no id) go to the callback `listen`
registered for its id, until the link that carries the subscription is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, cast

from abigen.runtime.asyncrpc import Accept, AsyncRpcProvider, T
from abigen.runtime.errors import NodeError, NodeUnreachable, clean
from abigen.runtime.jsonrpc import refused_batch, timed_out


class Closed(Exception):
    """The node closed the link; `received`: bytes the link had received by then."""

    def __init__(self, received: int) -> None:
        super().__init__(received)
        self.received = received


class Link:
    """An open connection (subclasses): sends payloads, feeds `deliver`, reports `lost`."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.received: int = 0  # bytes received so far

    def send(self, payload: bytes) -> Awaitable[None] | None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    async def wait_closed(self) -> None:
        raise NotImplementedError


class _Waiter:
    __slots__ = ("accept", "batch", "future", "link", "start")

    def __init__(
        self, future: asyncio.Future[Any], accept: Accept[Any], batch: bool, link: Link
    ) -> None:
        self.future = future
        self.accept = accept
        self.batch = batch
        self.link = link
        self.start = link.received


class MultiplexedProvider(AsyncRpcProvider):
    """Requests from any number of tasks share one link; `_open` opens it (subclasses)."""

    def __init__(self, endpoint: str, **options: Any) -> None:
        super().__init__(endpoint, **options)
        self._link: Link | None = None
        self._opening: asyncio.Task[Link] | None = None
        self._waiters: dict[int, _Waiter] = {}
        self._listeners: dict[str, tuple[Link, Callable[[object], None]]] = {}

    def listen(self, subscription: str, callback: Callable[[object], None]) -> bool:
        """Call `callback(result)` (on the event loop) for each notification of the
        subscription `subscription` made on the open link, and `callback(None)` once if that
        link is lost (the subscription is gone with it). False when no link is open."""
        link = self._link
        if link is None:
            return False
        self._listeners[subscription] = (link, callback)
        return True

    def unlisten(self, subscription: str) -> None:
        self._listeners.pop(subscription, None)

    async def _open(self, loop: asyncio.AbstractEventLoop) -> Link:
        raise NotImplementedError

    async def close(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            # Requests still in flight fail (and are not resent on a new connection).
            self.lost(link, NodeUnreachable(f"node at {self.endpoint}: the connection was closed"))
            link.close()
            if link.loop is asyncio.get_running_loop():
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(link.wait_closed(), 2)

    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        if self._link is None or self._link.loop is not loop:
            await self._connect(loop, loop.time() + self.timeout)

    async def _exchange(self, payload: bytes, ids: list[int], retry: bool, accept: Accept[T]) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        waiters = self._waiters
        for attempt in (0, 1):
            link = self._link
            fresh = link is None or link.loop is not loop
            if fresh:
                link = await self._connect(loop, deadline)
            assert link is not None
            waiter = _Waiter(loop.create_future(), accept, payload[:1] == b"[", link)
            for request_id in ids:
                waiters[request_id] = waiter
            timer = loop.call_at(deadline, self._expire, waiter.future)
            try:
                sent = link.send(payload)
                if sent is not None:
                    await sent
                return await waiter.future  # type: ignore[no-any-return]
            except Closed as closed:
                if retry and not fresh and attempt == 0 and closed.received == waiter.start:
                    continue  # a kept link the node had closed: once more, afresh
                raise NodeUnreachable(f"node at {self.endpoint} closed the connection") from None
            finally:
                timer.cancel()
                for request_id in ids:
                    waiters.pop(request_id, None)
        raise AssertionError("unreachable")  # pragma: no cover

    def _expire(self, future: asyncio.Future[Any]) -> None:
        if not future.done():
            future.set_exception(timed_out(self.endpoint, self.timeout))

    async def _connect(self, loop: asyncio.AbstractEventLoop, deadline: float) -> Link:
        old = self._link
        if old is not None and old.loop is not loop:  # left behind by another event loop
            self._link = None
            with contextlib.suppress(Exception):
                old.close()
        opening = self._opening
        if opening is None or opening.get_loop() is not loop:
            opening = self._opening = loop.create_task(self._open_link(loop))
        try:
            return await asyncio.wait_for(asyncio.shield(opening), max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            raise timed_out(self.endpoint, self.timeout) from None
        except NodeError as exc:
            raise type(exc)(*exc.args) from None  # the openers share one: each gets its own
        except OSError as exc:
            raise NodeUnreachable.because(self.endpoint, exc) from None
        except Exception as exc:  # websockets' handshake refusals, in its words
            raise NodeUnreachable(
                f"cannot reach node at {self.endpoint}: {clean(str(exc))}"
            ) from None

    async def _open_link(self, loop: asyncio.AbstractEventLoop) -> Link:
        try:
            link = await self._open(loop)
            self._link = link
            self._count_connection()
            return link
        finally:
            self._opening = None

    def deliver(self, value: Any) -> None:
        """A JSON value the node sent: resolve the request it answers, if any."""
        waiters = self._waiters
        if value.__class__ is dict:
            key = value.get("id")
            waiter = waiters.get(key) if key.__class__ is int else None
            if waiter is None:
                if key is None and "error" in value:
                    self._refuse_batches(value["error"])
                elif key is None and value.get("method") == "eth_subscription":
                    self._notify(value.get("params"))
                return
        elif value.__class__ is list:
            for item in value:
                if item.__class__ is dict:
                    key = item.get("id")
                    waiter = waiters.get(key) if key.__class__ is int else None
                    if waiter is not None:
                        break
            else:
                return
        else:
            return
        future = waiter.future
        if future.done():
            return
        try:
            result = waiter.accept(value)
        except NodeError as exc:
            future.set_exception(exc)
            return
        if result is not None:
            future.set_result(result)

    def _notify(self, params: object) -> None:
        """A subscription's notification: to its listener, if any (else dropped)."""
        if isinstance(params, dict):
            fields = cast("dict[str, Any]", params)
            subscription, result = fields.get("subscription"), fields.get("result")
            # (None is how a listener hears that its link was lost: never from the node)
            if (
                isinstance(subscription, str)
                and subscription in self._listeners
                and result is not None
            ):
                self._listeners[subscription][1](result)

    def _refuse_batches(self, error: object) -> None:
        """An error without an id: a batch refused as a whole (which one cannot be told)."""
        for waiter in {id(w): w for w in self._waiters.values()}.values():
            if waiter.batch and not waiter.future.done():
                waiter.future.set_exception(refused_batch(self.endpoint, error))

    def lost(self, link: Link, error: BaseException) -> None:
        """The link failed (`error`: Closed, a NodeError, an OSError): fail its requests."""
        if self._link is link:
            self._link = None
        for subscription, (on, callback) in list(self._listeners.items()):
            if on is link:
                del self._listeners[subscription]
                callback(None)
        for waiter in {id(w): w for w in self._waiters.values()}.values():
            if waiter.link is link and not waiter.future.done():
                waiter.future.set_exception(self._fresh(error))

    def _fresh(self, error: BaseException) -> BaseException:
        """A new exception per waiting request (one instance raised in many tasks would
        collect all their tracebacks)."""
        if isinstance(error, Closed):
            return Closed(error.received)
        if isinstance(error, NodeError):
            return type(error)(*error.args)
        if isinstance(error, OSError):
            return NodeUnreachable.because(self.endpoint, error)
        return NodeUnreachable(f"node at {self.endpoint} failed: {clean(str(error))}")
