"""The generation pipeline: sources -> ABI model -> binding model -> text -> checked text.

One contract gives one module (go-ethereum's behaviour); several give a package with a
module per contract, a `structs` module for structs they share, and an `__init__` that
re-exports the contract classes. A contract that cannot be bound is reported by name and
the others are still generated.
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from abigen.binding.build import bind, check_aliases, tuples_of
from abigen.binding.model import Module, Package
from abigen.binding.naming import KEYWORDS, NameCollisionError, pascal_case
from abigen.binding.package import (
    STRUCTS_MODULE,
    Identity,
    Member,
    name_members,
    shared_structs,
)
from abigen.natspec import attach
from abigen.output import finish
from abigen.render import render_module, render_package_init, render_structs
from abigen.runtime.abi.model import ContractAbi
from abigen.runtime.abi.parse import AbiError, parse_abi
from abigen.runtime.abi.types import AbiTypeError
from abigen.sources import ContractSource, SourceError, load_bytecode, load_inputs


class GenerationError(ValueError):
    """A user-facing, one-line reason why nothing can be generated."""


@dataclass(frozen=True)
class Request:
    abi_path: str | Sequence[str]  # one or more files, folders, globs; "-" for stdin
    package: str
    type_name: str | None = None
    bin_path: str | None = None
    aliases: Mapping[str, str] | None = None
    combined_json: str | None = None
    exclude: Sequence[str] = ()
    as_package: bool = False  # a package even for one contract (--out names a folder)

    @property
    def abi_paths(self) -> list[str]:
        return [self.abi_path] if isinstance(self.abi_path, str) else list(self.abi_path)


@dataclass(frozen=True)
class Output:
    """What a run produces: one module, or a package's files; plus per-input errors."""

    module: str | None = None  # single-contract mode: the module's source
    package: dict[str, str] = field(default_factory=dict[str, str])  # path in package -> source
    errors: list[str] = field(default_factory=list[str])  # one line per input not bound


def generate(request: Request) -> str:
    """The source of the one binding module `request` describes (errors raise)."""
    result = run(request)
    if result.errors:
        raise GenerationError(result.errors[0])
    if result.module is None:
        count = len(result.package) - 1 - (f"{STRUCTS_MODULE}.py" in result.package)
        raise GenerationError(
            f"the inputs hold {count} contracts: use --out DIR to write a package"
        )
    return result.module


def run(request: Request) -> Output:
    """Load, bind and render everything the request names."""
    request = _normalised(request)
    _check_name("--pkg", request.package, "module name")
    if request.type_name is not None:
        _check_name("--type", request.type_name, "class name")
    try:
        sources, load_errors = load_inputs(
            request.abi_paths, combined_json=request.combined_json, exclude=request.exclude
        )
        if request.bin_path is not None:
            sources = _with_bytecode(sources, load_bytecode(request.bin_path), request.bin_path)
    except SourceError as exc:
        raise GenerationError(str(exc)) from None
    errors = [str(e) for e in load_errors]
    sources = _distinct(sources)
    if not sources:
        raise GenerationError(errors[0] if errors else "the inputs hold no contract")
    if len(sources) == 1 and not errors and not request.as_package:
        return Output(module=_single(sources[0], request))
    if request.type_name is not None:
        raise GenerationError(
            f"--type names one class, but the inputs hold {len(sources)} contracts"
        )
    package = _package(request.package, sources, request.aliases or {})
    return Output(package=package.files, errors=errors + package.errors)


def _distinct(sources: Sequence[ContractSource]) -> list[ContractSource]:
    """One of each contract: a build often holds the same one twice (Uniswap v2 ships Waffle
    artifacts and a solc combined JSON of one compilation; Foundry writes `Name.0.8.15.json`
    and `Name.0.8.26.json` for a contract built by two compilers). Same name, source unit and
    ABI (in any entry order) is one contract, bound with the newest compiler's bytecode."""
    groups: dict[tuple[str, str | None, tuple[str, ...]], list[ContractSource]] = {}
    for source in sources:
        entries = tuple(sorted(json.dumps(entry, sort_keys=True) for entry in source.abi))
        groups.setdefault((source.name, source.source_path, entries), []).append(source)
    return [max(group, key=_newest) for group in groups.values()]


def _newest(source: ContractSource) -> tuple[tuple[int, ...], bool, str]:
    version = tuple(int(part) for part in (source.compiler or "").split(".") if part)
    return version, source.bytecode is not None, source.origin


def _nfkc(name: str) -> str:
    return unicodedata.normalize("NFKC", name)


def _normalised(request: Request) -> Request:
    """The request with its names NFKC-normalised, as Python normalises identifiers when it
    parses them: a module written as `ﬁle.py` could never be imported as `ﬁle` (that is
    `file`), and `__all__` would name a class the module does not define."""
    aliases = {old: _nfkc(new) for old, new in (request.aliases or {}).items()}
    type_name = None if request.type_name is None else _nfkc(request.type_name)
    return dataclasses.replace(
        request, package=_nfkc(request.package), type_name=type_name, aliases=aliases
    )


def _check_name(flag: str, name: str, kind: str) -> None:
    if not name.isidentifier() or name in KEYWORDS:
        raise GenerationError(f"{flag} {name!r} is not a valid Python {kind}")


def _with_bytecode(sources: list[ContractSource], code: str, path: str) -> list[ContractSource]:
    if len(sources) != 1:
        raise GenerationError(
            f"--bin {path} gives one bytecode, but the inputs hold {len(sources)} contracts"
        )
    if "__" in code:  # a bare hex file says nothing about which library goes where
        raise GenerationError(
            f"{path}: bytecode has unlinked library placeholders; link it first, or pass the "
            "compiler's artifact (with its linkReferences) as --abi instead"
        )
    return [dataclasses.replace(sources[0], bytecode=code)]


def _parse(source: ContractSource) -> ContractAbi:
    try:
        return attach(parse_abi(source.abi), source.devdoc, source.userdoc)
    except (AbiError, AbiTypeError) as exc:
        raise GenerationError(f"{source.origin}: {exc}") from None


def _single(source: ContractSource, request: Request) -> str:
    contract = _parse(source)
    try:
        module = bind(
            contract,
            type_name=request.type_name or pascal_case(request.package),
            bytecode=source.bytecode,
            aliases=request.aliases,
            link_references=source.link_references,
        )
    except NameCollisionError as exc:
        raise GenerationError(f"{source.origin}: {exc}") from None
    name = f"{request.package}.py"
    return finish({name: render_module(module)})[name]


@dataclass(frozen=True)
class _PackageFiles:
    files: dict[str, str]
    errors: list[str]


def _package(
    package: str, sources: Sequence[ContractSource], aliases: Mapping[str, str]
) -> _PackageFiles:
    errors: list[str] = []
    parsed: list[tuple[ContractSource, ContractAbi]] = []
    for source in sources:
        try:
            parsed.append((source, _parse(source)))
        except GenerationError as exc:
            errors.append(str(exc))
    try:
        check_aliases([contract for _, contract in parsed], aliases)
    except NameCollisionError as exc:
        raise GenerationError(str(exc)) from None
    members = name_members(
        [Identity(s.name, s.source_path, s.compiler, s.origin) for s, _ in parsed]
    )
    shared, structs_module = shared_structs(
        [c for _, c in parsed], [m.class_name for m in members], [tuples_of(c) for _, c in parsed]
    )
    bindings = _library_bindings(members)
    modules: list[tuple[str, Module]] = []
    for (source, contract), member in zip(parsed, members, strict=True):
        try:
            module = bind(
                contract,
                type_name=member.class_name,
                bytecode=source.bytecode,
                aliases=aliases,
                shared_structs=shared,
                link_references=source.link_references,
                library_bindings=bindings,
            )
        except NameCollisionError as exc:
            errors.append(f"{source.origin}: {exc}")
            continue
        modules.append((member.module, module))
    if not modules:  # nothing bound: an empty package would be no use (and not valid code)
        more = f" (and {len(errors) - 1} more contracts not bound)" if len(errors) > 1 else ""
        raise GenerationError(f"{errors[0]}{more}" if errors else "the inputs hold no contract")
    modules.sort(key=lambda pair: pair[0])
    texts = {f"{name}.py": render_module(module) for name, module in modules}
    if structs_module is not None:
        texts[f"{STRUCTS_MODULE}.py"] = render_structs(structs_module)
    texts["__init__.py"] = render_package_init(Package(package, tuple(modules), structs_module))
    return _PackageFiles(finish(texts), errors)


def _library_bindings(members: Sequence[Member]) -> dict[str, str]:
    """ "src/Lib.sol:Lib" -> ".lib:Lib" for every package member that could be a library."""
    return {
        f"{m.source_path}:{m.name}": f".{m.module}:{m.class_name}" for m in members if m.source_path
    }
