"""ABI model -> binding model: every name, annotation, codec and docstring decided here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from abigen.binding import model as out
from abigen.binding.imports import Needs, import_lines
from abigen.binding.naming import (
    Candidate,
    NameCollisionError,
    Scope,
    export_order,
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
from abigen.runtime.hexdata import blank_placeholders

# Attributes the runtime gives every contract instance/class: ABI members step aside. The
# builtins are there because a class attribute named `int` would shadow the builtin for type
# checkers reading annotations in that class body.
CONTRACT_RESERVED = (
    *BUILTIN_TYPES,
    *("address", "node", "events", "functions", "deploy", "encode_deploy", "deployment"),
    *("ERRORS", "EVENTS", "FUNCTIONS", "CONSTRUCTOR", "BYTECODE", "LIBRARIES"),
    *("LIBRARY_BINDINGS", "PACKAGE"),
)
# Keyword arguments the generated methods add next to the ABI parameters (TxOptions included).
PARAM_RESERVED = (
    *("self", "cls", "node", "sender", "value", "block", "tx"),
    *("gas", "gas_price", "max_fee_per_gas", "max_priority_fee_per_gas", "nonce"),
)
FIELD_RESERVED = STRUCT_FIELD_RESERVED
# An event class also holds its ABI (class attributes) and the runtime's classmethods.
EVENT_FIELD_RESERVED = (
    *FIELD_RESERVED,
    "log",
    *("SIGNATURE", "TOPIC", "ANONYMOUS", "LAYOUT", "INDEXED", "DATA", "spec", "decode_log"),
)
FILTER_RESERVED = ("self", "from_block", "to_block", "confirmations", "poll_interval")
ERROR_FIELD_RESERVED = (
    *FIELD_RESERVED,
    *("SIGNATURE", "SELECTOR", "ARGS"),
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
    async_name = module_scope.claim_unique(f"Async{contract_name}", "the async contract class")
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
    bound_events = tuple(_event(e, class_names[e], mapper, private_scope) for e in events)
    bound_errors = tuple(_error(e, class_names[e], error_attributes[e], mapper) for e in errors)
    constructor = (
        _constructor(contract.constructor, contract_name, bool(libraries), mapper)
        if bytecode
        else None
    )
    structs = mapper.structs()
    local_structs = tuple(
        sorted((s for s in structs if not s.imported), key=lambda s: s.class_name)
    )
    imported_structs = tuple(sorted({s.class_name for s in structs if s.imported}))
    exports = (
        contract_name,
        async_name,
        *imported_structs,
        *(s.class_name for s in local_structs),
        *(r.class_name for r in results),
        *(e.class_name for e in bound_events),
        *(e.class_name for e in bound_errors),
    )
    return out.Module(
        imports=import_lines(
            Needs(
                abc=mapper.needs_abc or bool(libraries and bytecode),
                dataclass=bool(bound_events or bound_errors),
                field=bool(bound_events),
                named_tuple=bool(local_structs or results),
                typed_dict=bool(bound_functions),
                runtime=True,
                codec=bool(bound_functions or bound_events or errors or structs)
                or bool(constructor and constructor.params),
                structs=imported_structs,
            )
        ),
        exports=tuple(export_order(exports)),
        contract_name=contract_name,
        base_name=private_scope.claim_unique(f"_{contract_name}Base", "the offline class"),
        async_name=async_name,
        events_class=private_scope.claim_unique(f"_{contract_name}Events", "the events"),
        async_events_class=private_scope.claim_unique(f"_{async_name}Events", "the async events"),
        doc=_contract_doc(type_name, contract.doc),
        structs=structs,
        struct_classes=local_structs,
        results=results,
        functions=tuple(bound_functions),
        by_signature=tuple(sorted(bound_functions, key=lambda f: f.signature)),
        functions_class=private_scope.claim_unique(f"_{contract_name}Functions", "the table"),
        async_functions_class=private_scope.claim_unique(
            f"_{async_name}Functions", "the async table"
        ),
        fallback=fallback,
        receive=receive,
        events=bound_events,
        errors=bound_errors,
        constructor=constructor,
        bytecode=_zero_placeholders(bytecode, libraries) if bytecode else None,
        libraries=libraries,
        library_bindings=tuple(
            sorted((n, b) for n, b in (library_bindings or {}).items() if n in dict(libraries))
        ),
        in_package=shared_structs is not None,
    )


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
    try:
        return blank_placeholders(code, [o for _, offsets in libraries for o in offsets])
    except ValueError as exc:
        raise NameCollisionError(f"{exc}; give the artifact with its linkReferences") from None


_SPECIAL_DOCS = {
    "fallback": ("Call the fallback function with raw calldata (any data no function matches).",),
    "receive": ("Send plain value (empty calldata) to the receive function.",),
}


def _special(name: str, member: abi.Fallback | abi.Receive | None) -> out.Special | None:
    """fallback() takes raw calldata, receive() plain value; both are sends (names reserved)."""
    if member is None:
        return None
    return out.Special(name, _tx_options(member.state_mutability == "payable"), _SPECIAL_DOCS[name])


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
    inputs_codec = (
        tuple_codec([p.codec for p in params], [p.name for p in params]) if params else ""
    )
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
            fields,
            (f"Return values of {function.signature}.",),
            hex_repr=any(mapper.holds_bytes(p.type) for p in outputs),
        )
        returns = class_name
        outputs_codec = tuple_codec(output_codecs, names, class_name)
    payable = function.is_payable
    pascal = pascal_case(name)
    class_name = private_scope.claim_unique(f"_{pascal}Function", function.signature)
    if params:
        kind = f"{'View' if function.is_read_only else 'Send'}[{returns}]"
        sync_class = private_scope.claim_unique(f"_Sync{pascal}", function.signature)
        async_class = private_scope.claim_unique(f"_Async{pascal}", function.signature)
        sync_face, async_face = sync_class, async_class
    else:  # the runtime's class for no arguments is the face: no class is written for it
        verb = "View" if function.is_read_only else ("Payable" if payable else "Send")
        kind = f"NoArgs{verb}[{returns}]"
        sync_class, async_class = f"_rt.{kind}", f"_rt.Async{kind}"
        sync_face = f"_rt.no_args({class_name}, {sync_class})"
        async_face = f"_rt.no_args({class_name}, {async_class})"
    return out.Function(
        name=name,
        class_name=class_name,
        sync_class=sync_class,
        base=f"_rt.{kind}",
        async_class=async_class,
        async_base=f"_rt.Async{kind}",
        sync_face=sync_face,
        async_face=async_face,
        signature=function.signature,
        selector=function.selector,
        params=params,
        inputs_codec=inputs_codec,
        outputs_codec=outputs_codec,
        returns=returns,
        result=result,
        read_only=function.is_read_only,
        call_options="_rt.PayableCallOptions" if payable else "_rt.CallOptions",
        tx_options=_tx_options(payable),
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


def _tx_options(payable: bool) -> str:
    return "_rt.PayableTxOptions" if payable else "_rt.TxOptions"


def _event(
    event: abi.Event, class_name: str, mapper: TypeMapper, private_scope: Scope
) -> out.Event:
    names = parameter_names(
        (p.name for p in event.inputs), Scope(EVENT_FIELD_RESERVED + FILTER_RESERVED)
    )
    fields: list[out.Slot] = []
    indexed: list[out.Slot] = []
    data_codecs: list[str] = []
    data_names: list[str] = []
    for name, param in zip(names, event.inputs, strict=True):
        hashed = param.indexed and stored_as_hash(param.type)
        annotation = "bytes" if hashed else mapper.output(param.type)  # the topic: a keccak
        fields.append(out.Slot(name, param.name, param.type.canonical, annotation))
        if param.indexed:
            value = mapper.input(param.type) + (" | _rt.TopicHash" if hashed else "")
            codec = mapper.codec(param.type)
            indexed.append(
                out.Slot(name, param.name, param.type.canonical, f"_rt.Filter[{value}]", codec)
            )
        else:
            data_codecs.append(mapper.codec(param.type))
            data_names.append(name)
    topic = (
        f"Topic: 0x{event.topic.hex()}" if not event.anonymous else "Anonymous event (no topic 0)."
    )
    return out.Event(
        class_name=class_name,
        query_class=private_scope.claim_unique(f"_{class_name}Query", event.signature),
        async_query_class=private_scope.claim_unique(f"_Async{class_name}Query", event.signature),
        signature=event.signature,
        topic=event.topic,
        anonymous=event.anonymous,
        fields=tuple(fields),
        indexed=tuple(indexed),
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


_LINKING_DOC = (
    "",
    'Libraries are linked from `libraries` (by name or "path:Name"), or deployed first',
    "when their bindings are in this package; a missing address raises LinkError",
    "before anything is sent.",
)


def _constructor(
    constructor: abi.Constructor | None, contract_name: str, links: bool, mapper: TypeMapper
) -> out.Constructor:
    ctor = constructor or abi.Constructor((), "nonpayable")
    params = _params(ctor.inputs, mapper)
    solidity = _member_doc(
        ctor.doc, f"constructor{_solidity_params('', ctor.inputs)}", "", _python_names(params)
    )
    return out.Constructor(
        params=params,
        inputs_codec=tuple_codec([p.codec for p in params], [p.name for p in params])
        if params
        else "",
        tx_options=_tx_options(ctor.is_payable),
        doc=(
            f"Deploy a new {contract_name}, wait for it to be mined, and bind to it.",
            *(_LINKING_DOC if links else ()),
            "",
            *solidity,
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
