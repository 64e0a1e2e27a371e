"""JSON-RPC batches on a node: many requests in one round trip, prepared calls run that way.

Two thin faces over abigen.runtime.batchflow: `Batching` (mixed into Node) and
`AsyncBatching` (into AsyncNode); each also carries the node's multicalls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from abigen.runtime.batchflow import (
    DEFAULT_SIZE,
    Request,
    call_requests,
    chained,
    in_chunks,
    outcomes,
    settle_batch,
)
from abigen.runtime.errors import RpcError
from abigen.runtime.flows import run, run_async
from abigen.runtime.multicall import AsyncMulticalling, Multicalling

if TYPE_CHECKING:
    from abigen.runtime.flows import AsyncNodeLike, SyncNode
    from abigen.runtime.gather import AsyncBatch, AsyncBatchMany, Batch, BatchMany
    from abigen.runtime.prepared import PreparedCall

R = TypeVar("R")


def _one_by_one(
    request: Callable[[str, Sequence[object]], object], requests: Sequence[Request]
) -> list[object]:
    items: list[object] = []
    for method, params in requests:
        try:
            items.append(request(method, params))
        except RpcError as exc:
            items.append(exc)
    return items


class Batching(Multicalling):
    """JSON-RPC batches and prepared calls run in them (or in a multicall), for Node."""

    if TYPE_CHECKING:
        endpoint: str
        provider: Any
        _chain_checked: bool

        def request(self, method: str, params: Sequence[object]) -> Any: ...
        def _read_chain_id(self) -> int: ...
        def _pin_checked(self, found: int) -> None: ...
        def _failure(self, exc: Exception, method: str) -> Exception: ...

    def request_batch(self, requests: Sequence[Request]) -> list[object]:
        """Send the requests as ONE JSON-RPC batch; return, in order, each one's checked
        result (as `request` returns it) or the RpcError the node answered for it (not
        raised). A node refusing the batch as a whole raises BatchRefused; a provider
        without batches gets the requests one by one."""
        requests = [(method, list(params)) for method, params in requests]
        if not requests:
            return []
        if not self._chain_checked and any(m != "eth_chainId" for m, _ in requests):
            self._pin_checked(self._read_chain_id())
        make_batch = getattr(self.provider, "make_batch_request", None)
        if make_batch is None:
            return _one_by_one(self.request, requests)
        try:
            answer = make_batch(requests)
        except NotImplementedError:  # web3's base providers: no batches
            return _one_by_one(self.request, requests)
        except Exception as exc:
            raise chained(self._failure(exc, "batch"), exc)  # noqa: B904  # chained there
        return settle_batch(answer, requests, self.endpoint)

    def _batched(self, requests: Sequence[Request], size: int = DEFAULT_SIZE) -> list[object]:
        """Each request's item, sent in batches of `size` (halved when refused as too large)."""
        return run(in_chunks(requests, size), cast("SyncNode", self))

    def _run_calls(
        self, calls: Sequence[PreparedCall[Any]], allow_failure: bool, size: int
    ) -> list[Any]:
        items = self._batched(call_requests(calls), size)
        return outcomes(calls, items, allow_failure)

    def _batch_many(
        self, calls: Sequence[PreparedCall[R]], *, allow_failure: bool = False, size: int = 100
    ) -> list[Any]:
        """Run many prepared calls in JSON-RPC batches of at most `size` (halved if the node
        says a batch is too large) and return their results in order. A revert raises its
        decoded error naming the item, or with `allow_failure=True` stands in its place."""
        return self._run_calls(calls, allow_failure, size)

    def _batch(self, *calls: PreparedCall[Any], allow_failure: bool = False) -> tuple[Any, ...]:
        """Run prepared calls in one JSON-RPC batch; their results as a tuple typed per
        position. A revert raises its decoded error naming the item, or with
        `allow_failure=True` stands in its place."""
        return tuple(self._run_calls(calls, allow_failure, DEFAULT_SIZE))

    if TYPE_CHECKING:  # typed per position and per allow_failure (abigen.runtime.gather)
        batch: Batch
        batch_many: BatchMany
    else:
        batch, batch_many = _batch, _batch_many


class AsyncBatching(AsyncMulticalling):
    """The same as Batching, awaited, for AsyncNode."""

    if TYPE_CHECKING:
        endpoint: str
        provider: Any
        _chain_checked: bool

        async def request(self, method: str, params: Sequence[object]) -> Any: ...
        async def _read_chain_id(self) -> int: ...
        def _pin_checked(self, found: int) -> None: ...
        def _failure(self, exc: Exception, method: str) -> Exception: ...

    async def request_batch(self, requests: Sequence[Request]) -> list[object]:
        """Node.request_batch, awaited."""
        requests = [(method, list(params)) for method, params in requests]
        if not requests:
            return []
        if not self._chain_checked and any(m != "eth_chainId" for m, _ in requests):
            self._pin_checked(await self._read_chain_id())
        make_batch = getattr(self.provider, "make_batch_request", None)
        if make_batch is None:
            return await self._one_by_one(requests)
        try:
            answer = await make_batch(requests)
        except NotImplementedError:
            return await self._one_by_one(requests)
        except Exception as exc:
            raise chained(self._failure(exc, "batch"), exc)  # noqa: B904  # chained there
        return settle_batch(answer, requests, self.endpoint)

    async def _one_by_one(self, requests: Sequence[Request]) -> list[object]:
        items: list[object] = []
        for method, params in requests:
            try:
                items.append(await self.request(method, params))
            except RpcError as exc:
                items.append(exc)
        return items

    async def _batched(self, requests: Sequence[Request], size: int = DEFAULT_SIZE) -> list[object]:
        return await run_async(in_chunks(requests, size), cast("AsyncNodeLike", self))

    async def _run_calls(
        self, calls: Sequence[PreparedCall[Any]], allow_failure: bool, size: int
    ) -> list[Any]:
        items = await self._batched(call_requests(calls), size)
        return outcomes(calls, items, allow_failure)

    async def _batch_many(
        self, calls: Sequence[PreparedCall[R]], *, allow_failure: bool = False, size: int = 100
    ) -> list[Any]:
        """Node.batch_many, awaited."""
        return await self._run_calls(calls, allow_failure, size)

    async def _batch(
        self, *calls: PreparedCall[Any], allow_failure: bool = False
    ) -> tuple[Any, ...]:
        """Node.batch, awaited."""
        return tuple(await self._run_calls(calls, allow_failure, DEFAULT_SIZE))

    if TYPE_CHECKING:
        batch: AsyncBatch
        batch_many: AsyncBatchMany
    else:
        batch, batch_many = _batch, _batch_many
