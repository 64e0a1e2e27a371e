"""The base of our HTTP and IPC providers: web3's provider interface, our JSON-RPC rules.

A subclass of web3's BaseProvider, so `Web3(IpcProvider(path))` works; importing this module
imports web3, so only `open_transport` (when a node is connected) or a user imports it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from web3.providers import BaseProvider
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


class RpcProvider(BaseProvider):
    """One JSON-RPC request at a time per call, under one deadline; thread safe.

    timeout: seconds for a whole request (connect, send, the complete answer).
    max_response_size: bytes an answer may take; max_depth: how deep its JSON may nest.
    non_idempotent: methods never resent when a kept-alive connection turns out stale.
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
        self._ids = itertools.count(1)  # next() on a count is atomic under the GIL

    def __str__(self) -> str:
        return f"{type(self).__name__}({self.endpoint!r})"

    __repr__ = __str__

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
        ids = [next(self._ids) for _ in requests]
        payload = encode_batch(ids, requests)
        accept = batch_acceptor(self.endpoint, ids)
        retry = not any(method in self.non_idempotent for method, _ in requests)
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
