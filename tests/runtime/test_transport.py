"""Our HTTP and IPC providers against hostile fake nodes, and against real ones.

The fake node is a raw socket server in a thread: each test scripts what it answers, byte
for byte (wrong ids, unsolicited messages, garbage, drips, closed sockets).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from web3 import Web3

import abigen
from abigen.runtime.errors import NodeError, NodeUnreachable
from abigen.runtime.http import HttpProvider
from abigen.runtime.ipc import IpcProvider
from abigen.runtime.jsonrpc import Frames, check_depth
from abigen.runtime.rpcprovider import RpcProvider

# One step of a scripted answer: bytes to send, seconds to sleep, or None to close.
Step = bytes | float | None
Script = Callable[[dict[str, Any], int], list[Step]]


def answer(request: dict[str, Any], result: object = "0x1", **extra: object) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": result, **extra}).encode()


def http_response(body: bytes, headers: str = "") -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return (head + headers + "\r\n").encode() + body


class FakeNode:
    """A scripted JSON-RPC server over HTTP/1.1 or a Unix socket, one thread per connection.

    `script(request, index)` gives the steps answering the connection's `index`-th request;
    over HTTP a bytes step is a whole response body unless it starts with b"HTTP/".
    """

    def __init__(self, kind: str, script: Script, directory: Path) -> None:
        self.kind = kind
        self.script = script
        self.connections = 0
        self.requests: list[dict[str, Any]] = []
        self.raw = False  # over HTTP, send bytes steps as they are (no response wrapped round)
        if kind == "ipc":
            self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.target = str(directory / "fake.ipc")
            self.listener.bind(self.target)
        else:
            self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.listener.bind(("127.0.0.1", 0))
            self.target = f"http://127.0.0.1:{self.listener.getsockname()[1]}/"
        self.listener.listen(16)
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        index = 0
        with conn:
            while True:
                request, buffer = self._read_request(conn, buffer)
                if request is None:
                    return
                self.requests.append(request)
                for step in self.script(request, index):
                    if step is None:
                        conn.shutdown(socket.SHUT_RDWR)
                        return
                    if isinstance(step, float):
                        time.sleep(step)
                        continue
                    if self.kind == "http" and not self.raw and not step.startswith(b"HTTP/"):
                        step = http_response(step)
                    try:
                        conn.sendall(step)
                    except OSError:
                        return
                index += 1

    def _read_request(self, conn: socket.socket, buffer: bytes) -> tuple[Any, bytes]:
        decoder = json.JSONDecoder()
        while True:
            try:
                if self.kind == "http" and b"\r\n\r\n" in buffer:
                    head, _, rest = buffer.partition(b"\r\n\r\n")
                    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    if len(rest) >= length:
                        return json.loads(rest[:length]), rest[length:]
                elif self.kind == "ipc" and buffer.strip():
                    text = buffer.decode().lstrip()
                    value, end = decoder.raw_decode(text)
                    return value, text[end:].encode()
            except ValueError:
                pass
            try:
                data = conn.recv(65536)
            except OSError:
                return None, b""
            if not data:
                return None, b""
            buffer += data


@pytest.fixture(params=["http", "ipc"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake(kind: str, tmp_path: Path) -> Iterator[Callable[[Script], FakeNode]]:
    made: list[FakeNode] = []

    def make(script: Script) -> FakeNode:
        made.append(FakeNode(kind, script, tmp_path))
        return made[-1]

    yield make
    for server in made:
        server.close()


def provider(server: FakeNode, **options: Any) -> RpcProvider:
    if server.kind == "ipc":
        return IpcProvider(server.target, **options)
    return HttpProvider(server.target, **options)


def test_a_plain_answer(fake: Callable[[Script], FakeNode]) -> None:
    server = fake(lambda request, _: [answer(request, "0x2a")])
    node = abigen.connect(server.target)
    assert node.request("eth_blockNumber", []) == "0x2a"
    assert node.block_number == 42
    assert server.requests[0]["method"] == "eth_blockNumber"
    assert server.connections == 1  # kept alive
    node.close()


def test_web3_takes_our_providers(fake: Callable[[Script], FakeNode]) -> None:
    server = fake(lambda request, _: [answer(request, "0x7a69")])
    assert Web3(provider(server)).eth.chain_id == 31337


def test_a_batch_is_matched_by_id(fake: Callable[[Script], FakeNode]) -> None:
    def script(request: Any, _: int) -> list[Step]:
        replies = [{"jsonrpc": "2.0", "id": r["id"], "result": r["method"]} for r in request]
        return [json.dumps(replies[::-1]).encode()]  # out of order

    answers = provider(fake(script)).make_batch_request([("a", []), ("b", [])])
    assert [a["result"] for a in answers] == ["a", "b"]


def test_http_refuses_an_answer_to_another_id(tmp_path: Path) -> None:
    server = FakeNode("http", lambda request, _: [answer({"id": 666})], tmp_path)
    with pytest.raises(NodeError, match=r"answered another request \(id 666\)") as info:
        abigen.connect(server.target).request("test_echo", [])
    assert server.target in str(info.value)


def test_ipc_skips_unsolicited_messages(tmp_path: Path) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        notification = b'{"jsonrpc":"2.0","method":"eth_subscription","params":{}}'
        return [answer({"id": 666}, "0x666"), notification, b"\n", answer(request, "0x1")]

    server = FakeNode("ipc", script, tmp_path)
    node = abigen.connect(server.target)
    assert [node.request("test_echo", []) for _ in range(3)] == ["0x1"] * 3


def test_ipc_waits_no_longer_than_the_deadline_for_its_id(tmp_path: Path) -> None:
    server = FakeNode("ipc", lambda request, _: [answer({"id": 666})], tmp_path)
    node = abigen.connect(IpcProvider(server.target, timeout=0.5))
    with pytest.raises(NodeUnreachable, match=r"did not answer within 0\.5 s"):
        node.request("test_echo", [])


def test_ipc_reassembles_split_and_concatenated_answers(tmp_path: Path) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        whole = answer(request, 'a "quoted" \\ string {[', extra="x" * 3000)
        return [whole[:1], 0.01, whole[1:37], 0.01, whole[37:] + answer({"id": -1})]

    node = abigen.connect(FakeNode("ipc", script, tmp_path).target)
    for _ in range(3):
        assert node.request("test_echo", []) == 'a "quoted" \\ string {['


def test_frames_split_anywhere() -> None:
    data = b'{"a":"x\\"}[{","b":[1,{"c":"\\\\"}]} [2] {"d":"\xc3\xa9"}'
    for cut in range(len(data) + 1):
        frames = Frames("x", 1000, 10)
        values: list[bytes] = []
        for part in (data[:cut], data[cut:]):
            frames.feed(part)
            while (value := frames.next()) is not None:
                values.append(value)
        assert [json.loads(v) for v in values] == [
            {"a": 'x"}[{', "b": [1, {"c": "\\"}]},
            [2],
            {"d": "é"},
        ]


def test_depth_check_counts_brackets_outside_strings_only() -> None:
    check_depth(b'{"a":"[[[[[[[[[[[["}', max_depth=1)
    check_depth(b"[" * 5 + b"]" * 5, max_depth=5)
    with pytest.raises(ValueError, match="nested deeper than 5"):
        check_depth(b"[" * 6 + b"]" * 6, max_depth=5)


DEEP = """
import json, sys
import abigen
from abigen.runtime.errors import NodeError
try:
    abigen.connect(sys.argv[1]).request("test_echo", [])
except NodeError as exc:
    print("refused:", exc)
"""


def test_a_deeply_nested_answer_is_refused_not_a_crash(fake: Callable[[Script], FakeNode]) -> None:
    deep = b'{"jsonrpc":"2.0","id":1,"result":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    server = fake(lambda request, _: [deep])
    # In a child process: a C stack overflow would kill it, and we would see that.
    run = subprocess.run(
        [sys.executable, "-c", DEEP, server.target], capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 0, run.stderr
    assert "refused: test_echo: node at" in run.stdout
    assert "nested deeper than 1000 levels" in run.stdout


def test_an_oversize_answer_is_refused(fake: Callable[[Script], FakeNode]) -> None:
    server = fake(lambda request, _: [answer(request, "0x" + "00" * 5000)])
    with pytest.raises(NodeError, match="larger than 4096 bytes"):
        provider(server, max_response_size=4096).make_request("eth_call", [])


def test_an_endless_answer_stops_at_the_size_limit(tmp_path: Path) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        return [b'{"result":"', *[b"0" * 65536] * 100]  # never ends

    server = FakeNode("ipc", script, tmp_path)
    with pytest.raises(NodeError, match="larger than 1000000 bytes"):
        IpcProvider(server.target, max_response_size=1_000_000).make_request("eth_call", [])


def test_http_chunked_answers_are_size_limited(tmp_path: Path) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        body = answer(request, "0x" + "00" * 5000)
        head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        return [head + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"]

    server = FakeNode("http", script, tmp_path)
    assert len(HttpProvider(server.target).make_request("eth_call", [])["result"]) == 10002
    with pytest.raises(NodeError, match="larger than 4096 bytes"):
        HttpProvider(server.target, max_response_size=4096).make_request("eth_call", [])


def test_a_slow_drip_fails_at_the_deadline(fake: Callable[[Script], FakeNode]) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        whole = answer(request)
        if server.kind == "http":  # the status line and headers drip too
            whole = http_response(whole)
        return [step for byte in whole for step in (bytes([byte]), 0.05)]

    server = fake(script)
    server.raw = True
    node = abigen.connect(provider(server, timeout=0.5))
    started = time.monotonic()
    with pytest.raises(NodeUnreachable, match=r"did not answer within 0\.5 s") as info:
        node.request("test_echo", [])
    assert time.monotonic() - started < 0.8
    assert server.target in str(info.value)


def test_garbage_fails_at_once(fake: Callable[[Script], FakeNode]) -> None:
    server = fake(lambda request, _: [b"\x00hello, I am not JSON" * 10, 5.0])
    node = abigen.connect(server.target)
    started = time.monotonic()
    with pytest.raises(NodeError, match=r"non-JSON data: b'\\x00hello, I am not JSON") as info:
        node.request("test_echo", [])
    assert time.monotonic() - started < 1
    assert len(str(info.value)) < 250  # a short excerpt, not the whole answer


def test_invalid_json_inside_an_object_fails_at_once(fake: Callable[[Script], FakeNode]) -> None:
    server = fake(lambda request, _: [b'{"id": nonsense}', 5.0])
    with pytest.raises(NodeError, match="sent invalid JSON"):
        abigen.connect(server.target).request("test_echo", [])


def test_a_closed_socket_fails_at_once(fake: Callable[[Script], FakeNode]) -> None:
    server = fake(lambda request, _: [None])
    node = abigen.connect(server.target)
    started = time.monotonic()
    with pytest.raises(NodeUnreachable, match=r"cannot reach node at|closed the connection"):
        node.request("test_echo", [])
    assert time.monotonic() - started < 1
    assert server.connections == 1  # a fresh connection is not retried


def test_nothing_listening(kind: str, tmp_path: Path) -> None:
    target = str(tmp_path / "none.ipc") if kind == "ipc" else "http://127.0.0.1:9/"
    with pytest.raises(NodeUnreachable, match=r"connection refused|no IPC socket"):
        abigen.connect(target).request("test_echo", [])


def test_a_stale_kept_connection_is_retried_once(fake: Callable[[Script], FakeNode]) -> None:
    # Each connection answers one request, then closes: the kept connection goes stale.
    server = fake(lambda request, _: [answer(request), 0.05, None])
    node = abigen.connect(server.target)
    assert node.request("test_echo", []) == "0x1"
    time.sleep(0.2)
    assert node.request("test_echo", []) == "0x1"  # resent on a new connection
    assert server.connections == 2
    time.sleep(0.2)
    with pytest.raises(NodeUnreachable):  # sending a transaction twice could send it twice
        node.request("eth_sendRawTransaction", ["0x00"])
    assert [r["method"] for r in server.requests] == ["test_echo"] * 2


def test_threads_share_a_provider(fake: Callable[[Script], FakeNode]) -> None:
    server = fake(lambda request, index: [0.001 * (index % 3), answer(request, request["params"])])
    node = abigen.connect(server.target)
    failures: list[object] = []

    def work(me: int) -> None:
        for i in range(40):
            got = node.request("test_echo", [me, i])
            if got != [me, i]:
                failures.append((me, i, got))

    threads = [threading.Thread(target=work, args=(me,)) for me in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not failures
    assert len(server.requests) == 320


def test_timeout_reaches_the_provider(tmp_path: Path) -> None:
    from abigen.runtime.transport import open_transport

    transport, _ = open_transport("http://127.0.0.1:1/", timeout=2.5)
    assert isinstance(transport, HttpProvider) and transport.timeout == 2.5
    transport, _ = open_transport(tmp_path / "x.ipc")
    assert isinstance(transport, IpcProvider) and transport.timeout == 30


def test_a_real_node(node: abigen.Node) -> None:
    assert isinstance(node.provider, HttpProvider | IpcProvider)
    assert node.chain_id > 0
    provider = node.provider
    answers = provider.make_batch_request([("eth_chainId", []), ("eth_blockNumber", [])])
    assert int(answers[0]["result"], 16) == node.chain_id
    assert Web3(provider).eth.chain_id == node.chain_id
    with pytest.raises(abigen.RpcError):
        node.request("eth_noSuchMethod", [])
    assert node.chain_id > 0  # the connection survives an error answer
