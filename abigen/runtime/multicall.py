"""Typed Multicall3: many prepared calls in one eth_call through aggregate3.

Each call goes to Multicall3's `aggregate3((address,bool,bytes)[])` with allowFailure set, so
one failing call never hides the others' results; a failure is then raised (naming the call)
or, with allow_failure, returned in its place, decoded with the call's own contract errors.
Where the chain has no Multicall3 at its canonical address (anvil, geth --dev), the calls run
deployless: the aggregator's creation code, the calls as its constructor arguments, in an
eth_call without `to`. Planning and decoding are sans-IO, shared by both faces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.aggregate3 import decode_results, encoded_calls
from abigen.runtime.batchflow import (
    DEFAULT_SIZE,
    Request,
    call_requests,
    decoded,
    failed,
    in_chunks,
    naming,
)
from abigen.runtime.deployless import DEPLOYLESS_AGGREGATOR
from abigen.runtime.errors import DecodingError, NodeError, RpcError
from abigen.runtime.flows import Flow, run, run_async
from abigen.runtime.hexdata import to_data

if TYPE_CHECKING:
    from abigen.runtime.flows import AsyncNodeLike, SyncNode
    from abigen.runtime.gather import (
        AsyncMulticall,
        AsyncMulticallMany,
        Multicall,
        MulticallMany,
    )
    from abigen.runtime.prepared import PreparedCall

R = TypeVar("R")

MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11"
AGGREGATE3 = bytes.fromhex("82ad56cb")  # aggregate3((address,bool,bytes)[])
# EIP-3860 caps creation code at 49,152 bytes, in an eth_call too: a deployless chunk's code
# and calls stay under it.
MAX_INITCODE = 49_152
MAX_CODE = 24_576  # EIP-170: what a constructor returns, deployless results included
_RESULT_COST = 5 * 32  # bytes of one result returning 32 bytes: offset, bool, offset, length, word
DEFAULT_MULTICALL_SIZE = 500  # calls per aggregate3


def check_calls(calls: Sequence[PreparedCall[Any]]) -> str:
    """The block all calls run at; a call that cannot run inside a multicall raises."""
    call_requests(calls)  # each is a prepared call
    if not calls:
        return "latest"
    block = calls[0].block
    for index, call in enumerate(calls):
        where = f"multicall item {index} ({call.label})"
        if call.block != block:
            raise ValueError(
                f"{where} runs at block {call.block}, not {block} as item 0: the calls of a "
                "multicall share one block"
            )
        if call.sender is not None:
            raise ValueError(
                f"{where} has a sender: in a multicall the aggregator is the caller "
                "(use node.batch for calls from a sender)"
            )
        if call.value:
            raise ValueError(f"{where} sends value: aggregate3 forwards none (use node.batch)")
    return block


def _cost(call: PreparedCall[Any]) -> int:
    """Bytes one call adds to aggregate3's arguments: offset, address, bool, offset, length
    and its padded calldata."""
    return 5 * 32 + -(-len(call.data) // 32) * 32


def split(
    calls: Sequence[PreparedCall[Any]], size: int, deployless: bool
) -> list[tuple[int, Sequence[PreparedCall[Any]]]]:
    """Calls in chunks of at most `size`, each with the index of its first call. Deployless,
    a chunk's creation code stays under MAX_INITCODE and its results (returned as "code")
    under MAX_CODE if each call returns at most 32 bytes; larger results halve a chunk the
    node refuses (see multicall_flow)."""
    if isinstance(size, bool) or not isinstance(cast(object, size), int) or size < 1:
        raise ValueError(f"size must be a positive int, got {size!r:.40}")
    if deployless:
        size = min(size, (MAX_CODE - 64) // _RESULT_COST)
    budget = MAX_INITCODE - len(DEPLOYLESS_AGGREGATOR) - 64 if deployless else None
    chunks: list[tuple[int, Sequence[PreparedCall[Any]]]] = []
    start, used = 0, 0
    for end, call in enumerate(calls):
        cost = _cost(call)
        full = end - start == size or (budget is not None and used + cost > budget)
        if full and end > start:
            chunks.append((start, calls[start:end]))
            start, used = end, 0
        used += cost
    if start < len(calls):
        chunks.append((start, calls[start:]))
    return chunks


def aggregate_request(
    calls: Sequence[PreparedCall[Any]], address: str | None, block: str
) -> Request:
    """The eth_call running `calls` through aggregate3 at `address`, or deployless."""
    if address is None:
        call = {"data": to_data(DEPLOYLESS_AGGREGATOR + encoded_calls(calls))}
    else:
        call = {"to": address, "data": to_data(AGGREGATE3 + encoded_calls(calls))}
    return ("eth_call", [call, block])


def settle_aggregate(
    calls: Sequence[PreparedCall[Any]], first: int, item: object, allow_failure: bool
) -> list[Any]:
    """aggregate3's answer (0x-hex or the RpcError) for `calls`, numbered from `first` ->
    each call's typed result, or its decoded revert (returned with allow_failure)."""
    label = f"multicall of items {first}..{first + len(calls) - 1}"
    if isinstance(item, RpcError):
        raise naming(item, label)
    try:
        results = decode_results(bytes.fromhex(str(item)[2:]))  # checked 0x-hex
    except DecodingError as exc:
        raise NodeError(
            f"{label}: the aggregator's answer does not decode (is it Multicall3's "
            f"aggregate3?): {exc}"
        ) from None
    if len(results) != len(calls):
        raise NodeError(f"{label}: the aggregator answered {len(results)} results")
    found: list[Any] = []
    for offset, (call, (success, returned)) in enumerate(zip(calls, results, strict=True)):
        where = f"multicall item {first + offset}"
        if success:
            found.append(decoded(call, where, returned))
        else:
            found.append(failed(call, where, returned, allow_failure))
    return found


def multicall_flow(
    calls: Sequence[PreparedCall[Any]], address: str | None, size: int, allow_failure: bool
) -> Flow[list[Any]]:
    """Every call's result (or revert, with allow_failure), in order: the chunks' eth_calls
    are sent together; a deployless chunk whose results exceed the code size limit is sent
    again in halves."""
    block = check_calls(calls)
    chunks = split(calls, size, address is None)
    settled: dict[int, list[Any]] = {}
    while chunks:
        requests = [aggregate_request(chunk, address, block) for _, chunk in chunks]
        items = yield from in_chunks(requests, DEFAULT_SIZE)
        again: list[tuple[int, Sequence[PreparedCall[Any]]]] = []
        for (first, chunk), item in zip(chunks, items, strict=True):
            if len(chunk) > 1 and isinstance(item, RpcError) and _code_too_large(item):
                half = (len(chunk) + 1) // 2
                again += [(first, chunk[:half]), (first + half, chunk[half:])]
            else:
                settled[first] = settle_aggregate(chunk, first, item, allow_failure)
        chunks = again
    return [result for first in sorted(settled) for result in settled[first]]


def _code_too_large(error: RpcError) -> bool:
    words = error.rpc_message.lower().replace(" ", "")
    return any(w in words for w in ("contractsizelimit", "codesize", "maxcodesize"))


def _address(address: str) -> str:
    return to_checksum_address(parse_address(address))


def _has_code(code: object) -> bool:
    return code not in ("0x", "0x0", None)


class Multicalling:
    """Multicall3 for Node (needs its request / request_batch)."""

    if TYPE_CHECKING:

        def request(self, method: str, params: Sequence[object]) -> Any: ...

    _multicall3: str | None = ""  # "": not looked up yet on this node; None: deployless

    def _aggregator(self, address: str | None) -> str | None:
        """Where aggregate3 runs: `address`, else Multicall3 if the chain has it, else None
        (deployless). The canonical address is looked up once per node."""
        if address is not None:
            return _address(address)
        if self._multicall3 == "":
            code = self.request("eth_getCode", [MULTICALL3, "latest"])
            self._multicall3 = MULTICALL3 if _has_code(code) else None
        return self._multicall3

    def _multicall_many(
        self,
        calls: Sequence[PreparedCall[R]],
        *,
        allow_failure: bool = False,
        address: str | None = None,
        size: int = DEFAULT_MULTICALL_SIZE,
    ) -> list[Any]:
        """Run many prepared calls through Multicall3's aggregate3, at most `size` calls per
        eth_call (the eth_calls sent in one JSON-RPC batch); results in order. A failed call
        raises its decoded error naming it, or with `allow_failure=True` stands in its place.
        All calls must share a block and have no sender or value. `address`: an aggregate3
        contract to use (default: Multicall3 where deployed, else deployless)."""
        flow = multicall_flow(calls, self._aggregator(address), size, allow_failure)
        return run(flow, cast("SyncNode", self))

    def _multicall(
        self,
        *calls: PreparedCall[Any],
        allow_failure: bool = False,
        address: str | None = None,
    ) -> tuple[Any, ...]:
        """Run prepared calls in one eth_call through Multicall3's aggregate3; their results
        as a tuple typed per position (see multicall_many)."""
        return tuple(
            self._multicall_many(
                calls, allow_failure=allow_failure, address=address, size=max(1, len(calls))
            )
        )

    if TYPE_CHECKING:  # typed per position and per allow_failure (abigen.runtime.gather)
        multicall: Multicall
        multicall_many: MulticallMany
    else:
        multicall, multicall_many = _multicall, _multicall_many


class AsyncMulticalling:
    """Multicalling, awaited, for AsyncNode."""

    if TYPE_CHECKING:

        async def request(self, method: str, params: Sequence[object]) -> Any: ...

    _multicall3: str | None = ""

    async def _aggregator(self, address: str | None) -> str | None:
        if address is not None:
            return _address(address)
        if self._multicall3 == "":
            code = await self.request("eth_getCode", [MULTICALL3, "latest"])
            self._multicall3 = MULTICALL3 if _has_code(code) else None
        return self._multicall3

    async def _multicall_many(
        self,
        calls: Sequence[PreparedCall[R]],
        *,
        allow_failure: bool = False,
        address: str | None = None,
        size: int = DEFAULT_MULTICALL_SIZE,
    ) -> list[Any]:
        """Node.multicall_many, awaited."""
        flow = multicall_flow(calls, await self._aggregator(address), size, allow_failure)
        return await run_async(flow, cast("AsyncNodeLike", self))

    async def _multicall(
        self,
        *calls: PreparedCall[Any],
        allow_failure: bool = False,
        address: str | None = None,
    ) -> tuple[Any, ...]:
        """Node.multicall, awaited."""
        return tuple(
            await self._multicall_many(
                calls, allow_failure=allow_failure, address=address, size=max(1, len(calls))
            )
        )

    if TYPE_CHECKING:
        multicall: AsyncMulticall
        multicall_many: AsyncMulticallMany
    else:
        multicall, multicall_many = _multicall, _multicall_many
