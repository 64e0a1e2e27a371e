"""abigen.natspec: solc/Vyper devdoc and userdoc onto the ABI model, verbatim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from abigen.natspec import attach, clean, docs_from_metadata
from abigen.runtime.abi.model import ContractAbi, Doc
from abigen.runtime.abi.parse import parse_abi
from abigen.sources import load_inputs

BUILD = Path(__file__).parents[2] / "contracts" / "build"
INPUTS = Path(__file__).parents[1] / "fixtures" / "inputs"


def artifact(name: str) -> tuple[ContractAbi, dict[str, Any], dict[str, Any]]:
    data = json.loads((BUILD / f"{name}.json").read_text())
    return parse_abi(data["abi"]), data["devdoc"], data["userdoc"]


def documented(path: Path) -> ContractAbi:
    [source], errors = load_inputs([str(path)])
    assert errors == []
    return attach(parse_abi(source.abi), source.devdoc, source.userdoc)


def by_name(members: tuple[Any, ...]) -> dict[str, Any]:
    return {member.name: member for member in members}


# ---------------------------------------------------------------------------------------------
# Real compiler output


def test_token_natspec() -> None:
    contract = attach(*artifact("Token"))
    assert contract.doc == Doc(
        notice="Token\nA minimal ERC20 token used by the abigen README demo.",
        details="Failures use custom errors so generated bindings can decode them.",
    )
    functions = by_name(contract.functions)
    assert functions["transfer"].doc == Doc(
        notice="Moves `value` tokens from the caller to `to`.",
        details="Reverts with `InsufficientBalance` if the caller holds less than `value`.",
        params=(("to", "Recipient."), ("value", "Amount to move.")),
        returns=(("success", "Always true (failures revert)."),),
    )
    assert functions["balanceOf"].doc.returns == (("_0", "The balance of `account`."),)
    assert functions["name"].doc == Doc(notice='Token name, e.g. "Demo Token".')
    assert contract.constructor is not None
    # Parameters follow the ABI's order, not the devdoc's (alphabetical) one.
    assert contract.constructor.doc.params == (
        ("name_", "Token name."),
        ("symbol_", "Token symbol."),
        ("initialSupply", "Amount minted to the deployer."),
    )
    events = by_name(contract.events)
    assert events["Transfer"].doc.notice.startswith("Emitted when `value` tokens move")
    errors = by_name(contract.errors)
    assert errors["InsufficientBalance"].doc == Doc(
        notice="The sender does not hold enough tokens.",
        params=(
            ("available", "Balance the sender holds."),
            ("needed", "Amount the transfer required."),
        ),
    )


def test_type_zoo_natspec() -> None:
    contract = attach(*artifact("TypeZoo"))
    assert contract.doc.notice == (
        "TypeZoo\nEnd-to-end fixture for abigen: one function per ABI shape the generator must handle."
    )
    functions = by_name(contract.functions)
    assert functions["describe"].doc.returns == (
        ("count", "Always 3."),
        ("label", 'Always "zoo" (shadows the `label` getter on purpose: names may clash).'),
    )
    assert functions["echoAddressBool"].doc.returns == (
        ("who_", "The same address."),
        ("flag_", "The same bool."),
    )
    assert functions["origin"].doc.returns == (("_0", "The point (0, 0)."),)
    assert functions["echoUints"].doc == Doc()  # undocumented
    assert functions["failPanic"].doc.details.startswith("kind 1: assert (0x01);")
    events = by_name(contract.events)
    assert events["Incremented"].doc == Doc(
        notice="Emitted by `increment`.",
        params=(
            ("caller", "Who called."),
            ("by", "Amount added."),
            ("newValue", "Counter after the addition."),
        ),
    )
    assert (
        by_name(contract.errors)["Unauthorized"].doc.notice
        == "`who` may not do this; `code` says why."
    )


def test_state_variables_title_author_and_metadata_only_natspec() -> None:
    # Foundry keeps NatSpec in the metadata only; public variables are documented by name.
    contract = documented(INPUTS / "foundry/out/Calc.sol/Calc.json")
    assert contract.doc == Doc(notice="Calculator\nUses a library.", details="Author: Ann")
    functions = by_name(contract.functions)
    assert functions["value"].doc == Doc(
        notice="Stored.", details="A state var.", returns=(("_0", "the value"),)
    )
    assert functions["run"].doc == Doc(
        notice="Double it.", params=(("x", "Input."),), returns=(("_0", "Twice x."),)
    )


def test_old_solc_single_return_string() -> None:
    [calc, _] = load_inputs([str(INPUTS / "solc/combined-0.4.json")])[0]
    contract = attach(parse_abi(calc.abi), calc.devdoc, calc.userdoc)
    assert by_name(contract.functions)["run"].doc.returns == (("", "Twice x."),)


def test_vyper_natspec() -> None:
    [_, vault], _ = load_inputs([str(INPUTS / "vyper/combined.json")])
    # Vyper writes "outputs": [] on its constructor, which parse_abi rejects: leave it out.
    abi = [entry for entry in vault.abi if entry["type"] != "constructor"]
    contract = attach(parse_abi(abi), vault.devdoc, vault.userdoc)
    assert contract.doc == Doc(
        notice="Vault\nA simple vault.", details="Holds ether for its depositors.\nAuthor: Bob"
    )
    assert by_name(contract.functions)["deposit"].doc == Doc(
        notice="Deposit ether.", details="Credits msg.value to msg.sender."
    )


# ---------------------------------------------------------------------------------------------
# Hand-written shapes


ABI = [
    {"type": "constructor", "inputs": [{"name": "a", "type": "uint256"}]},
    {
        "type": "function",
        "name": "f",
        "inputs": [{"name": "x", "type": "uint256"}],
        "outputs": [{"name": "", "type": "uint256"}, {"name": "ok", "type": "bool"}],
        "stateMutability": "view",
    },
    {"type": "event", "name": "E", "inputs": [], "anonymous": False},
    {"type": "error", "name": "Oops", "inputs": [{"name": "code", "type": "uint8"}]},
]
CONTRACT = parse_abi(ABI)
HOSTILE = '  \n\n"""\'\'\' \\ \\n \\x00 {{ }} %s\r\n  indented line   \n\t\n\u2028end"""  \n\n'


def test_hostile_text_is_kept_verbatim_but_line_ends() -> None:
    devdoc = {
        "title": HOSTILE,
        "methods": {
            "f(uint256)": {
                "details": HOSTILE,
                "params": {"x": HOSTILE},
                "returns": {"_0": HOSTILE, "ok": '"""'},
            }
        },
        "errors": {"Oops(uint8)": [{"params": {"code": "\\"}}]},
    }
    userdoc = {"notice": '"""\n', "events": {"E()": {"notice": "'''"}}}
    contract = attach(CONTRACT, devdoc, userdoc)
    expected = '"""\'\'\' \\ \\n \\x00 {{ }} %s\n  indented line\n\n\u2028end"""'
    assert clean(HOSTILE) == expected
    f = contract.functions[0]
    assert f.doc == Doc(
        details=expected,
        params=(("x", expected),),
        returns=(("_0", expected), ("ok", '"""')),
    )
    assert contract.doc.notice == expected + '\n"""'
    assert contract.events[0].doc.notice == "'''"
    assert contract.errors[0].doc.params == (("code", "\\"),)


def test_error_entries_are_merged() -> None:
    # Two definitions of the same error (e.g. in two interfaces): one list entry each.
    devdoc = {
        "errors": {
            "Oops(uint8)": [
                {"details": "First.", "params": {"code": "Why."}},
                {"details": "First.", "params": {"code": "Ignored."}},
                {"details": "Second."},
            ]
        }
    }
    userdoc = {"errors": {"Oops(uint8)": [{"notice": "Bad."}, {}]}}
    [error] = attach(CONTRACT, devdoc, userdoc).errors
    assert error.doc == Doc(notice="Bad.", details="First.\nSecond.", params=(("code", "Why."),))


def test_constructor_notice_as_a_bare_string_and_unknown_keys() -> None:
    devdoc = {"methods": {"constructor": {"params": {"zz": "Not in the ABI.", "a": "The a."}}}}
    userdoc = {"methods": {"constructor": "Builds it."}}
    contract = attach(CONTRACT, devdoc, userdoc)
    assert contract.constructor is not None
    assert contract.constructor.doc == Doc(
        notice="Builds it.", params=(("a", "The a."), ("zz", "Not in the ABI."))
    )


def test_wrong_json_types_are_ignored() -> None:
    devdoc: dict[str, Any] = {
        "title": 5,
        "methods": {"f(uint256)": "text", "constructor": {"params": 3}},
        "events": [],
        "errors": {"Oops(uint8)": "x"},
    }
    userdoc: dict[str, Any] = {"notice": None, "methods": {"f(uint256)": {"notice": ["x"]}}}
    contract = attach(CONTRACT, devdoc, userdoc)
    assert contract == attach(CONTRACT, None, None)


def test_no_natspec_gives_empty_docs() -> None:
    contract = attach(CONTRACT, None, None)
    assert contract.doc == Doc()
    assert all(member.doc == Doc() for member in contract.functions + contract.events)
    assert contract.functions[0].signature == CONTRACT.functions[0].signature


def test_docs_from_metadata() -> None:
    metadata = {"output": {"devdoc": {"title": "T"}, "userdoc": {"notice": "N"}}}
    assert docs_from_metadata(metadata) == ({"title": "T"}, {"notice": "N"})
    assert docs_from_metadata(json.dumps(metadata)) == ({"title": "T"}, {"notice": "N"})
    assert docs_from_metadata({"output": {"devdoc": "x"}}) == (None, None)
    assert docs_from_metadata("not json") == (None, None)
    assert docs_from_metadata(None) == (None, None)
    assert docs_from_metadata([1]) == (None, None)


# ---------------------------------------------------------------------------------------------
# Whitespace, Python names in docstrings, hostile sizes


def test_runs_of_spaces_and_tabs_collapse_inside_lines() -> None:
    text = "  Moves   `value`\ttokens \t to `to`.  \n\n    aligned:    yes\n"
    assert clean(text) == "  Moves `value` tokens to `to`.\n\n    aligned: yes"


def test_param_and_return_lines_use_the_python_names() -> None:
    from abigen.binding.build import bind

    abi = parse_abi(
        [
            {"type": "function", "name": "f", "stateMutability": "view",
             "inputs": [{"name": "tokenId", "type": "uint256"}, {"name": "from", "type": "address"},
                        {"name": "value", "type": "uint256"}],
             "outputs": [{"name": "count", "type": "uint256"}, {"name": "", "type": "bool"}]},
            {"type": "event", "name": "E", "anonymous": False,
             "inputs": [{"name": "from", "type": "address", "indexed": True}]},
        ]
    )  # fmt: skip
    devdoc = {
        "methods": {
            "f(uint256,address,uint256)": {
                "params": {"tokenId": "The   token.", "from": "Sender.", "value": "Wei.",
                           "ghost": "Not a parameter."},
                "returns": {"count": "How many.", "_1": "Whether."},
            }
        },
        "events": {"E(address)": {"params": {"from": "Who."}}},
    }  # fmt: skip
    module = bind(attach(abi, devdoc, {}), type_name="C")
    doc = module.functions[0].doc
    assert "token_id: The token." in doc and "from_: Sender." in doc and "value_: Wei." in doc
    assert "ghost: Not a parameter." in doc  # not in the ABI: kept as written
    assert "returns count_: How many." in doc and "returns arg1: Whether." in doc
    assert "from_: Who." in module.events[0].doc


def test_megabytes_of_natspec_take_linear_time() -> None:
    import time

    def seconds(size: int) -> float:
        text = "\n" * size + ("a" + " " * 7 + "\t" * 3 + "\n" * 3) * size + "\n" * size
        params = {f"p{i}": text[:64] for i in range(size // 10)}
        devdoc = {"methods": {"f(uint256)": {"details": text, "params": params}}}
        start = time.perf_counter()
        attach(CONTRACT, devdoc, {"notice": " " * size * 8})
        return time.perf_counter() - start

    small, large = min(seconds(25_000) for _ in range(2)), min(seconds(100_000) for _ in range(2))
    assert large < 12 * small + 0.05, (small, large)  # 4x the input: ~4x the time, not 16x
