"""The base of our HTTP and IPC providers: web3's provider interface, our JSON-RPC rules.

A subclass of web3's BaseProvider, so `Web3(IpcProvider(path))` works; importing this module
imports web3, so only `open_transport` (when a node is connected) or a user imports it.
"""

from __future__ import annotations

import time
from typing import Any, cast

from web3.providers import BaseProvider
from web3.types import RPCEndpoint, RPCResponse

from abigen.runtime.jsonrpc import Accept, RpcRules, T, as_response, encode_request

__all__ = ["Accept", "RpcProvider", "T"]


class RpcProvider(RpcRules, BaseProvider):
    """One JSON-RPC request at a time per call, under one deadline; thread safe. The options
    are RpcRules'."""

    def _exchange(self, payload: bytes, deadline: float, retry: bool, accept: Accept[T]) -> T:
        """Send `payload`; return the first answer `accept` takes (subclasses)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the provider's connections; it reconnects if used again."""
        raise NotImplementedError

    def make_request(self, method: str, params: Any) -> RPCResponse:
        request_id = next(self._ids)
        payload = encode_request(request_id, method, params)
        endpoint = self.endpoint

        def accept(answer: Any) -> Any:
            return as_response(endpoint, answer, request_id)

        deadline = time.monotonic() + self.timeout
        response: RPCResponse = self._exchange(
            payload, deadline, method not in self.non_idempotent, accept
        )
        return response

    def make_batch_request(self, requests: list[tuple[str, Any]]) -> list[RPCResponse]:
        """Send several requests in one JSON-RPC batch; the answers in the requests' order."""
        if not requests:
            return []
        payload, _, retry, accept = self._batch(requests)
        deadline = time.monotonic() + self.timeout
        return cast("list[RPCResponse]", self._exchange(payload, deadline, retry, accept))

    def is_connected(self, show_traceback: bool = False) -> bool:
        try:
            response = self.make_request(RPCEndpoint("web3_clientVersion"), [])
        except Exception:
            if show_traceback:
                raise
            return False
        return "result" in response
