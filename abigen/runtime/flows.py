"""Operations of more than one request, written once for the sync and the async node.

A flow is a generator that yields the steps it needs (a JSON-RPC request, a pause, the chain
id to sign for, the head's number) and receives their results; an error of a step is thrown
into it at the yield, so a flow handles a node's refusal where it asked. `run` performs the
steps on a Node, `await run_async` on an AsyncNode: the logic of sending, waiting, deploying
and scanning logs lives in the flows, the faces only drive them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Generator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeAlias, TypeVar, cast

if TYPE_CHECKING:
    from abigen.runtime.nonces import NonceBook

T = TypeVar("T")


class Rpc(NamedTuple):
    """Send one JSON-RPC request; the flow receives its checked result."""

    method: str
    params: Sequence[object]


class Sleep(NamedTuple):
    """Pause before polling again."""

    seconds: float


class SigningChainId(NamedTuple):
    """The chain id a local key signs for (the node's check against its pinned chain)."""


class Head(NamedTuple):
    """The number of the node's latest block."""


class Batch(NamedTuple):
    """Send requests as one JSON-RPC batch; the flow receives, per request, its checked result
    or the RpcError the node answered for it (BatchRefused, for the whole batch, is thrown in)."""

    requests: Sequence[tuple[str, Sequence[object]]]


class TakeNonce(NamedTuple):
    """Hold the nonce lock of a local key (chain id, address); receive its next nonce (None:
    ask the node). Held until SettleNonce, or released by the driver if the flow stops."""

    key: tuple[int, str]


class SettleNonce(NamedTuple):
    """Record the key's next nonce (None: ask the node next time) and release its lock."""

    key: tuple[int, str]
    next: int | None


Step: TypeAlias = "Rpc | Batch | Sleep | SigningChainId | Head | TakeNonce | SettleNonce"
Flow: TypeAlias = "Generator[Step, Any, T]"


class SyncNode(Protocol):
    """What `run` needs of a node (abigen.Node, or a test's stand-in)."""

    def request(self, method: str, params: Sequence[object]) -> Any: ...

    def request_batch(self, requests: Sequence[tuple[str, Sequence[object]]]) -> list[object]: ...

    def signing_chain_id(self) -> int: ...

    @property
    def block_number(self) -> int: ...

    @property
    def nonces(self) -> NonceBook[threading.Lock]: ...


class AsyncNodeLike(Protocol):
    """What `run_async` needs of a node (abigen.AsyncNode, or a test's stand-in)."""

    async def request(self, method: str, params: Sequence[object]) -> Any: ...

    async def request_batch(
        self, requests: Sequence[tuple[str, Sequence[object]]]
    ) -> list[object]: ...

    async def signing_chain_id(self) -> int: ...

    @property
    def block_number(self) -> Awaitable[int]: ...

    @property
    def nonces(self) -> NonceBook[asyncio.Lock]: ...


def endpoint_of(node: object) -> str:
    """How errors name the node: its endpoint (a stand-in without one by its repr; an endpoint
    given as text is itself)."""
    if isinstance(node, str):
        return node
    return str(getattr(node, "endpoint", None) or repr(node))


def run(flow: Flow[T], node: SyncNode) -> T:
    """Drive a flow to its end on a sync node."""
    result: Any = None
    error: Exception | None = None
    held: list[threading.Lock] = []  # nonce locks the flow holds
    try:
        while True:
            done, step = _advance(flow, result, error)
            if done:
                return cast(T, step)
            try:
                if type(step) is TakeNonce or type(step) is SettleNonce:
                    result, error = _nonce_step(step, node.nonces, held), None
                else:
                    result, error = _perform(step, node), None
            except Exception as exc:
                result, error = None, exc
    finally:
        for lock in held:  # the flow stopped holding it: its nonce stays unused
            lock.release()


async def run_async(flow: Flow[T], node: AsyncNodeLike) -> T:
    """Drive a flow to its end on an async node."""
    result: Any = None
    error: Exception | None = None
    held: list[asyncio.Lock] = []
    try:
        while True:
            done, step = _advance(flow, result, error)
            if done:
                return cast(T, step)
            try:
                if type(step) is TakeNonce:
                    lock = node.nonces.lock(step.key)
                    await lock.acquire()
                    held.append(lock)
                if type(step) is TakeNonce or type(step) is SettleNonce:
                    result, error = _nonce_step(step, node.nonces, held), None
                else:
                    result, error = await _perform_async(step, node), None
            except Exception as exc:
                result, error = None, exc
    finally:
        for lock in held:
            lock.release()


def _nonce_step(step: TakeNonce | SettleNonce, book: NonceBook[Any], held: list[Any]) -> Any:
    """A nonce step (an async driver has already acquired the lock a TakeNonce names)."""
    lock = book.lock(step.key)
    if isinstance(step, TakeNonce):
        if lock not in held:
            lock.acquire()
            held.append(lock)
        return book.next(step.key)
    book.settle(step.key, step.next)
    held.remove(lock)
    lock.release()
    return None


def _advance(flow: Flow[Any], result: Any, error: Exception | None) -> tuple[bool, Any]:
    """Hand the flow the last step's result (or throw its error in): (True, the flow's value)
    once it returns, else (False, its next step)."""
    try:
        return False, flow.send(result) if error is None else flow.throw(error)
    except StopIteration as stop:
        return True, stop.value


def _perform(step: Step, node: SyncNode) -> Any:
    if type(step) is Rpc:
        return node.request(step.method, step.params)
    if type(step) is Batch:
        return node.request_batch(step.requests)
    if type(step) is Sleep:
        return time.sleep(step.seconds)
    if type(step) is Head:
        return node.block_number
    return node.signing_chain_id()


async def _perform_async(step: Step, node: AsyncNodeLike) -> Any:
    if type(step) is Rpc:
        return await node.request(step.method, step.params)
    if type(step) is Batch:
        return await node.request_batch(step.requests)
    if type(step) is Sleep:
        return await asyncio.sleep(step.seconds)
    if type(step) is Head:
        return await node.block_number
    return await node.signing_chain_id()
