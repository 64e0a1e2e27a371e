"""abigen.sources: every input shape, directories, globs, stdin, exclusion, links, errors.

The fixtures in tests/fixtures/inputs/ copy the real structure of each toolchain's output
(trimmed); paths in messages are relative because every test runs from that folder.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from abigen.runtime.abi.parse import parse_abi
from abigen.sources import (
    ContractSource,
    Source,
    SourceError,
    clean_bytecode,
    load_abi,
    load_bytecode,
    load_inputs,
    placeholder_hash,
)

INPUTS = Path(__file__).parents[1] / "fixtures" / "inputs"
BUILD = Path(__file__).parents[2] / "contracts" / "build"
PREFIX = "6080604052348015600e575f5ffd5b5073"  # the fixtures' code before a library address
SUFFIX = "633cf3bbf45ffe"
# What solc 0.8 wrote for "src/Lib.sol:MathLib": the first 17 bytes of its keccak256.
MATHLIB = "$4d9ffe54f4d828e96d8353c1f28f0bda8c$"
FORMATS = (
    "expected a JSON array of ABI entries, an artifact with an 'abi' key, "
    "solc --combined-json or standard-JSON output, or Vyper combined_json output"
)


@pytest.fixture(autouse=True)
def _in_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INPUTS)


def load(*paths: str, **options: Any) -> list[ContractSource]:
    contracts, errors = load_inputs(list(paths), **options)
    assert [str(e) for e in errors] == []
    return contracts


def errors_of(*paths: str, **options: Any) -> list[str]:
    return [str(e) for e in load_inputs(list(paths), **options)[1]]


def names(contracts: list[ContractSource]) -> list[tuple[str, str, str | None]]:
    return [(c.name, c.origin, c.source_path) for c in contracts]


def write(folder: Path, name: str, content: object) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def fixture(path: str) -> Any:
    return json.loads((INPUTS / path).read_text())


# ---------------------------------------------------------------------------------------------
# One test per format


def test_bare_abi_is_named_after_the_file() -> None:
    [contract] = load("bare/IERC20.json")
    assert contract == ContractSource(
        name="IERC20",
        origin="bare/IERC20.json",
        source_path=None,
        abi=fixture("bare/IERC20.json"),
        bytecode=None,
        link_references={},
        devdoc=None,
        userdoc=None,
    )
    assert len(parse_abi(contract.abi).functions) == 2


def test_vyper_abi_output_is_a_bare_array(tmp_path: Path) -> None:
    [contract] = load("vyper/abi/Vault.json")
    assert (contract.name, contract.source_path, len(contract.abi)) == ("Vault", None, 4)
    # The name stops at the first dot: "Vault.abi.json" is the Vault contract too.
    shutil.copy("vyper/abi/Vault.json", tmp_path / "Vault.abi.json")
    assert [c.name for c in load(str(tmp_path / "Vault.abi.json"))] == ["Vault"]


def test_hardhat_artifact() -> None:
    [contract] = load("hardhat/artifacts/contracts/Calc.sol/Calc.json")
    assert names([contract]) == [
        ("Calc", "hardhat/artifacts/contracts/Calc.sol/Calc.json", "contracts/Calc.sol")
    ]
    placeholder = "__" + placeholder_hash("contracts/Lib.sol:MathLib") + "__"
    assert contract.bytecode == PREFIX + placeholder + SUFFIX
    assert contract.link_references == {"contracts/Lib.sol": {"MathLib": [(17, 20)]}}
    assert (contract.devdoc, contract.userdoc) == (None, None)


def test_our_own_build_artifacts() -> None:
    [token] = load(str(BUILD / "Token.json"))
    assert (token.name, token.source_path) == ("Token", "contracts/Token.sol")
    assert token.bytecode == clean_bytecode("Token.bin", (BUILD / "Token.bin").read_text())
    assert token.devdoc is not None and token.devdoc["title"] == "Token"
    assert token.userdoc is not None and "notice" in token.userdoc


def test_real_library_placeholders_give_solcs_link_references(tmp_path: Path) -> None:
    # contracts/build's Calculator links three libraries compiled by solc: strip Hardhat's
    # linkReferences and work them out again from the placeholders and the other artifacts.
    artifacts = ["Calculator", "Chain", "MathLib", "StringLib"]
    if not all((BUILD / f"{name}.json").exists() for name in artifacts):
        pytest.skip("contracts/build has no library fixtures")
    for name in artifacts:
        data = json.loads((BUILD / f"{name}.json").read_text())
        data.pop("linkReferences")
        write(tmp_path, f"{name}.json", data)
    [expected] = load(str(BUILD / "Calculator.json"))
    computed = {c.name: c for c in load(str(tmp_path))}["Calculator"]
    assert computed.link_references == expected.link_references
    assert "contracts/Libraries.sol" in computed.link_references


def test_foundry_artifact_with_metadata_object() -> None:
    [contract] = load("foundry/out/Calc.sol/Calc.json")
    assert (contract.name, contract.source_path) == ("Calc", "src/Calc.sol")
    assert contract.bytecode == PREFIX + "__" + MATHLIB + "__" + SUFFIX
    assert contract.link_references == {"src/Lib.sol": {"MathLib": [(17, 20)]}}
    # Foundry keeps NatSpec only in the metadata.
    metadata = fixture("foundry/out/Calc.sol/Calc.json")["metadata"]
    assert contract.devdoc == metadata["output"]["devdoc"]
    assert contract.userdoc == metadata["output"]["userdoc"]


def test_foundry_artifact_with_metadata_string() -> None:
    [contract] = load("foundry/out/Counter.sol/Counter.json")
    assert (contract.name, contract.source_path) == ("Counter", "src/Counter.sol")
    assert contract.bytecode is not None and contract.link_references == {}
    assert contract.userdoc == {
        "kind": "user",
        "methods": {"increment()": {"notice": "Adds one."}},
        "version": 1,
    }


def test_foundry_name_comes_from_the_compilation_target(tmp_path: Path) -> None:
    # Several compiler versions: out/Calc.sol/Calc.0.8.24.json; the file name is not the name.
    path = shutil.copy("foundry/out/Calc.sol/Calc.json", tmp_path / "Calc.0.8.24.json")
    assert names(load(str(path))) == [("Calc", str(path), "src/Calc.sol")]


def test_foundry_without_metadata_falls_back_to_ast_and_file_name(tmp_path: Path) -> None:
    data = fixture("foundry/out/Counter.sol/Counter.json")
    del data["metadata"]
    path = write(tmp_path, "Counter.json", data)
    [contract] = load(path)
    assert names([contract]) == [("Counter", path, "src/Counter.sol")]
    assert contract.userdoc is None


def test_truffle_artifact_with_named_placeholders() -> None:
    [coin] = load("truffle/build/contracts/MetaCoin.json")
    # The compilation target is stable across machines; Truffle's sourcePath is absolute.
    assert (coin.name, coin.source_path) == ("MetaCoin", "project:/contracts/MetaCoin.sol")
    placeholder = "__ConvertLib____________________________"  # case kept: it is a name
    assert coin.bytecode == (PREFIX + placeholder + SUFFIX) * 2
    assert coin.link_references == {"": {"ConvertLib": [(17, 20), (61, 20)]}}
    assert coin.devdoc is not None and coin.userdoc is not None
    assert coin.userdoc["notice"] == "Example coin."


def test_waffle_artifact() -> None:
    [contract] = load("waffle/build/Calc.json")
    assert (contract.name, contract.source_path) == ("Calc", "src/Calc.sol")
    assert contract.bytecode == PREFIX + "__" + MATHLIB + "__" + SUFFIX
    assert contract.link_references == {"src/Lib.sol": {"MathLib": [(17, 20)]}}
    assert contract.devdoc == fixture("waffle/build/Calc.json")["devdoc"]


def test_waffle_without_metadata_is_named_after_the_file(tmp_path: Path) -> None:
    data = fixture("waffle/build/Calc.json")
    del data["metadata"]
    path = write(tmp_path, "Calculator.json", data)
    assert names(load(path)) == [("Calculator", path, None)]


def test_vyper_combined_json() -> None:
    contracts = load("vyper/combined.json")
    assert names(contracts) == [
        ("Registry", "vyper/combined.json:contracts/Registry.vy:Registry", "contracts/Registry.vy"),
        ("Vault", "vyper/combined.json:contracts/Vault.vy:Vault", "contracts/Vault.vy"),
    ]
    vault = contracts[1]
    assert vault.bytecode is not None and vault.bytecode.startswith("3461003e57")
    assert vault.devdoc is not None and vault.devdoc["title"] == "Vault"


def test_solc_combined_json_with_object_abis() -> None:
    calc, lib = load("solc/combined.json")
    assert names([calc, lib]) == [
        ("Calc", "solc/combined.json:src/Calc.sol:Calc", "src/Calc.sol"),
        ("MathLib", "solc/combined.json:src/Lib.sol:MathLib", "src/Lib.sol"),
    ]
    assert calc.abi == fixture("solc/combined.json")["contracts"]["src/Calc.sol:Calc"]["abi"]
    # combined-json has no linkReferences: found from "__$hash$__" and named by MathLib's hash.
    assert calc.link_references == {"src/Lib.sol": {"MathLib": [(17, 20)]}}
    assert calc.devdoc is not None and calc.devdoc["title"] == "Calculator"


def test_solc_combined_json_with_string_abis_from_old_solc() -> None:
    calc, lib = load("solc/combined-0.4.json")
    assert (calc.name, lib.name) == ("Calc", "MathLib")
    assert calc.abi[0]["name"] == "run" and lib.abi[0]["name"] == "twice"
    assert calc.devdoc == {
        "author": "Ann",
        "methods": {"run(uint256)": {"params": {"x": "Input."}, "return": "Twice x."}},
        "title": "Calculator",
    }
    # solc < 0.5 wrote "__contracts/Lib.sol:MathLib____________".
    assert calc.link_references == {"contracts/Lib.sol": {"MathLib": [(17, 20)]}}
    assert "__contracts/Lib.sol:MathLib_____________" in (calc.bytecode or "")


def test_solc_standard_json_with_several_contracts() -> None:
    contracts = load("solc/standard.json")
    assert names(contracts) == [
        ("Calc", "solc/standard.json:src/Calc.sol:Calc", "src/Calc.sol"),
        ("IToken", "solc/standard.json:src/IToken.sol:IToken", "src/IToken.sol"),
        ("MathLib", "solc/standard.json:src/Lib.sol:MathLib", "src/Lib.sol"),
        ("Token", "solc/standard.json:src/a/Token.sol:Token", "src/a/Token.sol"),
        ("Token", "solc/standard.json:src/b/Token.sol:Token", "src/b/Token.sol"),
    ]
    calc, interface = contracts[:2]
    assert calc.link_references == {"src/Lib.sol": {"MathLib": [(17, 20)]}}
    assert (interface.bytecode, interface.link_references) == (None, {})
    # Same-named contracts from different sources are both kept, each with its own NatSpec.
    assert [c.devdoc["title"] for c in contracts[3:] if c.devdoc] == ["Token A", "Token B"]


def test_combined_json_option_takes_solc_output_only(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load(combined_json="solc/combined.json") == load("solc/combined.json")
    assert names(load(combined_json="solc/standard.json")) == names(load("solc/standard.json"))
    monkeypatch.setattr(sys, "stdin", io.StringIO((INPUTS / "solc/combined.json").read_text()))
    assert [c.origin for c in load(combined_json="-")] == [
        "<stdin>:src/Calc.sol:Calc",
        "<stdin>:src/Lib.sol:MathLib",
    ]
    assert errors_of(combined_json="bare/IERC20.json") == [
        "bare/IERC20.json: not solc --combined-json or standard-JSON output"
    ]


def test_same_named_contracts_in_different_files(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        write(tmp_path, f"{folder}/Token.json", {"contractName": "Token", "abi": []})
    contracts = load(str(tmp_path))
    assert [c.name for c in contracts] == ["Token", "Token"]
    assert [c.origin for c in contracts] == [
        str(tmp_path / "a" / "Token.json"),
        str(tmp_path / "b" / "Token.json"),
    ]


# ---------------------------------------------------------------------------------------------
# Directories, globs, stdin


def test_directory_is_searched_recursively_and_skips_non_abi_json() -> None:
    # Hardhat's *.dbg.json, build-info/*.json and package.json are not ABIs.
    assert names(load("hardhat")) == [
        ("Calc", "hardhat/artifacts/contracts/Calc.sol/Calc.json", "contracts/Calc.sol"),
        ("MathLib", "hardhat/artifacts/contracts/Lib.sol/MathLib.json", "contracts/Lib.sol"),
    ]


def test_directory_skips_files_that_are_not_json_or_not_abis(tmp_path: Path) -> None:
    shutil.copytree("bare", tmp_path / "bare")
    write(tmp_path, "broken.json", "{not json")
    write(tmp_path, "latin1.json", b'["\xe9t\xe9"]')
    write(tmp_path, "list.json", ["a", "b"])
    write(tmp_path, "tsconfig.json", {"compilerOptions": {}})
    write(tmp_path, "deep.json", "[" * 100_000)
    write(tmp_path, "IERC20.abi", "[]")  # only *.json files are searched
    assert [c.name for c in load(str(tmp_path))] == ["IERC20"]


def test_directory_reports_broken_artifacts(tmp_path: Path) -> None:
    # An ABI-bearing file that is broken is reported, not skipped.
    write(tmp_path, "Bad.json", {"abi": "nope"})
    assert errors_of(str(tmp_path)) == [
        f"{tmp_path / 'Bad.json'}: the 'abi' string is not valid JSON: Expecting value"
    ]


def test_every_fixture_in_one_deterministic_run() -> None:
    contracts = load(".")
    keys = [(c.source_path or "", c.name, c.origin) for c in contracts]
    assert keys == sorted(keys) and len(keys) == 20
    assert load(".") == contracts
    assert [c.origin for c in contracts[:2]] == ["bare/IERC20.json", "vyper/abi/Vault.json"]


def test_globs_are_expanded_recursively() -> None:
    assert [c.name for c in load("truffle/**/*.json")] == ["ConvertLib", "MetaCoin"]
    assert [c.origin for c in load("*/abi/*.json")] == ["vyper/abi/Vault.json"]
    # Matched files are treated like a directory's: the .dbg.json files are skipped.
    assert [c.name for c in load("hardhat/artifacts/contracts/*")] == ["Calc", "MathLib"]


def test_an_input_reached_twice_is_read_once() -> None:
    contracts = load("hardhat", "hardhat/artifacts/contracts/Calc.sol/Calc.json", "hardhat")
    assert [c.name for c in contracts] == ["Calc", "MathLib"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO((INPUTS / "bare/IERC20.json").read_text()))
    contracts, errors = load_inputs(["-", "-"])
    assert names(contracts) == [("stdin", "<stdin>", None)]
    assert [str(e) for e in errors] == ["-: standard input can be read only once"]


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.json", "\ufeff[]")
    assert [c.abi for c in load(path)] == [[]]


# ---------------------------------------------------------------------------------------------
# Exclusion (go-ethereum's --exc)


@pytest.mark.parametrize(
    ("patterns", "left"),
    [
        ((), ["Calc", "IToken", "MathLib", "Token", "Token"]),
        (("src/a/Token.sol:Token",), ["Calc", "IToken", "MathLib", "Token"]),
        (("*:Token",), ["Calc", "IToken", "MathLib"]),
        (("src/Lib.sol:*", "*:IToken"), ["Calc", "Token", "Token"]),
        (("src/*/Token.sol:*",), ["Calc", "IToken", "MathLib"]),
        (("*:*",), []),
    ],
)
def test_exclusion_patterns(patterns: tuple[str, ...], left: list[str]) -> None:
    assert [c.name for c in load("solc/standard.json", exclude=patterns)] == left


def test_exclusion_matches_a_bare_abi_by_its_file() -> None:
    assert load("bare", exclude=["bare/IERC20.json:IERC20"]) == []
    assert load("bare", exclude=["*:IERC20"]) == []


def test_a_malformed_exclusion_pattern_is_rejected_up_front() -> None:
    with pytest.raises(
        SourceError, match=r"^--exc 'Token': expected PATH:TYPE \(either may be \*\)$"
    ):
        load_inputs(["bare"], exclude=["Token"])


# ---------------------------------------------------------------------------------------------
# Link references


def test_placeholder_hash_is_solcs() -> None:
    assert placeholder_hash("src/Lib.sol:MathLib") == MATHLIB


def artifact_with_code(folder: Path, name: str, code: str) -> str:
    return write(folder, f"{name}.json", {"contractName": name, "abi": [], "bytecode": code})


def test_unknown_hashed_placeholders_are_kept_by_hash(tmp_path: Path) -> None:
    code = PREFIX + "__$" + "ab" * 17 + "$__" + SUFFIX
    [contract] = load(artifact_with_code(tmp_path, "User", "0x" + code.upper()))
    assert contract.bytecode == code  # hex, the hash included, is lowercased
    assert contract.link_references == {"?": {"$" + "ab" * 17 + "$": [(17, 20)]}}


def test_hashed_placeholders_are_named_from_another_input(tmp_path: Path) -> None:
    user = artifact_with_code(tmp_path, "User", PREFIX + "__" + MATHLIB + "__" + SUFFIX)
    assert load(user)[0].link_references == {"?": {MATHLIB: [(17, 20)]}}
    # MathLib comes from another file; it still names the library when it is excluded.
    for exclude in ([], ["*:MathLib"]):
        contracts = load(user, "solc/standard.json", exclude=exclude)
        [found] = [c for c in contracts if c.name == "User"]
        assert found.link_references == {"src/Lib.sol": {"MathLib": [(17, 20)]}}


def test_several_placeholders_are_grouped_and_sorted(tmp_path: Path) -> None:
    other = "__$" + "cd" * 17 + "$__"
    named = "__My_Lib".ljust(40, "_")
    code = "00" + other + "00" + "__" + MATHLIB + "__" + named + other
    contracts = load(artifact_with_code(tmp_path, "User", code), "solc/standard.json")
    [contract] = [c for c in contracts if c.name == "User"]
    assert contract.link_references == {
        "": {"My_Lib": [(42, 20)]},
        "?": {"$" + "cd" * 17 + "$": [(1, 20), (62, 20)]},
        "src/Lib.sol": {"MathLib": [(22, 20)]},
    }


def test_given_link_references_are_sorted(tmp_path: Path) -> None:
    refs = {
        "src/Z.sol": {"Z": [{"start": 30, "length": 20}, {"start": 1, "length": 20}]},
        "src/A.sol": {"B": [{"start": 60, "length": 20}], "A": [{"start": 90, "length": 20}]},
    }
    path = write(tmp_path, "X.json", {"abi": [], "bytecode": "00" * 110, "linkReferences": refs})
    [contract] = load(path)
    assert contract.link_references == {
        "src/A.sol": {"A": [(90, 20)], "B": [(60, 20)]},
        "src/Z.sol": {"Z": [(1, 20), (30, 20)]},
    }
    assert list(contract.link_references) == ["src/A.sol", "src/Z.sol"]
    assert list(contract.link_references["src/A.sol"]) == ["A", "B"]


@pytest.mark.parametrize(
    ("refs", "message"),
    [
        ([], "X.json: linkReferences: expected an object, got an array"),
        ({"a.sol": 5}, "X.json: linkReferences: expected an object, got a number"),
        (
            {"a.sol": {"L": {}}},
            "X.json: linkReferences for a.sol:L: expected an array, got an object",
        ),
        (
            {"a.sol": {"L": [{"start": 25, "length": 20}]}},
            "X.json: linkReferences for a.sol:L: expected {'start', 'length'} inside the bytecode",
        ),
        (
            {"a.sol": {"L": [{"start": True, "length": 20}]}},
            "X.json: linkReferences for a.sol:L: expected {'start', 'length'} inside the bytecode",
        ),
    ],
)
def test_malformed_link_references(
    refs: object, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "X.json", {"abi": [], "bytecode": "00" * 44, "linkReferences": refs})
    assert errors_of("X.json") == [message]


# ---------------------------------------------------------------------------------------------
# Bytecode


def test_clean_bytecode_allows_library_placeholders() -> None:
    named = "__ConvertLib".ljust(40, "_")
    text = " 0X6080" + "__" + MATHLIB.upper() + "__" + "AB" + named + "\n"
    assert clean_bytecode("x", text) == "6080__" + MATHLIB + "__ab" + named


@pytest.mark.parametrize(
    "text",
    [
        "608",  # odd length
        "",
        "\n",
        "0x",
        "0x6080zz",
        "60__$" + "ab" * 16 + "$__00",  # hash cut short
        "0__$" + "ab" * 17 + "$__0",  # placeholder at an odd offset
        "60" + "_" * 40,  # no library name
        "60__$" + "zz" * 17 + "$__",  # not a hash
        "60__My Lib".ljust(42, "_"),  # whitespace in a name
    ],
)
def test_clean_bytecode_rejects(text: str) -> None:
    with pytest.raises(SourceError, match=r"^x: bytecode is not valid hex$"):
        clean_bytecode("x", text)


def test_load_bytecode_reads_a_bin_file_with_placeholders(tmp_path: Path) -> None:
    code = "608060405273__$1234567890abcdef1234567890abcdef12$__63\n"
    path = write(tmp_path, "lib.bin", code)
    assert load_bytecode(path) == code.strip()


# ---------------------------------------------------------------------------------------------
# Errors: one line, naming the file


def unrecognised(name: str) -> str:
    return f"{name}: not an ABI or a known artifact format ({FORMATS})"


ERRORS: dict[str, tuple[dict[str, object], str]] = {
    "missing file": ({}, "missing.json: no such file"),
    "malformed JSON": (
        {"bad.json": '[\n {"type": }]'},
        "bad.json:2:11: malformed JSON: Expecting value",
    ),
    "not UTF-8": (
        {"latin1.json": b'["\xe9t\xe9"]'},
        "latin1.json: cannot read: 'utf-8' codec can't decode byte 0xe9 in position 2: invalid continuation byte",
    ),
    "nested too deeply": (
        {"deep.json": "[" * 100_000},
        "deep.json: unreadable JSON: nested too deeply",
    ),
    "an integer too long": (
        {"long.json": "1" * 5000},
        "long.json: unreadable JSON: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit",
    ),
    "abi string nested too deeply": (
        {"deepabi.json": {"abi": "[" * 100_000}},
        "deepabi.json: the 'abi' string is not valid JSON: nested too deeply",
    ),
    "a number": ({"num.json": "42"}, unrecognised("num.json")),
    "an object without abi": (
        {"artifact.json": {"contractName": "Token", "bytecode": "0x00"}},
        unrecognised("artifact.json"),
    ),
    "abi not an array": (
        {"abi5.json": {"abi": 5}},
        "abi5.json: an ABI must be a JSON array of entries, got a number",
    ),
    "abi string of an object": (
        {"abiobj.json": {"abi": '{"type": "function"}'}},
        "abiobj.json: an ABI must be a JSON array of entries, got an object",
    ),
    "abi string not JSON": (
        {"combined.json": {"abi": "[1"}},
        "combined.json: the 'abi' string is not valid JSON: Expecting ',' delimiter",
    ),
    "bytecode not a string": (
        {"bc.json": {"abi": [], "bytecode": 5}},
        "bc.json: 'bytecode' must be a hex string",
    ),
    "bytecode not hex": (
        {"bc.json": {"abi": [], "bytecode": "0x60zz"}},
        "bc.json: bytecode is not valid hex",
    ),
    "Foundry bytecode object not a string": (
        {"f.json": {"abi": [], "bytecode": {"object": 7}}},
        "f.json: 'bytecode' must be a hex string",
    ),
    "devdoc not an object": (
        {"d.json": {"abi": [], "devdoc": 5}},
        "d.json: 'devdoc' must be an object, got a number",
    ),
    "userdoc string not JSON": (
        {"u.json": {"abi": [], "userdoc": "{"}},
        "u.json: the 'userdoc' string is not valid JSON",
    ),
    "no contracts in solc output": (
        {"s.json": {"contracts": {}, "sources": {}}},
        "s.json: holds no contracts",
    ),
    "solc failed": (
        {
            "s.json": {
                "errors": [
                    {"severity": "warning", "formattedMessage": "Warning: unused"},
                    {
                        "severity": "error",
                        "formattedMessage": "ParserError: Expected ';' but got '}'\n --> a.sol:3:1:\n",
                    },
                ],
                "sources": {},
            }
        },
        "s.json: the compiler reported errors: ParserError: Expected ';' but got '}'",
    ),
}


@pytest.mark.parametrize("case", ERRORS)
def test_error_messages(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, message = ERRORS[case]
    monkeypatch.chdir(tmp_path)
    for name, content in files.items():
        write(tmp_path, name, content)
    target = next(iter(files), "missing.json")
    contracts, errors = load_inputs([target])
    assert contracts == []
    assert [str(e) for e in errors] == [message]


def test_explicitly_named_non_abi_files_are_errors() -> None:
    dbg = "hardhat/artifacts/contracts/Calc.sol/Calc.dbg.json"
    build_info = "hardhat/artifacts/build-info/6d6b0f4d9e6a1e2bbcc4d3ad0c2b3f7e.json"
    assert errors_of(dbg, build_info) == [unrecognised(dbg), unrecognised(build_info)]


def test_an_explicitly_named_array_goes_to_the_abi_parser(tmp_path: Path) -> None:
    # Named by the user, any array is an ABI, so the parser can say what is wrong with it.
    [contract] = load(write(tmp_path, "odd.json", [1]))
    assert contract.abi == [1]


def test_pattern_and_directory_errors(tmp_path: Path) -> None:
    write(tmp_path, "empty/package.json", {"name": "x"})
    assert errors_of("nothing/*.json", str(tmp_path / "empty"), "hardhat/**/*.dbg.json") == [
        "nothing/*.json: no files match this pattern",
        f"{tmp_path / 'empty'}: no ABI or artifact JSON files found",
        "hardhat/**/*.dbg.json: no ABI or artifact JSON files found",
    ]


def test_stdin_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert errors_of("-") == ["<stdin>:1:1: malformed JSON: Expecting value"]


def test_one_bad_contract_in_a_multi_contract_file(tmp_path: Path) -> None:
    combined = {
        "contracts": {
            "src/A.sol:A": {"bin": "6080"},
            "src/B.sol:B": {"abi": [], "bin": "6080"},
        },
        "version": "0.8.24",
    }
    path = write(tmp_path, "c.json", combined)
    contracts, errors = load_inputs([path])
    assert [c.origin for c in contracts] == [f"{path}:src/B.sol:B"]
    assert [str(e) for e in errors] == [f"{path}:src/A.sol:A: has no 'abi'"]
    standard = {"contracts": {"src/A.sol": {"A": {"abi": 1}, "B": {"abi": []}}, "src/C.sol": []}}
    path = write(tmp_path, "s.json", standard)
    contracts, errors = load_inputs([path])
    assert [c.name for c in contracts] == ["B"]
    assert [str(e) for e in errors] == [
        f"{path}:src/A.sol:A: an ABI must be a JSON array of entries, got a number",
        f"{path}:src/C.sol: expected an object, got an array",
    ]


def test_partial_failure_keeps_the_good_inputs(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.json", {"abi": 5})
    contracts, errors = load_inputs(["bare/IERC20.json", bad, "missing.json", "truffle"])
    assert [c.name for c in contracts] == ["IERC20", "ConvertLib", "MetaCoin"]
    assert [str(e) for e in errors] == [
        f"{bad}: an ABI must be a JSON array of entries, got a number",
        "missing.json: no such file",
    ]


# ---------------------------------------------------------------------------------------------
# The single-contract wrapper


def test_load_abi_returns_the_one_contract() -> None:
    source = load_abi("hardhat/artifacts/contracts/Lib.sol/MathLib.json")
    assert source == Source(
        "hardhat/artifacts/contracts/Lib.sol/MathLib.json",
        fixture("hardhat/artifacts/contracts/Lib.sol/MathLib.json")["abi"],
        "60dc610033600b8282823980515f1a607314602757fe5b30",
    )
    with pytest.raises(SourceError, match=r"^missing\.json: no such file$"):
        load_abi("missing.json")
    with pytest.raises(
        SourceError, match=r"^vyper/combined\.json: holds 2 contracts \(Registry, Vault\), not one$"
    ):
        load_abi("vyper/combined.json")


# ---- whole project trees ------------------------------------------------------------------------

TREE = Path(__file__).parents[1] / "fixtures" / "tree"


def test_zerox_compiler_output_artifacts_are_read_with_bytecode_and_natspec(tmp_path: Path) -> None:
    artifact = {
        "schemaVersion": "2.0.0",
        "contractName": "ZeroEx",
        "compilerOutput": {
            "abi": [{"type": "fallback", "stateMutability": "payable"}],
            "devdoc": {"title": "The 0x Exchange Proxy"},
            "evm": {"bytecode": {"object": "0x6080", "linkReferences": {}}},
        },
        "compiler": {"name": "solc", "version": "0.6.12+commit.27d51765"},
    }
    (tmp_path / "ZeroEx.json").write_text(json.dumps(artifact))
    contracts, errors = load_inputs([str(tmp_path)])
    assert errors == []
    (contract,) = contracts
    assert (contract.name, contract.bytecode, contract.compiler) == ("ZeroEx", "6080", "0.6.12")
    assert contract.devdoc == {"title": "The 0x Exchange Proxy"}


def test_a_yul_artifact_found_in_a_tree_is_skipped() -> None:
    contracts, errors = load_inputs([str(TREE / "out")])
    assert errors == []
    assert "Reader" not in {c.name for c in contracts}


def test_a_yul_artifact_named_by_the_user_is_a_one_line_error() -> None:
    path = str(TREE / "out" / "yul" / "Reader.yul" / "Reader.json")
    contracts, errors = load_inputs([path])
    assert contracts == []
    assert [str(e) for e in errors] == [
        f"{path}: 'abi' is null (an artifact of a Yul object?): nothing to bind"
    ]


def test_the_compiler_version_comes_from_the_metadata() -> None:
    contracts, _ = load_inputs([str(TREE / "out" / "Vault.sol")])
    assert sorted((c.name, c.compiler) for c in contracts) == [
        ("Vault", "0.8.15"),
        ("Vault", "0.8.26"),
    ]


def test_a_whole_tree_with_non_abi_json_loads_without_errors() -> None:
    contracts, errors = load_inputs([str(TREE)])
    assert errors == []
    assert len(contracts) == 14  # package.json, foundry-settings.json and the Yul object: skipped
