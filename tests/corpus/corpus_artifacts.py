"""Where the corpus lives, and its artifacts read on our own, without abigen, so the test does
not trust the tool it checks for what the inputs contain. (A helper module, not the conftest:
several conftest.py files share that module name, so tests cannot import from it reliably.)

The corpus is twelve published npm packages, each kept as a tree of every JSON file it ships
(tests/corpus/fetch.sh). Shapes found in it: Hardhat artifacts (`abi`, `bytecode`,
`linkReferences`, next to `.dbg.json` and build-info files that are not ABIs), Foundry
artifacts (`abi`, `bytecode.object`, `metadata`; Yul ones with `"abi": null`), Waffle
artifacts (Uniswap v2: `abi`, `evm`), solc --combined-json (Uniswap v2's Combined-Json.json),
Remix artifacts (`deploy`, `data`, `abi`), 0x artifacts (`compilerOutput.abi`), bare ABI
arrays (Chainlink's abi/), and plenty of JSON that is no ABI at all (package.json, solhint
configs, gas snapshots, solc metadata, a CHANGELOG).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "corpus"


@dataclass(frozen=True)
class Tree:
    id: str  # folder under .cache/corpus (fetch.sh) and pytest parameter id
    pkg: str  # the Python package generated from it
    # Files whose ABI is not ABI: each is refused in one line naming it, the rest generates and
    # the run exits 1. (A library's ABI names contract types, `IPoolManager`, where an ABI has
    # `address`, and its selectors use them: solc's library ABI, not callable as the ABI says.)
    invalid: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return CACHE / self.id


TREES = {
    tree.id: tree
    for tree in (
        Tree("openzeppelin", "oz"),
        Tree("uniswap-v2-core", "univ2"),
        Tree("uniswap-v3-core", "univ3"),
        Tree("uniswap-v3-periphery", "univ3p"),
        Tree("uniswap-v2-periphery", "univ2p"),
        Tree("uniswap-v4-core", "univ4", ("out/AmountHelpers.sol/AmountHelpers.json",)),
        Tree("arbitrum-nitro", "nitro"),
        Tree("optimism", "optimism"),
        Tree("optimism-bedrock", "bedrock"),
        Tree("zeroex", "zeroex"),
        Tree("aave-v3", "aave"),
        Tree("chainlink", "chainlink"),
    )
}
# The trees whose deployable contracts are compared with web3 on anvil (test_corpus.py).
DEPLOYED = ("openzeppelin", "uniswap-v2-core", "uniswap-v3-core", "uniswap-v3-periphery")
PACKAGES = {TREES[tree].pkg: TREES[tree].root for tree in DEPLOYED}


@dataclass(frozen=True)
class Artifact:
    name: str
    origin: str  # file, plus ":path:Name" inside a combined-json file
    abi: list[dict[str, Any]]
    bytecode: str  # creation code, hex without 0x; "" for interfaces and abstract contracts
    linked: bool  # needs library addresses linked in

    def constructor_inputs(self) -> list[Any]:
        return next((e.get("inputs", []) for e in self.abi if e["type"] == "constructor"), [])

    @property
    def deployable(self) -> bool:
        """Has code, needs no constructor arguments and no libraries."""
        return bool(self.bytecode) and not self.linked and not self.constructor_inputs()

    def argless_views(self) -> list[str]:
        """Signatures of view/pure functions without inputs (legacy `constant` counts too)."""
        return [
            f"{e['name']}()"
            for e in self.abi
            if e["type"] == "function"
            and not e.get("inputs")
            and (e.get("stateMutability") in ("view", "pure") or e.get("constant") is True)
        ]


def abi_entries(data: object) -> list[tuple[str, object]]:
    """The ABIs a JSON value carries, as (where inside the file, ABI): [] if it is not an
    ABI-bearing shape. An ABI is a JSON array (or, from older solc, a string holding one)."""
    if isinstance(data, list):
        entries = cast("list[object]", data)
        is_abi = all(isinstance(e, dict) and {"type", "inputs"} & e.keys() for e in entries)
        return [("", entries)] if is_abi else []
    if not isinstance(data, dict):
        return []
    top = cast("dict[str, Any]", data)
    if "abi" in top:  # Hardhat, Foundry, Truffle, Waffle, Remix
        return [("", top["abi"])] if isinstance(top["abi"], (list, str)) else []
    output = top.get("compilerOutput")  # 0x's artifacts
    if isinstance(output, dict) and "abi" in output:
        return [("", cast("dict[str, Any]", output)["abi"])]
    found: list[tuple[str, object]] = []
    units = top.get("contracts")
    if isinstance(units, dict):  # solc --combined-json ("path:Name") or standard-JSON output
        for key, unit in sorted(cast("dict[str, Any]", units).items()):
            if isinstance(unit, dict) and "abi" in unit:
                found.append((key, unit["abi"]))
            elif isinstance(unit, dict):
                for name, entry in sorted(cast("dict[str, Any]", unit).items()):
                    if isinstance(entry, dict) and "abi" in entry:
                        found.append((f"{key}:{name}", entry["abi"]))
    return found


def read_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def abi_files(folder: Path) -> list[Path]:
    """The ABI-bearing JSON files under `folder`, in path order."""
    return [path for path in sorted(folder.rglob("*.json")) if abi_entries(read_json(path))]


def load(folder: Path) -> list[Artifact]:
    """Every contract in the ABI-bearing JSON files under `folder`, in path order."""
    found: list[Artifact] = []
    for path in sorted(folder.rglob("*.json")):
        data = read_json(path)
        if not abi_entries(data):  # package.json and the like
            continue
        if isinstance(data, dict) and "contracts" in data:  # solc --combined-json
            for key, entry in sorted(data["contracts"].items()):
                found.append(_artifact(key.rpartition(":")[2], f"{path}:{key}", entry))
        elif isinstance(data, dict):
            found.append(_artifact(data.get("contractName", path.stem), str(path), data))
    return found


def _artifact(name: str, origin: str, entry: dict[str, Any]) -> Artifact:
    abi = entry["abi"]
    if isinstance(abi, str):  # older solc wrote the ABI as a JSON string
        abi = json.loads(abi)
    code = entry.get("bytecode", entry.get("bin", ""))
    if isinstance(code, dict):
        code = code.get("object", "")
    code = code.removeprefix("0x").lower()
    links = entry.get("linkReferences") or entry.get("evm", {}).get("bytecode", {}).get(
        "linkReferences"
    )
    return Artifact(name, origin, abi, code, bool(links) or "__" in code)


def distinct(artifacts: list[Artifact]) -> list[Artifact]:
    """One of each contract: builds ship the same one in several files (Uniswap v2 has Waffle
    artifacts and a combined JSON of the same compilation), and abigen binds it once."""
    seen: set[tuple[str, str, str]] = set()
    unique: list[Artifact] = []
    for artifact in artifacts:
        key = (artifact.name, json.dumps(artifact.abi, sort_keys=True), artifact.bytecode)
        if key not in seen:
            seen.add(key)
            unique.append(artifact)
    return unique
