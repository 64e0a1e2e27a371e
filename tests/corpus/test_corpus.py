"""Real-world corpus, the four trees deployed on anvil and geth: OpenZeppelin 4.9.6 and Uniswap v2/v3
artifacts, as published on npm (generated from their roots by the `corpus` fixture, the same
run test_trees.py checks with mypy, pyright and ruff).

Every artifact gets a binding, and on each node every argument-free deployable contract is
deployed through its binding, whose argument-free views must answer exactly what web3's
dynamic contract answers. (The other trees are not deployed: their contracts mostly need
constructor arguments, libraries or other contracts, and comparing the few that do not adds
minutes for little the four do not already cover.)
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from types import ModuleType
from typing import Any

import pytest
from corpus_artifacts import DEPLOYED, PACKAGES, TREES, Artifact, distinct, load
from corpus_runs import Corpus
from web3 import HTTPProvider, Web3
from web3.exceptions import ContractLogicError

import abigen
from abigen import runtime as rt
from abigen.devnode import DevNode
from abigen.runtime import generated


@pytest.mark.parametrize("tree", DEPLOYED)
def test_a_module_per_contract(corpus: Corpus, tree: str) -> None:
    run = corpus.run(tree)
    assert (run.returncode, run.stderr) == (0, "")
    # A module per contract: same-named contracts and interfaces included, none overwritten.
    modules = {p.stem for p in corpus.package(tree).glob("*.py")} - {"__init__", "structs"}
    assert len(modules) == len(distinct(load(TREES[tree].root)))


@pytest.fixture(scope="session")
def imported(corpus: Corpus) -> Iterator[dict[str, list[ModuleType]]]:
    """Every generated module of the deployed trees, imported in this process: package -> its
    modules (the anvil comparison needs the classes here)."""
    for tree in DEPLOYED:
        corpus.run(tree)
    sys.path.insert(0, str(corpus.out))
    try:
        yield {
            pkg: [
                importlib.import_module(f"{pkg}.{p.stem}")
                for p in sorted((corpus.out / pkg).glob("*.py"))
                if p.stem != "__init__"
            ]
            for pkg in PACKAGES
        }
    finally:
        sys.path.remove(str(corpus.out))


def test_every_module_imports(imported: dict[str, list[ModuleType]]) -> None:
    for pkg, modules in imported.items():
        package = importlib.import_module(pkg)
        # a class per contract, and its async face
        assert len(package.__all__) == 2 * len(distinct(load(PACKAGES[pkg])))
        assert all(isinstance(getattr(package, name), type) for name in package.__all__)
        defined = [c for m in modules for c in contract_classes(m)]
        async_faces = [c for m in modules for c in vars(m).values() if _async_contract(c, m)]
        assert len(defined) + len(async_faces) == len(package.__all__)


def contract_classes(module: ModuleType) -> list[type[rt.Contract]]:
    """The contract classes `module` defines (not those it imports, e.g. for linking)."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, rt.Contract)
        and value.__module__ == module.__name__
    ]


def _async_contract(value: object, module: ModuleType) -> bool:
    return (
        isinstance(value, type)
        and issubclass(value, rt.AsyncContract)
        and value.__module__ == module.__name__
    )


# ---- on a node: the binding against web3's dynamic contract ----


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
    return {f.SIGNATURE: f for f in bound if isinstance(f, generated.ContractFunction)}


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
    # One block for both reads: views such as getCurrentBlockTimestamp() differ between blocks.
    block = node.block_number
    for signature in artifact.argless_views():
        if signature not in ours:
            tally.failures.append(f"{artifact.origin}: binding has no {signature}")
            continue
        got = outcome(partial(ours[signature], block=block), rt.ContractError)
        view = theirs.get_function_by_signature(signature)()
        want = outcome(partial(view.call, block_identifier=block), ContractLogicError)
        tally.compared += 1
        tally.reverts += got[0] == "reverts" == want[0]
        if got != want:
            tally.failures.append(f"{artifact.origin}: {signature}: {got} != web3 {want}")


@pytest.mark.e2e
def test_deployed_views_match_web3(
    imported: dict[str, list[ModuleType]], node: abigen.Node, devnode: DevNode, alice: str
) -> None:
    w3 = Web3(HTTPProvider(devnode.http_url))
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
        f"corpus on {devnode.name}: {len(total.deployed)} deployed, "
        f"{len(total.constructor_reverts)} constructors revert in both, "
        f"{total.compared} view calls compared ({total.reverts} revert in both)"
    )
    assert total.failures == []
    # Floors well under today's counts, so the test cannot pass by checking nothing.
    assert len(total.deployed) >= 55
    assert total.compared >= 25
