"""The naming policy: snake_case / PascalCase, scopes, collisions and parameter names."""

from __future__ import annotations

import keyword
import random

import pytest

from abigen.binding.modules import module_name
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
    snake_case,
)


@pytest.mark.parametrize(
    ("abi_name", "python_name"),
    [
        ("transfer", "transfer"),
        ("balanceOf", "balance_of"),
        ("tokenURI", "token_uri"),
        ("DOMAIN_SEPARATOR", "domain_separator"),
        ("getETHBalance", "get_eth_balance"),
        ("HTTPServer", "http_server"),
        ("isApprovedForAll", "is_approved_for_all"),
        ("ERC20", "erc20"),
        ("sqrtPriceX96", "sqrt_price_x96"),
        ("token0", "token0"),
        ("x1Y", "x1_y"),
        ("A", "a"),
        ("_owner", "owner"),
        ("owner_", "owner"),
        ("__init__", "init"),
        ("a__b", "a_b"),
        ("get_value", "get_value"),
        ("getValue", "get_value"),
    ],
)
def test_snake_case(abi_name: str, python_name: str) -> None:
    assert snake_case(abi_name) == python_name


@pytest.mark.parametrize(
    ("abi_name", "python_name"),
    [
        ("from", "from_"),
        ("class", "class_"),
        ("import", "import_"),
        ("lambda", "lambda_"),
        ("_from", "from_"),  # stripping the underscore must not expose a keyword
        ("from_", "from_"),
        ("match", "match_"),
        ("case", "case_"),
        ("None", "none"),  # lower-cased, no longer a keyword
        ("True", "true"),
    ],
)
def test_snake_case_never_returns_a_keyword(abi_name: str, python_name: str) -> None:
    result = snake_case(abi_name)
    assert result == python_name
    assert not keyword.iskeyword(result)
    assert not keyword.issoftkeyword(result)


def test_soft_keyword_type_is_renamed_on_every_python() -> None:
    assert snake_case("type") == "type_"
    assert pascal_case("type") == "Type"


@pytest.mark.parametrize(
    ("abi_name", "python_name"), [("_1st", "n1st"), ("_123", "n123"), ("__2x", "n2x")]
)
def test_snake_case_of_names_starting_with_a_digit(abi_name: str, python_name: str) -> None:
    assert snake_case(abi_name) == python_name
    assert python_name.isidentifier()


@pytest.mark.parametrize("abi_name", ["", "_", "__", "___"])
def test_snake_case_of_all_underscores_is_empty(abi_name: str) -> None:
    assert snake_case(abi_name) == ""


@pytest.mark.parametrize(
    ("name", "class_name"),
    [
        ("token", "Token"),
        ("insufficient_balance", "InsufficientBalance"),
        ("InsufficientBalance", "InsufficientBalance"),
        ("ERC20", "ERC20"),
        ("my_pkg", "MyPkg"),
        ("uniswapV2Pair", "UniswapV2Pair"),
        ("Lib.Point", "Point"),
        ("A.B.Point", "Point"),
        ("__private", "Private"),
        ("1abc", "N1abc"),
        ("none", "None_"),  # capitalised into a keyword
        ("true", "True_"),
        ("false", "False_"),
        ("_", ""),
        ("", ""),
    ],
)
def test_pascal_case(name: str, class_name: str) -> None:
    assert pascal_case(name) == class_name


# ---- scopes ------------------------------------------------------------------------------------


def test_claim_exact_returns_the_name() -> None:
    scope = Scope()
    assert scope.claim_exact("transfer", "function transfer(address,uint256)") == "transfer"
    assert "transfer" in scope
    assert "approve" not in scope


def test_claim_exact_collision_names_both_members() -> None:
    scope = Scope()
    scope.claim_exact("get_value", "function getValue()")
    with pytest.raises(NameCollisionError) as caught:
        scope.claim_exact("get_value", "function get_value()")
    assert str(caught.value) == (
        "function get_value() and function getValue() both map to the Python name 'get_value'; "
        "rename one with --alias"
    )


@pytest.mark.parametrize("reserved", ["address", "node", "events", "deploy"])
def test_claim_exact_steps_aside_for_reserved_names(reserved: str) -> None:
    scope = Scope(["address", "node", "events", "deploy"])
    assert scope.claim_exact(reserved, f"function {reserved}()") == reserved + "_"
    assert reserved + "_" in scope


def test_claim_exact_steps_further_aside_when_the_underscore_name_is_taken() -> None:
    scope = Scope(["address"])
    scope.claim_unique("address_", "someone")
    assert scope.claim_exact("address", "function address()") == "address__"


def test_two_members_stepping_aside_from_the_same_reserved_name_collide() -> None:
    scope = Scope(["address"])
    scope.claim_exact("address", "function address()")
    with pytest.raises(NameCollisionError, match=r"function Address\(\) and function address\(\)"):
        scope.claim_exact("address", "function Address()")


def test_claim_unique_appends_underscores() -> None:
    scope = Scope(["count"])
    assert scope.claim_unique("x", "a") == "x"
    assert scope.claim_unique("x", "b") == "x_"
    assert scope.claim_unique("x", "c") == "x__"
    assert scope.claim_unique("count", "d") == "count_"


def test_claim_exact_after_claim_unique_is_a_collision() -> None:
    scope = Scope()
    scope.claim_unique("point", "struct Lib.Point")
    with pytest.raises(NameCollisionError) as caught:
        scope.claim_exact("point", "function point()")
    assert str(caught.value) == (
        "function point() and struct Lib.Point both map to the Python name 'point'; rename one with --alias"
    )


# ---- parameter names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ([], []),
        (["to", "value"], ["to", "value"]),
        (["", ""], ["arg0", "arg1"]),
        (["owner", ""], ["owner", "arg1"]),
        (["", "arg0"], ["arg0", "arg0_"]),
        (["arg1", ""], ["arg1", "arg1_"]),
        (["_amount", "amount"], ["amount", "amount_"]),
        (["tokenId", "token_id", "TokenId"], ["token_id", "token_id_", "token_id__"]),
        (["from", "to"], ["from_", "to"]),
        (["_", "__"], ["arg0", "arg1"]),
        (["_0", "1"], ["n0", "n1"]),
    ],
)
def test_parameter_names(raw: list[str], names: list[str]) -> None:
    assert parameter_names(raw, Scope()) == names


def test_parameter_names_step_aside_for_reserved_names() -> None:
    scope = Scope(["self", "sender", "value"])
    assert parameter_names(["self", "sender", "value", "value_"], scope) == [
        "self_",
        "sender_",
        "value_",
        "value__",
    ]


def test_parameter_names_are_identifiers_and_unique() -> None:
    raw = ["", "from", "From", "_from", "class", "value", "arg0", "_", "match"]
    names = parameter_names(raw, Scope(["value"]))
    assert all(n.isidentifier() and not keyword.iskeyword(n) for n in names)
    assert len(set(names)) == len(names)


# ---- ALL_CAPS, the ABI's own spelling, module names --------------------------------------------


@pytest.mark.parametrize(
    ("abi_name", "python_name"),
    [
        ("DECIMALS", "DECIMALS"),
        ("DOMAIN_SEPARATOR", "DOMAIN_SEPARATOR"),
        ("PERMIT_TYPEHASH", "PERMIT_TYPEHASH"),
        ("ERC20", "ERC20"),
        ("X", "X"),
        ("_OWNER_", "OWNER"),
        ("MAX_$", "MAX"),
        ("V2", "V2"),
        ("decimals", "decimals"),
        ("getETHBalance", "get_eth_balance"),
        ("ETHBalance", "eth_balance"),  # has lower-case letters: not a constant
        ("__", ""),
    ],
)
def test_member_name_keeps_all_caps_constants(abi_name: str, python_name: str) -> None:
    assert member_name(abi_name) == python_name


@pytest.mark.parametrize(
    ("abi_name", "python_name"),
    [("mintFor", "mintFor"), ("get_X", "get_X"), ("from", "from_"), ("a$b", "a_b"), ("_", "__")],
)
def test_own_spelling_is_a_valid_identifier(abi_name: str, python_name: str) -> None:
    assert own_spelling(abi_name) == python_name


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("vault", "vault"),
        ("token", "token_"),
        ("enum", "enum_"),
        ("math", "math_"),
        ("base64", "base64_"),
        ("web3", "web3_"),
        ("conftest", "conftest_"),
        ("test_helper", "contract_test_helper"),
        ("test", "contract_test"),
        ("tester", "contract_tester"),
        ("vault_test", "vault_test_"),
        ("latest", "latest"),
    ],
)
def test_module_names_shadow_nothing(name: str, module: str) -> None:
    assert module_name(name) == module


# ---- resolve: clashes settle the same way whatever the order ----------------------------------


def _resolve(
    wishes: dict[str, list[tuple[str, int]]], taken: set[str] | None = None
) -> dict[str, str]:
    candidates = {key: [Candidate(n, s) for n, s in c] for key, c in wishes.items()}
    return resolve(candidates, taken or set(), {key: key for key in wishes})


def test_resolve_gives_uncontested_names() -> None:
    assert _resolve({"a": [("x", 1)], "b": [("y", 1)]}) == {"a": "x", "b": "y"}


def test_resolve_gives_a_contested_name_to_the_strictly_strongest() -> None:
    wishes = {"mint_for": [("mint_for", 0)], "mintFor": [("mint_for", 1), ("mintFor", 0)]}
    assert _resolve(wishes) == {"mint_for": "mint_for", "mintFor": "mintFor"}


def test_resolve_gives_a_tied_name_to_nobody() -> None:
    wishes = {"getX": [("get_x", 1), ("getX", 0)], "get_X": [("get_x", 1), ("get_X", 0)]}
    assert _resolve(wishes) == {"getX": "getX", "get_X": "get_X"}


def test_resolve_skips_taken_names() -> None:
    wishes = {"Deposit": [("Deposit", 0), ("Deposit", 0), ("DepositEvent", 0)]}
    assert _resolve(wishes, {"Deposit"}) == {"Deposit": "DepositEvent"}


def test_resolve_last_resort_appends_underscores_in_a_fixed_order() -> None:
    wishes = {"b": [("x", 0)], "a": [("x", 0)]}
    assert _resolve(wishes) == {"a": "x", "b": "x_"}


def test_resolve_is_independent_of_the_order_of_members() -> None:
    wishes = {
        "decimals": [("decimals", 0)],
        "DECIMALS": [("DECIMALS", 0)],
        "mintFor": [("mint_for", 1), ("mintFor", 0)],
        "mint_for": [("mint_for", 0), ("mint_for", 0)],
        "parseJson(string)": [("parse_json_string", 2), ("parseJson_string", 0)],
        "parseJsonString(string)": [("parse_json_string", 1), ("parseJsonString", 0)],
        "getX": [("get_x", 1), ("getX", 0)],
        "get_X": [("get_x", 1), ("get_X", 0)],
        "a": [("x", 1), ("a", 0)],
        "b": [("x", 1), ("b", 0)],
        "c": [("x", 2), ("c", 0)],
    }
    expected = _resolve(wishes)
    assert expected["parseJsonString(string)"] == "parse_json_string"
    assert expected["parseJson(string)"] == "parseJson_string"
    assert (expected["a"], expected["b"], expected["c"]) == ("a", "b", "c")
    keys = list(wishes)
    for seed in range(20):
        random.Random(seed).shuffle(keys)
        assert _resolve({key: wishes[key] for key in keys}) == expected


def test_long_module_names_are_cut_but_stay_distinct() -> None:
    first, second = module_name("a" * 300), module_name("a" * 299 + "b")
    assert len(first) == len(second) == 100
    assert first != second and first.isidentifier()
    assert module_name("a" * 100) == "a" * 100


def test_export_order_is_ruffs_all_order() -> None:
    # RUF022's isort style: SCREAMING_CASE, then CamelCase, then the rest; digits by value.
    names = ["b", "Vault2", "Vault10", "A", "ERC20", "a10", "a9", "Changed_string", "ChangedString"]
    assert export_order([*names, "_x", "X"]) == [
        *("ERC20", "A", "ChangedString", "Changed_string", "Vault2", "Vault10", "X"),
        *("_x", "a9", "a10", "b"),
    ]
