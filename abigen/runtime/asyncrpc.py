"""The base of our async providers: web3's AsyncBaseProvider, our JSON-RPC rules.

A subclass of web3's AsyncBaseProvider, so `AsyncWeb3(AsyncIpcProvider(path))` works. The
rules are the sync providers' (abigen.runtime.rpcprovider): one deadline per request, size
and depth limits, answers matched by id, and a refused batch raises NodeError.
"""

from __future__ import annotations

from typing import Any, cast

from web3.providers import AsyncBaseProvider
from web3.types import RPCEndpoint, RPCResponse

from abigen.runtime.jsonrpc import Accept, RpcRules, T, as_response, encode_request

__all__ = ["Accept", "AsyncRpcProvider", "T"]


class AsyncRpcProvider(RpcRules, AsyncBaseProvider):
    """Requests under one deadline each; many may be in flight at once. The options are
    RpcRules'."""

    async def _exchange(self, payload: bytes, ids: list[int], retry: bool, accept: Accept[T]) -> T:
        """Send `payload` (requests numbered `ids`); return the answer `accept` takes, within
        the timeout (subclasses)."""
        raise NotImplementedError

    async def close(self) -> None:
        """Close the provider's connections; it reconnects if used again."""
        raise NotImplementedError

    async def connect(self) -> None:
        """Open a connection ahead of the first request, to learn at once if the node is
        down (web3's persistent providers' method; connections otherwise open on demand)."""

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
        payload, ids, retry, accept = self._batch(requests)
        return cast("list[RPCResponse]", await self._exchange(payload, ids, retry, accept))

    async def is_connected(self, show_traceback: bool = False) -> bool:
        try:
            response = await self.make_request(RPCEndpoint("web3_clientVersion"), [])
        except Exception:
            if show_traceback:
                raise
            return False
        return "result" in response
