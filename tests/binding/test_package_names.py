"""Module and class names of a package's contracts: paths, compiler versions, odd file names."""

from __future__ import annotations

import random

import pytest

from abigen.binding.package import Identity, name_members


def names(*contracts: Identity) -> list[tuple[str, str]]:
    return [(m.module, m.class_name) for m in name_members(contracts)]


def test_a_unique_name_is_not_qualified() -> None:
    assert names(Identity("ERC20", "lib/oz/ERC20.sol")) == [("erc20", "ERC20")]


def test_same_named_contracts_are_qualified_by_any_source_path() -> None:
    assert names(
        Identity("IERC20", "@uniswap/v2-core/contracts/interfaces/IERC20.sol"),
        Identity("IERC20", "@openzeppelin/contracts/token/ERC20/IERC20.sol"),
        Identity("IERC20", "src/interfaces/IERC20.sol"),
    ) == [
        ("ierc20_uniswap_v2_core_contracts_interfaces", "IERC20UniswapV2CoreContractsInterfaces"),
        ("ierc20_openzeppelin_contracts_token_erc20", "IERC20OpenzeppelinContractsTokenErc20"),
        ("ierc20_src_interfaces", "IERC20SrcInterfaces"),
    ]


def test_the_common_part_of_the_paths_is_left_out() -> None:
    assert names(
        Identity("Hooks", "src/libraries/Hooks.sol"),
        Identity("Hooks", "src/test/Hooks.t.sol"),  # Foundry's test file names
    ) == [("hooks_libraries", "HooksLibraries"), ("hooks_test_", "HooksTest")]


def test_a_file_named_otherwise_than_its_contract_is_part_of_the_path() -> None:
    assert names(Identity("Math", "src/FullMath.sol"), Identity("Math", "src/Math.sol")) == [
        ("math_full_math", "MathFullMath"),
        ("math_", "Math"),
    ]


def test_one_contract_built_by_two_compilers_is_named_by_version() -> None:
    assert names(
        Identity("StdJson", "lib/forge-std/src/StdJson.sol", "0.8.26"),
        Identity("StdJson", "lib/forge-std/src/StdJson.sol", "0.8.15"),
    ) == [("std_json_v0_8_26", "StdJsonV0_8_26"), ("std_json_v0_8_15", "StdJsonV0_8_15")]


def test_contracts_told_apart_only_by_their_files_use_the_files() -> None:
    assert names(
        Identity("Token", None, None, "a/Token.abi.json"),
        Identity("Token", None, None, "b/Token.abi.json"),
    ) == [
        ("token_a_token_abi_json", "TokenATokenAbiJson"),
        ("token_b_token_abi_json", "TokenBTokenAbiJson"),
    ]


def test_contracts_nothing_tells_apart_are_numbered_in_a_fixed_order() -> None:
    assert names(Identity("Token", origin="x"), Identity("Token", origin="x")) == [
        ("token_1", "Token1"),
        ("token_2", "Token2"),
    ]


@pytest.mark.parametrize(
    ("name", "module", "class_name"),
    [
        ("my-token", "my_token", "MyToken"),
        ("\ufb01le", "file", "File"),  # the "fi" ligature: Python would import it as `file`
        ("9lives", "n9lives", "N9lives"),
        ("Token", "token_", "Token"),
        ("TestVault", "contract_test_vault", "TestVault"),
        ("VaultTest", "vault_test_", "VaultTest"),
        ("Structs", "structs_", "Structs"),
        ("$$$", "contract", "Contract"),
    ],
)
def test_contract_names_become_importable_module_names(
    name: str, module: str, class_name: str
) -> None:
    assert names(Identity(name)) == [(module, class_name)]


def test_names_do_not_depend_on_the_order_of_inputs() -> None:
    contracts = [
        Identity("IERC20", "@a/x/IERC20.sol"),
        Identity("IERC20", "src/IERC20.sol"),
        Identity("Vm", "lib/forge-std/src/Vm.sol", "0.8.15"),
        Identity("Vm", "lib/forge-std/src/Vm.sol", "0.8.26"),
        Identity("Token"),
        Identity("token"),
    ]
    expected = {
        (c, m.module, m.class_name) for c, m in zip(contracts, name_members(contracts), strict=True)
    }
    for seed in range(10):
        shuffled = contracts[:]
        random.Random(seed).shuffle(shuffled)
        got = {
            (c, m.module, m.class_name)
            for c, m in zip(shuffled, name_members(shuffled), strict=True)
        }
        assert got == expected
