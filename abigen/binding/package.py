"""Many contracts -> one package: module and class names, structs shared across contracts.

Same-named contracts from different source files get distinct modules and classes, derived
from the part of their source paths that differs, so neither overwrites the other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from abigen.abi import model as abi
from abigen.abi.types import Tuple
from abigen.binding import model as out
from abigen.binding.naming import Scope, pascal_case, snake_case
from abigen.binding.types import BUILTIN_TYPES, TypeMapper

STRUCTS_MODULE = "structs"


@dataclass(frozen=True)
class Member:
    """One contract of the package, parsed, with its final module and class names."""

    name: str
    source_path: str | None
    module: str
    class_name: str


def name_members(contracts: Sequence[tuple[str, str | None]]) -> list[Member]:
    """(contract name, source path) pairs -> members with unique module and class names."""
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, (name, _) in enumerate(contracts):
        groups[snake_case(name) or "contract"].append(index)
    scope = Scope((STRUCTS_MODULE,))
    members: list[Member | None] = [None] * len(contracts)
    for base in sorted(groups):
        indices = groups[base]
        suffixes = _distinguishing_suffixes([contracts[i] for i in indices])
        for index, suffix in zip(indices, suffixes, strict=True):
            name, source = contracts[index]
            module = scope.claim_unique(f"{base}_{suffix}" if suffix else base, name)
            class_name = (pascal_case(name) or "Contract") + pascal_case(suffix)
            members[index] = Member(name, source, module, class_name)
    return [m for m in members if m is not None]


def _distinguishing_suffixes(group: Sequence[tuple[str, str | None]]) -> list[str]:
    if len(group) == 1:
        return [""]
    paths = [_path_words(name, source) for name, source in group]
    common = 0
    while all(len(p) > common for p in paths) and len({p[common] for p in paths}) == 1:
        common += 1
    return ["_".join(p[common:]) or str(position) for position, p in enumerate(paths, 1)]


def _path_words(name: str, source: str | None) -> list[str]:
    if not source:
        return []
    parts = list(PurePosixPath(source).with_suffix("").parts)
    if parts and parts[-1] == name:
        parts.pop()  # "a/Token.sol:Token": the file stem repeats the contract name
    return [snake_case(part) or "x" for part in parts]


def shared_structs(
    contracts: Sequence[abi.ContractAbi], class_names: Sequence[str], tuples: Sequence[list[Tuple]]
) -> tuple[dict[Tuple, str], out.StructsModule | None]:
    """Structs used by two or more contracts: named once, package-wide, for the structs module."""
    counts = Counter(t for per_contract in tuples for t in set(per_contract))
    mapper = TypeMapper()
    for per_contract in tuples:
        for tuple_type in per_contract:
            if counts[tuple_type] > 1:
                mapper.collect(tuple_type, "Shared")
    if not mapper.tuples:
        return {}, None
    mapper.name_structs(Scope((*BUILTIN_TYPES, *class_names)))
    structs = mapper.structs()
    names = {t: s.class_name for t, s in zip(mapper.tuples, structs, strict=True)}
    codecs = any(s.fields_class for s in structs)
    stdlib = ["from typing import NamedTuple as _NamedTuple"]
    if any("_abc." in p.annotation for s in structs if s.fields_class for p in s.params):
        stdlib.insert(0, "import collections.abc as _abc")
    runtime: list[str] = []
    uses_rt = any(s.hex_repr or any("_rt." in f.annotation for f in s.fields) for s in structs)
    if codecs or uses_rt:
        runtime.append("from abigen import runtime as _rt")
    if codecs:
        runtime.append("from abigen.runtime import codec as _c")
    imports = ["from __future__ import annotations", "", *stdlib]
    if runtime:
        imports += ["", *runtime]
    return names, out.StructsModule(tuple(imports), structs, codecs)
