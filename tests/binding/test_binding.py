"""ABI model -> binding model: names, overloads, structs, results, and what reaches code."""

from __future__ import annotations

import json
import random
import sys
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import eth_abi
import pytest
from eth_utils import to_checksum_address

from abigen.binding.build import bind
from abigen.binding.model import Module
from abigen.binding.naming import NameCollisionError
from abigen.output import finish
from abigen.render import render_module
from abigen.runtime.abi.parse import AbiError, parse_abi
from abigen.runtime.keccak import keccak256 as keccak
from abigen.runtime.tx import TxOptions

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"


def fn(
    name: str,
    inputs: Sequence[Any] = (),
    outputs: Sequence[Any] = (),
    mutability: str = "nonpayable",
) -> Any:
    return {
        "type": "function",
        "name": name,
        "inputs": list(inputs),
        "outputs": list(outputs),
        "stateMutability": mutability,
    }


def event(name: str, *inputs: Any, anonymous: bool = False) -> Any:
    return {"type": "event", "name": name, "inputs": list(inputs), "anonymous": anonymous}


def error(name: str, *inputs: Any) -> Any:
    return {"type": "error", "name": name, "inputs": list(inputs)}


def p(name: str, type_: str, **extra: Any) -> Any:
    return {"name": name, "type": type_, **extra}


def point(name: str = "p", internal: str | None = "struct Lib.Point", array: str = "") -> Any:
    extra = {"internalType": internal + array} if internal else {}
    return p(name, "tuple" + array, components=[p("x", "int128"), p("y", "int128")], **extra)


def names_of(module: Module) -> dict[str, str]:
    return {f.signature: f.name for f in module.functions}


def bind_abi(entries: list[Any], **options: Any) -> Module:
    options.setdefault("type_name", "C")
    return bind(parse_abi(entries), **options)


def function_names(module: Module) -> dict[str, str]:
    """Python method name -> Solidity signature."""
    return {f.name: f.signature for f in module.functions}


def all_python_names(module: Module) -> list[str]:
    """Every identifier the binder hands to the templates."""
    names = [module.contract_name, module.events_class]
    names += [s.class_name for s in module.structs] + [
        f.name for s in module.structs for f in s.fields
    ]
    names += [r.class_name for r in module.results] + [
        f.name for r in module.results for f in r.fields
    ]
    for function in module.functions:
        names += [function.name, function.class_name, *(s.name for s in function.params)]
    for ev in module.events:
        names += [ev.class_name, ev.query_class, *(s.name for s in ev.fields)]
    for err in module.errors:
        names += [err.class_name, *(s.name for s in err.fields)]
    return names


@pytest.fixture
def load() -> Iterator[Any]:
    """Render, format, compile-check and import a bound module; unregister it afterwards."""
    loaded: list[str] = []

    def _load(module: Module) -> types.ModuleType:
        source = finish({"c.py": render_module(module)})["c.py"]
        name = f"_abigen_test_binding_{len(loaded)}"
        generated = types.ModuleType(name)
        sys.modules[name] = generated  # dataclasses look their module up while decorating
        loaded.append(name)
        exec(compile(source, f"{name}.py", "exec"), generated.__dict__)
        return generated

    yield _load
    for name in loaded:
        sys.modules.pop(name, None)


# ---- overloads ---------------------------------------------------------------------------------

OVERLOADS = [
    fn("f", [p("a", "uint256")]),
    fn("f", [p("a", "address")]),
    fn("f"),
    fn("f", [p("a", "uint256[2][]")]),
    fn("f", [p("a", "uint256[][2]"), p("b", "bytes32")]),
]
OVERLOAD_NAMES = {
    "f_uint256": "f(uint256)",
    "f_address": "f(address)",
    "f_noargs": "f()",
    "f_uint256_array2_array": "f(uint256[2][])",
    "f_uint256_array_array2_bytes32": "f(uint256[][2],bytes32)",
}


def test_overloads_get_signature_derived_names() -> None:
    assert function_names(bind_abi(OVERLOADS)) == OVERLOAD_NAMES


@pytest.mark.parametrize("seed", range(5))
def test_overload_names_do_not_depend_on_abi_order(seed: int) -> None:
    shuffled = list(OVERLOADS)
    random.Random(seed).shuffle(shuffled)
    assert function_names(bind_abi(shuffled)) == OVERLOAD_NAMES


def test_adding_an_overload_keeps_existing_names() -> None:
    before = function_names(bind_abi(OVERLOADS[:2]))
    after = function_names(bind_abi([*OVERLOADS[:2], fn("f", [p("a", "string")])]))
    assert before == {"f_uint256": "f(uint256)", "f_address": "f(address)"}
    assert after == {**before, "f_string": "f(string)"}


def test_a_lone_function_keeps_its_plain_name() -> None:
    assert function_names(bind_abi([fn("f", [p("a", "uint256")]), fn("g")])) == {
        "f": "f(uint256)",
        "g": "g()",
    }


def test_overloads_differing_inside_a_tuple_get_distinct_names() -> None:
    one = p("a", "tuple", components=[p("x", "uint256")])
    other = p("a", "tuple", components=[p("x", "address")])
    names = function_names(bind_abi([fn("f", [one]), fn("f", [other])]))
    assert sorted(names.values()) == ["f((address))", "f((uint256))"]


def test_overloaded_events_get_signature_derived_class_names() -> None:
    module = bind_abi(
        [
            event("Transfer", p("to", "address"), p("value", "uint256")),
            event("Transfer", p("from", "address"), p("to", "address"), p("value", "uint256")),
            event("Approval", p("owner", "address")),
        ]
    )
    assert {e.class_name: e.signature for e in module.events} == {
        "Approval": "Approval(address)",
        "Transfer_address_address_uint256": "Transfer(address,address,uint256)",
        "Transfer_address_uint256": "Transfer(address,uint256)",
    }


def test_aliases_by_name_and_by_signature() -> None:
    module = bind_abi(
        [
            fn("getValue"),
            fn("get_value"),
            fn("f", [p("a", "uint256")]),
            fn("f", [p("a", "address")]),
        ],
        aliases={"get_value": "get_value_raw", "f(uint256)": "fOne"},
    )
    assert function_names(module) == {
        "get_value": "getValue()",
        "get_value_raw": "get_value()",
        "f_one": "f(uint256)",
        "f_address": "f(address)",
    }


def test_functions_colliding_after_snake_case_keep_apart_without_flags() -> None:
    module = bind_abi([fn("get_value"), fn("getValue")])
    # The name already spelled the Python way keeps it; the other keeps the ABI's spelling.
    assert names_of(module) == {"get_value()": "get_value", "getValue()": "getValue"}


def test_all_caps_constants_keep_their_spelling_beside_their_lower_case_twins() -> None:
    module = bind_abi(
        [
            fn("decimals", (), [p("", "uint8")], "view"),
            fn("DECIMALS", (), [p("", "uint8")], "view"),
            fn("version", (), [p("", "string")], "view"),
            fn("VERSION", (), [p("", "string")], "view"),
            fn("DOMAIN_SEPARATOR", (), [p("", "bytes32")], "view"),
        ]
    )
    assert set(names_of(module).values()) == {
        "decimals",
        "DECIMALS",
        "version",
        "VERSION",
        "DOMAIN_SEPARATOR",
    }


def test_an_overload_derived_name_yields_to_a_real_function_of_that_name() -> None:
    module = bind_abi(
        [
            fn("parseJson", [p("json", "string")], [p("", "bytes")], "pure"),
            fn("parseJson", [p("json", "string"), p("key", "string")], [p("", "bytes")], "pure"),
            fn("parseJsonString", [p("json", "string"), p("key", "string")], [], "pure"),
        ]
    )
    assert names_of(module) == {
        "parseJson(string)": "parseJson_string",
        "parseJson(string,string)": "parse_json_string_string",
        "parseJsonString(string,string)": "parse_json_string",
    }


def test_names_tied_after_snake_case_both_keep_the_abi_spelling() -> None:
    module = bind_abi([fn("getX"), fn("get_X"), fn("GetX")])
    assert names_of(module) == {"getX()": "getX", "get_X()": "get_X", "GetX()": "GetX"}


def test_names_that_tie_on_every_spelling_fall_back_to_the_selector() -> None:
    # `a$b` and `a_b` are spelled alike in Python: only the selector tells them apart.
    module = bind_abi([fn("a_b"), fn("a$b")])
    selector = keccak(b"a$b()")[:4].hex()
    assert names_of(module) == {"a_b()": "a_b", "a$b()": f"a_b_{selector}"}


def test_identical_duplicate_entries_are_one_member(load: Any) -> None:
    entries = [
        error("Unauthorized"),
        error("Unauthorized"),
        fn("f"),
        fn("f"),
        event("E"),
        event("E"),
    ]
    module = bind_abi(entries)
    assert [e.class_name for e in module.errors] == ["Unauthorized"]
    assert [f.name for f in module.functions] == ["f"]
    assert [e.class_name for e in module.events] == ["E"]
    assert load(module).C.Unauthorized.SIGNATURE == "Unauthorized()"


def test_duplicates_differing_in_parameter_names_are_one_member_in_a_fixed_order() -> None:
    a = error("Denied", p("account", "address"))
    b = error("Denied", p("caller", "address"))
    first = bind_abi([a, b]).errors
    assert first == bind_abi([b, a]).errors
    assert len(first) == 1


def test_functions_with_one_signature_and_different_outputs_are_refused() -> None:
    with pytest.raises(AbiError, match=r"function f\(\) is declared twice, with different outputs"):
        parse_abi([fn("f", (), [p("", "uint8")]), fn("f", (), [p("", "bool")])])


def test_an_alias_may_not_take_another_members_name() -> None:
    with pytest.raises(NameCollisionError, match="the Python name 'get_value' is taken by"):
        bind_abi([fn("getValue"), fn("get_value")], aliases={"getValue": "get_value"})


def test_an_alias_renames_for_taste() -> None:
    module = bind_abi([fn("getValue"), fn("get_value")], aliases={"getValue": "read_value"})
    assert names_of(module) == {"getValue()": "read_value", "get_value()": "get_value"}


def test_an_event_named_like_the_contract_takes_the_event_suffix() -> None:
    module = bind_abi([event("C", p("x", "uint256"))])
    assert [e.class_name for e in module.events] == ["CEvent"]


def test_the_whole_binding_is_independent_of_abi_order() -> None:
    entries = [
        fn("decimals", (), [p("", "uint8")], "view"),
        fn("DECIMALS", (), [p("", "uint8")], "view"),
        fn("mintFor", [p("to", "address")]),
        fn("mint_for", [p("to", "address")]),
        fn("getX"),
        fn("get_X"),
        fn("parseJson", [p("json", "string")]),
        fn("parseJson", [p("json", "string"), p("key", "string")]),
        fn("parseJsonString", [p("json", "string"), p("key", "string")]),
        fn("address", (), [p("", "address")], "view"),
        error("Unauthorized"),
        error("Unauthorized"),
        error("Paused"),
        event("Paused", p("account", "address")),
        event("C", p("id", "uint256", indexed=True)),
    ]
    expected = render_module(bind_abi(entries))
    for seed in range(5):
        shuffled = entries[:]
        random.Random(seed).shuffle(shuffled)
        assert render_module(bind_abi(shuffled)) == expected


def test_error_and_event_with_the_same_class_name_keep_apart() -> None:
    module = bind_abi([event("Transfer", p("to", "address")), error("Transfer")])
    assert {e.class_name for e in module.events} == {"TransferEvent"}
    assert {e.class_name for e in module.errors} == {"TransferError"}


# ---- parameter and member names ----------------------------------------------------------------


def test_keyword_parameter_names_get_a_trailing_underscore(load: Any) -> None:
    module = bind_abi([fn("f", [p("from", "address"), p("to", "address"), p("class", "uint8")])])
    (function,) = module.functions
    assert [(s.name, s.abi_name) for s in function.params] == [
        ("from_", "from"),
        ("to", "to"),
        ("class_", "class"),
    ]
    # The generated method takes them as keywords.
    data = load(module).C.f.encode_input(from_="0x" + "11" * 20, to="0x" + "22" * 20, class_=3)
    assert data == function.selector + bytes(12) + b"\x11" * 20 + bytes(12) + b"\x22" * 20 + (
        3
    ).to_bytes(32, "big")


def test_unnamed_parameters_and_outputs() -> None:
    module = bind_abi(
        [fn("f", [p("", "uint256"), p("", "address")], [p("", "uint256"), p("", "bool")], "view")]
    )
    (function,) = module.functions
    assert [s.name for s in function.params] == ["arg0", "arg1"]
    (result,) = module.results
    assert result.class_name == "FResult"
    assert [(s.name, s.annotation) for s in result.fields] == [("arg0", "int"), ("arg1", "bool")]
    assert function.returns == "FResult"
    assert function.result == result


@pytest.mark.parametrize("member", ["address", "node", "events", "deploy", "encode_deploy"])
def test_runtime_reserved_member_names_step_aside(member: str) -> None:
    module = bind_abi([fn(member, (), (), "view"), fn("other")])
    assert function_names(module) == {member + "_": member + "()", "other": "other()"}


def test_runtime_reserved_names_step_aside_even_without_snake_case_changes() -> None:
    assert function_names(bind_abi([fn("encodeDeploy")])) == {"encode_deploy_": "encodeDeploy()"}


@pytest.mark.parametrize("reserved", ["self", "cls", "node", "sender", "value", "block", "tx"])
def test_parameters_named_like_generated_keywords_get_a_suffix(reserved: str) -> None:
    (function,) = bind_abi(
        [fn("f", [p(reserved, "uint256"), p("amount", "uint256")], (), "payable")]
    ).functions
    assert [s.name for s in function.params] == [reserved + "_", "amount"]


@pytest.mark.parametrize("option", sorted(TxOptions.__annotations__))
def test_parameters_named_like_tx_options_get_a_suffix(option: str) -> None:
    (function,) = bind_abi([fn("f", [p(option, "uint256")])]).functions
    assert [s.name for s in function.params] == [option + "_"]


def test_event_field_names_avoid_log_and_filter_keywords() -> None:
    (ev,) = bind_abi(
        [
            event(
                "E",
                p("log", "uint256"),
                p("from_block", "uint256", indexed=True),
                p("fromBlock", "uint256"),
            )
        ]
    ).events
    assert [s.name for s in ev.fields] == ["log_", "from_block_", "from_block__"]
    assert [s.name for s in ev.indexed] == ["from_block_"]
    assert ev.layout == (False, True, False)


def test_indexed_dynamic_event_fields_are_hashes() -> None:
    (ev,) = bind_abi(
        [
            event(
                "E",
                p("who", "address", indexed=True),
                p("tag", "string", indexed=True),
                p("n", "uint8"),
            )
        ]
    ).events
    assert [(s.name, s.annotation) for s in ev.fields] == [
        ("who", "_rt.ChecksumAddress"),
        ("tag", "bytes"),
        ("n", "int"),
    ]
    assert [s.codec for s in ev.indexed] == ["_c.ADDRESS", "_c.STRING"]
    assert [s.name for s in ev.indexed] == ["who", "tag"]
    assert ev.indexed[1].annotation == "_rt.Filter[str | _rt.TopicHash]"


def test_error_field_names_avoid_exception_attributes() -> None:
    (err,) = bind_abi(
        [error("E", p("args", "uint256"), p("data", "bytes"), p("receipt", "uint8"))]
    ).errors
    assert [s.name for s in err.fields] == ["args_", "data_", "receipt_"]


def test_error_field_named_self(load: Any) -> None:
    module = bind_abi([error("E", p("self", "uint256"))])
    (err,) = module.errors
    assert [s.name for s in err.fields] == ["self_"]
    generated = load(module)
    assert generated.E(5).self_ == 5


@pytest.mark.parametrize("reserved", ["ERRORS", "EVENTS"])
def test_error_named_like_a_contract_registry(load: Any, reserved: str) -> None:
    generated = load(bind_abi([error(reserved, p("code", "uint256")), event("Ping")]))
    contract = generated.C
    # The module-level class takes its kind's suffix (`ERRORSError`): inside the contract
    # class body the registry of the same name would shadow it.
    error_class = getattr(generated, reserved + "Error")
    assert dict(contract.ERRORS) == {error_class.SELECTOR: error_class}
    assert [name for name, value in vars(contract).items() if value is error_class]


def test_result_and_struct_fields_avoid_namedtuple_methods() -> None:
    module = bind_abi(
        [
            fn("f", [], [p("count", "uint256"), p("index", "uint256")], "view"),
            fn("g", [p("s", "tuple", components=[p("count", "uint8"), p("index", "uint8")])]),
        ]
    )
    assert [s.name for s in module.results[0].fields] == ["count_", "index_"]
    assert [s.name for s in module.structs[0].fields] == ["count_", "index_"]


@pytest.mark.parametrize(
    "entry",
    [fn("_"), fn("__"), event("_"), error("__")],
    ids=["function _", "function __", "event _", "error __"],
)
def test_all_underscore_member_names(entry: Any, load: Any) -> None:
    try:
        contract = parse_abi([entry])
    except AbiError:
        return  # rejecting the name with a located message is fine too
    module = bind(contract, type_name="C")
    assert all(name.isidentifier() for name in all_python_names(module))
    load(module)


# ---- structs and results -----------------------------------------------------------------------


def test_a_struct_used_in_several_places_is_one_class() -> None:
    module = bind_abi(
        [
            fn("f", [point()]),
            fn("g", (), [point("")], "view"),
            fn("h", [point("ps", array="[]")]),
            event("E", point("where")),
            error("Bad", point("at")),
        ]
    )
    assert [(s.class_name, s.solidity_name) for s in module.structs] == [("Point", "Lib.Point")]
    (struct,) = module.structs
    assert [(f.name, f.annotation) for f in struct.fields] == [("x", "int"), ("y", "int")]
    f, g, h = module.functions
    assert f.params[0].annotation == "Point | tuple[int, int]"
    assert g.returns == "Point"
    assert h.params[0].annotation == "_abc.Sequence[Point | tuple[int, int]]"
    assert module.events[0].fields[0].annotation == "Point"
    assert module.errors[0].fields[0].annotation == "Point"


def test_same_short_struct_name_from_two_contracts_gets_two_classes() -> None:
    module = bind_abi(
        [fn("g", [point("q", "struct B.Point")]), fn("f", [point("p", "struct A.Point")])]
    )
    # Both are qualified, so neither name depends on which struct the ABI lists first.
    assert sorted((s.class_name, s.solidity_name) for s in module.structs) == [
        ("APoint", "A.Point"),
        ("BPoint", "B.Point"),
    ]
    annotations = {f.name: f.params[0].annotation for f in module.functions}
    assert annotations == {"f": "APoint | tuple[int, int]", "g": "BPoint | tuple[int, int]"}


def test_nested_structs_come_before_their_parents() -> None:
    shape = p(
        "shape",
        "tuple",
        internalType="struct Zoo.Shape",
        components=[
            p("name", "string"),
            point("center", "struct Zoo.Point"),
            point("points", "struct Zoo.Point", "[]"),
        ],
    )
    module = bind_abi([fn("f", [shape])])
    assert [s.class_name for s in module.structs] == ["Point", "Shape"]
    shape_struct = module.structs[1]
    assert [(f.name, f.annotation) for f in shape_struct.fields] == [
        ("name", "str"),
        ("center", "Point"),
        ("points", "list[Point]"),
    ]
    assert (
        "_Point_CODEC" in shape_struct.codec
    )  # refers to the nested struct's codec, defined first


def test_nested_structs_encode_like_eth_abi(load: Any) -> None:
    shape = p(
        "shape",
        "tuple",
        internalType="struct Zoo.Shape",
        components=[
            p("name", "string"),
            point("center", "struct Zoo.Point"),
            point("points", "struct Zoo.Point", "[]"),
        ],
    )
    generated = load(bind_abi([fn("draw", [shape, p("scale", "uint8")])]))
    value = generated.Shape("sq", generated.Point(1, -2), [generated.Point(3, 4), (5, 6)])
    expected = eth_abi.encode(
        ["(string,(int128,int128),(int128,int128)[])", "uint8"],
        [("sq", (1, -2), [(3, 4), (5, 6)]), 7],
    )
    assert generated.C.draw.encode_input(value, 7) == generated.C.draw.SELECTOR + expected
    assert generated.C.draw.decode_input(generated.C.draw.SELECTOR + expected) == (value, 7)


def test_anonymous_tuples_are_named_after_where_they_appear() -> None:
    module = bind_abi([fn("setConfig", [p("cfg", "tuple", components=[p("limit", "uint256")])])])
    assert [(s.class_name, s.solidity_name) for s in module.structs] == [("SetConfigCfg", "")]


def test_struct_class_names_step_aside_for_other_module_names() -> None:
    module = bind_abi([error("Point"), fn("f", [point("p", "struct Point")])])
    assert [s.class_name for s in module.structs] == ["Point_"]
    assert [e.class_name for e in module.errors] == ["Point"]


def test_struct_names_from_internal_type_are_identifiers() -> None:
    try:
        contract = parse_abi([fn("f", [point("p", "struct Lib.Po int")])])
    except AbiError:
        return
    module = bind(contract, type_name="C")
    assert all(s.class_name.isidentifier() for s in module.structs)


def test_return_shapes(load: Any) -> None:
    module = bind_abi(
        [
            fn("none"),
            fn("one", (), [p("", "address")], "view"),
            fn(
                "many",
                (),
                [p("reserve0", "uint112"), p("reserve1", "uint112"), p("", "uint32")],
                "view",
            ),
        ]
    )
    by_name = {f.name: f for f in module.functions}
    assert by_name["none"].returns == "None"
    assert by_name["one"].returns == "_rt.ChecksumAddress"
    assert by_name["many"].returns == "ManyResult"
    assert [r.class_name for r in module.results] == ["ManyResult"]
    assert [(f.name, f.annotation) for f in module.results[0].fields] == [
        ("reserve0", "int"),
        ("reserve1", "int"),
        ("arg2", "int"),
    ]
    contract = load(module).C
    assert contract.none.decode_output(b"") is None
    address = "0x" + "ab" * 20
    assert contract.one.decode_output(
        eth_abi.encode(["address"], [address])
    ) == to_checksum_address(address)
    many = contract.many.decode_output(eth_abi.encode(["uint112", "uint112", "uint32"], [1, 2, 3]))
    assert many == (1, 2, 3)
    assert (many.reserve0, many.reserve1, many.arg2) == (1, 2, 3)
    assert type(many).__name__ == "ManyResult"


def test_multiple_outputs_give_a_named_tuple_in_the_generated_module(load: Any) -> None:
    generated = load(
        bind_abi([fn("getReserves", (), [p("reserve0", "uint112"), p("", "uint32")], "view")])
    )
    result = generated.GetReservesResult(reserve0=1, arg1=2)
    assert result == (1, 2)
    assert generated.GetReservesResult._fields == ("reserve0", "arg1")
    data = (1).to_bytes(32, "big") + (2).to_bytes(32, "big")
    assert generated.C.get_reserves.decode_output(data) == result


def test_read_only_and_payable_flags() -> None:
    module = bind_abi(
        [fn("v", (), (), "view"), fn("q", (), (), "pure"), fn("n"), fn("pay", (), (), "payable")]
    )
    flags = {
        f.name: (f.read_only, f.tx_options == "_rt.PayableTxOptions") for f in module.functions
    }
    assert flags == {
        "v": (True, False),
        "q": (True, False),
        "n": (False, False),
        "pay": (False, True),
    }


def test_contract_and_events_class_names_come_from_the_type_name() -> None:
    # The type name is final (--type as given, or the package's class name): kept as is.
    module = bind_abi([], type_name="MyToken_V2")
    assert (module.contract_name, module.events_class) == ("MyToken_V2", "_MyToken_V2Events")


def test_constructor_is_bound_only_with_bytecode() -> None:
    abi = [{"type": "constructor", "inputs": [p("value", "uint256")], "stateMutability": "payable"}]
    assert bind_abi(abi).constructor is None
    module = bind_abi(abi, bytecode="6080")
    assert module.constructor is not None
    assert [s.name for s in module.constructor.params] == ["value_"]
    assert module.constructor.tx_options == "_rt.PayableTxOptions"
    assert module.bytecode == "6080"


def test_docstrings_carry_solidity_signature_and_selector() -> None:
    (function,) = bind_abi(
        [fn("transfer", [p("to", "address"), p("value", "uint256")], [p("", "bool")])]
    ).functions
    assert function.doc == (
        "Solidity: `function transfer(address to, uint256 value) nonpayable returns (bool)`",
        "Selector: 0xa9059cbb",
    )


# ---- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("artifact", ["Token.abi", "TypeZoo.abi"])
@pytest.mark.parametrize("seed", range(3))
def test_binding_does_not_depend_on_abi_order(artifact: str, seed: int) -> None:
    entries = json.loads((BUILD / artifact).read_text())
    shuffled = list(entries)
    random.Random(seed).shuffle(shuffled)
    assert shuffled != entries
    assert bind_abi(shuffled, type_name="X", bytecode="00") == bind_abi(
        entries, type_name="X", bytecode="00"
    )


def test_every_emitted_name_is_a_unique_identifier_for_real_artifacts() -> None:
    for artifact in ("Token.abi", "TypeZoo.abi"):
        module = bind_abi(json.loads((BUILD / artifact).read_text()))
        names = all_python_names(module)
        assert all(name.isidentifier() for name in names), names
        assert len({f.class_name for f in module.functions}) == len(module.functions)


def test_private_function_classes_are_unique(load: Any) -> None:
    module = bind_abi([fn("address", (), (), "view"), fn("Address", (), (), "view")])
    assert len({f.class_name for f in module.functions}) == 2
    generated = load(module)
    assert generated.C.address_.SIGNATURE == "address()"  # steps aside from the runtime's
    assert generated.C.Address.SIGNATURE == "Address()"


# ---- hostile names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["x; import os", "x()", "x y", "x.y", "x\n", "os.system('x')", "", "\u0430dmin", "1x"]
)
@pytest.mark.parametrize("kind", ["function", "event", "error"])
def test_parser_rejects_member_names_that_are_not_identifiers(kind: str, name: str) -> None:
    entry = {"function": fn, "event": event, "error": error}[kind](name)
    with pytest.raises(AbiError):
        parse_abi([entry])


# Lower case and single underscores only: snake_case would rewrite anything else.
PAYLOAD = 'pwned: int = exec(\'open("pwned.txt", "w").close()\') #'
HOSTILE_PLACES = {
    "input": [fn("f", [p(PAYLOAD, "uint256")])],
    "second output": [fn("f", (), [p("a", "uint256"), p(PAYLOAD, "uint256")], "view")],
    "struct field": [
        fn("f", [p("s", "tuple", components=[p("a", "uint256"), p(PAYLOAD, "uint256")])])
    ],
    "event field": [event("E", p(PAYLOAD, "uint256"))],
    "error field": [error("E", p(PAYLOAD, "uint256"))],
}


@pytest.mark.parametrize("entries", list(HOSTILE_PLACES.values()), ids=list(HOSTILE_PLACES))
def test_hostile_parameter_names_never_become_code(
    entries: list[Any], load: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        contract = parse_abi(entries)
    except AbiError:
        return  # rejected with a located message: the preferred outcome
    module = bind(contract, type_name="C")
    load(module)  # must compile (no internal error)...
    assert not (tmp_path / "pwned.txt").exists(), (
        "importing the generated module ran ABI text as code"
    )
    assert all(name.isidentifier() for name in all_python_names(module))
