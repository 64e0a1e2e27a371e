"""Library linking for deployment: fill library addresses into creation code.

A contract's LIBRARIES maps each library's fully qualified name ("src/Lib.sol:Lib") to the
byte offsets of its placeholders. Addresses come from the caller, from libraries this node
already got from us, or by deploying the library's own binding (same package) first: all
decided before anything is sent, so a missing address fails cleanly.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.contract import Contract, ContractBase, encode_arguments
from abigen.runtime.errors import LinkError
from abigen.runtime.flows import Flow, Rpc, endpoint_of, run, run_async
from abigen.runtime.receipt import Deployment, Receipt
from abigen.runtime.reverts import ContractError
from abigen.runtime.tx import AsyncTransaction, Sent, SentTransaction, Transaction, sending

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

    from abigen.runtime.aliases import Sender
    from abigen.runtime.asynccontract import AsyncContract
    from abigen.runtime.asyncnode import AsyncNode
    from abigen.runtime.node import Node
    from abigen.runtime.tx import TxOptions

C = TypeVar("C", bound=Contract)
A = TypeVar("A", bound="AsyncContract")


def deploy_transaction(
    kind: type[ContractBase],
    node: Node,
    args: tuple[object, ...],
    sender: Sender,
    tx: Mapping[str, Any],
    libraries: Mapping[str, str] | None = None,
) -> Transaction:
    """Link (deploying the libraries this package binds, once per node), then send the
    creation code with the encoded constructor arguments; the receipt's `contract_address`
    is the new contract. `tx` holds the transaction options and `value`."""
    flow = deploying(kind, endpoint_of(node), node.libraries, args, sender, tx, libraries)
    sent = run(flow, node)
    return Transaction(node, *sent, kind.ERRORS, kind.EVENTS, sent.origin)


def deploying(
    kind: type[ContractBase],
    endpoint: str,
    deployed: dict[str, ChecksumAddress],
    args: tuple[object, ...],
    sender: Sender,
    tx: Mapping[str, Any],
    libraries: Mapping[str, str] | None = None,
) -> Flow[Sent]:
    """The flow of deploy_transaction: `deployed` is the node's record of its libraries."""
    arguments = encode_arguments("constructor", b"", kind.CONSTRUCTOR, args)
    options = cast("TxOptions", tx)
    code = yield from linking(kind, endpoint, deployed, libraries, sender, options)
    value = tx.get("value", 0)
    return (
        yield from sending(endpoint, sender, None, code + arguments, value, options, kind.ERRORS)
    )


def deploy(
    kind: type[C],
    node: Node,
    args: tuple[object, ...],
    sender: Sender,
    tx: Mapping[str, Any],
    libraries: Mapping[str, str] | None = None,
) -> C:
    """What a generated `deploy` does: deploy_transaction, wait for it to be mined, and bind
    to the new contract (its `deployment` keeps the transaction and receipt)."""
    return deployed(kind, node, deploy_transaction(kind, node, args, sender, tx, libraries))


def deployed(kind: type[C], node: Node, transaction: Transaction) -> C:
    """Wait for a deployment to be mined; the new contract, with its `deployment`."""
    receipt = transaction.wait()
    contract = kind(_created(receipt), node)
    contract.deployment = Deployment(transaction, receipt)
    return contract


async def deploy_async(
    kind: type[A],
    node: AsyncNode,
    args: tuple[object, ...],
    sender: Sender,
    tx: Mapping[str, Any],
    libraries: Mapping[str, str] | None = None,
) -> A:
    """What a generated async `deploy` does: deploy through an AsyncNode, wait for it to be
    mined, and bind to the new contract."""
    flow = deploying(kind, node.endpoint, node.libraries, args, sender, tx, libraries)
    sent = await run_async(flow, node)
    transaction = AsyncTransaction(node, *sent, kind.ERRORS, kind.EVENTS, sent.origin)
    receipt = await transaction.wait()
    contract = kind(_created(receipt), node)
    contract.deployment = Deployment(transaction, receipt)
    return contract


def _created(receipt: Receipt) -> ChecksumAddress:
    if receipt.contract_address is None:
        raise ContractError(
            f"deployment {receipt.transaction_hash} mined without a contract address"
        )
    return receipt.contract_address


def encode_deploy(
    kind: type[ContractBase], args: tuple[object, ...], libraries: Mapping[str, str] | None = None
) -> bytes:
    """What a generated `encode_deploy` does: creation code (linked with the given library
    addresses) followed by the encoded constructor arguments. Works offline."""
    code = kind.BYTECODE if libraries is None else link_offline(kind, libraries)
    return code + encode_arguments("constructor", b"", kind.CONSTRUCTOR, args)


def link(
    code: bytes, offsets: Mapping[str, tuple[int, ...]], addresses: Mapping[str, str]
) -> bytes:
    linked = bytearray(code)
    for name, places in offsets.items():
        raw = parse_address(addresses[name])
        for offset in places:
            linked[offset : offset + 20] = raw
    return bytes(linked)


def _given(kind: type[ContractBase], libraries: Mapping[str, str]) -> dict[str, ChecksumAddress]:
    """User-supplied addresses keyed by fully qualified name; a short name must be unambiguous."""
    known = _closure(kind)
    resolved: dict[str, ChecksumAddress] = {}
    for key, address in libraries.items():
        matches = [name for name in known if name == key or name.rsplit(":", 1)[-1] == key]
        if len(matches) != 1:
            detail = "matches nothing" if not matches else f"is ambiguous: {', '.join(matches)}"
            raise LinkError(
                f"library {key!r} {detail}; {kind.__name__} links {', '.join(known) or 'none'}",
                unknown=None if matches else key,
                known=list(known),
            )
        resolved[matches[0]] = to_checksum_address(parse_address(address))
    return resolved


def _closure(kind: type[ContractBase]) -> dict[str, type[ContractBase] | None]:
    """Every library `kind` needs, directly or through other libraries, with its binding."""
    found: dict[str, type[ContractBase] | None] = {}
    pending = [kind]
    while pending:
        current = pending.pop()
        for name in current.LIBRARIES:
            if name not in found:
                binding = found[name] = _binding(current, name)
                if binding is not None:
                    pending.append(binding)
    return found


def _binding(kind: type[ContractBase], name: str) -> type[ContractBase] | None:
    target = kind.LIBRARY_BINDINGS.get(name)
    if target is None:
        return None
    module, _, attribute = target.partition(":")
    # Relative to the generated class that declares the table, not a user's subclass of it.
    owner = next(k for k in kind.__mro__ if "LIBRARY_BINDINGS" in vars(k))
    package = owner.__module__.rpartition(".")[0] or None
    bound: type[ContractBase] = getattr(importlib.import_module(module, package), attribute)
    return bound


def deploy_code(
    kind: type[ContractBase],
    node: Node,
    code: bytes,
    libraries: Mapping[str, str] | None,
    sender: Sender,
    options: TxOptions,
) -> bytes:
    """`code` with every library linked, deploying (once per node) those we have bindings for."""
    flow = linking(kind, endpoint_of(node), node.libraries, libraries, sender, options, code)
    return run(flow, node)


def linking(
    kind: type[ContractBase],
    endpoint: str,
    deployed: dict[str, ChecksumAddress],
    libraries: Mapping[str, str] | None,
    sender: Sender,
    options: TxOptions,
    code: bytes | None = None,
) -> Flow[bytes]:
    """The flow of deploy_code (`code` defaults to the contract's BYTECODE)."""
    code = kind.BYTECODE if code is None else code
    if not kind.LIBRARIES:
        _given(kind, libraries or {})  # naming a library the contract does not link is a slip
        return code
    needed = _closure(kind)
    alive = yield from _still_deployed(deployed, needed)
    addresses = {**alive, **_given(kind, libraries or {})}
    missing = [n for n, binding in needed.items() if n not in addresses and binding is None]
    if missing:
        raise LinkError(
            f"{kind.__name__} needs the address of library {', '.join(sorted(missing))}: "
            "pass libraries={name: address} or generate the library's binding in the same package",
            missing=sorted(missing),
            known=list(needed),
        )
    to_deploy = [name for name in _dependency_order(needed) if name not in addresses]
    if to_deploy and "nonce" in options:
        raise LinkError(
            f"nonce given, but libraries must be deployed first ({', '.join(to_deploy)}): "
            "pass their addresses or omit nonce"
        )
    # A library deployment shares the caller's fee settings, not its gas limit.
    library_options = cast("TxOptions", {k: v for k, v in options.items() if k != "gas"})
    for name in to_deploy:
        library = needed[name]
        assert library is not None  # checked above
        library_code = link(library.BYTECODE, library.LIBRARIES, addresses)
        tx_hash, call = yield from sending(
            endpoint, sender, None, library_code, 0, library_options, library.ERRORS
        )
        sent = SentTransaction(endpoint, tx_hash, call, library.ERRORS, library.EVENTS)
        addresses[name] = yield from sent.mining()
        deployed[name] = addresses[name]
    return link(code, kind.LIBRARIES, addresses)


def _still_deployed(
    deployed: dict[str, ChecksumAddress], needed: Mapping[str, object]
) -> Flow[dict[str, ChecksumAddress]]:
    """Libraries this node got from us earlier that still have code (a dev chain may have
    been reset or reverted since)."""
    alive: dict[str, ChecksumAddress] = {}
    for name in needed:
        address = deployed.get(name)
        if address is None:
            continue
        if (yield Rpc("eth_getCode", [address, "latest"])) in ("0x", "", None):
            del deployed[name]
        else:
            alive[name] = address
    return alive


def link_offline(kind: type[ContractBase], libraries: Mapping[str, str]) -> bytes:
    """Creation code linked with the given addresses only (no node: nothing is deployed)."""
    addresses = _given(kind, libraries)
    missing = sorted(set(kind.LIBRARIES) - set(addresses))
    if missing:
        raise LinkError(
            f"{kind.__name__} needs the address of library {', '.join(missing)}",
            missing=missing,
            known=sorted(kind.LIBRARIES),
        )
    return link(kind.BYTECODE, kind.LIBRARIES, addresses)


def _dependency_order(needed: Mapping[str, type[ContractBase] | None]) -> list[str]:
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:
            return  # solc rejects cyclic library links, so a revisit is a diamond
        visiting.add(name)
        binding = needed.get(name)
        for dependency in sorted(binding.LIBRARIES if binding else ()):
            visit(dependency)
        order.append(name)

    for name in sorted(needed):
        visit(name)
    return order
