"""ABI JSON -> ABI model: types, signatures, hashes, legacy shapes and every AbiError."""

from __future__ import annotations

from typing import Any

import pytest

from abigen.runtime.abi.model import ContractAbi
from abigen.runtime.abi.parse import AbiError, parse_abi
from abigen.runtime.abi.types import (
    AbiTypeError,
    Array,
    Component,
    Elementary,
    Tuple,
    parse_elementary,
    split_array_suffixes,
    struct_name_of,
)


def fn(name: Any, inputs: Any = (), outputs: Any = (), **extra: Any) -> dict[str, Any]:
    """A function entry; inputs/outputs given as tuples become arrays, anything else is kept as is."""
    as_json = [*inputs] if isinstance(inputs, tuple) else inputs
    entry: dict[str, Any] = {"type": "function", "name": name, "inputs": as_json}
    entry["outputs"] = [*outputs] if isinstance(outputs, tuple) else outputs
    entry.setdefault("stateMutability", "nonpayable")
    entry.update(extra)
    return entry


def param(name: Any, type_: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": type_, **extra}


def parse_type(type_: str, **extra: Any) -> Any:
    """The parsed type of a single function input declared as `type_`."""
    return parse_abi([fn("f", [param("x", type_, **extra)])]).functions[0].inputs[0].type


# ---- elementary types --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uint8", Elementary("uint", 8)),
        ("uint256", Elementary("uint", 256)),
        ("uint", Elementary("uint", 256)),
        ("int", Elementary("int", 256)),
        ("int8", Elementary("int", 8)),
        ("int136", Elementary("int", 136)),
        ("bytes1", Elementary("fixed_bytes", 1)),
        ("bytes32", Elementary("fixed_bytes", 32)),
        ("bytes", Elementary("bytes")),
        ("string", Elementary("string")),
        ("address", Elementary("address")),
        ("bool", Elementary("bool")),
        ("function", Elementary("function")),
    ],
)
def test_elementary_types(text: str, expected: Elementary) -> None:
    assert parse_elementary(text) == expected
    assert parse_type(text) == expected


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("uint", "uint256"),
        ("int", "int256"),
        ("uint24", "uint24"),
        ("bytes4", "bytes4"),
        ("bytes", "bytes"),
    ],
)
def test_canonical_elementary_names(text: str, canonical: str) -> None:
    assert parse_elementary(text).canonical == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("uint0", "unknown ABI type 'uint0': uintN needs N in 8..256, a multiple of 8"),
        ("uint7", "unknown ABI type 'uint7': uintN needs N in 8..256, a multiple of 8"),
        ("uint264", "unknown ABI type 'uint264': uintN needs N in 8..256, a multiple of 8"),
        ("int4", "unknown ABI type 'int4': intN needs N in 8..256, a multiple of 8"),
        ("uint08", "unknown ABI type 'uint08': uintN needs N in 8..256, a multiple of 8"),
        ("bytes0", "unknown ABI type 'bytes0': bytesN needs 1 <= N <= 32"),
        ("bytes33", "unknown ABI type 'bytes33': bytesN needs 1 <= N <= 32"),
        ("bytes01", "unknown ABI type 'bytes01': bytesN needs 1 <= N <= 32"),
        ("adress", "unknown ABI type 'adress'"),
        ("Uint256", "unknown ABI type 'Uint256'"),
        ("fixed128x18", "unknown ABI type 'fixed128x18'"),
        (" uint256", "unknown ABI type ' uint256'"),
    ],
)
def test_bad_elementary_types(text: str, message: str) -> None:
    with pytest.raises(AbiTypeError) as caught:
        parse_elementary(text)
    assert str(caught.value) == message


# ---- arrays and tuples ---------------------------------------------------------------------


def test_array_suffixes_are_listed_innermost_first() -> None:
    assert split_array_suffixes("uint8") == ("uint8", [])
    assert split_array_suffixes("uint8[2][]") == ("uint8", [2, None])
    assert split_array_suffixes("tuple[][3]") == ("tuple", [None, 3])


def test_fixed_array_of_dynamic_array_dimension_order() -> None:
    # uint256[2][] is a dynamic array whose items are uint256[2] (Solidity reads suffixes
    # left to right, innermost first), not a pair of dynamic arrays.
    parsed = parse_type("uint256[2][]")
    assert parsed == Array(Array(Elementary("uint", 256), 2), None)
    assert parsed.canonical == "uint256[2][]"
    assert parsed.is_dynamic


def test_dynamic_array_of_fixed_arrays_other_way_round() -> None:
    parsed = parse_type("address[][3]")
    assert parsed == Array(Array(Elementary("address"), None), 3)
    assert parsed.canonical == "address[][3]"


@pytest.mark.parametrize(
    ("text", "dynamic"),
    [
        ("uint256[3]", False),
        ("uint256[]", True),
        ("string[2]", True),
        ("bytes32[2][2]", False),
        ("bool[2][]", True),
    ],
)
def test_array_dynamism(text: str, dynamic: bool) -> None:
    assert parse_type(text).is_dynamic is dynamic


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("uint256[0]", "malformed array type 'uint256[0]': fixed length must be positive"),
        ("uint256[01]", "malformed array type 'uint256[01]': fixed length must be positive"),
        ("uint256[", "malformed array type 'uint256['"),
        ("uint256[a]", "malformed array type 'uint256[a]'"),
        ("uint256[2]x", "malformed array type 'uint256[2]x'"),
        ("uint256[-1]", "malformed array type 'uint256[-1]'"),
    ],
)
def test_malformed_arrays(text: str, message: str) -> None:
    with pytest.raises(AbiTypeError) as caught:
        split_array_suffixes(text)
    assert str(caught.value) == message


def test_nested_tuples_with_struct_names() -> None:
    point = param(
        "center",
        "tuple",
        internalType="struct Geo.Point",
        components=[param("x", "int128", internalType="int128"), param("y", "int128")],
    )
    shape = param(
        "shape",
        "tuple[]",
        internalType="struct Geo.Shape[]",
        components=[param("name", "string"), point, param("tags", "uint8[3]")],
    )
    parsed = parse_type(
        shape["type"], components=shape["components"], internalType=shape["internalType"]
    )
    point_type = Tuple(
        (Component("x", Elementary("int", 128), "int128"), Component("y", Elementary("int", 128))),
        "Geo.Point",
    )
    assert parsed == Array(
        Tuple(
            (
                Component("name", Elementary("string")),
                Component("center", point_type, "struct Geo.Point"),
                Component("tags", Array(Elementary("uint", 8), 3)),
            ),
            "Geo.Shape",
        ),
        None,
    )
    assert parsed.canonical == "(string,(int128,int128),uint8[3])[]"
    assert parsed.item.is_dynamic  # the string makes the whole struct dynamic
    assert not point_type.is_dynamic


def test_tuple_without_internal_type_has_no_struct_name() -> None:
    parsed = parse_type("tuple", components=[param("a", "uint256")])
    assert parsed == Tuple((Component("a", Elementary("uint", 256)),), None)


@pytest.mark.parametrize(
    ("internal_type", "expected"),
    [
        ("struct Point", "Point"),
        ("struct Lib.Point", "Lib.Point"),
        ("struct Lib.Point[]", "Lib.Point"),
        ("struct Lib.Point[][2]", "Lib.Point"),
        ("contract IERC20", None),
        ("enum Lib.Kind", None),
        ("uint256", None),
        ("", None),
        (None, None),
    ],
)
def test_struct_name_of_internal_type(internal_type: str | None, expected: str | None) -> None:
    assert struct_name_of(internal_type) == expected


# ---- signatures, selectors, topics -----------------------------------------------------------


def test_erc20_selectors_and_topics() -> None:
    contract = parse_abi(
        [
            fn(
                "transfer", [param("to", "address"), param("value", "uint256")], [param("", "bool")]
            ),
            fn(
                "balanceOf",
                [param("account", "address")],
                [param("", "uint256")],
                stateMutability="view",
            ),
            {
                "type": "event",
                "name": "Transfer",
                "anonymous": False,
                "inputs": [
                    param("from", "address", indexed=True),
                    param("to", "address", indexed=True),
                    param("value", "uint256", indexed=False),
                ],
            },
            {"type": "error", "name": "Error", "inputs": [param("reason", "string")]},
            {"type": "error", "name": "Panic", "inputs": [param("code", "uint256")]},
        ]
    )
    transfer, balance_of = contract.functions
    assert transfer.signature == "transfer(address,uint256)"
    assert transfer.selector.hex() == "a9059cbb"
    assert balance_of.signature == "balanceOf(address)"
    assert balance_of.selector.hex() == "70a08231"
    (event,) = contract.events
    assert event.signature == "Transfer(address,address,uint256)"
    assert event.topic.hex() == "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
    assert [p.indexed for p in event.inputs] == [True, True, False]
    assert [e.selector.hex() for e in contract.errors] == ["08c379a0", "4e487b71"]


def test_tuple_signature_is_canonicalised() -> None:
    # Uniswap V3 SwapRouter.exactInputSingle(ExactInputSingleParams)
    components = [
        param("tokenIn", "address"),
        param("tokenOut", "address"),
        param("fee", "uint24"),
        param("recipient", "address"),
        param("deadline", "uint"),  # alias: must appear as uint256 in the signature
        param("amountIn", "uint256"),
        param("amountOutMinimum", "uint256"),
        param("sqrtPriceLimitX96", "uint160"),
    ]
    entry = fn(
        "exactInputSingle",
        [
            param(
                "params",
                "tuple",
                components=components,
                internalType="struct ISwapRouter.ExactInputSingleParams",
            )
        ],
        [param("amountOut", "uint256")],
        stateMutability="payable",
    )
    (function,) = parse_abi([entry]).functions
    assert function.signature == (
        "exactInputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))"
    )
    assert function.selector.hex() == "414bf389"


def test_signature_with_nested_arrays_and_tuple_arrays() -> None:
    entry = fn(
        "f",
        [
            param("a", "uint[2][]"),
            param("b", "tuple[]", components=[param("k", "bytes32"), param("v", "string")]),
        ],
    )
    (function,) = parse_abi([entry]).functions
    assert function.signature == "f(uint256[2][],(bytes32,string)[])"
    assert function.selector.hex() == "5a8878c2"


def test_every_member_kind_is_parsed() -> None:
    contract = parse_abi(
        [
            {
                "type": "constructor",
                "inputs": [param("seed", "uint256")],
                "stateMutability": "payable",
            },
            {"type": "fallback", "stateMutability": "nonpayable"},
            {"type": "receive", "stateMutability": "payable"},
            {"type": "event", "name": "Anon", "inputs": [], "anonymous": True},
            {"type": "error", "name": "Nope", "inputs": []},
            fn("f"),
        ]
    )
    assert isinstance(contract, ContractAbi)
    assert contract.constructor is not None
    assert contract.constructor.is_payable
    assert [p.name for p in contract.constructor.inputs] == ["seed"]
    assert contract.fallback is not None and contract.fallback.state_mutability == "nonpayable"
    assert contract.receive is not None and contract.receive.state_mutability == "payable"
    assert contract.events[0].anonymous
    assert [e.name for e in contract.errors] == ["Nope"]
    assert [f.name for f in contract.functions] == ["f"]


def test_vyper_gas_and_id_keys_are_ignored() -> None:
    (function,) = parse_abi([fn("f", gas=2300, id=7)]).functions
    assert function.name == "f"


# ---- legacy ABIs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "mutability"),
    [
        ({"constant": True, "payable": False}, "view"),
        ({"constant": False, "payable": True}, "payable"),
        ({"constant": False, "payable": False}, "nonpayable"),
        ({}, "nonpayable"),
        # solc 0.4.16..0.5 emit both; stateMutability is the precise one.
        ({"constant": True, "payable": False, "stateMutability": "pure"}, "pure"),
    ],
)
def test_legacy_constant_and_payable(flags: dict[str, Any], mutability: str) -> None:
    entry = {"type": "function", "name": "f", "inputs": [], "outputs": [], **flags}
    (function,) = parse_abi([entry]).functions
    assert function.state_mutability == mutability
    assert function.is_read_only is (mutability in ("view", "pure"))
    assert function.is_payable is (mutability == "payable")


def test_legacy_payable_constructor() -> None:
    contract = parse_abi([{"type": "constructor", "inputs": [], "payable": True}])
    assert contract.constructor is not None and contract.constructor.state_mutability == "payable"


def test_missing_type_defaults_to_function() -> None:
    (function,) = parse_abi(
        [{"name": "owner", "constant": True, "inputs": [], "outputs": [param("", "address")]}]
    ).functions
    assert function.name == "owner"
    assert function.state_mutability == "view"
    assert function.signature == "owner()"


def test_missing_inputs_and_outputs_mean_none() -> None:
    (function,) = parse_abi(
        [{"type": "function", "name": "f", "stateMutability": "view"}]
    ).functions
    assert function.inputs == () and function.outputs == ()


# ---- every AbiError, with its exact message --------------------------------------------------

_POINT = [param("x", "uint256")]

ERROR_CASES: list[tuple[str, object, str]] = [
    ("not a list", {"abi": []}, "an ABI must be a JSON array of entries, got an object"),
    ("string", "[]", "an ABI must be a JSON array of entries, got a string"),
    ("null", None, "an ABI must be a JSON array of entries, got null"),
    ("entry not object", [1], "entry 0: expected an object, got a number"),
    ("entry is list", [fn("f"), []], "entry 1: expected an object, got an array"),
    (
        "unknown entry type",
        [{"type": "method", "name": "f"}],
        "entry 0: unknown entry type 'method'",
    ),
    ("entry type an object", [{"type": {}, "inputs": []}], "entry 0: unknown entry type {}"),
    ("entry type a list", [{"type": ["event"]}], "entry 0: unknown entry type ['event']"),
    ("unknown key", [fn("f", foo=1)], "entry 0 (function 'f'): unknown key 'foo'"),
    (
        "first unknown key in order",
        [fn("f", zeta=1, alpha=2)],
        "entry 0 (function 'f'): unknown key 'alpha'",
    ),
    (
        "outputs on an event",
        [{"type": "event", "name": "E", "inputs": [], "outputs": []}],
        "entry 0 (event 'E'): unknown key 'outputs'",
    ),
    (
        "constructor name",
        [{"type": "constructor", "name": "C", "inputs": []}],
        "entry 0 (constructor 'C'): unknown key 'name'",
    ),
    ("missing name", [{"type": "function", "inputs": []}], "entry 0: missing or empty 'name'"),
    ("empty name", [fn("")], "entry 0 (function ''): missing or empty 'name'"),
    ("name not a string", [fn(5)], "entry 0 (function 5): missing or empty 'name'"),
    (
        "name is code",
        [fn("x; import os")],
        "entry 0 (function 'x; import os'): name 'x; import os' is not a valid Solidity identifier",
    ),
    (
        "name not ascii",
        [fn("caf\u00e9")],
        "entry 0 (function 'caf\u00e9'): name 'caf\u00e9' is not a valid Solidity identifier",
    ),
    (
        "event name is code",
        [{"type": "event", "name": "E(x)", "inputs": [], "anonymous": False}],
        "entry 0 (event 'E(x)'): name 'E(x)' is not a valid Solidity identifier",
    ),
    (
        "anonymous not bool",
        [{"type": "event", "name": "E", "inputs": [], "anonymous": 1}],
        "entry 0 (event 'E'): 'anonymous' must be true or false, got 1",
    ),
    (
        "constant not bool",
        [{"type": "function", "name": "f", "constant": "yes"}],
        "entry 0 (function 'f'): 'constant' must be true or false, got 'yes'",
    ),
    (
        "bad mutability",
        [fn("f", stateMutability="constant")],
        "entry 0 (function 'f'): unknown stateMutability 'constant'",
    ),
    (
        "two constructors",
        [{"type": "constructor", "inputs": []}, {"type": "constructor", "inputs": []}],
        "entry 1: declared more than once",
    ),
    (
        "two fallbacks",
        [{"type": "fallback"}, {"type": "fallback"}],
        "entry 1: declared more than once",
    ),
    (
        "two receives",
        [{"type": "receive", "stateMutability": "payable"}] * 2,
        "entry 1: declared more than once",
    ),
    (
        "inputs not array",
        [fn("f", inputs={})],
        "entry 0 (function 'f'): 'inputs' must be an array, got an object",
    ),
    (
        "outputs not array",
        [fn("f", outputs="uint256")],
        "entry 0 (function 'f'): 'outputs' must be an array, got a string",
    ),
    (
        "param not object",
        [fn("f", ["uint256"])],
        "entry 0 (function 'f'): input #0: expected an object, got a string",
    ),
    (
        "param unknown key",
        [fn("f", [param("a", "uint256", bar=1)])],
        "entry 0 (function 'f'): input 'a': unknown key 'bar'",
    ),
    (
        "unnamed param unknown key",
        [fn("f", [], [param("", "uint256", bar=1)])],
        "entry 0 (function 'f'): output #0: unknown key 'bar'",
    ),
    (
        "param name not string",
        [fn("f", [param(3, "uint256")])],
        "entry 0 (function 'f'): input #0: 'name' must be a string, got a number",
    ),
    (
        "internalType not string",
        [fn("f", [param("a", "uint256", internalType=1)])],
        "entry 0 (function 'f'): input 'a': 'internalType' must be a string",
    ),
    (
        "indexed on a function input",
        [fn("f", [param("a", "uint256", indexed=True)])],
        "entry 0 (function 'f'): input 'a': 'indexed' is only allowed on event inputs",
    ),
    (
        "indexed not bool",
        [{"type": "event", "name": "E", "inputs": [param("a", "uint256", indexed="true")]}],
        "entry 0 (event 'E'): input 'a': 'indexed' must be true or false, got 'true'",
    ),
    (
        "missing type",
        [fn("f", [{"name": "a"}])],
        "entry 0 (function 'f'): input 'a': missing or empty 'type'",
    ),
    (
        "empty type",
        [fn("f", [param("a", "")])],
        "entry 0 (function 'f'): input 'a': missing or empty 'type'",
    ),
    (
        "uint7",
        [fn("f", [param("a", "uint7")])],
        "entry 0 (function 'f'): input 'a': unknown ABI type 'uint7': uintN needs N in 8..256, a multiple of 8",
    ),
    (
        "adress",
        [fn("f"), fn("transfer", [param("to", "adress")])],
        "entry 1 (function 'transfer'): input 'to': unknown ABI type 'adress'",
    ),
    (
        "unnamed output",
        [fn("f", [], [param("", "uint7")])],
        "entry 0 (function 'f'): output #0: unknown ABI type 'uint7': uintN needs N in 8..256, a multiple of 8",
    ),
    (
        "bad array",
        [fn("f", [param("a", "uint256[0]")])],
        "entry 0 (function 'f'): input 'a': malformed array type 'uint256[0]': fixed length must be positive",
    ),
    (
        "error input",
        [{"type": "error", "name": "E", "inputs": [param("why", "str")]}],
        "entry 0 (error 'E'): input 'why': unknown ABI type 'str'",
    ),
    (
        "constructor input",
        [{"type": "constructor", "inputs": [param("a", "int0")]}],
        "entry 0: input 'a': unknown ABI type 'int0': intN needs N in 8..256, a multiple of 8",
    ),
    (
        "tuple without components",
        [fn("f", [param("p", "tuple")])],
        "entry 0 (function 'f'): input 'p': tuple type 'tuple' needs a non-empty 'components' array",
    ),
    (
        "tuple with empty components",
        [fn("f", [param("p", "tuple[]", components=[])])],
        "entry 0 (function 'f'): input 'p': tuple type 'tuple[]' needs a non-empty 'components' array",
    ),
    (
        "components not array",
        [fn("f", [param("p", "tuple", components="x")])],
        "entry 0 (function 'f'): input 'p': tuple type 'tuple' needs a non-empty 'components' array",
    ),
    (
        "components on non-tuple",
        [fn("f", [param("p", "uint256", components=_POINT)])],
        "entry 0 (function 'f'): input 'p': 'components' given for non-tuple type 'uint256'",
    ),
    (
        "bad nested component",
        [
            fn(
                "f",
                [
                    param(
                        "p",
                        "tuple",
                        components=[param("q", "tuple", components=[param("z", "uint3")])],
                    )
                ],
            )
        ],
        "entry 0 (function 'f'): input 'p': component 'q': component 'z': unknown ABI type 'uint3': uintN needs N in 8..256, a multiple of 8",
    ),
    (
        "component not object",
        [fn("f", [param("p", "tuple", components=[7])])],
        "entry 0 (function 'f'): input 'p': component #0: expected an object, got a number",
    ),
    (
        "indexed component",
        [fn("f", [param("p", "tuple", components=[param("x", "uint256", indexed=True)])])],
        "entry 0 (function 'f'): input 'p': component 'x': 'indexed' is only allowed on event inputs",
    ),
]


@pytest.mark.parametrize(
    ("abi", "message"), [case[1:] for case in ERROR_CASES], ids=[case[0] for case in ERROR_CASES]
)
def test_abi_errors_locate_the_problem(abi: object, message: str) -> None:
    with pytest.raises(AbiError) as caught:
        parse_abi(abi)
    assert str(caught.value) == message


def test_abi_type_errors_surface_as_abi_errors() -> None:
    # The CLI catches AbiError; a bare AbiTypeError escaping parse_abi would be a traceback.
    with pytest.raises(AbiError):
        parse_abi([fn("f", [param("a", "uint7")])])
    with pytest.raises(AbiError):
        parse_abi([fn("f", [param("p", "tuple", components=[param("q", "int9")])])])
