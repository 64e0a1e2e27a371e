"""JSON-RPC framing shared by our HTTP and IPC transports; no web3, no sockets.

A node's answer is untrusted bytes. Before `json.loads` sees them, `Frames` finds where each
JSON value ends (linear in the bytes, strings skipped whole by one regex) and counts the
nesting depth, so a hostile answer nested 100,000 deep is refused instead of exhausting the
C stack; the size of an unfinished value is capped too.
"""

from __future__ import annotations

import itertools
import json
import json.decoder
import json.encoder
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from abigen.runtime.errors import BatchRefused, NodeError, NodeUnreachable, clean, excerpt
from abigen.runtime.gcpause import gc_paused

DEFAULT_TIMEOUT = 30.0  # seconds for one request: connect, send and the whole answer
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
DEFAULT_MAX_DEPTH = 1000
# Sent twice, these would do something twice: never retried on a stale connection.
NON_IDEMPOTENT = frozenset(
    {"eth_sendRawTransaction", "eth_sendTransaction", "personal_sendTransaction"}
)

T = TypeVar("T")
MISSING: Any = object()  # Frames.next_value: no complete value yet
# A whole string (escapes included), a bracket, or a lone quote: a string not finished yet.
_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[\[\]{}"]', re.DOTALL)
# The rest of a string begun before the buffer's end: stops at its closing quote, or at the
# buffer's end (or a lone backslash there); resumable, so a long string is scanned once.
_STRING_REST = re.compile(rb'(?:[^"\\]++|\\.)*+', re.DOTALL)
_SPACE = b" \t\r\n"
_OPEN = (ord("["), ord("{"))
_QUOTE = ord('"')


_ARRIVING_BIG = 1 << 20  # bytes: an answer this big arriving in pieces is parsed whole once ended


class Frames:
    """Split a byte stream into complete JSON values (objects or arrays), in linear time.

    `feed` bytes as they arrive; `next` returns one complete value's bytes or None when more
    are needed. Raises NodeError for bytes that cannot start a value, a value nested deeper
    than `max_depth`, or an unfinished value larger than `max_size`.
    """

    def __init__(self, endpoint: str, max_size: int, max_depth: int) -> None:
        self.endpoint = endpoint
        self.max_size = max_size
        self.max_depth = max_depth
        self.buffer = bytearray()
        self._scan = 0  # where scanning resumes
        self._depth = 0  # 0: between values
        self._tried = 0  # buffer size at the last whole-parse try of an answer still arriving
        self._in_string = False  # _scan is inside a string

    def feed(self, data: bytes | bytearray | memoryview) -> None:
        self.buffer += data
        if len(self.buffer) > self.max_size and self._depth:
            raise NodeError(
                f"node at {self.endpoint} sent an answer larger than {self.max_size} bytes"
            )

    def pending(self) -> bool:
        """Whether a value has begun but not ended."""
        return self._depth > 0 or any(b not in _SPACE for b in self.buffer[self._scan :])

    def next_value(self) -> Any:
        """The next complete value parsed, or MISSING if more bytes are needed."""
        buffer = self.buffer
        if not self._depth and self._skip_space():
            # An answer read whole in one piece (the common case) is parsed without a scan
            # when a quick look shows it shallow (json's parser could overflow the C stack
            # on a hostile depth: such answers are left to the scan, which refuses them).
            # Fewer brackets than the limit: nothing to look at (counted in small answers; a
            # big one, which has thousands, goes to the look at once).
            few = len(buffer) < 1 << 16 and (
                buffer.count(b"[") + buffer.count(b"{") <= self.max_depth
            )
            if few or _shallow(buffer, min(self.max_depth, _QUICK_DEPTH)):
                try:
                    value = parse(buffer)
                except (ValueError, RecursionError):
                    pass  # unfinished, several values, or bad: the scan tells which
                else:
                    buffer.clear()
                    return value
        elif self._depth and len(buffer) >= _ARRIVING_BIG:
            # A big answer arriving in pieces (IPC): not scanned byte by byte while it grows;
            # once it may have ended (a closing bracket last), a quick look and a whole parse
            # as above, tried again only when the buffer has doubled (O(size) in all). A try
            # not made or failed falls to the scan, which catches up.
            tail = bytes(buffer[-16:]).rstrip()
            if tail[-1:] not in (b"}", b"]"):
                return MISSING
            if len(buffer) < 2 * self._tried:
                return self._scanned()
            self._tried = len(buffer)
            if _shallow(buffer, min(self.max_depth, _QUICK_DEPTH)):
                try:
                    value = parse(buffer)
                except (ValueError, RecursionError):
                    pass
                else:
                    buffer.clear()
                    self._depth, self._scan, self._in_string, self._tried = 0, 0, False, 0
                    return value
        return self._scanned()

    def _scanned(self) -> Any:
        raw = self.next()
        if raw is None:
            return MISSING
        self._tried = 0
        return decode(self.endpoint, raw)

    def _skip_space(self) -> bool:
        """Drop blanks before a value; whether one begins (NodeError if not JSON)."""
        buffer = self.buffer
        i, n = self._scan, len(buffer)
        while i < n and buffer[i] in _SPACE:
            i += 1
        del buffer[:i]  # O(1) in CPython: a bytearray drops its head in place
        self._scan = 0
        if not buffer:
            return False
        if buffer[0] not in _OPEN:
            raise NodeError(f"node at {self.endpoint} sent non-JSON data: {excerpt(buffer)}")
        if len(buffer) > self.max_size:
            raise NodeError(
                f"node at {self.endpoint} sent an answer larger than {self.max_size} bytes"
            )
        return True

    def next(self) -> bytes | None:
        """The next complete value's bytes, or None if more bytes are needed."""
        buffer = self.buffer
        if not self._depth and not self._skip_space():  # (a string lies inside a value)
            return None
        end = self._scan_to_end(buffer)
        if end < 0:
            return None
        value = bytes(buffer[:end])
        del buffer[:end]  # the scan's iterator is gone: the buffer may shrink
        self._depth, self._scan = 0, 0
        return value

    def _scan_to_end(self, buffer: bytearray) -> int:
        """Where the value ends (-1: not in the buffer yet), tracking depth as it goes."""
        if self._in_string:
            rest = _STRING_REST.match(buffer, self._scan)
            assert rest is not None  # it matches the empty string
            self._scan = rest.end()
            if self._scan == len(buffer) or buffer[self._scan] != _QUOTE:
                return -1  # the string goes on
            self._scan += 1
            self._in_string = False
        depth, max_depth = self._depth, self.max_depth
        for match in _TOKEN.finditer(buffer, self._scan):
            start = match.start()
            char = buffer[start]
            if char == _QUOTE:
                if match.end() - start == 1:  # the string goes on past the buffer's end
                    self._depth, self._scan, self._in_string = depth, start + 1, True
                    return -1
            elif char in _OPEN:
                depth += 1
                if depth > max_depth:
                    raise NodeError(
                        f"node at {self.endpoint} sent JSON nested deeper than {max_depth} levels"
                    )
            else:
                depth -= 1
                if depth == 0:
                    return match.end()
        self._depth, self._scan = depth, len(buffer)
        return -1


_QUICK_DEPTH = 16  # nodes' answers nest a few levels: deeper ones are left to the scan
_OUTSIDE_STRINGS = bytes(range(256)).translate(None, b'"[]{}')  # all bytes but these
_STRING = re.compile(rb'"[^"]*"')
_PAIR = re.compile(rb"\[\]|\{\}")


def _shallow(buffer: bytearray, depth: int) -> bool:
    """Whether `buffer` is balanced brackets at most `depth` deep outside its strings, found
    by whole-buffer byte operations (C speed) instead of a token loop: escapes dropped (a run
    of backslashes pairs up from its left, as JSON reads it), then all but quotes and
    brackets, then strings; each pass removes the innermost pairs. False means "not known":
    unfinished, unbalanced, deeper, or not JSON."""
    marks = buffer
    if b"\\" in buffer:
        marks = buffer.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Two quotes side by side go together (an empty string, or two strings joined: nothing
    # lies between them), at C speed; then the strings that held brackets.
    brackets = _STRING.sub(b"", marks.translate(None, _OUTSIDE_STRINGS).replace(b'""', b""))
    for _ in range(depth):
        if not brackets:
            return True
        brackets = _PAIR.sub(b"", brackets)
    return not brackets


def check_depth(data: bytes, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
    """Raise ValueError if `data` nests JSON deeper than `max_depth` (for tests and callers)."""
    frames = Frames("<data>", len(data) + 1, max_depth)
    frames.feed(data)
    try:
        frames.next()
    except NodeError as exc:
        raise ValueError(str(exc)) from None


def _refuse(value: object) -> object:
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _compact_encoder() -> Callable[[object], str]:
    """A compact JSON encoder. json.dumps builds its C encoder anew on every call, a third of
    its cost for a request's few fields; this builds CPython's once (json's own otherwise)."""
    # Not in typeshed: CPython's C encoder (None elsewhere).
    make: Callable[..., Callable[[object, int], list[str]]] | None = getattr(
        json.encoder, "c_make_encoder", None
    )
    if make is not None:
        iterencode = make(
            None, _refuse, json.encoder.encode_basestring_ascii, None, ":", ",", False, False, False
        )
        return lambda value: "".join(iterencode(value, 0))
    return json.JSONEncoder(separators=(",", ":"), allow_nan=False).encode


_encode_json = _compact_encoder()


_METHOD_JSON: dict[str, bytes] = {}  # a method name -> its JSON string; a few names recur


def encode_request(request_id: int, method: str, params: Any) -> bytes:
    """One JSON-RPC request, compact."""
    method_json = _METHOD_JSON.get(method)
    if method_json is None:
        method_json = _encode_json(method).encode()
        if len(_METHOD_JSON) < 1000:
            _METHOD_JSON[method] = method_json
    return b'{"jsonrpc":"2.0","id":%d,"method":%s,"params":%s}' % (
        request_id,
        method_json,
        _encode_json(params).encode(),
    )


def encode_batch(ids: list[int], requests: Sequence[tuple[str, Any]]) -> bytes:
    """One JSON-RPC batch of `requests`, numbered by `ids`."""
    return (
        b"["
        + b",".join(
            encode_request(i, method, params)
            for i, (method, params) in zip(ids, requests, strict=True)
        )
        + b"]"
    )


def batch_acceptor(endpoint: str, ids: list[int]) -> Callable[[Any], list[dict[str, Any]] | None]:
    """Takes the answer to the batch numbered `ids` (in their order), None for an answer to
    something else; NodeError for a refusal of the batch as a whole."""
    wanted = set(ids)

    def accept(answer: Any) -> list[dict[str, Any]] | None:
        if isinstance(answer, list):
            items = cast("list[object]", answer)
            if any(
                isinstance(item, dict) and cast("dict[str, Any]", item).get("id") in wanted
                for item in items
            ):
                return match_batch(endpoint, items, ids)
        if isinstance(answer, dict):
            response = cast("dict[str, Any]", answer)
            if "error" in response and response.get("id") is None:
                raise refused_batch(endpoint, response["error"])
        return None

    return accept


Accept = Callable[[Any], "T | None"]  # takes the answer sought; None for another one


class RpcRules:
    """The settings and request making our providers share, sync and async (mixed in before
    the web3 provider base, whose __init__ it calls).

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
        # Connections opened so far by a persistent transport (IPC, WebSocket; HTTP's come and
        # go by design and say nothing of the node): a node pinned to a chain checks it again
        # after a change (the node behind the socket may have been restarted on another chain).
        self.connections = 0
        self._opened = itertools.count(1)

    def _count_connection(self) -> None:
        self.connections = next(self._opened)

    def __str__(self) -> str:
        return f"{type(self).__name__}({self.endpoint!r})"

    __repr__ = __str__

    def _batch(
        self, requests: Sequence[tuple[str, Any]]
    ) -> tuple[bytes, list[int], bool, Accept[list[dict[str, Any]]]]:
        """A batch's payload, ids, whether it may be resent, and what takes its answer."""
        ids = [next(self._ids) for _ in requests]
        retry = not any(method in self.non_idempotent for method, _ in requests)
        return encode_batch(ids, requests), ids, retry, batch_acceptor(self.endpoint, ids)


def refused_batch(endpoint: str, error: object) -> BatchRefused:
    return BatchRefused(f"node at {endpoint} refused the batch: {excerpt(error, 200)}")


# json's scanner (C in CPython), as json.loads calls it; typeshed does not declare it.
_scan_once: Callable[[str, int], tuple[Any, int]] = getattr(  # noqa: B009
    json.decoder.JSONDecoder(), "scan_once"
)
_BLANKS = " \t\r\n"
_BIG = 1 << 16  # characters of an answer parsed with the garbage collector paused
_LEADING_BLANKS = re.compile(r"[ \t\r\n]*")


def parse(data: bytes | bytearray | memoryview) -> Any:
    """One JSON value from UTF-8 bytes, blanks allowed around it; ValueError if not exactly one.

    The scanner straight: json.loads spends three times the parse itself detecting the encoding
    and matching blanks in Python, and a node's answer is UTF-8.
    """
    text = str(data, "utf-8")
    start = _LEADING_BLANKS.match(text).end() if text[:1].isspace() else 0  # type: ignore[union-attr]
    try:
        if len(text) < _BIG:
            value, end = _scan_once(text, start)
        else:
            with gc_paused():  # (see gcpause: a big answer is all acyclic objects)
                value, end = _scan_once(text, start)
    except StopIteration as stop:
        raise ValueError(f"expected a JSON value at character {stop.value}") from None
    if end != len(text) and text[end:].strip(_BLANKS):
        raise ValueError(f"extra data at character {end}")
    return value


def decode(endpoint: str, value: bytes) -> Any:
    """Parse one framed JSON value (already depth-checked by Frames)."""
    try:
        return parse(value)
    except (ValueError, RecursionError) as exc:
        raise NodeError(f"node at {endpoint} sent invalid JSON ({exc}): {excerpt(value)}") from None


def as_response(endpoint: str, response: Any, request_id: int) -> dict[str, Any] | None:
    """The answer as a response to `request_id`, or None if it answers something else."""
    if response.__class__ is not dict:
        return None  # (parsed JSON: a dict is a dict, never a subclass)
    found = response.get("id")
    if found != request_id or found.__class__ is bool:
        return None
    if "result" not in response and "error" not in response:
        raise NodeError(
            f"node at {endpoint} sent a response with neither result nor error: "
            f"{excerpt(json.dumps(response).encode())}"
        )
    return response


def match_batch(endpoint: str, answer: Any, ids: list[int]) -> list[dict[str, Any]]:
    """A batch answer in the order of `ids`; BatchRefused if it is not a list or leaves any
    request unanswered (geth answers a batch over its limit with one error: its words are
    quoted)."""
    if not isinstance(answer, list):
        raise BatchRefused(
            f"node at {endpoint} answered a batch with {excerpt(str(answer).encode())}"
        )
    items = cast("list[object]", answer)
    by_id: dict[int, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, Mapping):
            response = cast("dict[str, Any]", item)
            if isinstance(response.get("id"), int) and response["id"] in ids:
                by_id[response["id"]] = response
    missing = [i for i in ids if i not in by_id]
    if missing:
        errors = [
            cast("dict[str, Any]", item).get("error") for item in items if isinstance(item, dict)
        ]
        words = {
            str(cast("dict[str, Any]", e).get("message")) for e in errors if isinstance(e, dict)
        }
        said = f": {clean('; '.join(sorted(words)))}" if words else ""
        raise BatchRefused(
            f"node at {endpoint} left {len(missing)} of {len(ids)} batch requests unanswered{said}"
        )
    return [by_id[i] for i in ids]


def timed_out(endpoint: str, timeout: float) -> NodeUnreachable:
    return NodeUnreachable(f"node at {endpoint} did not answer within {timeout:g} s")
