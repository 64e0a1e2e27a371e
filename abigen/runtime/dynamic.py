"""Dynamic bindings: a contract class built at run time from an ABI (go-ethereum's BoundContract).

A generated binding is typed per contract; a dynamic one is made from any ABI while the
program runs, with the same shape underneath: a `Contract` subclass with ERRORS and EVENTS
registries, BYTECODE with library placeholders zeroed and LIBRARIES offsets, and one
`ContractFunction` subclass per ABI function. So it calls, sends, estimates, decodes reverts
and logs, links libraries and deploys through exactly the code generated bindings run.

Members are named by their ABI name, or by full signature when the name is overloaded::

    Token = DynamicContract.from_abi(abi_json, name="Token", bytecode=code)
    token = Token.deploy(node, "Gold", "GLD", 1000, sender=alice)
    token.call("balanceOf", alice)                          # -> 1000
    receipt = token.send("transfer", bob, 10, sender=alice).wait()
    token.get_logs("Transfer", from_block=0, where={"to": bob})

Values go in as the codec takes them and come out as it decodes them (int, bool, str,
checksum address str, bytes, lists, tuples): they are typed `Any`, by nature; a generated
binding is the typed face of the same calls.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, TypeVar, cast

from abigen.runtime import codec
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.codecs import codec_for, params_codec
from abigen.runtime.abi.parse import parse_abi
from abigen.runtime.asynccontract import AsyncContract, AsyncContractFunction
from abigen.runtime.contract import (
    Contract,
    ContractBase,
    ContractFunction,
    FunctionAbi,
    empty,
    encode_arguments,
    registry,
    single,
)
from abigen.runtime.errors import AbigenError, LinkError
from abigen.runtime.events import Event, EventSpec, LogMeta
from abigen.runtime.flows import run_async
from abigen.runtime.hexdata import blank_placeholders, from_data
from abigen.runtime.linking import deploy_async, deploy_transaction, deployed, link_offline
from abigen.runtime.logs import Progress, fetching_logs, get_logs
from abigen.runtime.reverts import ContractError, CustomError, decode_revert
from abigen.runtime.tx import decode_log
from abigen.runtime.values import show
from abigen.runtime.watch import AsyncEventWatch, EventWatch, Watching, watching

if TYPE_CHECKING:
    from typing_extensions import Self, Unpack

    from abigen.runtime.aliases import BlockId, Sender
    from abigen.runtime.asyncnode import AsyncNode
    from abigen.runtime.node import Node
    from abigen.runtime.tx import AsyncTransaction, Transaction, TxOptions

F = TypeVar("F", bound="DynamicFunctionAbi")

__all__ = [
    "AsyncDynamicContract",
    "AsyncDynamicFunction",
    "DecodedCall",
    "DynamicContract",
    "DynamicError",
    "DynamicEvent",
    "DynamicFunction",
    "MemberLookupError",
]


class MemberLookupError(AbigenError, LookupError):
    """No function or event by that name or signature, or the name is overloaded."""


def _names(params: Sequence[abi.Param]) -> tuple[str, ...]:
    """Parameter names as the ABI has them; unnamed ones are arg0, arg1... by position."""
    return tuple(p.name or f"arg{i}" for i, p in enumerate(params))


# ---- functions ----


class DynamicFunctionAbi(FunctionAbi[Any]):
    """What both faces of a dynamic function share offline: its ABI, codecs, encoding.

    Results are what a generated binding returns: the value for one output, None for none,
    a plain tuple for several.
    """

    ABI: ClassVar[abi.Function]

    __slots__ = ()

    def encode_input(self, *args: Any) -> bytes:
        """Calldata: selector + encoded arguments. Works offline."""
        return self._encode(args)


class DynamicFunction(DynamicFunctionAbi, ContractFunction[Any]):
    """One ABI function of a dynamic binding, bound to a contract or (offline) not."""

    __slots__ = ()

    def call(
        self, *args: Any, block: BlockId = "latest", sender: Sender | None = None, value: int = 0
    ) -> Any:
        """Run the function with eth_call (sends nothing) and return its decoded result."""
        return self._call(args, {"block": block, "sender": sender, "value": value})

    simulate = call

    def send(
        self, *args: Any, sender: Sender, value: int = 0, **tx: Unpack[TxOptions]
    ) -> Transaction:
        """Send a transaction calling the function; `.wait()` gives the receipt."""
        return self._send(args, sender, {**tx, "value": value})

    def estimate_gas(self, *args: Any, sender: Sender | None = None, value: int = 0) -> int:
        """Gas the node estimates for this call (reverts raise the decoded error)."""
        return self._estimate(args, {"sender": sender, "value": value})


class AsyncDynamicFunction(DynamicFunctionAbi, AsyncContractFunction[Any]):
    """The async twin of DynamicFunction: `await f.call(...)`, `await f.send(...)`."""

    __slots__ = ()

    async def call(
        self, *args: Any, block: BlockId = "latest", sender: Sender | None = None, value: int = 0
    ) -> Any:
        """Run the function with eth_call (sends nothing) and return its decoded result."""
        return await self._call(args, {"block": block, "sender": sender, "value": value})

    simulate = call

    async def send(
        self, *args: Any, sender: Sender, value: int = 0, **tx: Unpack[TxOptions]
    ) -> AsyncTransaction:
        """Send a transaction calling the function; `await .wait()` gives the receipt."""
        return await self._send(args, sender, {**tx, "value": value})

    async def estimate_gas(self, *args: Any, sender: Sender | None = None, value: int = 0) -> int:
        """Gas the node estimates for this call (reverts raise the decoded error)."""
        return await self._estimate(args, {"sender": sender, "value": value})


def _function_class(function: abi.Function, face: type[F]) -> type[F]:
    """The function class of one ABI function on one face (what a generated binding writes)."""
    count = len(function.outputs)
    outputs: Callable[..., Any] | None = empty if count == 0 else single if count == 1 else None
    attributes = {
        "__slots__": (),
        "ABI": function,
        "SIGNATURE": function.signature,
        "SELECTOR": function.selector,
        "INPUTS": params_codec(function.inputs, positional=True),
        "OUTPUTS": params_codec(function.outputs, outputs),
    }
    return cast("type[F]", type(function.name, (face,), attributes))


# ---- custom errors ----


class DynamicError(CustomError):
    """A custom error of a dynamic binding; `values` by position, `fields` by name."""

    ABI: ClassVar[abi.Error]
    NAMES: ClassVar[tuple[str, ...]]

    def __init__(self, *values: Any) -> None:
        # What a generated (dataclass) error's __post_init__ shows, from NAMES and values.
        shown = ", ".join(f"{n}={show(v)}" for n, v in zip(self.NAMES, values, strict=True))
        ContractError.__init__(self, f"{type(self).__name__}({shown})")
        self.values = values

    @property
    def fields(self) -> dict[str, Any]:
        return dict(zip(self.NAMES, self.values, strict=True))


def _error_class(error: abi.Error) -> type[DynamicError]:
    """The CustomError subclass of one ABI error: reverts with its selector decode to it."""
    attributes = {
        "ABI": error,
        "NAMES": _names(error.inputs),
        "SIGNATURE": error.signature,
        "SELECTOR": error.selector,
        "ARGS": params_codec(error.inputs),
    }
    return type(error.name, (DynamicError,), attributes)


# ---- events ----


class DynamicEvent(Event):
    """A decoded log of an event of a dynamic binding: `values` by position, `fields` by
    name, `log` where it came from. An indexed string, bytes, array or struct is its 32-byte
    topic (the hash of the value), as in generated bindings."""

    ABI: ClassVar[abi.Event]
    NAMES: ClassVar[tuple[str, ...]]

    __slots__ = ("log", "values")

    def __init__(self, *values: Any, log: LogMeta) -> None:
        self.values = values
        self.log = log

    @property
    def fields(self) -> dict[str, Any]:
        return dict(zip(self.NAMES, self.values, strict=True))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={show(v)}" for name, v in zip(self.NAMES, self.values, strict=True)
        )
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DynamicEvent) or type(other) is not type(self):
            return NotImplemented
        return (other.values, other.log) == (self.values, self.log)

    def __hash__(self) -> int:
        return hash((type(self), self.log))  # values may hold lists


def _event_class(event: abi.Event) -> type[DynamicEvent]:
    """The Event subclass of one ABI event: the class attributes a generated one has."""
    attributes = {
        "__slots__": (),
        "ABI": event,
        "NAMES": _names(event.inputs),
        "SIGNATURE": event.signature,
        "TOPIC": event.topic,
        "ANONYMOUS": event.anonymous,
        "LAYOUT": tuple(p.indexed for p in event.inputs),
        "INDEXED": tuple(codec_for(p.type) for p in event.inputs if p.indexed),
        "DATA": params_codec([p for p in event.inputs if not p.indexed]),
    }
    return type(event.name, (DynamicEvent,), attributes)


# ---- lookup by name or signature ----


def _find(members: Sequence[Any], wanted: str, kind: str) -> Any:
    """A function or event by name, or by full signature (spaces allowed) when overloaded."""
    listing = ", ".join(sorted(m.signature for m in members)) or "none"
    if "(" in wanted:
        compact = wanted.replace(" ", "")
        for member in members:
            if member.signature == compact:
                return member
        raise MemberLookupError(f"no {kind} with signature {compact!r}; the ABI has: {listing}")
    matches = [m for m in members if m.name == wanted]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise MemberLookupError(f"no {kind} named {wanted!r}; the ABI has: {listing}")
    candidates = ", ".join(sorted(m.signature for m in matches))
    raise MemberLookupError(f"{kind} {wanted!r} is overloaded: name one of {candidates}")


class DecodedCall(NamedTuple):
    """Calldata decoded: which function, and its argument values."""

    function: abi.Function
    args: tuple[Any, ...]


# ---- the contract ----


class DynamicBase(ContractBase):
    """What both faces of a dynamic binding share offline: `from_abi`, lookup, encoding and
    decoding. DynamicContract and AsyncDynamicContract add the node."""

    FACE: ClassVar[type[DynamicFunctionAbi]] = DynamicFunctionAbi  # its functions' base
    ABI: ClassVar[abi.ContractAbi] = abi.ContractAbi((), (), (), None, None, None)
    FUNCTION_TYPES: ClassVar[Mapping[str, type[DynamicFunctionAbi]]] = {}  # by signature
    EVENT_TYPES: ClassVar[Mapping[str, type[DynamicEvent]]] = {}  # by signature
    CONSTRUCTOR: ClassVar[codec.Codec[Any]] = params_codec(())

    __slots__ = ()

    @classmethod
    def from_abi(
        cls,
        contract_abi: abi.ContractAbi | Sequence[Mapping[str, Any]],
        *,
        name: str = "Contract",
        bytecode: bytes | str | None = None,
        libraries: Mapping[str, Sequence[int]] | None = None,
    ) -> type[Self]:
        """A contract class for an ABI (the model, or the JSON entries).

        `bytecode` is the creation code (bytes or hex, with or without library
        placeholders); `libraries` maps each library's fully qualified name
        ("src/Lib.sol:Lib") to the byte offsets of its placeholders.
        """
        parsed = (
            contract_abi
            if isinstance(contract_abi, abi.ContractAbi)
            else parse_abi(list(contract_abi))
        )
        offsets = {n: tuple(sorted(places)) for n, places in (libraries or {}).items()}
        constructor = parsed.constructor.inputs if parsed.constructor else ()
        attributes = {
            "__slots__": (),
            "ABI": parsed,
            "FUNCTION_TYPES": registry(
                {f.signature: _function_class(f, cls.FACE) for f in parsed.functions}
            ),
            "EVENT_TYPES": registry({e.signature: _event_class(e) for e in parsed.events}),
            "CONSTRUCTOR": params_codec(constructor, positional=True),
            "BYTECODE": _unlinked(name, bytecode, offsets),
            "LIBRARIES": registry(offsets),
        }
        kind = cast("type[Self]", type(name, (cls,), attributes))
        kind.FUNCTIONS = kind.FUNCTION_TYPES
        kind.ERRORS = registry({e.selector: _error_class(e) for e in parsed.errors})
        kind.EVENTS = registry({e.TOPIC: e.spec() for e in kind.EVENT_TYPES.values()})
        return kind

    # -- lookup (offline) --

    @classmethod
    def find_function(cls, ref: str) -> abi.Function:
        """The ABI function named `ref` (a name, or a full signature when overloaded)."""
        found: abi.Function = _find(cls.ABI.functions, ref, "function")
        return found

    @classmethod
    def find_event(cls, ref: str) -> abi.Event:
        """The ABI event named `ref` (a name, or a full signature when overloaded)."""
        found: abi.Event = _find(cls.ABI.events, ref, "event")
        return found

    @classmethod
    def function_abi(cls, ref: str) -> type[DynamicFunctionAbi]:
        """The function's class: `Kind.function_abi("transfer")(None).encode_input(...)`."""
        return cls.FUNCTION_TYPES[cls.find_function(ref).signature]

    @classmethod
    def event_type(cls, ref: str) -> type[DynamicEvent]:
        """The event's class: its instances are its decoded logs."""
        return cls.EVENT_TYPES[cls.find_event(ref).signature]

    def _log_query(
        self, ref: str | None, where: Mapping[str, object] | None
    ) -> tuple[Mapping[bytes, EventSpec[Any]], list[Any] | None]:
        """The events to decode and the topics to ask for: one event (`ref`) or all."""
        if ref is None:
            if where:
                raise ValueError("filters on indexed arguments need an event")
            return self.EVENTS, []
        event = self.event_type(ref)
        return {event.TOPIC: event.spec()}, event.spec().topics(_filters(event, where or {}))

    def _watching(
        self,
        node: object,
        ref: str | None,
        where: Mapping[str, object] | None,
        confirmations: int,
        poll_interval: float | None,
    ) -> Watching[DynamicEvent]:
        """The core of a watch of one event (`ref`) or all (None), as get_logs filters them."""
        specs, topics = self._log_query(ref, where)

        def decode(log: dict[str, Any]) -> DynamicEvent | None:
            return _decode(log, specs)

        return watching(node, self.address, topics, decode, confirmations, poll_interval)

    # -- offline encoding and decoding --

    @classmethod
    def encode_input(cls, ref: str, *args: Any) -> bytes:
        """Calldata for a call: selector + encoded arguments."""
        return cls.function_abi(ref)(None).encode_input(*args)

    @classmethod
    def decode_input(cls, data: bytes | str) -> DecodedCall:
        """Calldata -> the function its selector names, and the argument values."""
        raw = from_data(data)
        kind = next((f for f in cls.FUNCTION_TYPES.values() if raw[:4] == f.SELECTOR), None)
        if kind is None:
            raise codec.DecodingError(
                f"no function of {cls.__name__} has selector 0x{raw[:4].hex()}"
            )
        try:
            return DecodedCall(kind.ABI, kind(None).decode_input(raw))
        except codec.DecodingError as exc:
            raise codec.DecodingError(
                f"calldata for {kind.SIGNATURE} does not decode: {exc}"
            ) from None

    @classmethod
    def decode_output(cls, ref: str, data: bytes | str) -> Any:
        """A function's return data -> its result (see DynamicFunction)."""
        return cls.function_abi(ref)(None).decode_output(data)

    @classmethod
    def decode_revert(cls, data: bytes | str) -> ContractError:
        """Revert data -> this ABI's DynamicError, Revert, Panic or a plain ContractError."""
        return decode_revert(from_data(data), cls.ERRORS)

    @classmethod
    def decode_log(cls, log: Mapping[str, Any]) -> DynamicEvent | None:
        """A log (as nodes give it: topics, data, address...) -> the event it is, if any."""
        return _decode(log, cls.EVENTS)

    # -- deployment --

    @classmethod
    def encode_deploy(cls, *args: Any, libraries: Mapping[str, str] | None = None) -> bytes:
        """Creation code linked with the given library addresses, plus constructor arguments."""
        code = link_offline(cls, libraries or {}) if cls.LIBRARIES else cls._creation_code()
        return code + cls._constructor_arguments(args)

    @classmethod
    def _creation_code(cls) -> bytes:
        if not cls.BYTECODE:
            raise LinkError(f"{cls.__name__} has no bytecode to deploy")
        return cls.BYTECODE

    @classmethod
    def _constructor_arguments(cls, args: tuple[Any, ...]) -> bytes:
        # The same path as generated deploy(): a bad argument names the constructor's parameter.
        return encode_arguments("constructor", b"", cls.CONSTRUCTOR, args)


class DynamicContract(DynamicBase, Contract):
    """A contract made from its ABI at run time: build the class with `from_abi`, bind it
    to an address like a generated one (`Kind(address, node)`) or `deploy` it.

    Functions and events are named by ABI name, or by full signature when overloaded
    ("set(uint256,uint256)"); a miss or an overloaded name raises MemberLookupError.
    Offline helpers (encoding, decoding, lookup) are class methods.
    """

    FACE: ClassVar[type[DynamicFunctionAbi]] = DynamicFunction

    __slots__ = ()

    @classmethod
    def function_type(cls, ref: str) -> type[DynamicFunction]:
        """The function's class: `Kind.function_type("transfer")(None).encode_input(...)`."""
        return cast("type[DynamicFunction]", cls.function_abi(ref))

    def function(self, ref: str) -> DynamicFunction:
        """The function bound to this contract."""
        return self.function_type(ref)(self)

    # -- talking to the node --

    def call(
        self,
        ref: str,
        *args: Any,
        block: BlockId = "latest",
        sender: Sender | None = None,
        value: int = 0,
    ) -> Any:
        """Call a function with eth_call (sends nothing) and return its decoded result."""
        return self.function(ref).call(*args, block=block, sender=sender, value=value)

    simulate = call

    def send(
        self, ref: str, *args: Any, sender: Sender, value: int = 0, **tx: Unpack[TxOptions]
    ) -> Transaction:
        """Send a transaction calling a function; `.wait()` gives the receipt, its events
        decoded to this class's DynamicEvents and a failure to its decoded revert."""
        return self.function(ref).send(*args, sender=sender, value=value, **tx)

    def estimate_gas(
        self, ref: str, *args: Any, sender: Sender | None = None, value: int = 0
    ) -> int:
        """Gas the node estimates for a call (a revert raises the decoded error)."""
        return self.function(ref).estimate_gas(*args, sender=sender, value=value)

    def get_logs(
        self,
        ref: str | None = None,
        *,
        from_block: BlockId = "latest",
        to_block: BlockId = "latest",
        where: Mapping[str, object] | None = None,
        progress: Progress | None = None,
    ) -> list[DynamicEvent]:
        """Decoded logs of one event (`ref`), or of every event of the ABI (None).

        `where` filters on indexed arguments by name (arg0... when unnamed): a value, or a
        list of values any of which matches. Long ranges are fetched in chunks (see
        abigen.runtime.logs); `progress(done, total)` hears of each chunk. Logs that do not
        decode as an event of this ABI are left out.
        """
        specs, topics = self._log_query(ref, where)
        if topics is None:
            return []
        logs = get_logs(self.node, self.address, topics, from_block, to_block, progress)
        return [e for e in (_decode(log, specs) for log in logs) if e is not None]

    def watch(
        self,
        ref: str | None = None,
        *,
        from_block: BlockId | None = None,
        confirmations: int = 0,
        poll_interval: float | None = None,
        where: Mapping[str, object] | None = None,
    ) -> EventWatch[DynamicEvent]:
        """Follow one event (`ref`) or every event of the ABI (None) as blocks arrive: an
        iterator of decoded events, each once, in chain order (see EventQuery.watch for
        `from_block`, `confirmations`, `poll_interval` and reorgs; `where` as for get_logs)."""
        core = self._watching(self.node, ref, where, confirmations, poll_interval)
        return EventWatch(self.node, core, from_block)

    @classmethod
    def deploy_transaction(
        cls,
        node: Node,
        *args: Any,
        sender: Sender,
        value: int = 0,
        libraries: Mapping[str, str] | None = None,
        **tx: Unpack[TxOptions],
    ) -> Transaction:
        """Send the deployment; its receipt's `contract_address` is the new contract.

        Libraries are linked as generated bindings link them (abigen.runtime.linking): by
        the addresses given (short or fully qualified names), or those this node already
        got from us; a missing one raises LinkError before anything is sent.
        """
        return deploy_transaction(cls, node, args, sender, {**tx, "value": value}, libraries)

    @classmethod
    def deploy(
        cls,
        node: Node,
        *args: Any,
        sender: Sender,
        value: int = 0,
        libraries: Mapping[str, str] | None = None,
        **tx: Unpack[TxOptions],
    ) -> Self:
        """Deploy, wait for the receipt, and return the new contract bound to `node` (its
        `deployment` keeps the transaction and receipt)."""
        transaction = cls.deploy_transaction(
            node, *args, sender=sender, value=value, libraries=libraries, **tx
        )
        return deployed(cls, node, transaction)


class AsyncDynamicContract(DynamicBase, AsyncContract):
    """The async twin of DynamicContract, on an AsyncNode: the same members, awaited.

    Token = AsyncDynamicContract.from_abi(abi_json, name="Token", bytecode=code)
    token = await Token.deploy(node, "Gold", "GLD", 1000, sender=alice)
    await token.call("balanceOf", alice)
    """

    FACE: ClassVar[type[DynamicFunctionAbi]] = AsyncDynamicFunction

    __slots__ = ()

    @classmethod
    def function_type(cls, ref: str) -> type[AsyncDynamicFunction]:
        """The function's class (see DynamicContract.function_type)."""
        return cast("type[AsyncDynamicFunction]", cls.function_abi(ref))

    def function(self, ref: str) -> AsyncDynamicFunction:
        """The function bound to this contract."""
        return self.function_type(ref)(self)

    async def call(
        self,
        ref: str,
        *args: Any,
        block: BlockId = "latest",
        sender: Sender | None = None,
        value: int = 0,
    ) -> Any:
        """Call a function with eth_call (sends nothing) and return its decoded result."""
        return await self.function(ref).call(*args, block=block, sender=sender, value=value)

    simulate = call

    async def send(
        self, ref: str, *args: Any, sender: Sender, value: int = 0, **tx: Unpack[TxOptions]
    ) -> AsyncTransaction:
        """Send a transaction calling a function; `await .wait()` gives the receipt."""
        return await self.function(ref).send(*args, sender=sender, value=value, **tx)

    async def estimate_gas(
        self, ref: str, *args: Any, sender: Sender | None = None, value: int = 0
    ) -> int:
        """Gas the node estimates for a call (a revert raises the decoded error)."""
        return await self.function(ref).estimate_gas(*args, sender=sender, value=value)

    async def get_logs(
        self,
        ref: str | None = None,
        *,
        from_block: BlockId = "latest",
        to_block: BlockId = "latest",
        where: Mapping[str, object] | None = None,
        progress: Progress | None = None,
    ) -> list[DynamicEvent]:
        """Decoded logs of one event (`ref`), or of every event (see DynamicContract.get_logs)."""
        specs, topics = self._log_query(ref, where)
        if topics is None:
            return []
        flow = fetching_logs(
            self.node.endpoint, self.address, topics, from_block, to_block, progress
        )
        logs = await run_async(flow, self.node)
        return [e for e in (_decode(log, specs) for log in logs) if e is not None]

    def watch(
        self,
        ref: str | None = None,
        *,
        from_block: BlockId | None = None,
        confirmations: int = 0,
        poll_interval: float | None = None,
        where: Mapping[str, object] | None = None,
    ) -> AsyncEventWatch[DynamicEvent]:
        """Follow one event or all, as blocks arrive (see DynamicContract.watch): `async for`."""
        core = self._watching(self.node, ref, where, confirmations, poll_interval)
        return AsyncEventWatch(self.node, core, from_block)

    @classmethod
    async def deploy(
        cls,
        node: AsyncNode,
        *args: Any,
        sender: Sender,
        value: int = 0,
        libraries: Mapping[str, str] | None = None,
        **tx: Unpack[TxOptions],
    ) -> Self:
        """Deploy, wait for the receipt, and return the new contract bound to `node`."""
        return await deploy_async(cls, node, args, sender, {**tx, "value": value}, libraries)


def _filters(event: type[DynamicEvent], where: Mapping[str, object]) -> list[object]:
    indexed = [n for n, p in zip(event.NAMES, event.ABI.inputs, strict=True) if p.indexed]
    unknown = sorted(set(where) - set(indexed))
    if unknown:
        raise ValueError(
            f"{event.__name__} has no indexed argument {unknown[0]!r} "
            f"(indexed: {', '.join(indexed) or 'none'})"
        )
    return [where.get(name) for name in indexed]


def _decode(log: Mapping[str, Any], specs: Mapping[bytes, EventSpec[Any]]) -> DynamicEvent | None:
    """The log as one of these events, or None when it is none of them (or does not decode:
    ERC-20 and ERC-721 share Transfer's topic with different indexed arguments)."""
    anonymous = [spec for spec in specs.values() if spec.anonymous]
    with contextlib.suppress(codec.DecodingError):
        return cast("DynamicEvent | None", decode_log(log, specs, anonymous))
    return None


def _unlinked(
    name: str, bytecode: bytes | str | None, offsets: Mapping[str, Sequence[int]]
) -> bytes:
    """Creation code with every library placeholder zeroed (linking writes the addresses)."""
    if bytecode is None:
        return b""
    text = bytecode.hex() if isinstance(bytecode, bytes) else bytecode
    text = text[2:] if text[:2] in ("0x", "0X") else text
    try:
        return bytes.fromhex(blank_placeholders(text, [o for p in offsets.values() for o in p]))
    except ValueError:
        raise LinkError(
            f"{name}'s bytecode has unlinked placeholders no link reference covers"
        ) from None
