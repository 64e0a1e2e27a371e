"""The client commands. Each returns an Outcome: readable text and its exact JSON form.

Only `call`, `send`, `deploy` and `logs` talk to a node; `decode` and `inspect` work offline.
Only `send` and `deploy` send anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from abigen.client.contract import LoadedContract, find, params_codec, typed_params
from abigen.client.decoding import AbiCustomError, AbiEvent, error_registry, event_spec, event_specs
from abigen.client.errors import ClientError, usage
from abigen.client.show import human, outputs_to_json, table, to_json
from abigen.client.values import ArgumentError, parse_arguments, parse_value
from abigen.runtime import codec
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.types import Elementary
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.errors import NodeError, RpcError
from abigen.runtime.events import EventSpec
from abigen.runtime.hexdata import from_data, from_quantity, to_data
from abigen.runtime.node import Node, block_tag
from abigen.runtime.receipt import Receipt
from abigen.runtime.reverts import ContractError, Panic, Revert, decode_revert, revert_data
from abigen.runtime.tx import TxOptions, send_transaction

if TYPE_CHECKING:
    from abigen.runtime import Sender

UINT256 = Elementary("uint", 256)


@dataclass(frozen=True)
class Outcome:
    text: str  # for people
    data: object  # for --json: exact, JSON-ready


# ---- shared helpers ----


def _arguments(params: Sequence[abi.Param], texts: Sequence[str]) -> tuple[object, ...]:
    try:
        return parse_arguments(typed_params(params), texts)
    except ArgumentError as exc:
        raise usage(str(exc)) from None


def _address(text: str, option: str) -> str:
    try:
        return to_checksum_address(parse_address(text))
    except codec.EncodingError as exc:
        raise usage(f"{option}: {exc}") from None


def _amount(text: str | None, option: str) -> int | None:
    """--value/--gas/fees: integers with units (1.5ether, 20gwei) like any uint256 argument."""
    if text is None:
        return None
    try:
        value = parse_value(UINT256, text, name=option)
    except ArgumentError as exc:
        raise usage(str(exc)) from None
    assert isinstance(value, int)
    return value


def _revert(exc: ContractError) -> ClientError:
    receipt = exc.receipt
    if receipt is None:  # caught before anything was sent (eth_call, gas estimation)
        return ClientError(f"reverted: {exc}")
    return ClientError(
        f"transaction {receipt.transaction_hash} was mined in block {receipt.block_number} "
        f"and failed (status 0, gas used {receipt.gas_used}): reverted: {exc}"
    )


def _node_call(action: Callable[[], Any]) -> Any:
    """Run something that talks to the node; its failures become one-line ClientErrors."""
    try:
        return action()
    except ContractError as exc:
        raise _revert(exc) from None
    except NodeError as exc:
        raise ClientError(str(exc)) from None


def _outputs(function: abi.Function, raw: bytes) -> Outcome:
    try:
        values = params_codec(function.outputs).decode(raw)
    except codec.DecodingError as exc:
        raise ClientError(
            f"{function.signature} returned data that does not decode: {exc}"
        ) from None
    params = typed_params(function.outputs)  # arg0... for people reading `name = value`
    data = outputs_to_json([(p.name, p.type) for p in function.outputs], values)
    if len(params) == 1 and not function.outputs[0].name:
        return Outcome(human(params[0][1], values[0]), data)
    lines = [
        f"{name} = {human(kind, value)}" for (name, kind), value in zip(params, values, strict=True)
    ]
    return Outcome("\n".join(lines), data)


def _event_json(event: AbiEvent, with_log: bool = True) -> dict[str, Any]:
    params = event.params
    data: dict[str, Any] = {
        "event": event.event.name,
        "signature": event.event.signature,
        "args": {
            name: to_json(kind, value)
            for (name, kind), value in zip(params, event.values, strict=True)
        },
    }
    if with_log:
        data.update(
            address=event.log.address,
            blockNumber=event.log.block_number,
            transactionHash=event.log.transaction_hash,
            logIndex=event.log.log_index,
        )
    return data


def _event_text(event: AbiEvent) -> str:
    fields = ", ".join(
        f"{name}={human(kind, value)}"
        for (name, kind), value in zip(event.params, event.values, strict=True)
    )
    return f"{event.event.name}({fields})"


# ---- call ----


def call(
    contract: LoadedContract,
    node: Node,
    address: str,
    function_ref: str,
    args: Sequence[str],
    block: str,
    sender: Sender | None,
) -> Outcome:
    function = find(contract.abi.functions, function_ref, "function")
    calldata = function.selector + params_codec(function.inputs).encode(
        _arguments(function.inputs, args)
    )
    request: dict[str, str] = {"to": _address(address, "--address"), "data": to_data(calldata)}
    if sender is not None:
        request["from"] = sender if isinstance(sender, str) else sender.address
    errors = error_registry(contract.abi.errors)

    def run() -> str:
        try:
            result: str = node.request("eth_call", [request, _block(block)])
        except RpcError as exc:
            data = revert_data(exc)
            if data is None:
                raise
            raise decode_revert(data, errors) from None
        return result

    raw = from_data(_node_call(run))
    if not raw and function.outputs:
        raise ClientError(
            f"{function.signature} returned no data: is there a contract at {address}?"
        )
    return _outputs(function, raw)


def _block(text: str) -> str:
    if text.isdigit():
        return block_tag(int(text))
    if text.startswith(("0x", "0X")) and len(text) != 66:
        return block_tag(int(text, 16))
    return text  # a tag (latest, pending, safe, finalized, earliest) or a block hash


# ---- send / deploy ----


@dataclass(frozen=True)
class Fees:
    value: str | None = None
    gas: str | None = None
    gas_price: str | None = None
    max_fee: str | None = None
    max_priority_fee: str | None = None
    nonce: int | None = None

    def options(self) -> TxOptions:
        given = {
            "gas": _amount(self.gas, "--gas"),
            "gas_price": _amount(self.gas_price, "--gas-price"),
            "max_fee_per_gas": _amount(self.max_fee, "--max-fee"),
            "max_priority_fee_per_gas": _amount(self.max_priority_fee, "--max-priority-fee"),
            "nonce": self.nonce,
        }
        return cast(TxOptions, {key: value for key, value in given.items() if value is not None})


def _receipt_outcome(contract: LoadedContract, receipt: Receipt, extra: dict[str, Any]) -> Outcome:
    events = [e for e in receipt.events if isinstance(e, AbiEvent)]
    data = {
        **extra,
        "transactionHash": receipt.transaction_hash,
        "blockNumber": receipt.block_number,
        "status": receipt.status,
        "gasUsed": receipt.gas_used,
        "events": [_event_json(e) for e in events],
    }
    lines = [f"{key}: {value}" for key, value in extra.items()]
    lines += [
        f"status: {'success' if receipt.status == 1 else 'failed'} ({receipt.status})",
        f"transaction: {receipt.transaction_hash}",
        f"block: {receipt.block_number}",
        f"gas used: {receipt.gas_used}",
    ]
    if events:
        lines += ["events:", *(f"  {_event_text(e)}" for e in events)]
    return Outcome("\n".join(lines), data)


def send(
    contract: LoadedContract,
    node: Node,
    address: str,
    function_ref: str,
    args: Sequence[str],
    sender: Sender,
    fees: Fees,
    wait: bool,
) -> Outcome:
    function = find(contract.abi.functions, function_ref, "function")
    calldata = function.selector + params_codec(function.inputs).encode(
        _arguments(function.inputs, args)
    )
    target = _address(address, "--address")
    value = _amount(fees.value, "--value") or 0
    options = fees.options()
    events = event_specs(contract.abi.events)
    errors = error_registry(contract.abi.errors)
    tx = _node_call(
        lambda: send_transaction(node, sender, target, calldata, value, options, errors, events)
    )
    if not wait:
        return Outcome(f"transaction: {tx.hash}", {"transactionHash": tx.hash})
    return _receipt_outcome(contract, _node_call(tx.wait), {})


def deploy(
    contract: LoadedContract,
    node: Node,
    bytecode: str | None,
    args: Sequence[str],
    sender: Sender,
    fees: Fees,
    libraries: dict[str, str],
) -> Outcome:
    code_hex = bytecode or contract.bytecode
    if not code_hex:
        raise usage(
            f"{contract.name} has no bytecode: give --bin FILE (or an artifact that has it)"
        )
    code = _linked(contract, code_hex, libraries)
    constructor = contract.abi.constructor or abi.Constructor((), "nonpayable")
    arguments = params_codec(constructor.inputs).encode(_arguments(constructor.inputs, args))
    value = _amount(fees.value, "--value") or 0
    errors = error_registry(contract.abi.errors)
    events = event_specs(contract.abi.events)
    options = fees.options()
    tx = _node_call(
        lambda: send_transaction(
            node, sender, None, code + arguments, value, options, errors, events
        )
    )
    receipt = _node_call(tx.wait)
    return _receipt_outcome(contract, receipt, {"address": receipt.contract_address})


def _linked(contract: LoadedContract, code_hex: str, libraries: dict[str, str]) -> bytes:
    """Creation code with library addresses written over their placeholders."""
    chars = list(code_hex)
    needed: list[str] = []
    linked: set[str] = set()
    for source, names in contract.source.link_references.items():
        for library, places in names.items():
            qualified = f"{source}:{library}" if source else library
            linked |= {library, qualified}
            address = libraries.get(library) or libraries.get(qualified)
            if address is None:
                needed.append(qualified)
                continue
            raw = parse_address(_address(address, f"--library {library}")).hex()
            for offset, _ in places:
                chars[2 * offset : 2 * offset + 40] = raw
    unknown = sorted(set(libraries) - linked)
    if unknown:
        known = ", ".join(sorted(linked)) or "none"
        raise usage(
            f"--library {unknown[0]}: {contract.name} links no such library (it links: {known})"
        )
    if needed:
        raise usage(
            f"{contract.name} links libraries: give --library NAME=ADDRESS for {', '.join(needed)}"
        )
    try:
        return bytes.fromhex("".join(chars))
    except ValueError:
        raise usage(
            f"{contract.name}'s bytecode has unlinked placeholders no link reference covers"
        ) from None


# ---- logs ----

# How nodes word "that block range / result set is too large" (geth, erigon, alchemy,
# infura, anvil...): on any of these the chunk is halved and the request retried.
_TOO_LARGE = ("too large", "too many", "range", "limit", "exceed", "more than", "10000")


def logs(
    contract: LoadedContract,
    node: Node,
    address: str,
    event_ref: str | None,
    from_block: str,
    to_block: str,
    where: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
) -> Outcome:
    target = _address(address, "--address")
    if event_ref is None:
        if where:
            raise usage("--where filters on an event's indexed arguments: name the EVENT")
        specs = event_specs(contract.abi.events)
        topics: list[Any] | None = []
    else:
        event = find(contract.abi.events, event_ref, "event")
        spec = event_spec(event)
        specs = {event.topic: spec}
        topics = spec.topics(_filters(event, where))
    first, last = _node_call(
        lambda: (_block_number(node, from_block), _block_number(node, to_block))
    )
    found: list[AbiEvent] = []
    if topics is not None and first <= last:
        raw = _node_call(lambda: _scan(node, target, topics, first, last, progress))
        found = [e for e in (_decode_log(log, specs) for log in raw) if e is not None]
    rows = [
        [str(e.log.block_number), e.log.transaction_hash, str(e.log.log_index), _event_text(e)]
        for e in found
    ]
    text = table(["block", "transaction", "log", "event"], rows) if rows else "no matching logs"
    return Outcome(text, [_event_json(e) for e in found])


def _filters(event: abi.Event, where: Sequence[str]) -> list[object]:
    indexed = [(p.name or f"arg{i}", p) for i, p in enumerate(event.inputs) if p.indexed]
    wanted: dict[str, list[object]] = {}
    for clause in where:
        name, sep, text = clause.partition("=")
        param = next((p for n, p in indexed if n == name), None)
        if not sep or param is None:
            names = ", ".join(n for n, _ in indexed) or "none"
            raise usage(
                f"--where {clause!r}: expected NAME=VALUE with NAME an indexed argument of {event.name} ({names})"
            )
        try:
            wanted.setdefault(name, []).append(parse_value(param.type, text, name=name))
        except ArgumentError as exc:
            raise usage(f"--where: {exc}") from None
    # Several --where on one argument mean any of them.
    return [
        None if n not in wanted else (wanted[n][0] if len(wanted[n]) == 1 else wanted[n])
        for n, _ in indexed
    ]


def _block_number(node: Node, text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith(("0x", "0X")) and len(text) < 66:
        return int(text, 16)
    block = node.request("eth_getBlockByNumber", [text, False])
    if block is None:
        raise ClientError(f"no block {text!r} on the node")
    return from_quantity(block["number"])


def _scan(
    node: Node,
    address: str,
    topics: list[Any],
    first: int,
    last: int,
    progress: Callable[[int, int], None] | None,
) -> list[dict[str, Any]]:
    total = last - first + 1
    chunk = total
    found: list[dict[str, Any]] = []
    start = first
    while start <= last:
        end = min(last, start + chunk - 1)
        query = {"address": address, "fromBlock": hex(start), "toBlock": hex(end), "topics": topics}
        try:
            found += node.request("eth_getLogs", [query])
        except RpcError as exc:
            if chunk > 1 and any(words in exc.rpc_message.lower() for words in _TOO_LARGE):
                chunk = max(1, chunk // 2)
                continue
            raise
        start = end + 1
        if progress is not None:
            progress(start - first, total)
    return found


def _decode_log(log: dict[str, Any], specs: Mapping[bytes, EventSpec[Any]]) -> AbiEvent | None:
    topics: list[str] = log.get("topics") or []
    candidates = [s for s in specs.values() if s.anonymous]
    if topics:
        spec = specs.get(from_data(topics[0]))
        if spec is not None:
            candidates = [spec]
    for spec in candidates:
        try:
            event: AbiEvent = spec.decode(log)
        except codec.DecodingError:
            continue
        return event
    return None


# ---- decode (offline) ----


def decode(contract: LoadedContract, kind: str, texts: Sequence[str]) -> Outcome:
    if kind == "calldata":
        return _decode_calldata(contract, _one_hex(texts, "calldata HEX"))
    if kind == "output":
        if len(texts) != 2:
            raise usage("decode output FUNCTION HEX: give the function and the return data")
        function = find(contract.abi.functions, texts[0], "function")
        return _outputs(function, _hex(texts[1]))
    if kind == "revert":
        return _decode_revert(contract, _one_hex(texts, "revert HEX"))
    if kind == "log":
        if not texts:
            raise usage("decode log TOPIC... DATA: give the log's topics, then its data")
        return _decode_event(contract, [_hex(t) for t in texts[:-1]], _hex(texts[-1]))
    raise usage(f"decode {kind!r}: expected calldata, output, revert or log")


def _hex(text: str) -> bytes:
    try:
        return from_data(text if text[:2] in ("0x", "0X") else "0x" + text)
    except ValueError as exc:
        raise usage(str(exc)) from None


def _one_hex(texts: Sequence[str], what: str) -> bytes:
    if len(texts) != 1:
        raise usage(f"decode {what}: give exactly one hex value")
    return _hex(texts[0])


def _decode_calldata(contract: LoadedContract, data: bytes) -> Outcome:
    function = next((f for f in contract.abi.functions if f.selector == data[:4]), None)
    if function is None:
        raise ClientError(f"no function of {contract.name} has selector 0x{data[:4].hex()}")
    try:
        values = params_codec(function.inputs).decode(data[4:])
    except codec.DecodingError as exc:
        raise ClientError(f"calldata for {function.signature} does not decode: {exc}") from None
    params = typed_params(function.inputs)
    args = {name: to_json(kind, value) for (name, kind), value in zip(params, values, strict=True)}
    shown = ", ".join(
        f"{name}={human(kind, v)}" for (name, kind), v in zip(params, values, strict=True)
    )
    return Outcome(f"{function.name}({shown})", {"function": function.signature, "args": args})


def _decode_revert(contract: LoadedContract, data: bytes) -> Outcome:
    error = decode_revert(data, error_registry(contract.abi.errors))
    payload: dict[str, Any] = {"error": None, "args": {}}
    if isinstance(error, AbiCustomError):
        payload = {
            "error": error.SIGNATURE,
            "args": {
                name: to_json(kind, v)
                for (name, kind), v in zip(error.PARAMS, error.values, strict=True)
            },
        }
    elif isinstance(error, Revert):
        payload = {"error": "Error(string)", "args": {"reason": error.reason}}
    elif isinstance(error, Panic):
        payload = {
            "error": "Panic(uint256)",
            "args": {"code": error.code},
            "meaning": error.meaning,
        }
    else:
        payload["data"] = to_data(data)
    return Outcome(str(error), payload)


def _decode_event(contract: LoadedContract, topics: list[bytes], data: bytes) -> Outcome:
    log = {
        "topics": [to_data(t) for t in topics],
        "data": to_data(data),
        "address": "0x" + "00" * 20,
    }
    event = _decode_log(log, event_specs(contract.abi.events))
    if event is None:
        raise ClientError(f"no event of {contract.name} matches these topics and data")
    return Outcome(_event_text(event), _event_json(event, with_log=False))


# ---- inspect (offline) ----


def inspect(contract: LoadedContract) -> Outcome:
    functions = sorted(contract.abi.functions, key=lambda f: f.signature)
    events = sorted(contract.abi.events, key=lambda e: e.signature)
    errors = sorted(contract.abi.errors, key=lambda e: e.signature)
    data = {
        "contract": contract.name,
        "functions": [
            {
                "signature": f.signature,
                "selector": "0x" + f.selector.hex(),
                "stateMutability": f.state_mutability,
                "outputs": [p.type.canonical for p in f.outputs],
            }
            for f in functions
        ],
        "events": [
            {
                "signature": e.signature,
                "topic": None if e.anonymous else "0x" + e.topic.hex(),
                "anonymous": e.anonymous,
            }
            for e in events
        ],
        "errors": [{"signature": e.signature, "selector": "0x" + e.selector.hex()} for e in errors],
    }
    sections = [
        f"contract {contract.name}",
        "",
        "functions",
        table(
            ["selector", "signature", "mutability", "returns"],
            [
                [
                    "0x" + f.selector.hex(),
                    f.signature,
                    f.state_mutability,
                    ", ".join(p.type.canonical for p in f.outputs),
                ]
                for f in functions
            ],
        ),
        "",
        "events",
        table(
            ["topic", "signature"],
            [["(anonymous)" if e.anonymous else "0x" + e.topic.hex(), e.signature] for e in events],
        ),
        "",
        "errors",
        table(["selector", "signature"], [["0x" + e.selector.hex(), e.signature] for e in errors]),
    ]
    return Outcome("\n".join(sections), data)
