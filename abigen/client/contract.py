"""One contract's ABI, loaded from any input the generator accepts, and its members by name.

Codecs are built here from the ABI model at run time (the generator writes the same
expressions into bindings); nothing here imports web3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from abigen.client.errors import ClientError, usage
from abigen.runtime import codec
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.parse import AbiError, parse_abi
from abigen.runtime.abi.types import AbiType, AbiTypeError, Array, Elementary, Tuple
from abigen.sources import ContractSource, SourceError, load_inputs

M = TypeVar("M", abi.Function, abi.Event)


@dataclass(frozen=True)
class LoadedContract:
    name: str
    abi: abi.ContractAbi
    bytecode: str | None
    source: ContractSource


def load_contract(path: str, contract: str | None = None) -> LoadedContract:
    """The one contract in `path` (or the one named `contract` when it holds several)."""
    try:
        sources, errors = load_inputs([path])
    except SourceError as exc:
        raise ClientError(str(exc)) from None
    if errors:
        raise ClientError(str(errors[0]))
    if contract is not None:
        sources = [s for s in sources if contract in (s.name, f"{s.source_path}:{s.name}")]
        if not sources:
            raise usage(f"{path}: no contract named {contract!r}")
    if len(sources) != 1:
        names = ", ".join(f"{s.source_path}:{s.name}" if s.source_path else s.name for s in sources)
        raise usage(f"{path} holds {len(sources)} contracts ({names}): choose one with --contract")
    source = sources[0]
    try:
        parsed = parse_abi(source.abi)
    except (AbiError, AbiTypeError) as exc:
        raise ClientError(f"{source.origin}: {exc}") from None
    return LoadedContract(source.name, parsed, source.bytecode, source)


def find(members: Sequence[M], wanted: str, kind: str) -> M:
    """A function or event by name, or by full signature when the name is overloaded."""
    if "(" in wanted:
        compact = wanted.replace(" ", "")
        for member in members:
            if member.signature == compact:
                return member
        raise usage(f"no {kind} with signature {compact!r}; the ABI has: {_listing(members)}")
    matches = [m for m in members if m.name == wanted]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise usage(f"no {kind} named {wanted!r}; the ABI has: {_listing(members)}")
    candidates = ", ".join(sorted(m.signature for m in matches))
    raise usage(f"{kind} {wanted!r} is overloaded: name one of {candidates}")


def _listing(members: Sequence[abi.Function | abi.Event]) -> str:
    return ", ".join(sorted(m.signature for m in members)) or "none"


def codec_for(abi_type: AbiType) -> codec.Codec[Any]:
    if isinstance(abi_type, Elementary):
        return _elementary(abi_type)
    if isinstance(abi_type, Array):
        return codec.array(codec_for(abi_type.item), abi_type.length)
    return codec.tuple_([codec_for(c.type) for c in abi_type.components], _names(abi_type))


def params_codec(params: Sequence[abi.Param]) -> codec.Codec[tuple[Any, ...]]:
    return codec.tuple_([codec_for(p.type) for p in params], [p.name for p in params])


def _names(tuple_type: Tuple) -> list[str]:
    return [c.name for c in tuple_type.components]


def _elementary(abi_type: Elementary) -> codec.Codec[Any]:
    if abi_type.kind == "uint":
        return codec.uint(abi_type.size)
    if abi_type.kind == "int":
        return codec.int_(abi_type.size)
    if abi_type.kind == "fixed_bytes":
        return codec.fixed_bytes(abi_type.size)
    constants: dict[str, codec.Codec[Any]] = {
        "address": codec.ADDRESS,
        "bool": codec.BOOL,
        "bytes": codec.BYTES,
        "string": codec.STRING,
        "function": codec.FUNCTION,
    }
    return constants[abi_type.kind]


def typed_params(params: Sequence[abi.Param]) -> list[tuple[str, AbiType]]:
    return [(p.name or f"arg{i}", p.type) for i, p in enumerate(params)]
