"""Many contracts -> one package: module and class names, structs shared across contracts.

Same-named contracts from different source files get distinct modules and classes, derived
from the part of their source paths that differs, so neither overwrites the other.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from abigen.binding import model as out
from abigen.binding.imports import Needs, import_lines
from abigen.binding.modules import module_name
from abigen.binding.naming import Scope, export_order, pascal_case, snake_case
from abigen.binding.types import BUILTIN_TYPES, TypeMapper
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.types import Tuple

STRUCTS_MODULE = "structs"


@dataclass(frozen=True)
class Identity:
    """What tells a package's contracts apart: name, source unit, compiler, input file."""

    name: str
    source_path: str | None = None
    compiler: str | None = None  # "0.8.26"
    origin: str = ""


@dataclass(frozen=True)
class Member:
    """One contract of the package, parsed, with its final module and class names."""

    name: str
    source_path: str | None
    module: str
    class_name: str


def name_members(contracts: Sequence[Identity]) -> list[Member]:
    """Contracts -> members with unique module and class names, independent of input order.

    Same-named contracts are qualified by what tells them apart: the part of their source
    paths that differs, else the compiler version (Foundry builds a contract once per solc
    version), else the input file. Module names never shadow the standard library or a
    test runner's pattern (`modules.module_name`).
    """
    groups: defaultdict[str, list[int]] = defaultdict(list)
    for index, contract in enumerate(contracts):
        groups[snake_case(_identifier(contract.name)) or "contract"].append(index)
    scope = Scope((STRUCTS_MODULE,))
    members: list[Member | None] = [None] * len(contracts)
    for base in sorted(groups):
        indices = sorted(groups[base], key=lambda i: _order(contracts[i]))
        suffixes = _distinguishing_suffixes([contracts[i] for i in indices])
        for index, words in zip(indices, suffixes, strict=True):
            contract = contracts[index]
            module = module_name("_".join([base, *words]))
            class_name = (pascal_case(_identifier(contract.name)) or "Contract") + "".join(
                _class_word(word) for word in words
            )
            members[index] = Member(
                contract.name,
                contract.source_path,
                scope.claim_unique(module, contract.name),
                class_name,
            )
    return [m for m in members if m is not None]


def _order(contract: Identity) -> tuple[str, str, str, str]:
    return (contract.source_path or "", contract.compiler or "", contract.origin, contract.name)


def _distinguishing_suffixes(group: Sequence[Identity]) -> list[list[str]]:
    """Words appended to each name: the first identity level whose words tell all apart."""
    if len(group) == 1:
        return [[]]
    paths = [_path_words(c.name, c.source_path) for c in group]
    versions = [_version_words(c.compiler) for c in group]
    origins = [_words(c.origin) for c in group]
    levels = [
        paths,
        [p + v for p, v in zip(paths, versions, strict=True)],
        [p + v + o for p, v, o in zip(paths, versions, origins, strict=True)],
    ]
    for paths in levels:
        suffixes = _strip_common_prefix(paths)
        # One may stay unqualified (src/Math.sol keeps `Math` beside src/FullMath.sol's).
        if len({tuple(s) for s in suffixes}) == len(group):
            return suffixes
    return [[str(position)] for position in range(1, len(group) + 1)]


def _strip_common_prefix(paths: list[list[str]]) -> list[list[str]]:
    common = 0
    while all(len(p) > common for p in paths) and len({p[common] for p in paths}) == 1:
        common += 1
    return [p[common:] for p in paths]


def _path_words(name: str, source: str | None) -> list[str]:
    if not source:
        return []
    parts = list(PurePosixPath(source.replace("\\", "/")).parts)
    if parts:
        stem = parts.pop()
        # "a/Token.sol:Token", "test/Token.t.sol:Token": the file repeats the contract name.
        if stem.split(".")[0] != name:
            parts.append(stem.removesuffix(".sol").removesuffix(".vy"))
    return [word for part in parts for word in _words(part)]


def _words(text: str) -> list[str]:
    """Any path part (`@uniswap`, `v2-core`, `Hooks.t`, `ﬁle`) -> identifier-safe words."""
    return [word for run in _identifier(text).split("_") if (word := snake_case(run))]


def _identifier(text: str) -> str:
    """ASCII letters, digits and `_` only: a contract name from a file name (`my-token`) or a
    non-ASCII one (`ﬁle`, which Python would NFKC-normalise to `file` on import)."""
    ascii_text = unicodedata.normalize("NFKC", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_]+", "_", ascii_text)


def _version_words(compiler: str | None) -> list[str]:
    return [f"v{compiler.replace('.', '_')}"] if compiler else []


def _class_word(word: str) -> str:
    # A version keeps its underscores (StdJsonV0_8_15); other words are PascalCased.
    if re.fullmatch(r"v\d+(_\d+)*", word):
        return "V" + word[1:]
    return "".join(part[:1].upper() + part[1:] for part in word.split("_"))


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
    imports = import_lines(
        Needs(
            abc=mapper.needs_abc,
            named_tuple=True,
            runtime=mapper.needs_runtime,
            codec=codecs,
        )
    )
    classes = tuple(sorted(structs, key=lambda s: s.class_name))
    exports = tuple(export_order(s.class_name for s in classes))
    return names, out.StructsModule(imports, structs, classes, codecs, exports)
