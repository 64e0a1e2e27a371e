"""The generation pipeline: sources -> ABI model -> binding model -> text -> checked text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from abigen.abi.parse import AbiError, parse_abi
from abigen.abi.types import AbiTypeError
from abigen.binding.build import bind
from abigen.binding.naming import KEYWORDS, NameCollisionError, pascal_case
from abigen.output import finish
from abigen.render import render_module
from abigen.sources import Source, SourceError, load_abi, load_bytecode


class GenerationError(ValueError):
    """A user-facing, one-line reason why a binding cannot be generated."""


@dataclass(frozen=True)
class Request:
    abi_path: str
    package: str
    type_name: str | None = None
    bin_path: str | None = None
    aliases: Mapping[str, str] | None = None


def generate(request: Request) -> str:
    """The formatted, compile-checked source of one binding module."""
    if not _is_python_name(request.package):
        raise GenerationError(f"--pkg {request.package!r} is not a valid Python module name")
    if request.type_name is not None and not _is_python_name(request.type_name):
        raise GenerationError(f"--type {request.type_name!r} is not a valid Python class name")
    try:
        source = load_abi(request.abi_path)
        bytecode = load_bytecode(request.bin_path) if request.bin_path else source.bytecode
    except SourceError as exc:
        raise GenerationError(str(exc)) from None
    return render_source(source, request, bytecode)


def _is_python_name(name: str) -> bool:
    return name.isidentifier() and name not in KEYWORDS


def render_source(source: Source, request: Request, bytecode: str | None) -> str:
    try:
        contract = parse_abi(source.abi)
    except (AbiError, AbiTypeError) as exc:
        raise GenerationError(f"{source.name}: {exc}") from None
    type_name = request.type_name or pascal_case(request.package)
    try:
        module = bind(
            contract,
            type_name=type_name,
            bytecode=bytecode,
            aliases=request.aliases,
            raw_abi=source.abi,
        )
    except NameCollisionError as exc:
        raise GenerationError(f"{source.name}: {exc}") from None
    name = f"{request.package}.py"
    return finish({name: render_module(module)})[name]
