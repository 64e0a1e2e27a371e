"""JSON-RPC batches, sans-IO: what decides, written once for the sync and async faces.

`in_chunks` splits requests into batches and halves them when the node refuses one as too
large; `settle_batch` turns a provider's answer into each item's checked result or RpcError;
`outcome` turns an item into its call's typed result or decoded revert. The chunks are a flow
(abigen.runtime.flows: Batch steps), driven by `run` / `run_async` like every other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from abigen.runtime import answers
from abigen.runtime.errors import BatchRefused, DecodingError, NodeError, RpcError, clean, excerpt
from abigen.runtime.flows import Batch, Flow
from abigen.runtime.reverts import ContractError, decode_revert, revert_data

if TYPE_CHECKING:
    from abigen.runtime.prepared import PreparedCall

R = TypeVar("R")
E = TypeVar("E", bound=Exception)

Request = tuple[str, Sequence[object]]

DEFAULT_SIZE = 100  # requests per batch
# How nodes word "that batch is too large" (geth: "batch too large", HTTP 413, hosted
# providers' "batch size limit", "exceeds"...): on any of these the chunk is halved.
_TOO_LARGE = ("too large", "too many", "too big", "limit", "exceed", "413", "maximum", "max ")


def too_large(exc: BatchRefused) -> bool:
    return any(words in str(exc).lower() for words in _TOO_LARGE)


def in_chunks(requests: Sequence[Request], size: int = DEFAULT_SIZE) -> Flow[list[object]]:
    """Every request's item, in order, sent in batches of at most `size`; a batch the node
    refuses as too large is sent again in halves, down to one request, so no item is lost
    or misplaced. Other refusals, and a single request refused, raise."""
    if isinstance(size, bool) or not isinstance(cast(object, size), int) or size < 1:
        raise ValueError(f"size must be a positive int, got {size!r:.40}")
    found: list[object] = []
    chunk = size
    while len(found) < len(requests):
        part = list(requests[len(found) : len(found) + chunk])
        try:
            items = yield Batch(part)
        except BatchRefused as exc:
            if len(part) == 1 or not too_large(exc):
                raise
            chunk = (len(part) + 1) // 2
            continue
        found += items
    return found


def settle_batch(answer: object, requests: Sequence[Request], endpoint: str) -> list[object]:
    """A provider's answer to a batch -> per request, in order, its checked result (as
    Node.request returns it) or the RpcError the node answered for it. A refusal of the
    whole batch raises BatchRefused; a malformed item a NodeError naming the item."""
    shown = answer  # (before isinstance narrows it)
    if isinstance(answer, dict):  # web3's providers hand back a refusal's error object
        error = cast("dict[str, Any]", answer).get("error", answer)
        raise BatchRefused(f"node at {endpoint} refused the batch: {clean(repr(error))}")
    responses = cast("list[object]", answer) if isinstance(answer, list) else None
    if responses is None or len(responses) != len(requests):
        raise BatchRefused(
            f"node at {endpoint} answered a batch of {len(requests)} with {excerpt(shown, 120)}"
        )
    items: list[object] = []
    for index, (response, (method, _)) in enumerate(zip(responses, requests, strict=True)):
        try:
            result = answers.envelope(response, method, endpoint)
            items.append(answers.check(method, result, endpoint))
        except RpcError as exc:
            items.append(exc)
        except NodeError as exc:
            raise naming(exc, f"batch item {index}") from None
    return items


def chained(failure: Exception, exc: Exception) -> Exception:
    """`failure` (nodecore's words for a transport's `exc`) to raise, chained as Node chains
    it: to an OSError, to nothing else; `exc` itself when it needs no other words."""
    if failure is not exc:
        failure.__cause__ = exc if isinstance(exc, OSError) else None
        failure.__suppress_context__ = True
    return failure


def naming(error: E, where: str) -> E:
    """The error, its message now starting with which item of a batch it is about."""
    error.args = (f"{where}: {error}",)
    return error


def outcome(
    call: PreparedCall[R], where: str, item: object, allow_failure: bool
) -> R | ContractError:
    """One eth_call's item (0x-hex return data or an RpcError) -> the call's typed result.

    A revert is decoded with the call's own errors: returned when `allow_failure`, raised
    otherwise, named by `where`. Any other error, and data that does not decode, raise.
    """
    if type(item) is str:  # the usual item: checked 0x-hex return data
        return decoded(call, where, bytes.fromhex(item[2:]))
    if isinstance(item, RpcError):
        data = revert_data(item)
        if data is None:
            raise naming(item, f"{where} ({call.label})")
        return failed(call, where, data, allow_failure)
    raise NodeError(f"{where} ({call.label}): not eth_call's answer: {excerpt(item)}")


def failed(call: PreparedCall[Any], where: str, data: bytes, allow_failure: bool) -> ContractError:
    """The revert of `call`, decoded: returned when `allow_failure`, raised otherwise."""
    error = decode_revert(data, call.errors)
    if allow_failure:
        return error
    raise naming(error, f"{where} ({call.label})")


def decoded(call: PreparedCall[R], where: str, data: bytes) -> R:
    try:
        return call.decode(data)
    except DecodingError as exc:
        if not data:
            raise DecodingError(
                f"{where} ({call.label}) returned no data: is there a contract at {call.to}?"
            ) from None
        raise naming(exc, where) from None


def outcomes(
    calls: Sequence[PreparedCall[Any]], items: Sequence[object], allow_failure: bool
) -> list[Any]:
    """Each call's result (or revert, with allow_failure) from its batch item."""
    return [
        outcome(call, f"batch item {index}", item, allow_failure)
        for index, (call, item) in enumerate(zip(calls, items, strict=True))
    ]


def call_requests(calls: Sequence[PreparedCall[Any]]) -> list[Request]:
    from abigen.runtime.prepared import PreparedCall

    for index, call in enumerate(calls):
        if not isinstance(cast(object, call), PreparedCall):
            raise TypeError(
                f"batch item {index} is not a prepared call (see `.prepare(...)` on a "
                f"contract function), got {call!r:.60}"
            )
    return [("eth_call", call.params()) for call in calls]
