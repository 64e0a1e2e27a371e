"""ABI model -> binding model: every name, annotation, codec and docstring decided here."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from abigen.binding import model as out
from abigen.binding.naming import (
    Candidate,
    NameCollisionError,
    Scope,
    member_name,
    own_spelling,
    parameter_names,
    pascal_case,
    resolve,
)
from abigen.binding.types import (
    BUILTIN_TYPES,
    STRUCT_FIELD_RESERVED,
    TypeMapper,
    py_tuple,
    tuple_codec,
)
from abigen.runtime.abi import model as abi
from abigen.runtime.abi.types import AbiType, Array, Elementary, Tuple, stored_as_hash

# Attributes the runtime gives every contract instance/class: ABI members step aside. The
# builtins are there because a class attribute named `int` would shadow the builtin for type
# checkers reading annotations in that class body.
CONTRACT_RESERVED = (
    *BUILTIN_TYPES,
    *("address", "node", "events", "functions", "deploy", "encode_deploy"),
    *("ERRORS", "EVENTS", "BYTECODE", "LIBRARIES"),
)
# Keyword arguments the generated methods add next to the ABI parameters (TxOptions included).
PARAM_RESERVED = (
    *("self", "cls", "node", "sender", "value", "block", "tx"),
    *("gas", "gas_price", "max_fee_per_gas", "max_priority_fee_per_gas", "nonce"),
)
FIELD_RESERVED = STRUCT_FIELD_RESERVED
EVENT_FIELD_RESERVED = (*FIELD_RESERVED, "log")
FILTER_RESERVED = ("self", "from_block", "to_block")
ERROR_FIELD_RESERVED = (
    *FIELD_RESERVED,
    "args",
    "data",
    "receipt",
    "with_traceback",
    "add_note",
    "decode",
)


_Member = TypeVar("_Member", bound=abi.Function | abi.Event | abi.Error)


def bind(
    contract: abi.ContractAbi,
    *,
    type_name: str,
    bytecode: str | None = None,
    aliases: Mapping[str, str] | None = None,
    raw_abi: object = None,
    shared_structs: Mapping[Tuple, str] | None = None,
    link_references: Mapping[str, Mapping[str, Sequence[tuple[int, int]]]] | None = None,
    library_bindings: Mapping[str, str] | None = None,
) -> out.Module:
    """Bind one contract. In a package, `shared_structs` come from the package's structs module
    (and aliases were checked across the whole package: an alias need not match here)."""
    aliases = aliases or {}
    shared = shared_structs or {}
    if shared_structs is None:
        check_aliases([contract], aliases)
    functions = sorted(contract.functions, key=lambda f: (f.name, f.signature))
    events = sorted(contract.events, key=lambda e: (e.name, e.signature))
    errors = sorted(contract.errors, key=lambda e: (e.name, e.signature))

    mapper = TypeMapper(shared)
    _collect_types(mapper, contract)

    # Names the contract class body binds (and builtins) would shadow a module-level class;
    # the shared structs' names are taken package-wide.
    module_scope = Scope((*BUILTIN_TYPES, "ERRORS", "EVENTS", "BYTECODE", *shared.values()))
    contract_name = module_scope.claim_exact(type_name or "Contract", "the contract class")
    class_names = _class_names(events, errors, aliases, module_scope)
    for name in class_names.values():
        module_scope.claim_unique(name, "an event or error class")
    mapper.name_structs(module_scope)

    specials = [
        name for name, m in (("fallback", contract.fallback), ("receive", contract.receive)) if m
    ]
    class_scope = Scope((*CONTRACT_RESERVED, *specials))
    function_names = _function_names(functions, aliases, class_scope)
    for name in function_names.values():
        class_scope.claim_unique(name, "a function")
    private_scope = Scope()  # the module's _Private helper classes
    bound_functions = [
        _function(f, function_names[f], mapper, module_scope, private_scope) for f in functions
    ]
    fallback = _special("fallback", contract.fallback)
    receive = _special("receive", contract.receive)
    # The class attribute of an error (Token.InsufficientBalance) steps aside from a function
    # of the same spelling rather than hiding it.
    error_attributes = {
        e: class_scope.claim_unique(class_names[e], f"error {e.signature}") for e in errors
    }

    results = tuple(f.result for f in bound_functions if f.result is not None)
    libraries = _libraries(link_references or {})
    structs = mapper.structs()
    bound_events = tuple(_event(e, class_names[e], mapper) for e in events)
    return out.Module(
        imports=_imports(
            imported_structs=sorted({s.class_name for s in structs if s.imported}),
            function_count=len(bound_functions),
            codecs=bool(bound_functions or bound_events or errors or structs or bytecode),
            named_tuples=any(not s.imported for s in structs) or bool(results),
            events=bool(bound_events),
            sequences=bool(libraries and bytecode)
            or _uses_sequences(bound_functions, bound_events, contract.constructor, mapper)
            or _struct_constructors_use_sequences(structs),
        ),
        contract_name=contract_name,
        events_class=f"_{contract_name}Events",
        doc=_contract_doc(type_name, contract.doc),
        structs=structs,
        results=results,
        functions=tuple(bound_functions),
        functions_class=f"_{contract_name}Functions",
        fallback=fallback,
        receive=receive,
        events=bound_events,
        errors=tuple(_error(e, class_names[e], error_attributes[e], mapper) for e in errors),
        constructor=_constructor(contract.constructor, mapper) if bytecode else None,
        bytecode=_zero_placeholders(bytecode, libraries) if bytecode else None,
        libraries=libraries,
        library_bindings=tuple(
            sorted((n, b) for n, b in (library_bindings or {}).items() if n in dict(libraries))
        ),
        abi_json=json.dumps(raw_abi, separators=(",", ":"), sort_keys=True)
        if raw_abi is not None
        else "[]",
    )


def _uses_sequences(
    functions: Sequence[out.Function],
    events: Sequence[out.Event],
    constructor: abi.Constructor | None,
    mapper: TypeMapper,
) -> bool:
    annotations = [p.annotation for f in functions for p in f.params]
    annotations += [slot.annotation for e in events for slot in e.indexed]
    annotations += [mapper.input(p.type) for p in (constructor.inputs if constructor else ())]
    return any("_abc." in annotation for annotation in annotations)


def _struct_constructors_use_sequences(structs: Sequence[out.Struct]) -> bool:
    return any(
        "_abc." in p.annotation
        for s in structs
        if s.fields_class and not s.imported
        for p in s.params
    )


def _imports(
    *,
    imported_structs: list[str],
    function_count: int,
    codecs: bool,
    named_tuples: bool,
    events: bool,
    sequences: bool,
) -> tuple[str, ...]:
    stdlib: list[str] = []
    if sequences:
        stdlib.append("import collections.abc as _abc")
    if events:
        stdlib += [
            "from dataclasses import dataclass as _dataclass",
            "from dataclasses import field as _field",
        ]
    if function_count:
        stdlib.append("from typing import Literal as _Literal")
    if named_tuples:
        stdlib.append("from typing import NamedTuple as _NamedTuple")
    if function_count > 1:
        stdlib.append("from typing import overload as _overload")
    runtime = ["from abigen import runtime as _rt"]
    if codecs:  # an empty ABI (OpenZeppelin's Context) encodes nothing
        runtime.append("from abigen.runtime import codec as _c")
    local = [f"from .structs import {', '.join(imported_structs)}"] if imported_structs else []
    groups = [["from __future__ import annotations"], stdlib, runtime, local]
    lines: list[str] = []
    for group in (g for g in groups if g):  # isort's layout: one blank line between groups
        lines += [*([""] if lines else []), *group]
    return tuple(lines)


def tuples_of(contract: abi.ContractAbi) -> list[Tuple]:
    """Every tuple type the contract's binding needs a class for (nested ones first)."""
    mapper = TypeMapper()
    _collect_types(mapper, contract)
    return mapper.tuples


def _collect_types(mapper: TypeMapper, contract: abi.ContractAbi) -> None:
    functions = sorted(contract.functions, key=lambda f: (f.name, f.signature))
    events = sorted(contract.events, key=lambda e: (e.name, e.signature))
    errors = sorted(contract.errors, key=lambda e: (e.name, e.signature))
    constructor = contract.constructor
    members: list[tuple[str, tuple[abi.Param, ...]]] = []
    for function in functions:
        members.append((function.name, function.inputs))
        members.append((function.name + "Output", function.outputs))
    members += [(e.name, e.inputs) for e in events]
    members += [(e.name, e.inputs) for e in errors]
    if constructor is not None:
        members.append(("Constructor", constructor.inputs))
    for member, params in members:
        for position, param in enumerate(params):
            if _has_tuple(param.type):  # the context only names anonymous tuples: skip the rest
                context = pascal_case(member) + (pascal_case(param.name) or f"Arg{position}")
                mapper.collect(param.type, context)


def _has_tuple(abi_type: AbiType) -> bool:
    while isinstance(abi_type, Array):
        abi_type = abi_type.item
    return isinstance(abi_type, Tuple)


def check_aliases(contracts: Sequence[abi.ContractAbi], aliases: Mapping[str, str]) -> None:
    """An --alias whose original matches no member is a mistake worth reporting."""
    members: list[abi.Function | abi.Event | abi.Error] = []
    for contract in contracts:
        members += [*contract.functions, *contract.events, *contract.errors]
    known = {m.name for m in members} | {m.signature for m in members}
    for original in aliases:
        if original not in known:
            raise NameCollisionError(
                f"--alias {original}=...: the ABI has no member named {original!r}"
            )


def _member(name: str) -> str:
    return member_name(name) or "member"  # a name made only of underscores


def _pascal_member(name: str) -> str:
    return pascal_case(name) or "Member"


def _libraries(
    references: Mapping[str, Mapping[str, Sequence[tuple[int, int]]]],
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """{source: {lib: [(offset, length)]}} -> (("source:lib", offsets), ...), sorted."""
    found: list[tuple[str, tuple[int, ...]]] = []
    for source, libraries in references.items():
        for library, places in libraries.items():
            name = f"{source}:{library}" if source else library
            found.append((name, tuple(sorted(offset for offset, _ in places))))
    return tuple(sorted(found))


def _zero_placeholders(code: str, libraries: Sequence[tuple[str, tuple[int, ...]]]) -> str:
    """Library placeholders -> zeros, so the code is plain hex; linking writes the addresses."""
    chars = list(code)
    for _, offsets in libraries:
        for offset in offsets:
            chars[2 * offset : 2 * offset + 40] = "0" * 40
    cleaned = "".join(chars)
    if "_" in cleaned or "$" in cleaned:
        raise NameCollisionError(
            "bytecode has library placeholders that no link reference covers; "
            "give the artifact with its linkReferences"
        )
    return cleaned


def _special(name: str, member: abi.Fallback | abi.Receive | None) -> out.Special | None:
    """fallback() takes raw calldata, receive() plain value; both are sends (names reserved)."""
    if member is None:
        return None
    return out.Special(name, member.state_mutability == "payable")


def _overloaded(members: Iterable[abi.Function | abi.Event | abi.Error]) -> set[str]:
    counts = Counter(member.name for member in members)
    return {name for name, count in counts.items() if count > 1}


def _function_names(
    functions: Sequence[abi.Function], aliases: Mapping[str, str], scope: Scope
) -> dict[abi.Function, str]:
    """Method names: snake_case, ALL_CAPS kept; clashes fall back as `naming.resolve` says.

    Preference, strongest first: a name already spelled the Python way (`mint_for` over
    `mintFor`, `DECIMALS` over nothing), a plain snake-cased name, an overload's
    type-derived name (`parse_json_string` from parseJson(string) yields to a real
    parseJsonString). Losers take the ABI's own spelling (`mintFor`, `parseJson_string`),
    then a selector-derived name.
    """
    overloaded = _overloaded(functions)
    wishes: dict[abi.Function, list[Candidate]] = {}
    aliased: dict[abi.Function, str] = {}
    for function in functions:
        suffix = f"_{_type_suffix(function.inputs)}" if function.name in overloaded else ""
        alias = _alias(function, aliases, suffix)
        if alias is not None:
            name = _step_aside(_member(alias[0]) + alias[1], scope)
            aliased[function] = name
            wishes[function] = [Candidate(name, -1)]
            continue
        base = _member(function.name)
        strength = 2 if suffix else (0 if base == function.name else 1)
        tail = f"{suffix}_{function.selector.hex()}"
        wishes[function] = [
            Candidate(_step_aside(base + suffix, scope), strength),
            Candidate(_step_aside(own_spelling(function.name) + suffix, scope), 0),
            Candidate(_step_aside(base + tail, scope), 0),
        ]
    _check_aliased(aliased, wishes, "function")
    return resolve(wishes, (), {f: f.signature for f in functions})


def _class_names(
    events: Sequence[abi.Event],
    errors: Sequence[abi.Error],
    aliases: Mapping[str, str],
    scope: Scope,
) -> dict[abi.Event | abi.Error, str]:
    """Event and error classes: PascalCase; overloads get a type-derived suffix; a clash (with
    each other or the contract class) falls back to the ABI's own spelling, then to a
    `...Event`/`...Error` name, then to one derived from the topic or selector."""
    members: list[abi.Event | abi.Error] = [*events, *errors]
    overloaded_events, overloaded_errors = _overloaded(events), _overloaded(errors)
    wishes: dict[abi.Event | abi.Error, list[Candidate]] = {}
    aliased: dict[abi.Event | abi.Error, str] = {}
    for member in members:
        is_event = isinstance(member, abi.Event)
        overloaded = overloaded_events if is_event else overloaded_errors
        suffix = f"_{_type_suffix(member.inputs)}" if member.name in overloaded else ""
        alias = _alias(member, aliases, suffix)
        if alias is not None:
            name = _step_aside(_pascal_member(alias[0]) + alias[1], scope)
            aliased[member] = name
            wishes[member] = [Candidate(name, -1)]
            continue
        base = _pascal_member(member.name)
        kind = "Event" if is_event else "Error"
        # Taken names (the contract class, builtins) are not stepped aside from with `_`:
        # the member moves on to its next candidate.
        wishes[member] = [
            Candidate(base + suffix, 0 if base == member.name else 1),
            Candidate(own_spelling(member.name) + suffix, 0),
            Candidate(base + suffix + kind, 0),
            Candidate(f"{base}{suffix}{kind}_{member.hash[:4].hex()}", 0),
        ]
    _check_aliased(aliased, wishes, "member")
    return resolve(wishes, scope, {m: f"{type(m).__name__} {m.signature}" for m in members})


def _alias(
    member: abi.Function | abi.Event | abi.Error, aliases: Mapping[str, str], suffix: str
) -> tuple[str, str] | None:
    """(alias, suffix) for an aliased member: an alias by full signature is the exact name; one
    by name keeps the overload's type suffix, so the overloads stay apart."""
    if member.signature in aliases:
        return aliases[member.signature], ""
    if member.name in aliases:
        return aliases[member.name], suffix
    return None


def _step_aside(name: str, scope: Scope) -> str:
    """A name the runtime (or an earlier claim) owns gets trailing underscores (`address_`)."""
    while name in scope:
        name += "_"
    return name


def _check_aliased(
    aliased: Mapping[_Member, str], wishes: Mapping[_Member, Sequence[Candidate]], kind: str
) -> None:
    """An alias is taste: it may not take the name another member has without one."""
    for member, wanted in sorted(aliased.items(), key=lambda item: item[0].signature):
        for other, candidates in wishes.items():
            if other != member and candidates[0].name == wanted:
                raise NameCollisionError(
                    f"--alias for {kind} {member.signature}: the Python name {wanted!r} is "
                    f"taken by {kind} {other.signature}"
                )


def _type_suffix(params: Sequence[abi.Param]) -> str:
    if not params:
        return "noargs"
    return "_".join(_type_word(p.type) for p in params)


def _type_word(abi_type: AbiType) -> str:
    if isinstance(abi_type, Elementary):
        return abi_type.canonical
    if isinstance(abi_type, Array):
        return f"{_type_word(abi_type.item)}_array{abi_type.length or ''}"
    # Bracketed so that overloads differing only inside a tuple still get distinct names.
    return "_".join(["tuple", *(_type_word(c.type) for c in abi_type.components), "end"])


def _params(params: Sequence[abi.Param], mapper: TypeMapper) -> tuple[out.Slot, ...]:
    names = parameter_names((p.name for p in params), Scope(PARAM_RESERVED))
    return tuple(
        out.Slot(name, p.name, p.type.canonical, mapper.input(p.type), mapper.codec(p.type))
        for name, p in zip(names, params, strict=True)
    )


def _function(
    function: abi.Function, name: str, mapper: TypeMapper, module_scope: Scope, private_scope: Scope
) -> out.Function:
    params = _params(function.inputs, mapper)
    inputs_codec = tuple_codec([p.codec for p in params], [p.name for p in params])
    outputs = function.outputs
    output_codecs = [mapper.codec(p.type) for p in outputs]
    result: out.ResultTuple | None = None
    if not outputs:
        returns, outputs_codec = "None", "_c.tuple_((), factory=_rt.empty)"
    elif len(outputs) == 1:
        returns = mapper.output(outputs[0].type)
        outputs_codec = f"_c.tuple_({py_tuple(output_codecs)}, factory=_rt.single)"
    else:
        class_name = module_scope.claim_unique(
            pascal_case(name) + "Result", f"outputs of {function.signature}"
        )
        names = parameter_names((p.name for p in outputs), Scope(FIELD_RESERVED))
        fields = tuple(
            out.Slot(n, p.name, p.type.canonical, mapper.output(p.type))
            for n, p in zip(names, outputs, strict=True)
        )
        result = out.ResultTuple(
            class_name,
            function.signature,
            fields,
            hex_repr=any(mapper.holds_bytes(p.type) for p in outputs),
        )
        returns = class_name
        outputs_codec = tuple_codec(output_codecs, names, class_name)
    return out.Function(
        name=name,
        class_name=private_scope.claim_unique(f"_{pascal_case(name)}Function", function.signature),
        signature=function.signature,
        selector=function.selector,
        params=params,
        inputs_codec=inputs_codec,
        outputs_codec=outputs_codec,
        returns=returns,
        result=result,
        read_only=function.is_read_only,
        payable=function.is_payable,
        doc=_member_doc(
            function.doc,
            f"function {_solidity_params(function.name, function.inputs)} {function.state_mutability}"
            + (f" returns {_solidity_params('', outputs)}" if outputs else ""),
            f"Selector: 0x{function.selector.hex()}",
            _python_names(params),
            # solc keys @return by the output's name, or "_<index>" when it has none.
            {
                p.name or f"_{i}": f.name
                for i, (p, f) in enumerate(zip(outputs, result.fields, strict=True))
            }
            if result
            else None,
        ),
    )


def _event(event: abi.Event, class_name: str, mapper: TypeMapper) -> out.Event:
    names = parameter_names(
        (p.name for p in event.inputs), Scope(EVENT_FIELD_RESERVED + FILTER_RESERVED)
    )
    fields: list[out.Slot] = []
    indexed: list[out.Slot] = []
    data_codecs: list[str] = []
    data_names: list[str] = []
    hashed_flags: list[bool] = []
    for name, param in zip(names, event.inputs, strict=True):
        hashed = param.indexed and stored_as_hash(param.type)
        annotation = "bytes" if hashed else mapper.output(param.type)  # the topic: a keccak
        fields.append(out.Slot(name, param.name, param.type.canonical, annotation))
        if param.indexed:
            value = mapper.input(param.type) + (" | _rt.TopicHash" if hashed else "")
            filter_annotation = f"{value} | _abc.Sequence[{value}] | None"
            codec = mapper.codec(param.type)
            indexed.append(
                out.Slot(name, param.name, param.type.canonical, filter_annotation, codec)
            )
            hashed_flags.append(hashed)
        else:
            data_codecs.append(mapper.codec(param.type))
            data_names.append(name)
    topic = (
        f"Topic: 0x{event.topic.hex()}" if not event.anonymous else "Anonymous event (no topic 0)."
    )
    return out.Event(
        class_name=class_name,
        query_class=f"_{class_name}Query",
        signature=event.signature,
        topic=event.topic,
        anonymous=event.anonymous,
        fields=tuple(fields),
        indexed=tuple(indexed),
        hashed=tuple(hashed_flags),
        layout=tuple(p.indexed for p in event.inputs),
        data_codec=tuple_codec(data_codecs, data_names),
        doc=_member_doc(
            event.doc,
            f"event {_solidity_params(event.name, event.inputs)}",
            topic,
            _python_names(fields),
        ),
        hex_repr=any(f.annotation == "bytes" for f in fields)
        or any(mapper.holds_bytes(p.type) for p in event.inputs),
    )


def _error(error: abi.Error, class_name: str, attribute: str, mapper: TypeMapper) -> out.Error:
    names = parameter_names((p.name for p in error.inputs), Scope(ERROR_FIELD_RESERVED))
    fields = tuple(
        out.Slot(n, p.name, p.type.canonical, mapper.output(p.type), mapper.codec(p.type))
        for n, p in zip(names, error.inputs, strict=True)
    )
    return out.Error(
        class_name=class_name,
        attribute=attribute,
        signature=error.signature,
        selector=error.selector,
        fields=fields,
        args_codec=tuple_codec([f.codec for f in fields], [f.name for f in fields]),
        doc=_member_doc(
            error.doc,
            f"error {_solidity_params(error.name, error.inputs)}",
            f"Selector: 0x{error.selector.hex()}",
            _python_names(fields),
        ),
    )


def _constructor(constructor: abi.Constructor | None, mapper: TypeMapper) -> out.Constructor:
    ctor = constructor or abi.Constructor((), "nonpayable")
    params = _params(ctor.inputs, mapper)
    return out.Constructor(
        params=params,
        inputs_codec=tuple_codec([p.codec for p in params], [p.name for p in params]),
        payable=ctor.is_payable,
        doc=_member_doc(
            ctor.doc, f"constructor{_solidity_params('', ctor.inputs)}", "", _python_names(params)
        ),
    )


def _solidity_params(name: str, params: Sequence[abi.Param]) -> str:
    parts: list[str] = []
    for param in params:
        words = (
            [param.type.canonical]
            + (["indexed"] if param.indexed else [])
            + ([param.name] if param.name else [])
        )
        parts.append(" ".join(words))
    return f"{name}({', '.join(parts)})"


def _contract_doc(type_name: str, doc: abi.Doc) -> tuple[str, ...]:
    lines = [f"Typed binding for the {type_name} contract, generated by abigen."]
    for text in (doc.notice, doc.details):
        if text:
            lines += ["", *text.splitlines()]
    return tuple(lines)


def _python_names(slots: Iterable[out.Slot]) -> dict[str, str]:
    """ABI name -> Python name: NatSpec names parameters as Solidity does, users call by ours."""
    return {slot.abi_name: slot.name for slot in slots if slot.abi_name}


def _member_doc(
    doc: abi.Doc,
    solidity: str,
    hash_line: str,
    params: Mapping[str, str] | None = None,
    returns: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Docstring lines; `params`/`returns` map NatSpec's keys to the Python names."""
    params, returns = params or {}, returns or {}
    lines: list[str] = []
    if doc.notice:
        lines += [*doc.notice.splitlines(), ""]
    if doc.details:
        lines += [*doc.details.splitlines(), ""]
    lines.append(f"Solidity: `{solidity}`")
    if hash_line:
        lines.append(hash_line)
    for name, text in doc.params:
        lines.append(f"{params.get(name, name)}: {text}")
    for name, text in doc.returns:
        lines.append(f"returns {returns.get(name, name)}: {text}")
    return tuple(lines)


__all__ = ["NameCollisionError", "bind", "check_aliases", "tuples_of"]
