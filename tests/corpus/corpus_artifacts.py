"""Where the corpus lives, and its artifacts read on our own, without abigen, so the test does
not trust the tool it checks for what the inputs contain. (A helper module, not the conftest:
several conftest.py files share that module name, so tests cannot import from it reliably.)

Shapes found in the corpus: Hardhat artifacts (OpenZeppelin, Uniswap v3: `abi`, `bytecode`,
`linkReferences`), Waffle artifacts (Uniswap v2: `abi`, `bytecode`, `evm`) and one solc
--combined-json file (Uniswap v2's Combined-Json.json: `contracts` -> `path:Name` -> `abi`,
`bin`), whose contracts repeat the Waffle ones from the same sources.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "corpus"

# Python package name -> the artifact folder handed to abigen, as fetch.sh lays it out.
PACKAGES = {
    "oz": CACHE / "openzeppelin" / "build" / "contracts",
    "univ2": CACHE / "uniswap-v2-core" / "build",
    "univ3": CACHE / "uniswap-v3-core" / "artifacts",
    "univ3p": CACHE / "uniswap-v3-periphery" / "artifacts",
}


@dataclass(frozen=True)
class Generated:
    """What the session's generation fixture made."""

    out: Path  # holds one package folder per PACKAGES key
    runs: dict[str, subprocess.CompletedProcess[str]]  # package -> its abigen run


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


def load(folder: Path) -> list[Artifact]:
    """Every contract in the JSON files under `folder`, in path order."""
    found: list[Artifact] = []
    for path in sorted(folder.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "contracts" in data:  # solc --combined-json
            for key, entry in sorted(data["contracts"].items()):
                found.append(_artifact(key.rpartition(":")[2], f"{path}:{key}", entry))
        else:
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
