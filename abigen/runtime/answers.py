"""What a node may answer, checked where the answer enters the runtime.

A node is not trusted to be well-formed: every JSON-RPC envelope and every result the runtime
reads goes through here first. A violation is a NodeError naming the method and the endpoint
and quoting a short, escaped excerpt of what came back; nothing else (no TypeError, KeyError,
ValueError...) escapes from an answer. The checked values are returned as the node sent them
(0x-hex text), so callers convert them with hexdata as before, now safely.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from abigen.runtime.errors import NodeError, RpcError, excerpt

_QUANTITY = re.compile(r"0x[0-9a-fA-F]{1,64}")  # leading zeros tolerated, up to uint256
_DATA = re.compile(r"0x[0-9a-fA-F]*")  # and of even length: see data()
_HASH = re.compile(r"0x[0-9a-fA-F]{64}")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")


# Each field of all the logs of an answer, joined and matched at once (see _fine_logs).
_DATA_LINES = re.compile(r"0x[0-9a-fA-F]*(?:\n0x[0-9a-fA-F]*)*")  # (even lengths: apart)
_QUANTITY_LINES = re.compile(r"0x[0-9a-fA-F]{1,64}(?:\n0x[0-9a-fA-F]{1,64})*")


def _fine_logs(items: list[Any]) -> bool:
    """Whether every log passes every check of Answer.log, tested a field at a time across
    all of them: the field's values joined and matched by one regex, at C speed (an answer
    holds thousands of logs). False when anything is off: the careful check then finds it."""
    try:
        if not all(item.__class__ is dict for item in items):
            return False
        topics = [item["topics"] for item in items]
        if not all(each.__class__ is list and len(each) <= 4 for each in topics):
            return False
        if not (
            _fixed(42, [item["address"] for item in items])
            and _fixed(66, [topic for each in topics for topic in each])
            and _lines(_DATA_LINES, data := [item["data"] for item in items])
            and not any(len(text) % 2 for text in data)
        ):
            return False
        for key in ("blockNumber", "transactionIndex", "logIndex"):
            if not _lines(
                _QUANTITY_LINES, [v for item in items if (v := item.get(key)) is not None]
            ):
                return False
        for key in ("blockHash", "transactionHash"):
            if not _fixed(66, [v for item in items if (v := item.get(key)) is not None]):
                return False
        return all(item.get("removed", False).__class__ is bool for item in items)
    except (KeyError, TypeError):  # a field missing, or not text
        return False


_HEX_AND_X = b"0123456789abcdefABCDEFx"


def _fixed(width: int, values: list[Any]) -> bool:
    """Texts each "0x" and width - 2 hex digits (addresses, hashes), checked joined, at C
    speed: every one that long, "0x" at each stride, no other "x", nothing but hex besides."""
    count = len(values)
    if not count:
        return True
    joined = "".join(values)
    if set(map(len, values)) != {width}:
        return False
    if joined[0::width] != "0" * count or joined[1::width] != "x" * count:
        return False
    try:
        raw = joined.encode("ascii")
    except UnicodeEncodeError:
        return False
    return raw.count(b"x") == count and not raw.translate(None, _HEX_AND_X)


def _lines(shape: re.Pattern[str], values: list[Any]) -> bool:
    """Texts joined by newlines (none inside one: counted), matched as lines of a unit."""
    if not values:
        return True
    joined = "\n".join(values)
    return joined.count("\n") == len(values) - 1 and shape.fullmatch(joined) is not None


class Answer:
    """Where an answer came from, to word a violation: `method` to `endpoint`."""

    __slots__ = ("endpoint", "method")

    def __init__(self, method: str, endpoint: str) -> None:
        self.method = method
        self.endpoint = endpoint

    def bad(self, what: str, value: object) -> NodeError:
        return NodeError(
            f"{self.method} to {self.endpoint}: malformed answer: {what}, got {excerpt(value)}"
        )

    def _text(self, value: object, shape: re.Pattern[str], what: str, described: str) -> str:
        if not isinstance(value, str) or not shape.fullmatch(value):
            raise self.bad(f"{what} is not {described}", value)
        return value

    def quantity(self, value: object, what: str = "result", bound: int = 2**256) -> str:
        text = self._text(value, _QUANTITY, what, "a 0x-hex quantity")
        if int(text, 16) >= bound:
            raise self.bad(f"{what} is out of range", value)
        return text

    def data(self, value: object, what: str = "result") -> str:
        text = self._text(value, _DATA, what, "0x-hex data")
        if len(text) % 2:
            raise self.bad(f"{what} is not 0x-hex data (an odd number of digits)", value)
        return text

    def hash32(self, value: object, what: str = "result") -> str:
        return self._text(value, _HASH, what, "a 32-byte 0x-hex hash")

    def address(self, value: object, what: str = "result") -> str:
        return self._text(value, _ADDRESS, what, "a 20-byte 0x-hex address")

    def obj(self, value: object, what: str = "result") -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.bad(f"{what} is not an object", value)
        return cast("dict[str, Any]", value)

    def list_(self, value: object, what: str = "result") -> list[Any]:
        if not isinstance(value, list):
            raise self.bad(f"{what} is not a list", value)
        return [*cast("Iterable[Any]", value)]

    def optional(
        self, check: Callable[[object, str], str], item: Mapping[str, Any], key: str
    ) -> None:
        value = item.get(key)
        if value is not None:
            check(value, key)

    def log(self, value: object, what: str = "log") -> dict[str, Any]:
        """A log object with the fields read from it (the position ones may be null: pending)."""
        if _fine_logs([value]):
            return cast("dict[str, Any]", value)
        item = self.obj(value, what)  # something is wrong: find it, field by field
        self.address(item.get("address"), f"{what}.address")
        topics = self.list_(item.get("topics"), f"{what}.topics")
        if len(topics) > 4:
            raise self.bad(f"{what}.topics has more than 4 topics", topics)
        for topic in topics:
            self.hash32(topic, f"{what}.topics[]")
        self.data(item.get("data"), f"{what}.data")
        for key in ("blockNumber", "transactionIndex", "logIndex"):
            self.optional(self.quantity, item, key)
        for key in ("blockHash", "transactionHash"):
            self.optional(self.hash32, item, key)
        if not isinstance(item.get("removed", False), bool):
            raise self.bad(f"{what}.removed is not a boolean", item.get("removed"))
        return item

    def logs(self, value: object) -> list[dict[str, Any]]:
        items = self.list_(value)
        if _fine_logs(items):
            return items
        return [self.log(item, "log") for item in items]  # find the bad one, and word it

    def block(self, value: object) -> dict[str, Any] | None:
        """null (no such block) or a block object with `number` (null only if pending)."""
        if value is None:
            return None
        block = self.obj(value)
        self.optional(self.quantity, block, "number")
        self.optional(self.quantity, block, "baseFeePerGas")
        self.optional(self.hash32, block, "hash")
        return block

    def receipt(self, value: object, tx_hash: str | None = None) -> dict[str, Any] | None:
        """null (not mined yet) or a receipt with the fields read from it; when `tx_hash` is
        given, the receipt must be that transaction's."""
        if value is None:
            return None
        receipt = self.obj(value)
        found = self.hash32(receipt.get("transactionHash"), "transactionHash")
        if tx_hash is not None and found.lower() != tx_hash.lower():
            raise self.bad(f"the receipt is for another transaction, not {tx_hash}", found)
        self.quantity(receipt.get("blockNumber"), "blockNumber")
        self.hash32(receipt.get("blockHash"), "blockHash")
        status = receipt.get("status")
        if status not in ("0x0", "0x1"):
            raise self.bad("status is not 0x0 or 0x1", status)
        self.quantity(receipt.get("gasUsed"), "gasUsed")
        self.optional(self.quantity, receipt, "effectiveGasPrice")
        self.optional(self.address, receipt, "contractAddress")
        for log in self.list_(receipt.get("logs"), "logs"):
            self.log(log)
        return receipt

    def accounts(self, value: object) -> list[str]:
        return [self.address(item, "account") for item in self.list_(value)]

    def tx_hash(self, value: object, expected: str | None = None) -> str:
        """A transaction hash; when we signed it, the one we computed."""
        found = self.hash32(value)
        if expected is not None and found.lower() != expected.lower():
            raise self.bad(f"not the hash of the transaction sent ({expected})", value)
        return found


def envelope(response: Any, method: str, endpoint: str) -> object:
    """A JSON-RPC response -> its result; an error object raises RpcError, anything else
    (not an object, no result, a malformed error) a NodeError."""
    if response.__class__ is dict and "result" in response and response.get("error") is None:
        return response["result"]  # the usual answer, at once
    answer = Answer(method, endpoint)
    if not isinstance(response, dict):
        raise answer.bad("the response is not a JSON object", response)
    body = cast("dict[str, Any]", response)
    if "error" in body and body["error"] is not None:
        error: object = body["error"]
        if not isinstance(error, dict):
            raise answer.bad("the error is not an object", error)
        fields = cast("dict[str, Any]", error)
        code, message = fields.get("code"), fields.get("message")
        if isinstance(code, bool) or not isinstance(code, int) or not isinstance(message, str):
            raise answer.bad("the error has no int code and str message", fields)
        raise RpcError(method, fields, endpoint)
    if "result" not in body:
        raise answer.bad("the response has neither result nor error", body)
    return body["result"]


_Check = Callable[[Answer, object], object]

# The result shape per method the runtime reads; other methods pass through unchecked.
CHECKS: dict[str, _Check] = {
    "eth_chainId": lambda a, v: a.quantity(v),
    "eth_blockNumber": lambda a, v: a.quantity(v),
    "eth_getBalance": lambda a, v: a.quantity(v),
    "eth_estimateGas": lambda a, v: a.quantity(v, bound=2**64),
    "eth_gasPrice": lambda a, v: a.quantity(v),
    "eth_maxPriorityFeePerGas": lambda a, v: a.quantity(v),
    "eth_getTransactionCount": lambda a, v: a.quantity(v, bound=2**64 - 1),
    "eth_call": lambda a, v: a.data(v),
    "eth_getCode": lambda a, v: a.data(v),
    "eth_accounts": lambda a, v: a.accounts(v),
    "eth_getLogs": lambda a, v: a.logs(v),
    "eth_getBlockByNumber": lambda a, v: a.block(v),
    "eth_getBlockByHash": lambda a, v: a.block(v),
    "eth_sendTransaction": lambda a, v: a.tx_hash(v),
    "eth_sendRawTransaction": lambda a, v: a.tx_hash(v),
    "eth_getTransactionReceipt": lambda a, v: a.receipt(v),
}


def check(method: str, result: object, endpoint: str) -> object:
    """The result of `method`, checked against the shape the runtime reads."""
    if (
        method == "eth_call"
        and type(result) is str
        and _DATA.fullmatch(result)
        and not len(result) % 2
    ):
        return result  # the usual answer, checked without the ceremony
    found = CHECKS.get(method)
    if found is not None:
        found(Answer(method, endpoint), result)
    return result
