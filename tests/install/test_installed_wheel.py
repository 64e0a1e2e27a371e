"""abigen as a user gets it: this checkout's wheel, installed without extras into a fresh venv.

The venv comes from the base interpreter (not this repo's .venv) and every process in it runs
outside the repo with a clean environment, so it sees neither the repo's site-packages nor its
`abigen/` source folder. Versions are the pinned ones (constraints.txt). In that venv only:
`abigen --version`; generation from a real published tree, byte-identical to this repo's venv;
the generated package imported, a contract deployed and a view called on anvil and geth,
over HTTP and IPC. Generation covers three published trees (Waffle, Hardhat + Foundry, Foundry).

pip's HTTP cache does not help here (index pages are fetched with max-age=0), so the pinned
wheels are kept in the ignored .cache/wheelhouse/ and installed offline; it is filled from the
index on first use, or when the pins change and an offline install fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

import abigen
from abigen.devnode import DevNode

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "constraints.txt"
WHEELHOUSE = ROOT / ".cache" / "wheelhouse"
CORPUS = ROOT / ".cache" / "corpus"
UNISWAP = CORPUS / "uniswap-v2-core" / "build"
BUILD_BACKEND = "hatchling==1.27.0"  # as pyproject.toml's [build-system]
PIP = (sys.executable, "-m", "pip", "--disable-pip-version-check")


@dataclass(frozen=True)
class Installed:
    venv: Path
    scratch: Path  # cwd of every process in the venv: outside the repo
    env: dict[str, str]

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(a) for a in args],
            cwd=self.scratch,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
        return result


def _clean_env() -> dict[str, str]:
    # Nothing that would let a child find this repo's packages or another environment.
    drop = {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV"}
    return {k: v for k, v in os.environ.items() if k not in drop} | {"PYTHONNOUSERSITE": "1"}


def _check(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _base_python() -> Path:
    # sys.base_prefix is the interpreter this repo's .venv was made from.
    major, minor = sys.version_info[:2]
    base = Path(sys.base_prefix) / "bin" / f"python{major}.{minor}"
    assert base.is_file(), f"base interpreter {base} not found"
    return base


def _build_and_install(venv: Path, dist: Path, env: dict[str, str]) -> str:
    """Offline from the wheelhouse; the error output when that fails, else ''."""
    offline = ["--no-index", "--find-links", str(WHEELHOUSE)]
    built = _check(
        [*PIP, "wheel", "--no-deps", "-q", *offline, "-w", str(dist), str(ROOT)], env, dist
    )
    if built.returncode != 0:
        return built.stderr
    (wheel,) = dist.glob("abigen-*.whl")
    installed = _check(
        [
            *PIP,
            "--python",
            str(venv / "bin" / "python"),
            "install",
            "-q",
            "--no-compile",  # byte-compiling ~50 packages costs more than it saves in one run
            *offline,
            "-c",
            str(CONSTRAINTS),
            str(wheel),
        ],
        env,
        dist,
    )
    return installed.stderr if installed.returncode != 0 else ""


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    assert UNISWAP.is_dir(), f"{UNISWAP} is missing: run `make install`"
    root = tmp_path_factory.mktemp("installed")
    venv, dist, scratch = root / "venv", root / "dist", root / "scratch"
    dist.mkdir()
    scratch.mkdir()
    env = _clean_env()
    # No pip inside: this repo's pip installs into it (--python), which saves ensurepip's ~4 s.
    subprocess.run(
        [str(_base_python()), "-m", "venv", "--without-pip", str(venv)],
        cwd=scratch,
        env=env,
        check=True,
        timeout=120,
    )
    error = _build_and_install(venv, dist, env)
    if error:
        # First run, or the pins changed: fetch the pinned wheels (and the build backend).
        WHEELHOUSE.mkdir(parents=True, exist_ok=True)
        fill = [*PIP, "wheel", "-q", "-w", str(WHEELHOUSE), "-c", str(CONSTRAINTS)]
        filled = _check([*fill, str(ROOT), BUILD_BACKEND], env, dist)
        assert filled.returncode == 0, f"filling {WHEELHOUSE} failed:\n{filled.stderr}"
        for stale in (*WHEELHOUSE.glob("abigen-*.whl"), *dist.glob("*.whl")):
            stale.unlink()  # only this checkout's fresh build is installed
        error = _build_and_install(venv, dist, env)
        assert not error, f"installing the wheel failed:\n{error}"
    return Installed(venv, scratch, env)


def test_version(installed: Installed) -> None:
    result = installed.run(installed.venv / "bin" / "abigen", "--version")
    assert result.stdout == f"abigen {version('abigen')}\n"


# Published trees as users point abigen at them: Waffle + combined JSON (Uniswap v2), Hardhat
# beside a Foundry out/ with Yul artifacts (Arbitrum Nitro), a large Foundry tree built by
# several solc versions (Optimism bedrock). tree -> files generated (contracts + __init__...).
TREES = {"uniswap-v2-core": 13, "arbitrum-nitro": 210, "optimism-bedrock": 349}


@pytest.mark.parametrize("tree", TREES)
def test_generation_is_byte_identical_to_the_repo_venv(
    installed: Installed, tmp_path: Path, tree: str
) -> None:
    ours, theirs = tmp_path / "repo", tmp_path / "installed"
    ours.mkdir()
    theirs.mkdir()
    args = ("--abi", CORPUS / tree, "--pkg", "app")
    subprocess.run(
        [str(Path(sys.executable).with_name("abigen")), *map(str, args), "--out", str(ours)],
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    installed.run(installed.venv / "bin" / "abigen", *args, "--out", theirs)
    expected = {p.relative_to(ours): p.read_bytes() for p in ours.rglob("*") if p.is_file()}
    produced = {p.relative_to(theirs): p.read_bytes() for p in theirs.rglob("*") if p.is_file()}
    assert len(expected) == TREES[tree], sorted(expected)
    assert sorted(produced) == sorted(expected)
    differing = [str(name) for name, text in expected.items() if produced[name] != text]
    assert not differing, f"differ from the repo venv's output: {differing}"


DEPLOY = textwrap.dedent(
    """
    import asyncio
    import sys
    from pathlib import Path

    import abigen
    from univ2 import AsyncUniswapV2Factory, UniswapV2Factory

    # The installed package, not this repo's source folder.
    venv = Path(sys.prefix)
    assert Path(abigen.__file__).is_relative_to(venv), abigen.__file__


    async def async_face(endpoint: str, address: str) -> None:
        async with await abigen.connect_async(endpoint) as node:
            alice = (await node.accounts)[0]
            factory = AsyncUniswapV2Factory(address, node)
            assert await factory.fee_to_setter() == alice
            calls = (factory.fee_to_setter.prepare(), factory.all_pairs_length.prepare())
            assert await node.batch(*calls) == (alice, 0)
            assert await node.multicall(*calls) == (alice, 0)
            fresh = await AsyncUniswapV2Factory.deploy(node, alice, sender=alice)
            assert await fresh.all_pairs_length() == 0


    *endpoints, ws = sys.argv[1:]  # HTTP, IPC; WebSocket for the async face only
    for endpoint in endpoints:
        node = abigen.connect(endpoint)
        alice = node.accounts[0]
        factory = UniswapV2Factory.deploy(node, alice, sender=alice)
        assert factory.fee_to_setter() == alice
        assert factory.all_pairs_length() == 0
        calls = (factory.fee_to_setter.prepare(), factory.all_pairs_length.prepare())
        assert node.batch(*calls) == node.multicall(*calls) == (alice, 0)
        for target in (endpoint, ws):
            asyncio.run(async_face(target, factory.address))
        print(factory.address)
    """
)


def test_generated_package_deploys_and_calls_on_each_node(
    installed: Installed, devnode: DevNode, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    installed.run(
        installed.venv / "bin" / "abigen", "--abi", UNISWAP, "--pkg", "univ2", "--out", out
    )
    env = installed.env | {"PYTHONPATH": str(out)}
    result = subprocess.run(
        [
            str(installed.venv / "bin" / "python"),
            "-c",
            DEPLOY,
            devnode.http_url,
            devnode.ipc_path,
            devnode.ws_url,
        ],
        cwd=installed.scratch,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [len(line) for line in result.stdout.splitlines()] == [42, 42]
    # The installed client commands (on the dynamic binding) read the same contracts, each
    # over the transport that deployed it.
    factory_abi = UNISWAP / "UniswapV2Factory.json"
    alice = installed.run(
        installed.venv / "bin" / "abigen", "call", "--rpc", devnode.http_url, "--abi",
        factory_abi, "--address", result.stdout.split()[0], "feeToSetter",
    ).stdout.strip()  # fmt: skip
    for rpc, address in zip(
        (devnode.http_url, devnode.ipc_path), result.stdout.split(), strict=True
    ):
        shown = installed.run(
            installed.venv / "bin" / "abigen", "call", "--rpc", rpc, "--abi", factory_abi,
            "--address", address, "--json", "allPairsLength",
        ).stdout  # fmt: skip
        assert shown.strip() == "0", shown
    with abigen.connect(devnode.http_url) as node:
        assert alice == node.accounts[0]
