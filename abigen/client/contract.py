"""One contract's ABI, loaded from any input the generator accepts, as a dynamic binding.

Nothing here imports web3.
"""

from __future__ import annotations

from dataclasses import dataclass

from abigen.client.errors import ClientError, usage
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.parse import AbiError, parse_abi
from abigen.runtime.abi.types import AbiTypeError
from abigen.runtime.dynamic import DynamicContract
from abigen.sources import ContractSource, SourceError, load_inputs


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


def binding(contract: LoadedContract, bytecode: str | None = None) -> type[DynamicContract]:
    """The runtime's dynamic binding of the contract (bytecode: --bin, else the artifact's)."""
    offsets = {
        f"{source}:{library}" if source else library: [offset for offset, _ in places]
        for source, libraries in contract.source.link_references.items()
        for library, places in libraries.items()
    }
    return DynamicContract.from_abi(
        contract.abi,
        name=contract.name,
        bytecode=bytecode or contract.bytecode,
        libraries=offsets,
    )
