"""Our async providers (HTTP, IPC, WebSocket) and AsyncNode against scripted fake nodes.

The HTTP and IPC fakes are test_transport's FakeNode (a raw socket server, each test scripting
its answers byte for byte); the WebSocket fake is a websockets server scripted the same way,
a bytes step being one message. Async code runs under plain `asyncio.run` in sync tests.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from test_transport import FakeNode, Script, Step, answer, http_response
from web3 import AsyncWeb3, Web3
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

import abigen
from abigen.runtime.asynchttp import AsyncHttpProvider
from abigen.runtime.asyncipc import AsyncIpcProvider
from abigen.runtime.asyncnode import AsyncNode
from abigen.runtime.asyncrpc import AsyncRpcProvider
from abigen.runtime.asyncws import AsyncWsProvider
from abigen.runtime.errors import NodeError, NodeUnreachable
from abigen.runtime.http import HttpProvider

T = TypeVar("T")


def run(awaitable: Awaitable[T]) -> T:
    async def main() -> T:
        return await awaitable

    return asyncio.run(main())


class WsFakeNode:
    """A scripted JSON-RPC server over WebSocket (FakeNode's interface): a bytes step is one
    text message, a float a pause, None closes the connection."""

    kind = "ws"

    def __init__(self, script: Script) -> None:
        self.script = script
        self.connections = 0
        self.requests: list[dict[str, Any]] = []
        self.server = serve(
            self._serve, "127.0.0.1", 0, compression=None, max_size=None, close_timeout=1
        )
        self.target = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        # Not waiting for handlers a script left sleeping: the threads are daemons.
        threading.Thread(target=self.server.shutdown, daemon=True).start()

    def _serve(self, connection: ServerConnection) -> None:
        self.connections += 1
        index = 0
        try:
            for message in connection:
                request = json.loads(message)
                self.requests.append(request)
                for step in self.script(request, index):
                    if step is None:
                        connection.close()
                        return
                    if isinstance(step, float):
                        time.sleep(step)
                        continue
                    connection.send(step.decode())
                index += 1
        except ConnectionClosed:
            return


Fake = FakeNode | WsFakeNode


@pytest.fixture(params=["http", "ipc", "ws"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake(kind: str, tmp_path: Path) -> Iterator[Callable[[Script], Fake]]:
    made: list[Fake] = []

    def make(script: Script) -> Fake:
        made.append(WsFakeNode(script) if kind == "ws" else FakeNode(kind, script, tmp_path))
        return made[-1]

    yield make
    for server in made:
        server.close()


def provider(server: Fake, **options: Any) -> AsyncRpcProvider:
    if server.kind == "ipc":
        return AsyncIpcProvider(server.target, **options)
    if server.kind == "ws":
        return AsyncWsProvider(server.target, **options)
    return AsyncHttpProvider(server.target, **options)


def echo(request: dict[str, Any], _: int) -> list[Step]:
    return [answer(request, request["params"])]


def test_a_plain_answer(fake: Callable[[Script], Fake]) -> None:
    server = fake(lambda request, _: [answer(request, "0x2a")])

    async def main() -> None:
        async with await abigen.connect_async(server.target) as node:
            assert await node.request("eth_blockNumber", []) == "0x2a"
            assert await node.block_number == 42
        await node.close()  # twice is fine

    run(main())
    assert server.requests[0]["method"] == "eth_blockNumber"
    assert server.connections == 1  # kept alive


def test_async_web3_takes_our_providers(fake: Callable[[Script], Fake]) -> None:
    server = fake(lambda request, _: [answer(request, "0x7a69")])

    async def main() -> int:
        ours = provider(server)
        try:
            return await AsyncWeb3(ours).eth.chain_id
        finally:
            await ours.close()

    assert run(main()) == 31337


def test_concurrent_requests_are_matched_by_id(fake: Callable[[Script], Fake]) -> None:
    held: list[dict[str, Any]] = []

    def script(request: dict[str, Any], _: int) -> list[Step]:
        if server.kind == "http":  # a connection per request in flight: nothing to reorder
            return echo(request, 0)
        if not held:  # hold one back and answer it after the next: out of order
            held.append(request)
            return []
        first = held.pop()
        return [answer(request, request["params"]), answer(first, first["params"])]

    server = fake(script)

    async def main() -> list[Any]:
        node = await abigen.connect_async(server.target)
        try:
            return await asyncio.gather(*(node.request("test_echo", [i]) for i in range(60)))
        finally:
            await node.close()

    assert run(main()) == [[i] for i in range(60)]
    if server.kind != "http":
        assert server.connections == 1  # all of them on one connection


def test_a_batch_is_matched_by_id(fake: Callable[[Script], Fake]) -> None:
    def script(request: Any, _: int) -> list[Step]:
        replies = [{"jsonrpc": "2.0", "id": r["id"], "result": r["method"]} for r in request]
        return [json.dumps(replies[::-1]).encode()]  # out of order

    server = fake(script)

    async def main() -> list[Any]:
        ours = provider(server)
        try:
            assert await ours.make_batch_request([]) == []
            return await ours.make_batch_request([("a", []), ("b", [])])  # type: ignore[list-item]
        finally:
            await ours.close()

    assert [a["result"] for a in run(main())] == ["a", "b"]


def test_a_refused_batch_raises(fake: Callable[[Script], Fake]) -> None:
    refusal = b'{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batches off"}}'
    server = fake(lambda request, _: [refusal])

    async def main() -> None:
        ours = provider(server, timeout=5)
        try:
            await ours.make_batch_request([("a", []), ("b", [])])  # type: ignore[list-item]
        finally:
            await ours.close()

    started = time.monotonic()
    with pytest.raises(NodeError, match=r"refused the batch: .*batches off"):
        run(main())
    assert time.monotonic() - started < 2


def test_a_batch_left_partly_unanswered_raises(fake: Callable[[Script], Fake]) -> None:
    def script(request: Any, _: int) -> list[Step]:
        return [json.dumps([{"jsonrpc": "2.0", "id": request[0]["id"], "result": "0x1"}]).encode()]

    server = fake(script)
    with pytest.raises(NodeError, match="left 1 of 2 batch requests unanswered"):
        run(provider(server).make_batch_request([("a", []), ("b", [])]))  # type: ignore[list-item]


def test_unsolicited_and_foreign_messages_are_dropped(fake: Callable[[Script], Fake]) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        notification = b'{"jsonrpc":"2.0","method":"eth_subscription","params":{}}'
        return [answer({"id": 666}, "0x666"), notification, b"[1,2]", answer(request, "0x1")]

    server = fake(script)
    if server.kind == "http":
        pytest.skip("over HTTP an answer to another id is refused (test_transport)")

    async def main() -> list[Any]:
        node = await abigen.connect_async(server.target)
        try:
            return [await node.request("test_echo", []) for _ in range(3)]
        finally:
            await node.close()

    assert run(main()) == ["0x1"] * 3


def test_http_refuses_an_answer_to_another_id(tmp_path: Path) -> None:
    server = FakeNode("http", lambda request, _: [answer({"id": 666})], tmp_path)
    with pytest.raises(NodeError, match=r"answered another request \(id 666\)"):
        run(_request(server.target, "test_echo"))


async def _request(target: str, method: str, **options: Any) -> Any:
    node = await abigen.connect_async(target, **options)
    try:
        return await node.request(method, [])
    finally:
        await node.close()


def test_waits_no_longer_than_the_deadline_for_its_id(fake: Callable[[Script], Fake]) -> None:
    server = fake(lambda request, _: [answer({"id": 666})])
    if server.kind == "http":
        pytest.skip("over HTTP an answer to another id is refused at once")
    started = time.monotonic()
    with pytest.raises(NodeUnreachable, match=r"did not answer within 0\.5 s"):
        run(_request(server.target, "test_echo", timeout=0.5))
    assert time.monotonic() - started < 1


def test_a_slow_drip_fails_at_the_deadline(fake: Callable[[Script], Fake]) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        whole = answer(request)
        if server.kind == "http":  # the status line and headers drip too
            whole = http_response(whole)
        if server.kind == "ws":
            return [2.0, whole]  # a message comes whole: late, then
        return [step for byte in whole for step in (bytes([byte]), 0.05)]

    server = fake(script)
    if isinstance(server, FakeNode):
        server.raw = True
    started = time.monotonic()
    with pytest.raises(NodeUnreachable, match=r"did not answer within 0\.5 s") as info:
        run(_request(server.target, "test_echo", timeout=0.5))
    assert time.monotonic() - started < 0.8
    assert server.target.rstrip("/") in str(info.value)


def test_garbage_fails_every_pending_request_at_once(fake: Callable[[Script], Fake]) -> None:
    server = fake(lambda request, _: [b"\x00hello, I am not JSON" * 10, 5.0])

    async def main() -> list[object]:
        node = await abigen.connect_async(server.target)
        try:
            calls = (node.request("test_echo", [i]) for i in range(5))
            return await asyncio.gather(*calls, return_exceptions=True)
        finally:
            await node.close()

    started = time.monotonic()
    results = run(main())
    assert time.monotonic() - started < 1.5
    for result in results:
        assert isinstance(result, NodeError), result
        assert "non-JSON data" in str(result) or "broken message" in str(result), result
        assert len(str(result)) < 250


def test_invalid_json_inside_an_object_fails_at_once(fake: Callable[[Script], Fake]) -> None:
    server = fake(lambda request, _: [b'{"id": nonsense}', 5.0])
    started = time.monotonic()
    with pytest.raises(NodeError, match="sent invalid JSON"):
        run(_request(server.target, "test_echo"))
    assert time.monotonic() - started < 1.5


def test_a_closed_connection_fails_every_pending_request(fake: Callable[[Script], Fake]) -> None:
    # The first request closes the connection; those after it are answered.
    server = fake(lambda request, index: [None] if len(server.requests) == 1 else echo(request, 0))
    started = time.monotonic()
    if server.kind == "http":  # a connection per request in flight: each fails on its own
        with pytest.raises(NodeUnreachable, match="closed the connection"):
            run(_request(server.target, "eth_sendRawTransaction"))  # (never resent)
        assert time.monotonic() - started < 1.5
        return

    async def main() -> tuple[list[object], object]:
        node = await abigen.connect_async(server.target)
        try:
            calls = (node.request("test_echo", [i]) for i in range(5))
            failed = await asyncio.gather(*calls, return_exceptions=True)
            return failed, await node.request("test_echo", ["again"])
        finally:
            await node.close()

    failed, again = run(main())
    assert time.monotonic() - started < 1.5
    assert all(isinstance(f, NodeUnreachable) for f in failed), failed
    assert again == ["again"]  # reconnected for the next request
    assert server.connections == 2


def test_too_large_is_refused(fake: Callable[[Script], Fake]) -> None:
    server = fake(lambda request, _: [answer(request, "0x" + "00" * 5000)])
    with pytest.raises(NodeError, match="larger than 4096 bytes"):
        run(provider(server, max_response_size=4096).make_request("eth_call", []))  # type: ignore[arg-type]


def test_an_endless_answer_stops_at_the_size_limit(tmp_path: Path) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        return [b'{"result":"', *[b"0" * 65536] * 100]  # never ends

    server = FakeNode("ipc", script, tmp_path)
    ours = AsyncIpcProvider(server.target, max_response_size=1_000_000)
    with pytest.raises(NodeError, match="larger than 1000000 bytes"):
        run(ours.make_request("eth_call", []))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",  # no length: read to close
        b"HTTP/1.0 200 OK\r\n\r\n",
    ],
)
def test_http_bodies_without_a_length(tmp_path: Path, head: bytes) -> None:
    chunked = b"chunked" in head

    def script(request: dict[str, Any], _: int) -> list[Step]:
        body = answer(request, "0x" + "00" * 5000)
        if chunked:  # in two chunks, one with an extension
            cut = len(body) // 2
            parts = b"%x;x=1\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n"
            return [head + parts % (cut, body[:cut], len(body) - cut, body[cut:])]
        return [head + body, None]

    server = FakeNode("http", script, tmp_path)
    server.raw = True
    ours = AsyncHttpProvider(server.target)

    async def twice() -> list[Any]:
        return [await ours.make_request("eth_call", []) for _ in range(2)]  # type: ignore[arg-type]

    assert [len(a["result"]) for a in run(twice())] == [10002, 10002]
    assert server.connections == (1 if chunked else 2)  # kept alive only when it can be
    with pytest.raises(NodeError, match="larger than 4096 bytes"):
        run(AsyncHttpProvider(server.target, max_response_size=4096).make_request("eth_call", []))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (b"SSH-2.0-OpenSSH\r\n\r\n", "sent a malformed HTTP answer: b'SSH-2.0"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n", "malformed Content-Length"),
        (b"HTTP/1.1 200 OK\r\nX: " + b"y" * 70000, "headers longer than 64 KiB"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk"),
        (b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 5\r\n\r\noops!", "answered HTTP 502"),
    ],
)
def test_http_garbage_is_refused_at_once(tmp_path: Path, reply: bytes, error: str) -> None:
    server = FakeNode("http", lambda request, _: [reply, 5.0], tmp_path)
    server.raw = True
    started = time.monotonic()
    with pytest.raises(NodeError, match=re.escape(error)):
        run(_request(server.target, "test_echo"))
    assert time.monotonic() - started < 1.5


def test_http_keeps_credentials_out_of_messages(tmp_path: Path) -> None:
    server = FakeNode("http", echo, tmp_path)
    url = server.target.replace("http://", "http://user:s%40cret@")
    node = run(abigen.connect_async(url))
    assert "cret" not in node.endpoint
    with pytest.raises(NodeError) as info:
        run(AsyncHttpProvider(url, max_response_size=10).make_request("test_echo", []))  # type: ignore[arg-type]
    assert "cret" not in str(info.value)
    assert run(node.request("test_echo", [1])) == [1]


def test_http_connections_are_limited(tmp_path: Path) -> None:
    server = FakeNode("http", lambda request, _: [0.02, *echo(request, 0)], tmp_path)
    ours = AsyncHttpProvider(server.target, max_connections=4)

    async def main() -> list[Any]:
        calls = (ours.make_request("test_echo", [i]) for i in range(20))  # type: ignore[arg-type]
        return await asyncio.gather(*calls)

    assert [a["result"] for a in run(main())] == [[i] for i in range(20)]
    assert server.connections == 4


def test_too_deep_is_refused(fake: Callable[[Script], Fake]) -> None:
    deep = b'{"jsonrpc":"2.0","id":1,"result":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    server = fake(lambda request, _: [deep.replace(b'"id":1', b'"id":%d' % request["id"])])
    with pytest.raises(NodeError, match="nested deeper than 1000 levels"):
        run(_request(server.target, "test_echo"))


def test_nothing_listening(kind: str, tmp_path: Path) -> None:
    target = {"ipc": str(tmp_path / "none.ipc"), "http": "http://127.0.0.1:9/"}.get(
        kind, "ws://127.0.0.1:9"
    )
    with pytest.raises(NodeUnreachable, match=r"connection refused|no IPC socket"):
        run(_request(target, "test_echo"))


def test_a_connection_the_node_closed_is_replaced(fake: Callable[[Script], Fake]) -> None:
    # Each connection answers one request, then closes: the reader sees it at once, so the
    # next request opens a new one instead of sending on the dead one (and resending).
    server = fake(lambda request, _: [answer(request, "0x" + "11" * 32), 0.05, None])

    async def main() -> None:
        node = await abigen.connect_async(server.target)
        try:
            for method in ("test_echo", "test_echo", "eth_sendRawTransaction"):
                assert await node.request(method, ["0x00"]) == "0x" + "11" * 32
                await asyncio.sleep(0.2)
        finally:
            await node.close()

    run(main())
    assert server.connections == 3
    methods = [r["method"] for r in server.requests]
    assert methods == ["test_echo", "test_echo", "eth_sendRawTransaction"]  # none twice


def test_a_provider_outlives_its_event_loop(fake: Callable[[Script], Fake]) -> None:
    server = fake(echo)
    ours = provider(server)
    for i in range(3):  # each asyncio.run is a new loop: the provider reconnects on it
        assert run(ours.make_request("test_echo", [i]))["result"] == [i]  # type: ignore[arg-type]


def test_the_timeout_reaches_the_provider(tmp_path: Path) -> None:
    async def main() -> None:
        for target, cls in (
            ("http://127.0.0.1:1/", AsyncHttpProvider),
            ("ws://127.0.0.1:1", AsyncWsProvider),
            (str(tmp_path / "x.ipc"), AsyncIpcProvider),
        ):
            node = await abigen.connect_async(target, timeout=2.5)
            assert isinstance(node.provider, cls) and node.provider.timeout == 2.5

    run(main())


def test_each_face_refuses_the_others_providers(tmp_path: Path) -> None:
    url = "http://127.0.0.1:9/"
    with pytest.raises(TypeError, match=r"async AsyncWeb3 use `await abigen.connect_async"):
        abigen.connect(AsyncWeb3(AsyncHttpProvider(url)))
    with pytest.raises(TypeError, match=r"async AsyncIpcProvider use `await abigen.connect_async"):
        abigen.connect(AsyncIpcProvider(tmp_path / "x.ipc"))
    with pytest.raises(TypeError, match=r"synchronous Web3 use abigen.connect"):
        run(abigen.connect_async(Web3(HttpProvider(url))))
    with pytest.raises(TypeError, match=r"synchronous HttpProvider use abigen.connect"):
        run(abigen.connect_async(HttpProvider(url)))
    with pytest.raises(TypeError, match="cannot connect to int"):
        run(abigen.connect_async(5))
    with pytest.raises(ValueError, match="unsupported scheme 'ftp'"):
        run(abigen.connect_async("ftp://x"))
    with pytest.raises(ValueError, match="chain_id must be a positive int"):
        run(abigen.connect_async(url, chain_id=0))


def test_chain_pinning(fake: Callable[[Script], Fake]) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        return [answer(request, "0x7a69" if request["method"] == "eth_chainId" else "0x5")]

    server = fake(script)

    async def main() -> None:
        pinned = await abigen.connect_async(server.target, chain_id=1)
        try:
            with pytest.raises(NodeError, match="is on chain 31337, not 1: nothing was sent"):
                await pinned.block_number
            with pytest.raises(NodeError, match="is on chain 31337, not 1"):
                await pinned.chain_id
        finally:
            await pinned.close()
        node = await abigen.connect_async(server.target)
        assert await node.chain_id == 31337
        assert await node.signing_chain_id() == 31337
        repinned = await abigen.connect_async(node, chain_id=31337)
        assert isinstance(repinned, AsyncNode) and repinned.expected_chain_id == 31337
        assert await abigen.connect_async(node) is node
        assert await repinned.block_number == 5
        await node.close()

    run(main())
    methods = [r["method"] for r in server.requests]
    assert methods[-1] == "eth_blockNumber" and methods.count("eth_blockNumber") == 1


EXIT = """
import asyncio, sys
import abigen

async def main():
    node = await abigen.connect_async(sys.argv[1])
    assert await node.request("test_echo", [1]) == [1]
    if sys.argv[2] == "closed":
        await node.close()

asyncio.run(main())
"""


@pytest.mark.parametrize("closed", ["closed", "unclosed"])
def test_no_warnings_at_exit(fake: Callable[[Script], Fake], closed: str) -> None:
    server = fake(echo)
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", EXIT, server.target, closed],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_sync_ws_has_the_same_guarantees(tmp_path: Path) -> None:
    """abigen.connect over ws:// drives our AsyncWsProvider on a loop thread."""
    from abigen.runtime.transport import _AsyncBridge  # pyright: ignore[reportPrivateUsage]

    held: list[dict[str, Any]] = []

    def script(request: dict[str, Any], _: int) -> list[Step]:
        method = request["method"]
        if method == "garbage":
            return [b"\x00not JSON"]
        if method == "slow":
            return [1.0, answer(request)]
        if method == "now":
            return [answer(request, "0x1")]
        if not held:  # out of order, as in test_concurrent_requests_are_matched_by_id
            held.append(request)
            return []
        first = held.pop()
        return [answer(request, request["params"]), answer(first, first["params"])]

    server = WsFakeNode(script)
    try:
        with abigen.connect(server.target, timeout=0.5) as node:
            assert isinstance(node.provider, _AsyncBridge)
            results: dict[int, object] = {}
            threads = [
                threading.Thread(target=lambda i=i: results.update({i: node.request("e", [i])}))
                for i in range(8)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(10)
            assert results == {i: [i] for i in range(8)}
            with pytest.raises(NodeError, match=r"broken message|non-JSON"):
                node.request("garbage", [])
            assert node.request("now", []) == "0x1"  # on a new connection
            assert server.connections == 2
            with pytest.raises(NodeUnreachable, match=r"did not answer within 0\.5 s"):
                node.request("slow", [])
        with pytest.raises(NodeUnreachable, match="connection refused"):
            abigen.connect("ws://127.0.0.1:9")
    finally:
        server.close()


def test_https_with_a_trusted_certificate(tmp_path: Path) -> None:
    """A TLS node whose self-signed certificate the caller trusts (ssl_context); the default
    context refuses it."""
    import shutil
    import socket
    import ssl

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                raw, _ = listener.accept()
            except OSError:
                return
            try:
                with server_context.wrap_socket(raw, server_side=True) as conn:
                    data = b""
                    while b"\r\n\r\n" not in data:
                        data += conn.recv(65536)
                    head, _, body = data.partition(b"\r\n\r\n")
                    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    while len(body) < length:
                        body += conn.recv(65536)
                    conn.sendall(http_response(answer(json.loads(body), "0xabc")))
                    conn.recv(1)  # until the client goes
            except (OSError, ssl.SSLError):
                continue

    threading.Thread(target=serve, daemon=True).start()
    url = f"https://127.0.0.1:{listener.getsockname()[1]}/"
    trusting = ssl.create_default_context(cafile=str(cert))
    try:
        ours = AsyncHttpProvider(url, ssl_context=trusting)
        assert run(ours.make_request("eth_chainId", []))["result"] == "0xabc"  # type: ignore[arg-type]
        with pytest.raises(NodeUnreachable, match="CERTIFICATE_VERIFY_FAILED"):
            run(_request(url, "eth_chainId"))
    finally:
        listener.close()


def test_a_web3_provider_without_disconnect_closes_quietly(tmp_path: Path) -> None:
    from web3.providers import AsyncBaseProvider

    class Plain(AsyncBaseProvider):  # web3's base: disconnect() raises NotImplementedError
        def __init__(self, inner: AsyncRpcProvider) -> None:
            super().__init__()
            self.inner = inner

        async def make_request(self, method: Any, params: Any) -> Any:
            return await self.inner.make_request(method, params)

    server = FakeNode("http", lambda request, _: [answer(request, "0x7a69")], tmp_path)
    inner = AsyncHttpProvider(server.target)

    async def main() -> int:
        try:
            async with await abigen.connect_async(Plain(inner)) as node:
                return await node.chain_id
        finally:
            await inner.close()

    assert run(main()) == 31337


def test_ipc_reassembles_split_and_concatenated_answers(tmp_path: Path) -> None:
    def script(request: dict[str, Any], _: int) -> list[Step]:
        whole = answer(request, 'a "quoted" \\ string {[', extra="x" * 3000)
        return [whole[:1], 0.01, whole[1:37], 0.01, whole[37:] + answer({"id": -1})]

    server = FakeNode("ipc", script, tmp_path)

    async def main() -> list[Any]:
        async with await abigen.connect_async(server.target) as node:
            return [await node.request("test_echo", []) for _ in range(3)]

    assert run(main()) == ['a "quoted" \\ string {['] * 3


def test_close_fails_requests_in_flight_without_resending(fake: Callable[[Script], Fake]) -> None:
    server = fake(lambda request, _: [1.0, answer(request)])

    async def main() -> object:
        node = await abigen.connect_async(server.target)
        if server.kind == "http":  # a kept-alive connection, then one request in flight on it
            await node.request("test_echo", [])
        pending = asyncio.ensure_future(node.request("test_echo", []))
        await asyncio.sleep(0.2)
        await node.close()
        return (await asyncio.gather(pending, return_exceptions=True))[0]

    failed = run(main())
    assert isinstance(failed, NodeUnreachable), failed
    assert re.search("connection was closed|closed the connection", str(failed)), failed
    assert server.connections == 1
