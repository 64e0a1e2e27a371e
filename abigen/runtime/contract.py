"""The base classes generated bindings derive from.

A generated contract class holds one `function(...)` descriptor per ABI function; the
descriptor hands out a small ContractFunction object whose typed methods (generated)
call the untyped helpers here. Selectors and codecs are class attributes fixed at
generation time: nothing is parsed per call. The tables a contract class needs (errors by
selector, events by topic, functions by signature) are built here from its attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    NoReturn,
    TypeAlias,
    TypeVar,
    cast,
    get_origin,
)

from abigen.runtime import codec
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.errors import DecodingError, EncodingError, RpcError
from abigen.runtime.events import Deployed, Event, EventQueries, EventSpec
from abigen.runtime.flows import Flow, run
from abigen.runtime.hexdata import from_data
from abigen.runtime.node import Node, block_tag
from abigen.runtime.prepared import PreparedCall
from abigen.runtime.registry import EventTable, Registry
from abigen.runtime.reverts import CustomError, ErrorTable, decode_revert, revert_data
from abigen.runtime.tx import Sent, Transaction, estimate_gas, sending

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress
    from typing_extensions import Unpack

    from abigen.runtime.aliases import Sender
    from abigen.runtime.receipt import Deployment
    from abigen.runtime.tx import CallOptions, PayableCallOptions, PayableTxOptions, TxOptions

R = TypeVar("R")
F = TypeVar("F")
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

_NO_ARGUMENTS = codec.tuple_((), ())
_CALL_OPTIONS = frozenset({"sender", "block", "value"})


class ContractBase:
    """What every face of a contract shares offline: its tables and `address`."""

    ERRORS: ClassVar[Mapping[bytes, type[CustomError]]] = ErrorTable({})
    EVENTS: ClassVar[Mapping[bytes, EventSpec[Any]]] = MappingProxyType({})
    # The registry of the generated package the contract belongs to (None: a lone module):
    # where its tables look for the errors and events of the package's other contracts.
    PACKAGE: ClassVar[Registry | None] = None
    FUNCTIONS: ClassVar[Mapping[str, type[AnyFunction]]] = MappingProxyType({})
    CONSTRUCTOR: ClassVar[codec.Codec[Any]] = _NO_ARGUMENTS
    BYTECODE: ClassVar[bytes] = b""  # creation code, library placeholders zeroed
    LIBRARIES: ClassVar[Mapping[str, tuple[int, ...]]] = {}  # "src.sol:Lib" -> byte offsets
    LIBRARY_BINDINGS: ClassVar[Mapping[str, str]] = {}  # "src.sol:Lib" -> ".module:Class"

    __slots__ = ("address", "deployment", "node")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The tables come from the class attributes (error classes, function descriptors, the
        # event namespace), merged over the inherited ones: a user's subclass keeps them.
        super().__init_subclass__(**kwargs)
        errors = dict(cls.ERRORS)
        events: dict[bytes, type[Event]] = {}
        functions = dict(cls.FUNCTIONS)
        for item in vars(cls).values():
            if isinstance(item, type) and issubclass(item, CustomError):
                errors[item.SELECTOR] = item
            elif isinstance(item, function):
                kind = cast("type[AnyFunction]", item.kind)
                functions[kind.SIGNATURE] = kind
            elif isinstance(item, events_of):
                events.update((e.TOPIC, e) for e in item.kind.event_classes())
        inherited = getattr(cls.EVENTS, "classes", {})
        package = cls.PACKAGE
        tables = {
            "ERRORS": ErrorTable(errors, package.errors if package is not None else None),
            "FUNCTIONS": MappingProxyType(functions),
            "EVENTS": EventTable({**inherited, **events}, package),
        }
        for name, table in tables.items():
            setattr(cls, name, table)

    address: ChecksumAddress

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.address!r}, {getattr(self, 'node', None)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ContractBase) or type(other) is not type(self):
            return False
        return other.address == self.address and getattr(other, "node", None) is getattr(
            self, "node", None
        )

    def __hash__(self) -> int:
        return hash((type(self), self.address))


def sending_to(
    contract: ContractBase,
    endpoint: str,
    data: bytes | str,
    sender: Sender,
    tx: Mapping[str, Any],
    value: int | None = None,
) -> Flow[Sent]:
    """The flow of a transaction to `contract` (`value` defaults to tx's), for both faces."""
    wei = tx.get("value", 0) if value is None else value
    options = cast("TxOptions", tx)
    return sending(
        endpoint, sender, contract.address, from_data(data), wei, options, contract.ERRORS
    )


ContractBase.EVENTS = EventTable()


class FunctionAbi(Generic[R]):
    """What both faces of an ABI function share offline: its selector and codecs, encoding,
    decoding and `prepare`. A generated function's offline class derives from it, and its
    sync and async classes from that and ContractFunction / AsyncContractFunction."""

    SIGNATURE: ClassVar[str]
    SELECTOR: ClassVar[bytes]
    INPUTS: ClassVar[codec.Codec[Any]] = _NO_ARGUMENTS
    OUTPUTS: ClassVar[codec.Codec[Any]]

    __slots__ = ("_contract",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # A generated face class (sync or async) shows its offline class's documentation.
        super().__init_subclass__(**kwargs)
        if cls.__doc__ is None:
            cls.__doc__ = cls.__mro__[1].__doc__

    def __init__(self, contract: ContractBase | None) -> None:
        self._contract: Any = contract  # the face's contract: Contract or AsyncContract

    def __repr__(self) -> str:
        return f"<{self.SIGNATURE} of {self._contract!r}>"

    @property
    def contract(self) -> ContractBase:
        bound: ContractBase = self._contract if self._contract is not None else self._unbound()
        return bound

    def _unbound(self) -> NoReturn:
        raise TypeError(
            f"{self.SIGNATURE} is not bound to a contract: call it on an instance, "
            "e.g. Token(address, node).transfer(...)"
        )

    def encode_input(self, *args: Any, **kwargs: Any) -> bytes:
        """Calldata for this call: selector + encoded arguments. Works offline."""
        return self._encode(args)

    def decode_input(self, data: bytes | str) -> tuple[Any, ...]:
        """Calldata (selector + arguments) -> the argument values. Works offline."""
        raw = from_data(data)
        if raw[:4] != self.SELECTOR:
            raise DecodingError(
                f"calldata starts with 0x{raw[:4].hex()}, not {self.SIGNATURE}'s selector "
                f"0x{self.SELECTOR.hex()}"
            )
        return cast("tuple[Any, ...]", self.INPUTS.decode(raw[4:]))

    def decode_output(self, data: bytes | str) -> R:
        """Return data of this function -> the decoded result. Works offline."""
        try:
            return cast(R, self.OUTPUTS.decode(from_data(data)))
        except codec.DecodingError as exc:
            raise self._undecodable(exc) from None

    def _undecodable(self, exc: codec.DecodingError) -> codec.DecodingError:
        return codec.DecodingError(f"{self.SIGNATURE} returned data that does not decode: {exc}")

    def _encode(self, args: tuple[object, ...]) -> bytes:
        try:  # encode_arguments inlined: this is every call's path
            return self.SELECTOR + self.INPUTS.encode(args)
        except EncodingError as exc:
            raise EncodingError(f"{self.SIGNATURE}: {exc}") from None

    def prepare(self, *args: Any, **call: Any) -> PreparedCall[R]:
        """This call encoded now, to run later: `node.batch(...)`, `node.multicall(...)`.
        Takes the arguments and the call options (`block`, `sender`, `value`) of the call."""
        return self._prepare(args, call)

    def _prepare(self, args: tuple[object, ...], call: Mapping[str, Any]) -> PreparedCall[R]:
        contract = self._contract or self.contract  # (the property raises if unbound)
        if not call:  # the usual call, built without the options' checks: batches make many
            return PreparedCall(
                contract.address,
                self._encode(args),
                "latest",
                None,
                0,
                f"{type(contract).__name__}.{self.SIGNATURE} at {contract.address}",
                self.decode_output,
                contract.ERRORS,
            )
        unknown = set(call) - _CALL_OPTIONS
        if unknown:
            raise TypeError(
                f"{self.SIGNATURE}: unknown call option(s) {', '.join(sorted(unknown))}"
            )
        sender = call.get("sender")
        if sender is not None:
            address = sender if isinstance(sender, str) else sender.address
            sender = to_checksum_address(parse_address(address))
        value = call.get("value", 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"value must be a non-negative int (wei), got {value!r:.40}")
        return PreparedCall(
            to=contract.address,
            data=self._encode(args),
            block=block_tag(call.get("block", "latest")),
            sender=sender,
            value=value,
            label=f"{type(contract).__name__}.{self.SIGNATURE} at {contract.address}",
            decode=self.decode_output,
            errors=contract.ERRORS,
        )

    def _params(self, args: tuple[object, ...], call: Mapping[str, Any]) -> list[object]:
        if call:
            return self._prepare(args, call).params()
        return [{"to": self._contract.address, "data": "0x" + self._encode(args).hex()}, "latest"]

    def _reverted(self, exc: RpcError) -> Exception:
        """What a failed eth_call raises: its decoded revert, or the node's error."""
        data = revert_data(exc)
        return exc if data is None else decode_revert(data, self._contract.ERRORS)

    def _no_data(self) -> DecodingError:
        address = self._contract.address
        return DecodingError(
            f"{self.SIGNATURE} returned no data: is there a contract at {address}?"
        )

    def _decoded(self, result: str) -> R:
        if result == "0x" and self.OUTPUTS.head_size:
            raise self._no_data()
        try:
            value: R = self.OUTPUTS.decode(bytes.fromhex(result[2:]))  # checked 0x-hex
        except codec.DecodingError as exc:
            raise self._undecodable(exc) from None
        return value


class ContractFunction(FunctionAbi[R]):
    """One ABI function, bound to a deployed contract or (for offline encoding) not.

    Calling a view returns its decoded result (one eth_call); calling any other function
    sends a transaction (`sender=` required) and returns a Transaction. Every function also
    has `simulate`, `estimate_gas`, `encode_input`, `decode_input`, `decode_output` and
    `prepare`.
    """

    __slots__ = ()

    # The verbs' documentation, inherited by the generated (typed) overrides.
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """A view: run it with eth_call (at `block`, as `sender`) and return the decoded result.
        Any other function: send a transaction from `sender` (gas estimated first, so a revert
        raises the decoded error before anything is sent) and return it: `.wait()` for the
        receipt. For a view, `simulate` is the same as calling it.
        """
        raise NotImplementedError  # every generated function class defines it

    def estimate_gas(self, *args: Any, **call: Any) -> int:
        """Gas the node estimates for this call (reverts raise the decoded error)."""
        return self._estimate(args, call)

    def _bound(self) -> Contract:
        contract: Contract = self._contract if self._contract is not None else self._unbound()
        return contract

    def _call(self, args: tuple[object, ...], call: Mapping[str, Any]) -> R:
        contract: Contract = self._contract if self._contract is not None else self._unbound()
        if call:
            params = self._prepare(args, call).params()
        else:  # the usual call, built inline: every Python call on this path costs
            params = [{"to": contract.address, "data": "0x" + self._encode(args).hex()}, "latest"]
        try:
            result: str = contract.node.request("eth_call", params)
        except RpcError as exc:
            raise self._reverted(exc) from None
        return self._decoded(result)

    def _estimate(self, args: tuple[object, ...], call: Mapping[str, Any]) -> int:
        contract = self._bound()
        request = self._prepare(args, call).call_object()
        return estimate_gas(contract.node, request, contract.ERRORS)

    def _send(self, args: tuple[object, ...], sender: Sender, tx: Mapping[str, Any]) -> Transaction:
        return transact(self._bound(), self._encode(args), sender, tx)


class View(ContractFunction[R]):
    """A view or pure function: calling it runs eth_call; `simulate` is the same call."""

    __slots__ = ()


class Send(ContractFunction[R]):
    """A state-changing function: calling it sends a transaction."""

    __slots__ = ()

    def simulate(self, *args: Any, **call: Any) -> Any:
        """Run the call with eth_call (at `block`, as `sender`), send nothing, and return what
        it would return; a revert raises the decoded error."""
        return self._call(args, call)


class NoArgsEncoding(FunctionAbi[R]):
    """encode_input of a function without parameters, typed, for both faces."""

    __slots__ = ()

    def encode_input(self) -> bytes:
        return self._encode(())


class NoArgsCall(NoArgsEncoding[R]):
    """The offline members of a function without parameters, typed, for both faces."""

    __slots__ = ()

    def prepare(self, **call: Unpack[CallOptions]) -> PreparedCall[R]:
        return self._prepare((), call)


class NoArgsPayableCall(NoArgsEncoding[R]):
    """NoArgsCall of a payable function: a prepared call may carry `value`."""

    __slots__ = ()

    def prepare(self, **call: Unpack[PayableCallOptions]) -> PreparedCall[R]:
        return self._prepare((), call)


def no_args(offline: type[FunctionAbi[Any]], face: type[F]) -> type[F]:
    """The class of a function without parameters on one face (`face`, e.g. NoArgsView[int]):
    its generated offline class (ABI, codecs) joined with the face's typed members, so that a
    generated module writes no face class for it."""
    base = cast("type[Any]", get_origin(face) or face)
    return cast("type[F]", type(offline.__name__, (offline, base), {"__slots__": ()}))


class NoArgsView(View[R], NoArgsCall[R]):
    """A view or pure function without parameters: `contract.name()`."""

    __slots__ = ()

    def __call__(self, **call: Unpack[CallOptions]) -> R:
        return self._call((), call)

    simulate = __call__

    def estimate_gas(self, **call: Unpack[CallOptions]) -> int:
        return self._estimate((), call)


class NoArgsSend(Send[R], NoArgsCall[R]):
    """A state-changing function without parameters: `contract.pause(sender=...)`."""

    __slots__ = ()

    def __call__(self, *, sender: Sender, **tx: Unpack[TxOptions]) -> Transaction:
        return self._send((), sender, tx)

    def simulate(self, **call: Unpack[CallOptions]) -> R:
        return self._call((), call)

    def estimate_gas(self, **call: Unpack[CallOptions]) -> int:
        return self._estimate((), call)


class NoArgsPayable(Send[R], NoArgsPayableCall[R]):
    """A payable function without parameters: `contract.deposit(sender=..., value=...)`."""

    __slots__ = ()

    def __call__(self, *, sender: Sender, **tx: Unpack[PayableTxOptions]) -> Transaction:
        return self._send((), sender, tx)

    def simulate(self, **call: Unpack[PayableCallOptions]) -> R:
        return self._call((), call)

    def estimate_gas(self, **call: Unpack[PayableCallOptions]) -> int:
        return self._estimate((), call)


class function(Generic[F]):
    """Descriptor: `Token.transfer` (unbound, offline use) or `token.transfer` (bound)."""

    __slots__ = ("kind",)

    def __init__(self, kind: Callable[[ContractBase | None], F]) -> None:
        self.kind = kind

    def __get__(self, instance: ContractBase | None, owner: type[Any] | None = None) -> F:
        return self.kind(instance)


AnyFunction: TypeAlias = "FunctionAbi[Any]"


class _FunctionTable(Mapping[str, AnyFunction]):
    __slots__ = ("_contract", "_table")

    def __init__(
        self, contract: ContractBase | None, table: Mapping[str, type[AnyFunction]]
    ) -> None:
        self._contract = contract
        self._table = table

    def __getitem__(self, signature: str) -> AnyFunction:
        kind = self._table.get(signature)
        if kind is None:
            known = ", ".join(sorted(self._table))
            raise KeyError(f"no function with signature {signature!r}; the contract has: {known}")
        return kind(self._contract)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._table))

    def __len__(self) -> int:
        return len(self._table)


class signatures(Generic[T]):
    """Descriptor: `contract.functions["f(uint256)"]`, every function by its Solidity
    signature; `T` (a generated TypedDict) types each one precisely."""

    __slots__ = ()

    def __init__(self, table: type[T]) -> None:
        pass

    def __get__(self, instance: ContractBase | None, owner: type[ContractBase]) -> T:
        return cast(T, _FunctionTable(instance, owner.FUNCTIONS))


class events_of(Generic[T]):
    """Descriptor: `contract.events`, the typed log queries of a generated event namespace."""

    __slots__ = ("kind",)

    def __init__(self, kind: type[T]) -> None:
        self.kind = cast("type[EventQueries]", kind)

    def __get__(self, instance: ContractBase | None, owner: type[Any] | None = None) -> T:
        return cast(T, self.kind(cast("Deployed | None", instance)))


def encode_arguments(
    label: str, prefix: bytes, inputs: codec.Codec[Any], args: tuple[object, ...]
) -> bytes:
    """prefix + encoded args; a bad argument's error names the function and the argument."""
    try:
        return prefix + inputs.encode(args)
    except EncodingError as exc:
        raise EncodingError(f"{label}: {exc}") from None


def registry(entries: dict[K, V]) -> Mapping[K, V]:
    """A read-only view for class-level tables (LIBRARIES, LIBRARY_BINDINGS)."""
    return MappingProxyType(entries)


single = codec.single  # output factory for functions with exactly one return value


def empty() -> None:
    """Output factory for functions that return nothing."""


class Contract(ContractBase):
    """A deployed contract: `address` and the `node` it lives on."""

    __slots__ = ()

    deployment: Deployment[Transaction] | None  # set by deploy(): its transaction and receipt

    def __init__(self, address: str, node: Node) -> None:
        self.address = to_checksum_address(parse_address(address))
        self.node = _require_node(node)
        self.deployment = None

    def _send_raw(
        self, data: bytes | str, sender: Sender, tx: Mapping[str, Any], value: int | None = None
    ) -> Transaction:
        """A transaction with calldata as given: fallback and receive functions."""
        return transact(self, data, sender, tx, value)


def transact(
    contract: Contract,
    data: bytes | str,
    sender: Sender,
    tx: Mapping[str, Any],
    value: int | None = None,
) -> Transaction:
    """Send a transaction to `contract` with calldata `data` (`value` defaults to tx's)."""
    node = contract.node
    sent = run(sending_to(contract, node.endpoint, data, sender, tx, value), node)
    return Transaction(node, *sent, contract.ERRORS, contract.EVENTS, sent.origin)


def _require_node(value: object) -> Node:
    # Checked at run time too: passing a Web3 or a URL here is a common slip.
    if not isinstance(value, Node):
        from abigen.runtime.asyncnode import AsyncNode

        if isinstance(value, AsyncNode):
            raise TypeError(
                f"{value!r:.60} is an AsyncNode: bind the contract's async class (AsyncToken "
                "for Token), or connect with abigen.connect"
            )
        raise TypeError(f"node must be an abigen Node (see abigen.connect), got {value!r:.60}")
    return value
