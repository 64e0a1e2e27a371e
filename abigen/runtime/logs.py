"""Fetching logs over a block range in chunks, for generated and dynamic bindings alike.

A node (or a hosted provider) refuses eth_getLogs over too many blocks or with too many
results, each in its own words; on any of those the chunk is halved and retried, so a scan
of a long range works wherever it starts and however the provider limits it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from abigen.runtime.errors import NodeError, RpcError, excerpt
from abigen.runtime.flows import Flow, Rpc, endpoint_of, run
from abigen.runtime.node import BLOCK_TAGS, block_tag, resolving_block

if TYPE_CHECKING:
    from abigen.runtime.node import Node

Progress = Callable[[int, int], None]
"""Called after each chunk with (blocks scanned, blocks in the range)."""

# How nodes word "that block range / result set is too large" (geth, erigon, alchemy,
# infura, anvil...): on any of these the chunk is halved and the request retried.
_TOO_LARGE = ("too large", "too many", "range", "limit", "exceed", "more than", "10000")


def get_logs(
    node: Node,
    address: str,
    topics: Sequence[Any],
    from_block: int | str,
    to_block: int | str,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """The raw logs of `address` matching `topics` from `from_block` to `to_block` (numbers,
    tags or hashes, as block_tag takes them), fetched in chunks when the node wants that."""
    flow = fetching_logs(endpoint_of(node), address, topics, from_block, to_block, progress)
    return run(flow, node)


def fetching_logs(
    endpoint: str,
    address: str,
    topics: Sequence[Any],
    from_block: int | str,
    to_block: int | str,
    progress: Progress | None = None,
) -> Flow[list[dict[str, Any]]]:
    """The flow of get_logs.

    A range between tags is asked for in one request first, as given (no extra round trips);
    only if the node refuses it, or a `progress` callback wants the block count, are the tags
    resolved to numbers for a chunked scan.
    """
    first, last = block_tag(from_block), block_tag(to_block)
    if progress is None and (first in BLOCK_TAGS or last in BLOCK_TAGS):
        query = {"address": address, "fromBlock": first, "toBlock": last, "topics": list(topics)}
        try:
            logs: list[dict[str, Any]] = yield Rpc("eth_getLogs", [query])
        except RpcError as exc:
            if not _too_large(exc):
                raise
        else:
            return _ours(endpoint, address, logs)
    start = yield from resolving_block(endpoint, first)
    end = yield from resolving_block(endpoint, last)
    if start > end:
        return []
    return (yield from scanning_logs(endpoint, address, topics, start, end, progress))


def _ours(endpoint: str, address: str, logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The logs (shapes already checked by Node.request) must be of the address asked for."""
    for log in logs:
        if str(log.get("address", "")).lower() != address.lower():
            raise NodeError(
                f"eth_getLogs to {endpoint}: a log of another address "
                f"{excerpt(log.get('address'))}, not {address}"
            )
    return logs


def _too_large(exc: RpcError) -> bool:
    return any(words in exc.rpc_message.lower() for words in _TOO_LARGE)


def scan_logs(
    node: Node,
    address: str,
    topics: Sequence[Any],
    first: int,
    last: int,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """The raw logs of `address` matching `topics` in blocks first..last (numbers), in order."""
    return run(scanning_logs(endpoint_of(node), address, topics, first, last, progress), node)


def scanning_logs(
    endpoint: str,
    address: str,
    topics: Sequence[Any],
    first: int,
    last: int,
    progress: Progress | None = None,
) -> Flow[list[dict[str, Any]]]:
    """The flow of scan_logs: a refused chunk is halved and asked again."""
    total = last - first + 1
    chunk = total
    found: list[dict[str, Any]] = []
    start = first
    while start <= last:
        end = min(last, start + chunk - 1)
        query = {
            "address": address,
            "fromBlock": hex(start),
            "toBlock": hex(end),
            "topics": list(topics),
        }
        try:
            found += _ours(endpoint, address, (yield Rpc("eth_getLogs", [query])))
        except RpcError as exc:
            if chunk > 1 and _too_large(exc):
                chunk = max(1, chunk // 2)
                continue
            raise
        start = end + 1
        if progress is not None:
            progress(start - first, total)
    return found
