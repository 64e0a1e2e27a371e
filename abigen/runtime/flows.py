"""Operations of more than one request, written once for the sync and the async node.

A flow is a generator that yields the steps it needs (a JSON-RPC request, a pause, the chain
id to sign for, the head's number) and receives their results; an error of a step is thrown
into it at the yield, so a flow handles a node's refusal where it asked. `run` performs the
steps on a Node, `await run_async` on an AsyncNode: the logic of sending, waiting, deploying
and scanning logs lives in the flows, the faces only drive them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Generator, Sequence
from typing import Any, NamedTuple, Protocol, TypeAlias, TypeVar, cast

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


Step: TypeAlias = "Rpc | Sleep | SigningChainId | Head"
Flow: TypeAlias = "Generator[Step, Any, T]"


class SyncNode(Protocol):
    """What `run` needs of a node (abigen.Node, or a test's stand-in)."""

    def request(self, method: str, params: Sequence[object]) -> Any: ...

    def signing_chain_id(self) -> int: ...

    @property
    def block_number(self) -> int: ...


class AsyncNodeLike(Protocol):
    """What `run_async` needs of a node (abigen.AsyncNode, or a test's stand-in)."""

    async def request(self, method: str, params: Sequence[object]) -> Any: ...

    async def signing_chain_id(self) -> int: ...

    @property
    def block_number(self) -> Awaitable[int]: ...


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
    while True:
        done, step = _advance(flow, result, error)
        if done:
            return cast(T, step)
        try:
            result, error = _perform(step, node), None
        except Exception as exc:
            result, error = None, exc


async def run_async(flow: Flow[T], node: AsyncNodeLike) -> T:
    """Drive a flow to its end on an async node."""
    result: Any = None
    error: Exception | None = None
    while True:
        done, step = _advance(flow, result, error)
        if done:
            return cast(T, step)
        try:
            result, error = await _perform_async(step, node), None
        except Exception as exc:
            result, error = None, exc


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
    if type(step) is Sleep:
        return time.sleep(step.seconds)
    if type(step) is Head:
        return node.block_number
    return node.signing_chain_id()


async def _perform_async(step: Step, node: AsyncNodeLike) -> Any:
    if type(step) is Rpc:
        return await node.request(step.method, step.params)
    if type(step) is Sleep:
        return await asyncio.sleep(step.seconds)
    if type(step) is Head:
        return await node.block_number
    return await node.signing_chain_id()
