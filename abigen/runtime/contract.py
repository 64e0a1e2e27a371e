"""The base classes generated bindings derive from.

A generated contract class holds one `function(...)` descriptor per ABI function; the
descriptor hands out a small ContractFunction object whose typed methods (generated)
call the untyped helpers here. Selectors and codecs are class attributes fixed at
generation time: nothing is parsed per call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeAlias, TypeVar, cast

from abigen.runtime import codec
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.errors import CustomError, RpcError, decode_revert, revert_data
from abigen.runtime.hexdata import from_data, to_data, to_quantity
from abigen.runtime.node import Node, block_tag
from abigen.runtime.tx import Transaction, TxOptions, estimate_gas, send_transaction

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress

    from abigen.runtime.events import EventSpec
    from abigen.runtime.tx import Sender

R = TypeVar("R")
K = TypeVar("K")
V = TypeVar("V")
F = TypeVar("F")


class Contract:
    """A deployed contract: `address` and the `node` it lives on."""

    ERRORS: ClassVar[Mapping[bytes, type[CustomError]]] = {}
    EVENTS: ClassVar[Mapping[bytes, EventSpec[Any]]] = {}
    BYTECODE: ClassVar[bytes] = b""  # creation code, library placeholders zeroed
    LIBRARIES: ClassVar[Mapping[str, tuple[int, ...]]] = {}  # "src.sol:Lib" -> byte offsets
    LIBRARY_BINDINGS: ClassVar[Mapping[str, str]] = {}  # "src.sol:Lib" -> ".module:Class"

    __slots__ = ("address", "node")

    def __init__(self, address: str, node: Node) -> None:
        self.address: ChecksumAddress = to_checksum_address(parse_address(address))
        self.node = _require_node(node)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.address!r}, {self.node!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Contract) or type(other) is not type(self):
            return False
        return other.address == self.address and other.node is self.node

    def __hash__(self) -> int:
        return hash((type(self), self.address))

    def _send_raw(
        self, data: bytes | str, sender: Sender, value: int, options: TxOptions
    ) -> Transaction:
        """A transaction with calldata as given: fallback and receive functions."""
        return send_transaction(
            self.node,
            sender,
            self.address,
            from_data(data),
            value,
            options,
            self.ERRORS,
            self.EVENTS,
        )

    @classmethod
    def _deploy(
        cls,
        node: Node,
        code: bytes,
        sender: Sender,
        value: int,
        options: TxOptions,
    ) -> ChecksumAddress:
        return deploy_contract(cls, node, code, sender, value, options)


def deploy_contract(
    kind: type[Contract], node: Node, code: bytes, sender: Sender, value: int, options: TxOptions
) -> ChecksumAddress:
    """Send creation code, wait for it to be mined, return the new contract's address."""
    tx = send_transaction(node, sender, None, code, value, options, kind.ERRORS, kind.EVENTS)
    receipt = tx.wait()
    if receipt.contract_address is None:
        raise RuntimeError(f"deployment {tx.hash} mined without a contract address")
    return receipt.contract_address


def _require_node(value: object) -> Node:
    # Checked at run time too: passing a Web3 or a URL here is a common slip.
    if not isinstance(value, Node):
        raise TypeError(f"node must be an abigen Node (see abigen.connect), got {value!r:.60}")
    return value


class ContractFunction(Generic[R]):
    """One ABI function, bound to a deployed contract or (for offline encoding) not."""

    SIGNATURE: ClassVar[str]
    SELECTOR: ClassVar[bytes]
    INPUTS: ClassVar[codec.Codec[Any]]
    OUTPUTS: ClassVar[codec.Codec[Any]]

    __slots__ = ("_contract",)

    def __init__(self, contract: Contract | None) -> None:
        self._contract = contract

    def __repr__(self) -> str:
        return f"<{self.SIGNATURE} of {self._contract!r}>"

    @property
    def contract(self) -> Contract:
        if self._contract is None:
            raise TypeError(
                f"{self.SIGNATURE} is not bound to a contract: call it on an instance, "
                "e.g. Token(address, node).transfer(...)"
            )
        return self._contract

    def _encode(self, args: tuple[object, ...]) -> bytes:
        return encode_arguments(self.SIGNATURE, self.SELECTOR, self.INPUTS, args)

    def decode_input(self, data: bytes | str) -> tuple[Any, ...]:
        """Calldata (selector + arguments) -> the argument values."""
        raw = from_data(data)
        if raw[:4] != self.SELECTOR:
            raise codec.DecodingError(
                f"calldata starts with 0x{raw[:4].hex()}, not {self.SIGNATURE}'s selector "
                f"0x{self.SELECTOR.hex()}"
            )
        return cast("tuple[Any, ...]", self.INPUTS.decode(raw[4:]))

    def decode_output(self, data: bytes | str) -> R:
        """Return data of this function -> the decoded result."""
        try:
            return cast(R, self.OUTPUTS.decode(from_data(data)))
        except codec.DecodingError as exc:
            raise self._undecodable(exc) from None

    def _undecodable(self, exc: codec.DecodingError) -> codec.DecodingError:
        return codec.DecodingError(f"{self.SIGNATURE} returned data that does not decode: {exc}")

    def _request(
        self, args: tuple[object, ...], sender: Sender | None, value: int
    ) -> dict[str, str]:
        call = {"to": self.contract.address, "data": to_data(self._encode(args))}
        if sender is not None:
            address = sender if isinstance(sender, str) else sender.address
            call["from"] = to_checksum_address(parse_address(address))
        if value:
            call["value"] = to_quantity(value)
        return call

    def _call(
        self,
        args: tuple[object, ...],
        block: int | str = "latest",
        sender: Sender | None = None,
        value: int = 0,
    ) -> R:
        contract = self.contract
        call = self._request(args, sender, value)
        try:
            result = contract.node.request("eth_call", [call, block_tag(block)])
        except RpcError as exc:
            data = revert_data(exc)
            if data is None:
                raise
            raise decode_revert(data, contract.ERRORS) from None
        if result == "0x" and self.OUTPUTS.head_size:
            raise codec.DecodingError(
                f"{self.SIGNATURE} returned no data: is there a contract at {contract.address}?"
            )
        try:
            return cast(R, self.OUTPUTS.decode(from_data(result)))
        except codec.DecodingError as exc:
            raise self._undecodable(exc) from None

    def _estimate(
        self, args: tuple[object, ...], sender: Sender | None = None, value: int = 0
    ) -> int:
        return estimate_gas(
            self.contract.node, self._request(args, sender, value), self.contract.ERRORS
        )

    def _send(
        self, args: tuple[object, ...], sender: Sender, value: int, options: TxOptions
    ) -> Transaction:
        contract = self.contract
        return send_transaction(
            contract.node,
            sender,
            contract.address,
            self._encode(args),
            value,
            options,
            contract.ERRORS,
            contract.EVENTS,
        )


class function(Generic[F]):
    """Descriptor: `Token.transfer` (unbound, offline use) or `token.transfer` (bound)."""

    __slots__ = ("_kind",)

    def __init__(self, kind: Callable[[Contract | None], F]) -> None:
        self._kind = kind

    def __get__(self, instance: Contract | None, owner: type[Any] | None = None) -> F:
        return self._kind(instance)


AnyFunction: TypeAlias = "ContractFunction[Any]"


def function_by_signature(
    contract: Contract | None, signature: str, table: Mapping[str, type[AnyFunction]]
) -> AnyFunction:
    kind = table.get(signature)
    if kind is None:
        known = ", ".join(sorted(table))
        raise KeyError(f"no function with signature {signature!r}; the contract has: {known}")
    return kind(contract)


def encode_arguments(
    label: str, prefix: bytes, inputs: codec.Codec[Any], args: tuple[object, ...]
) -> bytes:
    """prefix + encoded args; a bad argument's error names the function and the argument."""
    try:
        return prefix + inputs.encode(args)
    except codec.EncodingError as exc:
        raise codec.EncodingError(f"{label}: {exc}") from None


def registry(entries: dict[K, V]) -> Mapping[K, V]:
    """A read-only view for the class-level ERRORS / EVENTS tables shared by all instances."""
    return MappingProxyType(entries)


def single(value: R) -> R:
    """Output factory for functions with exactly one return value."""
    return value


def empty() -> None:
    """Output factory for functions that return nothing."""
