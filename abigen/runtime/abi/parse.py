"""ABI JSON -> ABI model, strictly validated.

Every problem is reported as an AbiError whose message says where it is
("entry 3 (function 'transfer'), input 'to': unknown ABI type 'adress'").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from abigen.runtime.abi.model import (
    Constructor,
    ContractAbi,
    Error,
    Event,
    Fallback,
    Function,
    Param,
    Receive,
)
from abigen.runtime.abi.types import (
    MAX_NESTING,
    AbiType,
    AbiTypeError,
    Component,
    Tuple,
    parse_elementary,
    short_text,
    split_array_suffixes,
    struct_name_of,
    wrap_arrays,
)


class AbiError(ValueError):
    """The ABI JSON is malformed; the message locates the problem."""


_ENTRY_KEYS = {
    "function": {"type", "name", "inputs", "outputs", "stateMutability", "constant", "payable"},
    # Vyper writes "outputs": [] on constructors (and inputs/outputs on __default__).
    "constructor": {"type", "inputs", "outputs", "stateMutability", "payable"},
    "fallback": {"type", "inputs", "outputs", "stateMutability", "payable"},
    "receive": {"type", "stateMutability"},
    "event": {"type", "name", "inputs", "anonymous"},
    "error": {"type", "name", "inputs"},
}
# Keys some toolchains add that carry nothing we use (Vyper's gas estimates, ids).
_IGNORED_KEYS = {"gas", "id"}
_PARAM_KEYS = {"name", "type", "internalType", "components", "indexed"}
_MUTABILITIES = ("pure", "view", "nonpayable", "payable")


def parse_abi(entries: object) -> ContractAbi:
    if not isinstance(entries, list):
        raise AbiError(f"an ABI must be a JSON array of entries, got {_json_kind(entries)}")
    functions: list[Function] = []
    events: list[Event] = []
    errors: list[Error] = []
    constructor: Constructor | None = None
    fallback: Fallback | None = None
    receive: Receive | None = None
    for index, raw_entry in enumerate(cast("list[object]", entries)):
        where = f"entry {index}"
        entry = _json_object(raw_entry, where)
        kind = entry.get("type", "function")  # old ABIs omit the type of functions
        if not isinstance(kind, str) or kind not in _ENTRY_KEYS:
            raise AbiError(f"{where}: unknown entry type {_shown(kind)}")
        if "name" in entry:
            where = f"{where} ({kind} {_shown(entry['name'])})"
        unknown = set(entry) - _ENTRY_KEYS[kind] - _IGNORED_KEYS
        if unknown:
            raise AbiError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        try:
            if kind == "function":
                functions.append(_function(entry))
            elif kind == "event":
                events.append(
                    Event(_name(entry), _params(entry, "inputs", True), _flag(entry, "anonymous"))
                )
            elif kind == "error":
                errors.append(Error(_name(entry), _params(entry, "inputs", False)))
            elif kind == "constructor":
                _ensure_first(constructor)
                constructor = Constructor(_params(entry, "inputs", False), _mutability(entry))
            elif kind == "fallback":
                _ensure_first(fallback)
                fallback = Fallback(_mutability(entry))
            else:
                _ensure_first(receive)
                receive = Receive(_mutability(entry))
        except AbiError as exc:
            raise AbiError(f"{where}: {exc}") from None
    _refuse_conflicting_outputs(functions)
    return ContractAbi(
        _distinct(functions, lambda f: f.signature),
        _distinct(events, lambda e: (e.signature, tuple(p.indexed for p in e.inputs))),
        _distinct(errors, lambda e: e.signature),
        constructor,
        fallback,
        receive,
    )


_M = TypeVar("_M", Function, Event, Error)


def _distinct(members: list[_M], key: Callable[[_M], object]) -> tuple[_M, ...]:
    """One member per signature. solc repeats an error reached twice through inheritance, and
    aggregated ABIs repeat whole entries; entries that share a signature but differ elsewhere
    (parameter names) are one member to the node, so the first in a fixed order stands for all.
    """
    groups: dict[object, list[_M]] = {}
    for member in members:
        groups.setdefault(key(member), []).append(member)
    return tuple(group[0] if len(group) == 1 else min(group, key=repr) for group in groups.values())


def _refuse_conflicting_outputs(functions: list[Function]) -> None:
    """One selector cannot decode two ways: a signature declared with two output lists."""
    outputs: dict[str, tuple[str, ...]] = {}
    for function in functions:
        declared = tuple(p.type.canonical for p in function.outputs)
        if outputs.setdefault(function.signature, declared) != declared:
            raise AbiError(
                f"function {function.signature} is declared twice, with different outputs"
            )


def _ensure_first(existing: object) -> None:
    if existing is not None:
        raise AbiError("declared more than once")


def _function(entry: Mapping[str, Any]) -> Function:
    return Function(
        _name(entry),
        _params(entry, "inputs", False),
        _params(entry, "outputs", False),
        _mutability(entry),
    )


def _name(entry: Mapping[str, Any]) -> str:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise AbiError("missing or empty 'name'")
    if not _is_identifier(name):
        raise AbiError(f"name {_shown(name)} is not a valid Solidity identifier")
    return name


def _is_identifier(name: str) -> bool:
    # Solidity identifiers are ASCII letters, digits, _ and $; Python ones have no $.
    return name.isascii() and name.replace("$", "_").isidentifier()


def _flag(entry: Mapping[str, Any], key: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise AbiError(f"{key!r} must be true or false, got {value!r}")
    return value


def _mutability(entry: Mapping[str, Any]) -> str:
    if "stateMutability" in entry:
        value = entry["stateMutability"]
        if value not in _MUTABILITIES:
            raise AbiError(f"unknown stateMutability {value!r}")
        return str(value)
    # Legacy ABIs (solc < 0.4.16) say constant/payable instead.
    if _flag(entry, "constant"):
        return "view"
    return "payable" if _flag(entry, "payable") else "nonpayable"


def _params(entry: Mapping[str, Any], key: str, is_event: bool) -> tuple[Param, ...]:
    """The parameters under ``key``; each type at most MAX_NESTING arrays and tuples deep."""
    raw = entry.get(key, [])
    if not isinstance(raw, list):
        raise AbiError(f"{key!r} must be an array, got {_json_kind(raw)}")
    params: list[Param] = []
    singular = key[:-1]
    for position, item in enumerate(cast("list[object]", raw)):
        label = _param_label(singular, position, item)
        try:
            params.append(_param(item, is_event))
        except (AbiError, AbiTypeError) as exc:
            raise AbiError(f"{label}: {exc}") from None
    return tuple(params)


def _json_object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise AbiError(f"{where}: expected an object, got {_json_kind(value)}")
    return cast("dict[str, Any]", value)  # parsed JSON: keys are str


def _param_label(singular: str, position: int, item: object) -> str:
    name = cast("dict[str, object]", item).get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and name:
        return f"{singular} {_shown(name)}"
    return f"{singular} #{position}"


def _param(raw: object, is_event: bool, depth: int = 0) -> Param:
    """One parameter, inside ``depth`` levels of enclosing tuples and arrays."""
    if not isinstance(raw, dict):
        raise AbiError(f"expected an object, got {_json_kind(raw)}")
    item = cast("dict[str, Any]", raw)
    unknown = set(item) - _PARAM_KEYS
    if unknown:
        raise AbiError(f"unknown key {sorted(unknown)[0]!r}")
    name = item.get("name", "")
    if not isinstance(name, str):
        raise AbiError(f"'name' must be a string, got {_json_kind(name)}")
    if name and not _is_identifier(name):
        raise AbiError(f"name {_shown(name)} is not a valid Solidity identifier")
    internal_type = item.get("internalType")
    if internal_type is not None and not isinstance(internal_type, str):
        raise AbiError("'internalType' must be a string")
    indexed = _flag(item, "indexed")
    if indexed and not is_event:
        raise AbiError("'indexed' is only allowed on event inputs")
    return Param(name, _type(item, depth), internal_type, indexed)


def _type(item: Mapping[str, Any], depth: int) -> AbiType:
    text = item.get("type")
    if not isinstance(text, str) or not text:
        raise AbiError(
            "missing or empty 'type'"
            if text in (None, "")
            else f"'type' must be a string, got {_json_kind(text)}"
        )
    base, dims = split_array_suffixes(text)
    depth += len(dims) + (base == "tuple")
    if depth > MAX_NESTING:
        # Checked before descending into components: a hostile ABI may nest thousands deep.
        raise AbiError(f"type nested more than {MAX_NESTING} levels deep (tuples and arrays)")
    if base != "tuple":
        if "components" in item:
            raise AbiError(f"'components' given for non-tuple type {text!r}")
        return wrap_arrays(parse_elementary(base), dims)
    raw = item.get("components")
    if not isinstance(raw, list) or not raw:
        raise AbiError(f"tuple type {text!r} needs a non-empty 'components' array")
    components: list[Component] = []
    for position, component in enumerate(cast("list[object]", raw)):
        label = _param_label("component", position, component)
        try:
            param = _param(component, False, depth)
        except (AbiError, AbiTypeError) as exc:
            raise AbiError(f"{label}: {exc}") from None
        components.append(Component(param.name, param.type, param.internal_type))
    internal = item.get("internalType")
    tuple_type = Tuple(
        tuple(components), struct_name_of(internal if isinstance(internal, str) else None)
    )
    return wrap_arrays(tuple_type, dims)


def _shown(value: object) -> str:
    """A name for an error message: its repr, cut short if the name is absurdly long."""
    return short_text(value) if isinstance(value, str) else repr(value)[:80]


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    for python_type, label in kinds.items():
        if isinstance(value, python_type):
            return label
    if value is None:
        return "null"
    return "a number" if isinstance(value, int | float) else type(value).__name__
