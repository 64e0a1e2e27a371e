"""The client commands. Each returns an Outcome: readable text and its exact JSON form.

Only `call`, `send`, `deploy`, `logs`, `tx` and `receipt` talk to a node; `decode` and
`inspect` work offline.
Only `send` and `deploy` send anything.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from abigen.client.connection import warn_unpinned
from abigen.client.contract import LoadedContract, binding
from abigen.client.errors import ClientError, usage
from abigen.client.show import human, outputs_to_json, table, to_json
from abigen.client.values import ArgumentError, parse_arguments, parse_value
from abigen.runtime import codec
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.types import AbiType, Elementary, stored_as_hash
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.chainreads import tx_hash_of
from abigen.runtime.dynamic import (
    DynamicContract,
    DynamicError,
    DynamicEvent,
    MemberLookupError,
)
from abigen.runtime.errors import DecodingError, LinkError, NodeError
from abigen.runtime.hexdata import from_data, to_data
from abigen.runtime.node import block_tag
from abigen.runtime.reverts import ContractError, Panic, Revert
from abigen.runtime.tx import check_options

if TYPE_CHECKING:
    from abigen.runtime import Sender
    from abigen.runtime.chainrecords import TransactionInfo
    from abigen.runtime.node import Node
    from abigen.runtime.receipt import Receipt
    from abigen.runtime.tx import Transaction, TxOptions

UINT256 = Elementary("uint", 256)
_WORD = codec.uint(256)
_TOPIC: AbiType = Elementary("fixed_bytes", 32)  # a hashed indexed value, as stored


@dataclass(frozen=True)
class Outcome:
    text: str  # for people
    data: object  # for --json: exact, JSON-ready


# ---- shared helpers: text in, the runtime's failures out as one line ----


def _typed(params: Sequence[abi.Param]) -> list[tuple[str, AbiType]]:
    """(name, type) per parameter; unnamed ones are arg0, arg1... as the runtime names them."""
    return [(p.name or f"arg{i}", p.type) for i, p in enumerate(params)]


def _arguments(params: Sequence[abi.Param], texts: Sequence[str]) -> tuple[object, ...]:
    try:
        return parse_arguments(_typed(params), texts)
    except ArgumentError as exc:
        raise usage(str(exc)) from None


def _address(text: str, option: str) -> str:
    try:
        return to_checksum_address(parse_address(text))
    except codec.EncodingError as exc:
        raise usage(f"{option}: {exc}") from None


def _block(text: str, option: str) -> str:
    try:
        block_tag(text)  # the runtime's parser; the text goes to it as given
    except ValueError as exc:
        raise usage(f"{option}: {exc}") from None
    return text


def _amount(text: str | None, option: str) -> int | None:
    """--value/--gas/fees: integers with units (1.5ether, 20gwei) like any uint256 argument."""
    if text is None:
        return None
    try:
        value = parse_value(UINT256, text, name=option)
        _WORD.encode(value)  # the codec's range check, as for any uint256 argument
    except ArgumentError as exc:
        raise usage(str(exc)) from None
    except codec.EncodingError as exc:
        raise usage(f"{option}: {exc}") from None
    assert isinstance(value, int)
    return value


def _member(find: Callable[[], Any]) -> Any:
    try:
        return find()
    except MemberLookupError as exc:
        raise usage(str(exc)) from None


def _error_text(error: ContractError) -> str:
    if isinstance(error, DynamicError):
        fields = _fields(_typed(error.ABI.inputs), error.values)
        return f"{type(error).__name__}({fields})"
    return str(error)


def _revert(exc: ContractError) -> ClientError:
    receipt = exc.receipt
    if receipt is None:  # caught before anything was sent (eth_call, gas estimation)
        return ClientError(f"reverted: {_error_text(exc)}")
    return ClientError(
        f"transaction {receipt.transaction_hash} was mined in block {receipt.block_number} "
        f"and failed (status 0, gas used {receipt.gas_used}): reverted: {_error_text(exc)}"
    )


def _run(action: Callable[[], Any]) -> Any:
    """Run something on the dynamic binding; its failures become one-line ClientErrors."""
    try:
        return action()
    except ContractError as exc:
        raise _revert(exc) from None
    except codec.EncodingError as exc:  # a value the codec refuses: the message names it
        raise usage(str(exc)) from None
    except (NodeError, codec.DecodingError) as exc:
        raise ClientError(str(exc)) from None


def _bound(kind: type[DynamicContract], address: str, node: Node) -> DynamicContract:
    return kind(_address(address, "--address"), node)


def _fields(params: Sequence[tuple[str, AbiType]], values: Sequence[object]) -> str:
    return ", ".join(
        f"{name}={human(kind, value)}" for (name, kind), value in zip(params, values, strict=True)
    )


def _results(function: abi.Function, result: Any) -> Outcome:
    """A function's result as the runtime returns it (one value, None, or a tuple)."""
    count = len(function.outputs)
    values: tuple[Any, ...] = () if count == 0 else (result,) if count == 1 else result
    params = _typed(function.outputs)  # arg0... for people reading `name = value`
    data = outputs_to_json([(p.name, p.type) for p in function.outputs], values)
    if len(params) == 1 and not function.outputs[0].name:
        return Outcome(human(params[0][1], values[0]), data)
    lines = [
        f"{name} = {human(kind, value)}" for (name, kind), value in zip(params, values, strict=True)
    ]
    return Outcome("\n".join(lines), data)


def _event_params(event: DynamicEvent) -> list[tuple[str, AbiType]]:
    # An indexed string/bytes/array/struct is its 32-byte topic: shown as bytes32.
    return [
        (name, _TOPIC if p.indexed and stored_as_hash(p.type) else p.type)
        for name, p in zip(event.NAMES, event.ABI.inputs, strict=True)
    ]


def _event_json(event: DynamicEvent, with_log: bool = True) -> dict[str, Any]:
    params = _event_params(event)
    data: dict[str, Any] = {
        "event": event.ABI.name,
        "signature": event.ABI.signature,
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


def _event_text(event: DynamicEvent) -> str:
    return f"{event.ABI.name}({_fields(_event_params(event), event.values)})"


# ---- call ----


def call(
    contract: LoadedContract,
    node: Node,
    address: str,
    function_ref: str,
    args: Sequence[str],
    block: str,
    sender: str | None,
) -> Outcome:
    kind = binding(contract)
    function = _member(lambda: kind.find_function(function_ref))
    values = _arguments(function.inputs, args)
    bound = _bound(kind, address, node).function(function.signature)
    who = None if sender is None else _address(sender, "--from")
    when = _block(block, "--block")
    return _results(function, _run(lambda: bound.call(*values, block=when, sender=who)))


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
        """The options, checked (nonce >= 0, gas > 0, fees in range) before any key is used."""
        given = {
            "gas": _amount(self.gas, "--gas"),
            "gas_price": _amount(self.gas_price, "--gas-price"),
            "max_fee_per_gas": _amount(self.max_fee, "--max-fee"),
            "max_priority_fee_per_gas": _amount(self.max_priority_fee, "--max-priority-fee"),
            "nonce": self.nonce,
        }
        options = {key: value for key, value in given.items() if value is not None}
        for key, value in options.items():
            try:
                check_options({key: value})
            except (TypeError, ValueError) as exc:
                raise usage(f"{_OPTION_NAMES[key]}: {exc}") from None
        return cast("TxOptions", options)


_OPTION_NAMES = {
    "gas": "--gas",
    "gas_price": "--gas-price",
    "max_fee_per_gas": "--max-fee",
    "max_priority_fee_per_gas": "--max-priority-fee",
    "nonce": "--nonce",
}


@dataclass(frozen=True)
class Waiting:
    """--wait/--no-wait, --timeout and --confirmations of send, send-value and deploy."""

    wait: bool = True
    timeout: float = 120.0
    confirmations: int = 1

    def outcome(self, tx: Transaction, extra: Callable[[Receipt], dict[str, Any]]) -> Outcome:
        """The receipt (a timeout, drop or replacement: one line), or with --no-wait the hash."""
        if not self.wait:
            return Outcome(f"transaction: {tx.hash}", {"transactionHash": tx.hash})
        receipt = _run(lambda: tx.wait(self.timeout, confirmations=self.confirmations))
        return _receipt_outcome(receipt, extra(receipt))


def _no_extra(receipt: Receipt) -> dict[str, Any]:
    return {}


def _receipt_outcome(receipt: Receipt, extra: dict[str, Any]) -> Outcome:
    events = [e for e in receipt.events if isinstance(e, DynamicEvent)]
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
    waiting: Waiting,
) -> Outcome:
    kind = binding(contract)
    function = _member(lambda: kind.find_function(function_ref))
    values = _arguments(function.inputs, args)
    bound = _bound(kind, address, node).function(function.signature)
    value = _amount(fees.value, "--value") or 0
    options = fees.options()
    tx = _run(lambda: bound.send(*values, sender=sender, value=value, **options))
    warn_unpinned(node)
    return waiting.outcome(tx, _no_extra)


def send_value(
    node: Node, to: str, amount: str, sender: Sender, fees: Fees, waiting: Waiting
) -> Outcome:
    """`send-value TO AMOUNT`: wei (with units: 1.5ether) to an address, no data."""
    recipient = _address(to, "TO")
    wei = _amount(amount, "AMOUNT")
    assert wei is not None
    options = fees.options()
    tx = _run(lambda: node.send_value(recipient, wei, sender=sender, **options))
    warn_unpinned(node)
    return waiting.outcome(tx, _no_extra)


def deploy(
    contract: LoadedContract,
    node: Node,
    bytecode: str | None,
    args: Sequence[str],
    sender: Sender,
    fees: Fees,
    libraries: dict[str, str],
    waiting: Waiting | None = None,
) -> Outcome:
    code = bytecode or contract.bytecode
    if not code:
        raise usage(
            f"{contract.name} has no bytecode: give --bin FILE (or an artifact that has it)"
        )
    addresses = {name: _address(a, f"--library {name}") for name, a in libraries.items()}
    try:
        kind = binding(contract, code)
    except LinkError as exc:
        raise usage(str(exc)) from None
    constructor = contract.abi.constructor or abi.Constructor((), "nonpayable")
    values = _arguments(constructor.inputs, args)
    value = _amount(fees.value, "--value") or 0
    options = fees.options()

    def send_deployment() -> Any:
        try:
            return kind.deploy_transaction(
                node, *values, sender=sender, value=value, libraries=addresses, **options
            )
        except LinkError as exc:
            raise _link_usage(contract.name, exc) from None

    deployment = _run(send_deployment)
    warn_unpinned(node)
    waits = Waiting(True) if waiting is None else waiting
    return waits.outcome(deployment, lambda receipt: {"address": receipt.contract_address})


def _link_usage(name: str, exc: LinkError) -> ClientError:
    """The runtime's LinkError in the CLI's words (--library NAME=ADDRESS)."""
    if exc.missing:
        return usage(
            f"{name} links libraries: give --library NAME=ADDRESS for {', '.join(exc.missing)}"
        )
    if exc.unknown is not None:
        known = ", ".join(exc.known) or "none"
        return usage(f"--library {exc.unknown}: {name} links no such library (it links: {known})")
    return usage(str(exc))


# ---- logs ----


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
    bound, filters = _log_query(contract, node, address, event_ref, where)
    first, last = _block(from_block, "--from-block"), _block(to_block, "--to-block")

    def fetch() -> list[DynamicEvent]:
        try:
            return bound.get_logs(
                event_ref, from_block=first, to_block=last, where=filters, progress=progress
            )
        except codec.EncodingError as exc:  # a filter value the codec refuses
            raise usage(f"--where: {exc}") from None

    found: list[DynamicEvent] = _run(fetch)
    rows = [
        [str(e.log.block_number), e.log.transaction_hash, str(e.log.log_index), _event_text(e)]
        for e in found
    ]
    text = table(["block", "transaction", "log", "event"], rows) if rows else "no matching logs"
    return Outcome(text, [_event_json(e) for e in found])


def _log_query(
    contract: LoadedContract, node: Node, address: str, event_ref: str | None, where: Sequence[str]
) -> tuple[DynamicContract, dict[str, object]]:
    """The contract bound at `address`, and the filters of `--where` on event `event_ref`."""
    kind = binding(contract)
    if event_ref is None and where:
        raise usage("--where filters on an event's indexed arguments: name the EVENT")
    filters = {}
    if event_ref is not None:
        filters = _filters(_member(lambda: kind.find_event(event_ref)), where)
    return _bound(kind, address, node), filters


def follow_logs(
    contract: LoadedContract,
    node: Node,
    address: str,
    event_ref: str | None,
    from_block: str | None,
    where: Sequence[str],
    confirmations: int,
    poll_interval: float | None,
    emit: Callable[[DynamicEvent], None],
) -> None:
    """`logs --follow`: each event to `emit` as it arrives (a replaced one again, removed),
    until interrupted."""
    bound, filters = _log_query(contract, node, address, event_ref, where)
    first = None if from_block is None else _block(from_block, "--from-block")

    def follow() -> None:
        watch = bound.watch(
            event_ref,
            from_block=first,
            confirmations=confirmations,
            poll_interval=poll_interval,
            where=filters,
        )
        with watch:
            for event in watch:
                emit(event)

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: the way to stop following
        _run(follow)


def followed_text(event: DynamicEvent) -> str:
    """One line per event followed: block, transaction, log index, event (and if removed)."""
    log = event.log
    removed = "  removed" if log.removed else ""
    return f"{log.block_number}  {log.transaction_hash}  {log.log_index}  {_event_text(event)}{removed}"


def followed_json(event: DynamicEvent) -> str:
    """One JSON object per line (JSON Lines): the event as `logs --json` shows it, and
    `removed`."""
    return json.dumps({**_event_json(event), "removed": event.log.removed})


def _filters(event: abi.Event, where: Sequence[str]) -> dict[str, object]:
    indexed = [
        (n, p) for (n, _), p in zip(_typed(event.inputs), event.inputs, strict=True) if p.indexed
    ]
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
    return {n: values[0] if len(values) == 1 else values for n, values in wanted.items()}


# ---- tx / receipt: what is on chain ----


def _tx_hash(text: str) -> str:
    try:
        return tx_hash_of(text)
    except ValueError as exc:
        raise usage(f"HASH: {exc}") from None


def transaction_lookup(node: Node, tx_hash: str, contract: LoadedContract | None) -> Outcome:
    """The transaction HASH: who, what, how much, where mined; with an ABI, the call."""
    asked = _tx_hash(tx_hash)
    info: TransactionInfo | None = _run(lambda: node.get_transaction(asked))
    if info is None:
        raise ClientError(f"no transaction {asked} on the node at {node.endpoint}")
    data: dict[str, Any] = {
        "hash": info.hash,
        "from": info.sender,
        "to": info.to,
        "nonce": info.nonce,
        "value": info.value,
        "gas": info.gas,
        "gasPrice": info.gas_price,
        "maxFeePerGas": info.max_fee_per_gas,
        "maxPriorityFeePerGas": info.max_priority_fee_per_gas,
        "type": info.type,
        "chainId": info.chain_id,
        "blockNumber": info.block_number,
        "blockHash": info.block_hash,
        "transactionIndex": info.transaction_index,
        "input": to_data(info.input),
    }
    lines = [
        f"transaction: {info.hash}",
        f"from: {info.sender}",
        f"to: {info.to or '(contract creation)'}",
        f"nonce: {info.nonce}",
        f"value: {info.value} wei",
        f"gas: {info.gas}",
        *_fees(info),
        f"type: {info.type}",
        "block: pending"
        if info.block_number is None
        else f"block: {info.block_number} (index {info.transaction_index})",
    ]
    if contract is not None and info.to is not None and info.input:
        try:
            call = _decode_calldata(contract, info.input)
        except ClientError as exc:  # another contract's call: shown raw, said why
            data["call"] = None
            lines += [f"call: not decoded ({exc})", f"input: {to_data(info.input)}"]
        else:
            data["call"] = call.data
            lines.append(f"call: {call.text}")
    elif info.input:
        lines.append(f"input: {to_data(info.input)}")
    return Outcome("\n".join(lines), data)


def _fees(info: TransactionInfo) -> list[str]:
    fees = [("gas price", info.gas_price), ("max fee", info.max_fee_per_gas)]
    fees.append(("max priority fee", info.max_priority_fee_per_gas))
    return [f"{name}: {value} wei" for name, value in fees if value is not None]


def receipt_lookup(node: Node, tx_hash: str, contract: LoadedContract | None) -> Outcome:
    """The receipt of HASH: status, block, gas, created contract, and every log, decoded
    where the ABI has the event (from any emitter), raw otherwise."""
    asked = _tx_hash(tx_hash)
    found = _run(lambda: node.get_receipt(asked))
    if found is None:
        raise ClientError(
            f"no receipt for {asked} on the node at {node.endpoint} (unknown or pending)"
        )
    decoder = None if contract is None else binding(contract)
    shown = [_receipt_log(log, decoder) for log in found.logs]
    data = {
        "transactionHash": found.transaction_hash,
        "status": found.status,
        "blockNumber": found.block_number,
        "blockHash": found.block_hash,
        "gasUsed": found.gas_used,
        "effectiveGasPrice": found.effective_gas_price,
        "contractAddress": found.contract_address,
        "logs": [item for item, _ in shown],
    }
    lines = [
        f"status: {'success' if found.status == 1 else 'failed'} ({found.status})",
        f"transaction: {found.transaction_hash}",
        f"block: {found.block_number}",
        f"gas used: {found.gas_used}",
        f"effective gas price: {found.effective_gas_price} wei",
    ]
    if found.contract_address is not None:
        lines.append(f"contract address: {found.contract_address}")
    lines += [f"logs: {len(shown)}", *(f"  {text}" for _, text in shown)]
    return Outcome("\n".join(lines), data)


def _receipt_log(log: Mapping[str, Any], decoder: Any) -> tuple[dict[str, Any], str]:
    """A receipt's log as JSON and as a line: its event, or its raw topics and data."""
    where = f"[{int(log['logIndex'], 16) if log.get('logIndex') else '?'}] {log['address']}"
    event = None
    if decoder is not None:
        try:
            event = decoder.decode_log(log)
        except DecodingError:
            event = None  # the topic matches but the rest does not: shown raw
    if event is not None:
        return _event_json(event), f"{where} {_event_text(event)}"
    raw = {"address": log["address"], "topics": list(log["topics"]), "data": log["data"]}
    if log.get("logIndex"):
        raw["logIndex"] = int(log["logIndex"], 16)
    return raw, f"{where} topics={','.join(log['topics']) or '-'} data={log['data']}"


# ---- decode (offline) ----


def decode(contract: LoadedContract, kind: str, texts: Sequence[str]) -> Outcome:
    if kind == "calldata":
        return _decode_calldata(contract, _one_hex(texts, "calldata HEX"))
    if kind == "output":
        if len(texts) != 2:
            raise usage("decode output FUNCTION HEX: give the function and the return data")
        dynamic = binding(contract)
        function = _member(lambda: dynamic.find_function(texts[0]))
        data = _hex(texts[1])
        return _results(function, _run(lambda: dynamic.decode_output(function.signature, data)))
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
    function, values = _run(lambda: binding(contract).decode_input(data))
    params = _typed(function.inputs)
    args = {name: to_json(kind, value) for (name, kind), value in zip(params, values, strict=True)}
    shown = _fields(params, values)
    return Outcome(f"{function.name}({shown})", {"function": function.signature, "args": args})


def _decode_revert(contract: LoadedContract, data: bytes) -> Outcome:
    error = binding(contract).decode_revert(data)
    payload: dict[str, Any] = {"error": None, "args": {}}
    if isinstance(error, DynamicError):
        params = _typed(error.ABI.inputs)
        payload = {
            "error": error.SIGNATURE,
            "args": {
                name: to_json(kind, v) for (name, kind), v in zip(params, error.values, strict=True)
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
    return Outcome(_error_text(error), payload)


def _decode_event(contract: LoadedContract, topics: list[bytes], data: bytes) -> Outcome:
    log = {
        "topics": [to_data(t) for t in topics],
        "data": to_data(data),
        "address": "0x" + "00" * 20,
    }
    event = binding(contract).decode_log(log)
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
