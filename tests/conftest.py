"""Shared test setup: the golden bindings are importable as `bindings.<name>`, and the node
fixtures: one anvil and one geth --dev per session; every test using `node` runs on both nodes,
over HTTP and over IPC.

Where the nodes differ for the suites: geth --dev has one unlocked account (anvil ten), so on
geth `bob`, `carol` and the others are local keys its account funds (the same addresses as
anvil's accounts 1-9, tests/devkeys.py), and a test sends from them with `bob_sender` /
`carol_sender`, which sign locally on geth.
Without a geth binary (no Go toolchain at `make install`) the geth half is skipped with a
notice, unless ABIGEN_REQUIRE_GETH is set, as .ci/run does: then it fails.

Every test that starts a node carries the `e2e` marker (added here to any test using a node
fixture), so `pytest -m "not e2e"` (`make test-fast`) starts none: a test without the marker
that starts anvil or geth, in the test process or in a subprocess, fails and says so.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from devkeys import FUNDED, KEYS  # tests/ is on sys.path (rootdir conftest)
from eth_account import Account
from eth_account.signers.local import LocalAccount

import abigen
from abigen.devnode import Anvil, DevNode, Geth, GethNotFound, find_geth
from abigen.runtime.tx import Transaction

GOLDEN = Path(__file__).parent / "golden"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

NODES = ("anvil", "geth")
BOB_KEY, CAROL_KEY = KEYS[1], KEYS[2]
FUNDING = 10**22  # wei each: plenty for every suite


@pytest.fixture(scope="session")
def anvil() -> Iterator[Anvil]:
    with Anvil() as node:
        yield node


@pytest.fixture(scope="session")
def geth() -> Iterator[Geth]:
    try:
        find_geth()
    except GethNotFound as exc:
        if os.environ.get("ABIGEN_REQUIRE_GETH"):
            pytest.fail(f"geth is required here (ABIGEN_REQUIRE_GETH): {exc}")
        pytest.skip(f"geth suites skipped: {exc}")
    with Geth() as node:
        _fund(abigen.connect(node.ipc_path), *FUNDED.values())
        yield node


def _fund(node: abigen.Node, *keys: str) -> None:
    (dev,) = node.accounts  # geth --dev: the one unlocked account
    for key in keys:
        _send_value(node, dev, Account.from_key(key).address, FUNDING)


def _send_value(node: abigen.Node, sender: str, to: str, wei: int) -> None:
    call = {"from": sender, "to": to, "value": hex(wei)}
    tx_hash = node.request("eth_sendTransaction", [call])
    Transaction(node, tx_hash, call, {}, {}).wait()  # geth seals asynchronously


@pytest.fixture(scope="session")
def fund(node: abigen.Node, alice: str) -> Callable[[str, int], None]:
    """Send `wei` to an address from the first node account: gas money for a new local key
    on any node (anvil_setBalance exists on anvil only)."""
    return lambda address, wei: _send_value(node, alice, address, wei)


@pytest.fixture(scope="session", params=NODES)
def devnode(request: pytest.FixtureRequest) -> DevNode:
    node: DevNode = request.getfixturevalue(request.param)
    return node


@pytest.fixture(scope="session", params=["http", "ipc"])
def node(request: pytest.FixtureRequest, devnode: DevNode) -> abigen.Node:
    return abigen.connect(devnode.http_url if request.param == "http" else devnode.ipc_path)


@pytest.fixture(params=["http", "ipc", "ws"])
def async_target(request: pytest.FixtureRequest, devnode: DevNode) -> str:
    """Where `await abigen.connect_async(...)` reaches the dev node, over each transport. A
    target rather than an AsyncNode: a test connects inside its own `asyncio.run`, the event
    loop the connection then lives on."""
    return {"http": devnode.http_url, "ipc": devnode.ipc_path, "ws": devnode.ws_url}[
        str(request.param)
    ]


@pytest.fixture(scope="session")
def on_geth(devnode: DevNode) -> bool:
    return isinstance(devnode, Geth)


@pytest.fixture(scope="session")
def alice(node: abigen.Node) -> str:
    return node.accounts[0]


@pytest.fixture(scope="session")
def bob() -> str:
    return Account.from_key(BOB_KEY).address


@pytest.fixture(scope="session")
def carol() -> str:
    return Account.from_key(CAROL_KEY).address


@pytest.fixture(scope="session")
def bob_sender(on_geth: bool, bob: str) -> str | LocalAccount:
    """Who sends as bob: his node-managed account on anvil, his local key on geth."""
    return Account.from_key(BOB_KEY) if on_geth else bob


@pytest.fixture(scope="session")
def carol_sender(on_geth: bool, carol: str) -> str | LocalAccount:
    return Account.from_key(CAROL_KEY) if on_geth else carol


# ---- the e2e tier: tests that start a node are marked `e2e`, and only they can start one ----

# Fixtures that start a node: a test using one directly or through other fixtures (fixturenames
# holds the transitive closure) is e2e. Modules that start nodes themselves mark themselves.
NODE_FIXTURES = frozenset({"anvil", "geth", "devnode", "node"})
NODE_BINARIES = frozenset({"anvil", "geth", "anvil.exe", "geth.exe"})


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if NODE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def _fake_nodes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of stand-ins named anvil and geth that log their start and exit with an error:
    what a test not marked e2e, and every process it starts, finds instead of a node."""
    folder = tmp_path_factory.mktemp("not-e2e-nodes")
    for name in ("anvil", "geth"):
        script = folder / name
        script.write_text(
            "#!/bin/sh\n"
            f'echo "$0 $*" >> {shlex.quote(str(folder / "started.log"))}\n'
            f'echo "{name} started by a test not marked e2e" >&2\n'
            "exit 97\n"
        )
        script.chmod(0o755)
    return folder


@pytest.fixture(autouse=True)
def _no_node_outside_e2e(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, _fake_nodes: Path
) -> Iterator[None]:
    """A test not marked e2e fails if it starts anvil or geth: in this process at DevNode.start
    (whatever binary it found), in a subprocess through the stand-ins ($ABIGEN_ANVIL,
    $ABIGEN_GETH and PATH lead abigen.devnode and shells to them)."""
    if request.node.get_closest_marker("e2e") is not None:
        yield
        return
    where = request.node.nodeid
    start = DevNode.start

    def guarded_start(self: DevNode) -> DevNode:
        binary = self.find_binary()
        if Path(binary).name in NODE_BINARIES:
            pytest.fail(f"{where} starts {type(self).__name__} ({binary}): mark it e2e")
        return start(self)  # a fake binary (tests of DevNode's startup errors)

    monkeypatch.setattr(DevNode, "start", guarded_start)
    if sys.platform != "win32":  # the stand-ins are shell scripts
        monkeypatch.setenv("ABIGEN_ANVIL", str(_fake_nodes / "anvil"))
        monkeypatch.setenv("ABIGEN_GETH", str(_fake_nodes / "geth"))
        monkeypatch.setenv("PATH", f"{_fake_nodes}{os.pathsep}{os.environ.get('PATH', '')}")
    log = _fake_nodes / "started.log"
    seen = log.stat().st_size if log.exists() else 0
    yield
    if log.exists() and log.stat().st_size > seen:
        started = log.read_bytes()[seen:].decode(errors="replace").strip()
        pytest.fail(f"{where} started a node in a subprocess ({started}): mark it e2e")


# ---- pytest-xdist: `make test` runs on two workers ----

# The corpus generates and type-checks every tree once per process: all its tests go to one
# worker; every other test is scheduled on its own.
CORPUS_TESTS = "tests/corpus/"


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    from xdist.scheduler import LoadScopeScheduling

    class CorpusTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return CORPUS_TESTS if nodeid.startswith(CORPUS_TESTS) else nodeid

    return CorpusTogether(config, log)
