"""A scripted JSON-RPC node, over HTTP and over IPC (a Unix socket), that answers whatever a
scenario tells it to: a sane chain by default, one method's answer replaced per scenario.

A method's script is a behaviour or a list of them (one per request, the last one repeating):

- {"result": X} / {"error": X}: a response with that field (and the request's id);
- {"fields": {...}}: a response made of exactly these fields besides jsonrpc and id;
- {"body": X}: X, JSON-encoded, as the whole response (no envelope of ours);
- {"raw": "text"}: these characters as the whole response (not JSON, HTTP only);
- {"wrong_id": True, ...}: as above, with an id the request did not have;
- "$hash" as a result: the keccak of the raw transaction sent (eth_sendRawTransaction);
- "$asked" inside a result: the hash the request asked for (receipts).

A JSON-RPC batch is answered item by item, unless the script has a "batch" behaviour
({"body": X} or {"raw": "text"}) to answer the whole batch with.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import socketserver
import tempfile
import threading
from collections.abc import Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from devkeys import ADDRESSES
from eth_utils import keccak

CHAIN_ID = 31337
TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
ALICE, BOB = ADDRESSES[0], ADDRESSES[1]
TRANSFER_TOPIC = "0x" + keccak(text="Transfer(address,address,uint256)").hex()
SOME_HASH = "0x" + "ab" * 32
BLOCK_HASH = "0x" + "cd" * 32
BALANCE = 1000


def word(value: int) -> str:
    return "0x" + value.to_bytes(32, "big").hex()


def topic_of(address: str) -> str:
    return "0x" + "00" * 12 + address[2:].lower()


def transfer_log(address: str = TOKEN, tx_hash: str = SOME_HASH) -> dict[str, Any]:
    return {
        "address": address.lower(),
        "topics": [TRANSFER_TOPIC, topic_of(ALICE), topic_of(BOB)],
        "data": word(5),
        "blockNumber": "0x10",
        "blockHash": BLOCK_HASH,
        "transactionHash": tx_hash,
        "transactionIndex": "0x0",
        "logIndex": "0x0",
        "removed": False,
    }


def receipt(**changes: object) -> dict[str, Any]:
    found: dict[str, Any] = {
        "transactionHash": "$asked",
        "blockNumber": "0x10",
        "blockHash": BLOCK_HASH,
        "status": "0x1",
        "gasUsed": "0x5208",
        "effectiveGasPrice": "0x1",
        "contractAddress": None,
        "logs": [transfer_log(tx_hash="$asked")],
    }
    found.update(changes)
    return found


DEFAULTS: dict[str, object] = {
    "eth_chainId": {"result": hex(CHAIN_ID)},
    "eth_blockNumber": {"result": "0x10"},
    "eth_call": {"result": word(BALANCE)},
    "eth_estimateGas": {"result": "0x5208"},
    "eth_getTransactionCount": {"result": "0x0"},
    "eth_getBlockByNumber": {
        "result": {"number": "0x10", "hash": BLOCK_HASH, "baseFeePerGas": "0x1"}
    },
    "eth_maxPriorityFeePerGas": {"result": "0x1"},
    "eth_gasPrice": {"result": "0x1"},
    "eth_sendRawTransaction": {"result": "$hash"},
    "eth_sendTransaction": {"result": SOME_HASH},
    "eth_getTransactionReceipt": {"result": receipt()},
    "eth_getLogs": {"result": [transfer_log()]},
    "eth_accounts": {"result": [ALICE.lower()]},
}


def _substitute(value: object, asked: str) -> object:
    if value == "$asked":
        return asked
    if isinstance(value, dict):
        return {k: _substitute(v, asked) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, asked) for v in value]
    return value


class Script:
    """The answers of one scenario's node, and the methods it was asked (in order)."""

    def __init__(self, overrides: Mapping[str, object]) -> None:
        self.plan = copy.deepcopy({**DEFAULTS, **overrides})
        self.seen: list[str] = []
        self._lock = threading.Lock()

    def answer(self, request: object) -> bytes:
        if isinstance(request, list) and request:
            whole = self.plan.get("batch")
            if isinstance(whole, dict) and "raw" in whole:
                return str(whole["raw"]).encode()
            if isinstance(whole, dict) and "body" in whole:
                return json.dumps(whole["body"]).encode()
            return b"[" + b",".join(self.answer(item) for item in request) + b"]"
        if not isinstance(request, dict):
            return b'{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"bad"}}'
        method = str(request.get("method"))
        params: Sequence[Any] = request.get("params") or []
        with self._lock:
            self.seen.append(method)
            planned = self.plan.get(method)
            if isinstance(planned, list):
                behaviour = planned.pop(0) if len(planned) > 1 else planned[0]
            else:
                behaviour = planned
        if behaviour is None:
            behaviour = {"error": {"code": -32601, "message": f"no method {method}"}}
        assert isinstance(behaviour, dict)
        if "raw" in behaviour:
            return str(behaviour["raw"]).encode()
        if "body" in behaviour:
            return json.dumps(behaviour["body"]).encode()
        ident = request.get("id")
        if behaviour.get("wrong_id"):
            ident = (ident if isinstance(ident, int) else 0) + 1000
        envelope: dict[str, Any] = {"jsonrpc": "2.0", "id": ident}
        fields = behaviour.get("fields")
        if fields is None:
            fields = {k: v for k, v in behaviour.items() if k in ("result", "error")}
        asked = params[0] if params and isinstance(params[0], str) else ""
        if fields.get("result") == "$hash":
            fields = {"result": "0x" + keccak(bytes.fromhex(asked[2:])).hex()}
        envelope.update(_substitute(fields, asked))  # type: ignore[arg-type]
        return json.dumps(envelope).encode()


class FakeNode:
    """One scenario's node, on an HTTP port and on a Unix socket, until close()."""

    def __init__(self, overrides: Mapping[str, object]) -> None:
        self.script = Script(overrides)
        script = self.script

        class Http(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                try:
                    request = json.loads(body)
                except ValueError:
                    request = None
                answer = script.answer(request)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Ipc(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                decoder = json.JSONDecoder()
                buffer = ""
                while True:
                    chunk = self.request.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk.decode(errors="replace")
                    while buffer.strip():
                        try:
                            request, end = decoder.raw_decode(buffer.lstrip())
                        except ValueError:
                            break
                        buffer = buffer.lstrip()[end:]
                        self.request.sendall(script.answer(request))

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Http)
        self.http.daemon_threads = True
        self._folder = tempfile.mkdtemp(prefix="hostile")
        self.ipc_path = os.path.join(self._folder, "node.ipc")
        self.ipc = socketserver.ThreadingUnixStreamServer(self.ipc_path, Ipc)
        self.ipc.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        for server in (self.http, self.ipc):
            threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()

    @property
    def seen(self) -> list[str]:
        return list(self.script.seen)

    def close(self) -> None:
        for server in (self.http, self.ipc):
            server.shutdown()
            server.server_close()
        with contextlib.suppress(OSError):
            os.unlink(self.ipc_path)
            os.rmdir(self._folder)
