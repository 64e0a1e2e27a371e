"""The base of our async providers: web3's AsyncBaseProvider, our JSON-RPC rules.

A subclass of web3's AsyncBaseProvider, so `AsyncWeb3(AsyncIpcProvider(path))` works. The
rules are the sync providers' (abigen.runtime.rpcprovider): one deadline per request, size
and depth limits, answers matched by id, and a refused batch raises NodeError.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from web3.providers import AsyncBaseProvider
from web3.types import RPCEndpoint, RPCResponse

from abigen.runtime.jsonrpc import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_TIMEOUT,
    NON_IDEMPOTENT,
    as_response,
    batch_acceptor,
    encode_batch,
    encode_request,
)

T = TypeVar("T")
Accept = Callable[[Any], "T | None"]


class AsyncRpcProvider(AsyncBaseProvider):
    """Requests under one deadline each; many may be in flight at once.

    timeout: seconds for a whole request (connect, send, the complete answer).
    max_response_size: bytes an answer may take; max_depth: how deep its JSON may nest.
    non_idempotent: methods never resent when a kept connection turns out stale.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        timeout: float | None = None,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        max_depth: int = DEFAULT_MAX_DEPTH,
        non_idempotent: Iterable[str] = NON_IDEMPOTENT,
    ) -> None:
        super().__init__()
        self.endpoint = endpoint
        self.timeout = DEFAULT_TIMEOUT if timeout is None else float(timeout)
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout!r}")
        self.max_response_size = max_response_size
        self.max_depth = max_depth
        self.non_idempotent = frozenset(non_idempotent)
        self._ids = itertools.count(1)

    def __str__(self) -> str:
        return f"{type(self).__name__}({self.endpoint!r})"

    __repr__ = __str__

    async def _exchange(self, payload: bytes, ids: list[int], retry: bool, accept: Accept[T]) -> T:
        """Send `payload` (requests numbered `ids`); return the answer `accept` takes, within
        the timeout (subclasses)."""
        raise NotImplementedError

    async def close(self) -> None:
        """Close the provider's connections; it reconnects if used again."""
        raise NotImplementedError

    async def disconnect(self) -> None:  # web3's name for close
        await self.close()

    async def make_request(self, method: RPCEndpoint, params: Any) -> RPCResponse:
        request_id = next(self._ids)
        payload = encode_request(request_id, method, params)
        endpoint = self.endpoint

        def accept(answer: Any) -> Any:
            return as_response(endpoint, answer, request_id)

        response: RPCResponse = await self._exchange(
            payload, [request_id], method not in self.non_idempotent, accept
        )
        return response

    async def make_batch_request(  # never the single error web3 allows: a NodeError instead
        self, requests: list[tuple[RPCEndpoint, Any]]
    ) -> list[RPCResponse]:
        """Send several requests in one JSON-RPC batch; the answers in the requests' order.
        A refusal of the batch as a whole raises NodeError."""
        if not requests:
            return []
        ids = [next(self._ids) for _ in requests]
        payload = encode_batch(ids, requests)
        retry = not any(method in self.non_idempotent for method, _ in requests)
        answers = await self._exchange(payload, ids, retry, batch_acceptor(self.endpoint, ids))
        return cast("list[RPCResponse]", answers)

    async def is_connected(self, show_traceback: bool = False) -> bool:
        try:
            response = await self.make_request(RPCEndpoint("web3_clientVersion"), [])
        except Exception:
            if show_traceback:
                raise
            return False
        return "result" in response
