"""A whole project tree in one run, as users point abigen at theirs: no flags needed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from test_cli_package import GENERATED_MARK, imports, run

ROOT = Path(__file__).resolve().parents[2]
TREE = ROOT / "tests" / "fixtures" / "tree"
GOLDEN = ROOT / "tests" / "golden" / "bindings" / "tree"


def test_a_project_tree_generates_with_no_flags(tmp_path: Path) -> None:
    result = run("--abi", TREE, "--pkg", "tree", "--out", tmp_path, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    written = {p.name: p.read_text() for p in (tmp_path / "tree").iterdir()}
    assert written == {p.name: p.read_text() for p in GOLDEN.iterdir() if p.suffix == ".py"}


def test_a_trailing_slash_means_a_folder_and_creates_it(tmp_path: Path) -> None:
    token = TREE / "out" / "Token.sol" / "Token.json"
    result = run("--abi", token, "--pkg", "app", "--out", "src/", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(p.name for p in (tmp_path / "src" / "app").iterdir()) == [
        "__init__.py",
        "token_.py",
    ]


def test_a_missing_folder_without_the_slash_is_an_error(tmp_path: Path) -> None:
    result = run("--abi", TREE, "--pkg", "app", "--out", "src", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "abigen: error: cannot write package 'app': folder src does not exist\n"
    assert list(tmp_path.iterdir()) == []


def test_importing_the_package_loads_no_contract_module(tmp_path: Path) -> None:
    assert run("--abi", TREE, "--pkg", "tree", "--out", tmp_path, cwd=tmp_path).returncode == 0
    out = imports(
        tmp_path,
        "import sys, tree;"
        "print(sorted(m for m in sys.modules if m.startswith('tree.')));"
        "vault = tree.VaultV0_8_26;"
        "print(sorted(m for m in sys.modules if m.startswith('tree.')));"
        "print(vault is tree.VaultV0_8_26, 'Clashes' in dir(tree));"
        "from tree import *;"
        "print(len([m for m in sys.modules if m.startswith('tree.')]))",
    )
    assert out.splitlines() == ["[]", "['tree.vault_v0_8_26']", "True True", "14"]
    missing = imports(
        tmp_path,
        "import tree\ntry:\n    tree.Nope\nexcept AttributeError as e:\n    print(e)",
    )
    assert missing == "module 'tree' has no attribute 'Nope'\n"


def test_a_contract_that_fails_keeps_its_earlier_module(tmp_path: Path) -> None:
    tree = tmp_path / "project"
    shutil.copytree(TREE, tree)
    assert run("--abi", tree, "--pkg", "app", "--out", tmp_path, cwd=tmp_path).returncode == 0
    vault = tmp_path / "app" / "vault_v0_8_26.py"
    before = vault.read_text()
    broken = tree / "out" / "Vault.sol" / "Vault.0.8.26.json"
    artifact = json.loads(broken.read_text())
    artifact["abi"][0]["outputs"][0]["type"] = "uint257"
    broken.write_text(json.dumps(artifact))
    result = run("--abi", tree, "--pkg", "app", "--out", tmp_path, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "uint257" in result.stderr
    assert vault.read_text() == before  # not removed as if the contract were gone
    assert before.startswith(GENERATED_MARK)


def test_a_shared_struct_is_built_from_what_users_hold(tmp_path: Path) -> None:
    assert run("--abi", TREE, "--pkg", "tree", "--out", tmp_path, cwd=tmp_path).returncode == 0
    lower = "0x5fbdb2315678afecb367f032d93f642f64180aa3"
    out = imports(
        tmp_path,
        "from tree.structs import PoolKey;"
        "from tree.pool_manager import PoolKey as Same;"
        f"key = PoolKey('{lower}', '{lower}', 3000, '0x' + '00' * 31 + '01');"
        "print(key.currency0, key is not None and PoolKey is Same);"
        "print(key == PoolKey(key.currency0, key.currency1, 3000, bytes(31) + b'\\x01'));"
        "print(repr(key).split('salt=')[1])",
    )
    assert out.splitlines() == [
        "0x5FbDB2315678afecb367f032d93F642f64180aa3 True",
        "True",
        "0x" + "00" * 31 + "01)",
    ]


def _zerox(abi: object) -> str:
    return json.dumps({"contractName": "Proxy", "compilerOutput": {"abi": abi, "evm": {}}})


def test_a_malformed_0x_artifact_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "Proxy.json").write_text(_zerox({"not": "a list"}))
    result = run("--abi", "Proxy.json", "--pkg", "app", "--out", "src/", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "abigen: error: Proxy.json: an ABI must be a JSON array of entries, got an object\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Proxy.json"]  # no src/ either


def test_hostile_contract_names_in_a_tree_become_importable_modules(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    names = ["a\nb", "x'); import os; ('", "\u202egnp", "\ufb01le", "../../etc", "9" * 300]
    for position, name in enumerate(names):
        artifact = {"contractName": name, "abi": [], "sourceName": f"src/{position}.sol"}
        (tree / f"{position}.json").write_text(json.dumps(artifact))
    result = run("--abi", tree, "--pkg", "app", "--out", tmp_path, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    modules = sorted(p.name for p in (tmp_path / "app").iterdir())
    assert all(m.isascii() and m.removesuffix(".py").isidentifier() for m in modules), modules
    out = imports(tmp_path, "import app; print(len([getattr(app, n) for n in app.__all__]))")
    assert out == f"{2 * len(names)}\n"  # each contract and its async face
    assert not (tmp_path / "etc").exists()


def test_an_out_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    token = TREE / "out" / "Token.sol" / "Token.json"
    result = run("--abi", token, "--pkg", "app", "--out", "afile/src/", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("abigen: error: cannot create folder afile/src: ")
    assert result.stderr.count("\n") == 1
    assert (tmp_path / "afile").read_text() == "not a folder"
