"""Real-world corpus: OpenZeppelin 4.9.6 and Uniswap v2/v3 artifacts, as published on npm.

Every artifact gets a binding (one abigen run per package, via the real CLI), every module
imports, the whole output passes mypy --strict and pyright --strict, and on anvil every
argument-free deployable contract is deployed through its binding, whose argument-free views
must answer exactly what web3's dynamic contract answers.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from corpus_artifacts import PACKAGES, ROOT, Artifact, Generated, distinct, load
from web3 import HTTPProvider, Web3
from web3.exceptions import ContractLogicError

import abigen
from abigen import runtime as rt
from abigen.devnode import Anvil

PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"


@pytest.mark.parametrize("pkg", sorted(PACKAGES))
def test_each_package_generates_in_one_run(generated: Generated, pkg: str) -> None:
    run = generated.runs[pkg]
    assert (run.returncode, run.stderr) == (0, "")
    # A module per contract: same-named contracts and interfaces included, none overwritten.
    modules = {p.stem for p in (generated.out / pkg).glob("*.py")} - {"__init__", "structs"}
    assert len(modules) == len(distinct(load(PACKAGES[pkg])))


@pytest.fixture(scope="session")
def imported(generated: Generated) -> Iterator[dict[str, list[ModuleType]]]:
    """Every generated module, imported in this process: package -> its modules."""
    sys.path.insert(0, str(generated.out))
    try:
        yield {
            pkg: [
                importlib.import_module(f"{pkg}.{p.stem}")
                for p in sorted((generated.out / pkg).glob("*.py"))
                if p.stem != "__init__"
            ]
            for pkg in PACKAGES
        }
    finally:
        sys.path.remove(str(generated.out))


def test_every_module_imports(imported: dict[str, list[ModuleType]]) -> None:
    for pkg, modules in imported.items():
        package = importlib.import_module(pkg)
        assert len(package.__all__) == len(distinct(load(PACKAGES[pkg])))  # a class per contract
        assert all(isinstance(getattr(package, name), type) for name in package.__all__)
        defined = [c for m in modules for c in contract_classes(m)]
        assert len(defined) == len(package.__all__)


def contract_classes(module: ModuleType) -> list[type[rt.Contract]]:
    """The contract classes `module` defines (not those it imports, e.g. for linking)."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, rt.Contract)
        and value.__module__ == module.__name__
    ]


@dataclass(frozen=True)
class TypeChecks:
    mypy: subprocess.CompletedProcess[str]
    pyright_errors: list[str]  # one line per error


@pytest.fixture(scope="session")
def type_checks(generated: Generated) -> TypeChecks:
    """mypy --strict and pyright --strict over all four packages, run side by side (2 cores)."""
    out = generated.out  # cwd: no config file of ours applies there
    config = out / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.10"}))
    pyright_args = ["-p", str(config), "--pythonpath", sys.executable, "--outputjson"]
    pyright = subprocess.Popen(
        [str(PYRIGHT), *pyright_args, *PACKAGES], cwd=out, stdout=subprocess.PIPE, text=True
    )
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10"]
        + ["--cache-dir", str(out / ".mypy_cache")]
        + [arg for pkg in PACKAGES for arg in ("-p", pkg)],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(pyright.communicate(timeout=600)[0])
    errors = [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']} ({d.get('rule')})"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    return TypeChecks(mypy, errors)


def test_mypy_strict_over_all_packages(type_checks: TypeChecks) -> None:
    assert type_checks.mypy.returncode == 0, (
        type_checks.mypy.stdout[-3000:] + type_checks.mypy.stderr
    )


def test_pyright_strict_over_all_packages(type_checks: TypeChecks) -> None:
    assert type_checks.pyright_errors == []


@pytest.fixture(scope="session")
def ruff_findings(generated: Generated) -> list[str]:
    """The project's own ruff rules (pyproject.toml) over the output: README says it passes."""
    options = ["--config", str(ROOT / "pyproject.toml"), "--output-format", "concise", "--no-cache"]
    run = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", *options, *PACKAGES],
        cwd=generated.out,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in run.stdout.splitlines() if line.startswith(tuple(PACKAGES))]


def test_ruff_over_all_packages(ruff_findings: list[str]) -> None:
    assert ruff_findings == []


# ---- on anvil: the binding against web3's dynamic contract ----


def plain(value: object) -> object:
    """NamedTuples, tuples and lists -> nested lists; bytes subclasses (HexBytes) -> bytes."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return bytes(value)
    return value


def outcome(call: Callable[[], object], reverted: type[Exception]) -> tuple[str, object]:
    try:
        return ("value", repr(plain(call())))  # repr: True and 1 must not compare equal
    except reverted:
        return ("reverts", None)
    except Exception as exc:  # anything else is a mismatch to report, not a reason to stop
        return ("raises", repr(exc))


@dataclass
class Tally:
    deployed: list[str] = field(default_factory=list[str])
    constructor_reverts: list[str] = field(default_factory=list[str])  # in both clients
    compared: int = 0
    reverts: int = 0  # compared calls that reverted in both
    failures: list[str] = field(default_factory=list[str])


def classes_by_bytecode(modules: list[ModuleType]) -> dict[bytes, list[type[rt.Contract]]]:
    """Generated contract classes, keyed by creation code (the link back to their artifacts)."""
    found: dict[bytes, list[type[rt.Contract]]] = {}
    for kind in (c for m in modules for c in contract_classes(m)):
        found.setdefault(kind.BYTECODE, []).append(kind)
    return found


def functions_by_signature(contract: rt.Contract) -> dict[str, Any]:
    """Its bound functions by Solidity signature (Any: the generated subclasses are callable)."""
    bound = (getattr(contract, name) for name in vars(type(contract)))
    return {f.SIGNATURE: f for f in bound if isinstance(f, rt.ContractFunction)}


def check_artifact(
    artifact: Artifact,
    kind: type[rt.Contract],
    node: abigen.Node,
    w3: Web3,
    alice: str,
    tally: Tally,
) -> None:
    deployer: Any = kind  # `deploy` is generated: Contract itself has none
    try:
        contract = deployer.deploy(node, sender=alice)
    except rt.ContractError:
        # Some constructors revert without their factory (UniswapV3Pool): web3 must agree.
        factory = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
        web3_deploy = outcome(
            lambda: factory.constructor().estimate_gas({"from": alice}), ContractLogicError
        )
        if web3_deploy[0] != "reverts":
            tally.failures.append(f"{artifact.origin}: deploy reverts, not with web3")
        else:
            tally.constructor_reverts.append(artifact.origin)
        return
    tally.deployed.append(artifact.origin)
    ours = functions_by_signature(contract)
    theirs = w3.eth.contract(address=contract.address, abi=artifact.abi)
    for signature in artifact.argless_views():
        if signature not in ours:
            tally.failures.append(f"{artifact.origin}: binding has no {signature}")
            continue
        got = outcome(ours[signature], rt.ContractError)
        want = outcome(theirs.get_function_by_signature(signature)().call, ContractLogicError)
        tally.compared += 1
        tally.reverts += got[0] == "reverts" == want[0]
        if got != want:
            tally.failures.append(f"{artifact.origin}: {signature}: {got} != web3 {want}")


@pytest.mark.e2e
def test_deployed_views_match_web3(
    imported: dict[str, list[ModuleType]], node: abigen.Node, anvil: Anvil, alice: str
) -> None:
    w3 = Web3(HTTPProvider(anvil.http_url))
    total = Tally()
    for pkg, modules in imported.items():
        classes = classes_by_bytecode(modules)
        for artifact in distinct(load(PACKAGES[pkg])):
            if not artifact.deployable:
                continue
            # Same-named duplicates share their code: each takes the next unused class.
            candidates = classes.get(bytes.fromhex(artifact.bytecode), [])
            if not candidates:  # so: not generated, or BYTECODE differs from the artifact
                total.failures.append(f"{artifact.origin}: no binding carries its bytecode")
                continue
            check_artifact(artifact, candidates.pop(0), node, w3, alice, total)
    print(
        f"corpus on anvil: {len(total.deployed)} deployed, "
        f"{len(total.constructor_reverts)} constructors revert in both, "
        f"{total.compared} view calls compared ({total.reverts} revert in both)"
    )
    assert total.failures == []
    # Floors well under today's counts, so the test cannot pass by checking nothing.
    assert len(total.deployed) >= 55
    assert total.compared >= 25
