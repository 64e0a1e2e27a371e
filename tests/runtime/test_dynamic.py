"""The dynamic binding offline: class shape, lookup, encoding and decoding, linking errors;
plus the one block parser and the one codec table it shares with generated bindings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bindings.token import Token
from bindings.type_zoo import TypeZoo

from abigen.binding.types import TypeMapper
from abigen.client.contract import binding, load_contract
from abigen.runtime import codec
from abigen.runtime.abi.codecs import ELEMENTARY, codec_for, codec_source
from abigen.runtime.abi.parse import parse_abi
from abigen.runtime.abi.types import parse_elementary
from abigen.runtime.dynamic import (
    DynamicContract,
    DynamicError,
    DynamicEvent,
    MemberLookupError,
)
from abigen.runtime.errors import LinkError
from abigen.runtime.node import block_tag
from abigen.runtime.reverts import Panic, Revert

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
BOB = "0x" + "b0" * 20


def _artifact(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((BUILD / f"{name}.json").read_text())
    return loaded


def _kind(name: str) -> type[DynamicContract]:
    """The artifact's dynamic binding, loaded as `abigen call/send/deploy` load it."""
    return binding(load_contract(str(BUILD / f"{name}.json")))


def word(value: int) -> bytes:
    return value.to_bytes(32, "big")


def test_the_class_has_a_generated_binding_shape() -> None:
    token = _kind("Token")
    assert token.__name__ == "Token" and issubclass(token, DynamicContract)
    assert set(token.ERRORS) == set(Token.ERRORS)
    assert set(token.EVENTS) == set(Token.EVENTS)
    assert token.BYTECODE == Token.BYTECODE
    transfer = token.FUNCTION_TYPES["transfer(address,uint256)"]
    assert (transfer.SELECTOR, transfer.INPUTS.abi_type, transfer.OUTPUTS.abi_type) == (
        Token.transfer.SELECTOR,
        Token.transfer.INPUTS.abi_type,
        Token.transfer.OUTPUTS.abi_type,
    )
    with pytest.raises(TypeError):
        token.ERRORS[b"1234"] = DynamicError  # type: ignore[index]  # read-only, like generated
    # From the ABI model too; a contract without bytecode has none to deploy.
    bare = DynamicContract.from_abi(parse_abi(_artifact("Token")["abi"]))
    assert bare.__name__ == "Contract" and bare.BYTECODE == b""
    with pytest.raises(LinkError, match="no bytecode"):
        bare.encode_deploy("a", "b", 1)


def test_library_placeholders_are_zeroed_at_their_offsets() -> None:
    calculator = _kind("Calculator")
    assert dict(calculator.LIBRARIES) == {
        "contracts/Libraries.sol:Chain": (312,),
        "contracts/Libraries.sol:MathLib": (574, 813),
        "contracts/Libraries.sol:StringLib": (429,),
    }
    for offsets in calculator.LIBRARIES.values():
        for offset in offsets:
            assert calculator.BYTECODE[offset : offset + 20] == bytes(20)
    with pytest.raises(LinkError, match="Calculator's bytecode has unlinked placeholders"):
        DynamicContract.from_abi(
            [], name="Calculator", bytecode=_artifact("Calculator")["bytecode"]
        )


def test_encode_deploy_links_or_names_what_is_missing() -> None:
    calculator = _kind("Calculator")
    fake = {"MathLib": "0x" + "11" * 20, "Chain": "0x" + "22" * 20, "StringLib": "0x" + "33" * 20}
    code = calculator.encode_deploy(5, libraries=fake)
    assert code[574:594] == bytes.fromhex("11" * 20) and code.endswith(word(5))
    with pytest.raises(LinkError) as missing:
        calculator.encode_deploy(5, libraries={"MathLib": fake["MathLib"]})
    assert missing.value.missing == (
        "contracts/Libraries.sol:Chain",
        "contracts/Libraries.sol:StringLib",
    )
    with pytest.raises(LinkError) as unknown:
        calculator.encode_deploy(5, libraries={**fake, "Nope": fake["Chain"]})
    assert unknown.value.unknown == "Nope"
    assert "contracts/Libraries.sol:MathLib" in unknown.value.known


def test_calldata_is_the_generated_bindings() -> None:
    token = _kind("Token")
    data = token.encode_input("transfer", BOB, 10)
    assert data == Token.transfer.encode_input(BOB, 10)
    call = token.decode_input(data)
    assert call.function.signature == "transfer(address,uint256)"
    assert call.args == Token.transfer.decode_input(data)
    assert token.function_type("transfer")(None).decode_input(data) == call.args
    assert token.decode_output("balanceOf", word(7)) == 7
    assert token.decode_output("transfer", word(1)) is True
    with pytest.raises(codec.DecodingError, match="no function of Token has selector 0x12345678"):
        token.decode_input("0x12345678")
    with pytest.raises(codec.DecodingError, match=r"calldata for transfer\(address,uint256\)"):
        token.decode_input(data[:20])
    with pytest.raises(codec.DecodingError, match=r"balanceOf\(address\) returned data that"):
        token.decode_output("balanceOf", b"\x01")


def test_several_outputs_are_a_tuple_none_is_none() -> None:
    zoo = _kind("TypeZoo")
    pair = word(42) + bytes(12) + bytes.fromhex("000000000000000000000000000000000000beef")
    assert zoo.decode_output("pair", pair) == TypeZoo.pair.decode_output(pair)
    assert zoo.decode_output("pair", pair)[0] == 42
    assert zoo.decode_output("failBare", b"") is None


def test_a_bad_argument_names_the_function_and_the_argument() -> None:
    token = _kind("Token")
    with pytest.raises(codec.EncodingError) as caught:
        token.encode_input("transfer", BOB, -1)
    assert str(caught.value) == (
        "transfer(address,uint256): value: expected uint256, got -1: out of range [0, 2**256-1]"
    )
    with pytest.raises(codec.EncodingError, match="constructor: "):
        token.encode_deploy("a", "b", "many")


def test_lookup_by_name_or_signature() -> None:
    edge = _kind("EdgeCases")
    assert edge.find_function("set(uint256, uint256)").signature == "set(uint256,uint256)"
    with pytest.raises(MemberLookupError) as overloaded:
        edge.find_function("set")
    assert str(overloaded.value) == (
        "function 'set' is overloaded: name one of set(string), set(uint256), set(uint256,uint256)"
    )
    with pytest.raises(MemberLookupError, match=r"^no function named 'nope'; the ABI has: "):
        edge.encode_input("nope")
    with pytest.raises(MemberLookupError, match=r"^no event with signature 'Nope\(\)'"):
        edge.find_event("Nope()")
    assert issubclass(MemberLookupError, LookupError)


def test_reverts_decode_to_runtime_errors() -> None:
    token = _kind("Token")
    data = Token.InsufficientBalance.SELECTOR + word(1) + word(2)
    error = token.decode_revert(data)
    assert isinstance(error, DynamicError) and type(error) is token.ERRORS[data[:4]]
    assert type(error).__name__ == "InsufficientBalance"
    assert error.values == (1, 2) and error.fields == {"available": 1, "needed": 2}
    assert str(error) == str(Token.InsufficientBalance.decode(data)) and error.data == data
    reason = bytes.fromhex("08c379a0") + codec.tuple_((codec.STRING,)).encode(("no",))
    assert isinstance(token.decode_revert(reason), Revert)
    assert isinstance(token.decode_revert(bytes.fromhex("4e487b71") + word(0x11)), Panic)


def test_logs_decode_including_anonymous_events() -> None:
    token = _kind("Token")
    transfer = Token.EVENTS[next(iter(k for k in Token.EVENTS if k.hex().startswith("ddf2")))]
    log = {
        "address": ALICE,
        "topics": ["0x" + transfer.topic.hex(), "0x" + word(1).hex(), "0x" + word(2).hex()],
        "data": "0x" + word(9).hex(),
    }
    event = token.decode_log(log)
    assert isinstance(event, DynamicEvent) and type(event).__name__ == "Transfer"
    assert event.fields == {
        "from": "0x" + "00" * 19 + "01",
        "to": "0x" + "00" * 19 + "02",
        "value": 9,
    }
    assert event == token.decode_log(log) and repr(event).startswith("Transfer(from='0x")
    assert token.decode_log({**log, "topics": log["topics"][:1]}) is None  # wrong shape
    edge = _kind("EdgeCases")
    stealth = {
        "address": ALICE,
        "topics": [
            "0x" + word(5).hex(),
            "0x" + word(6).hex(),
            "0x" + word(3).hex(),
            "0x" + word(1).hex(),
        ],
        "data": "0x" + codec.tuple_((codec.STRING,)).encode(("hi",)).hex(),
    }
    anonymous = edge.decode_log(stealth)
    assert anonymous is not None and type(anonymous).__name__ == "Stealth"
    assert anonymous.values[2:] == (3, True, "hi")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (0, "0x0"),
        (255, "0xff"),
        ("255", "0xff"),
        ("0xff", "0xff"),
        ("0XFF", "0xff"),
        ("latest", "latest"),
        ("pending", "pending"),
        ("safe", "safe"),
        ("finalized", "finalized"),
        ("earliest", "earliest"),
        ("0x" + "Ab" * 32, "0x" + "ab" * 32),
    ],
)
def test_block_tag_accepts(given: int | str, expected: str) -> None:
    assert block_tag(given) == expected


@pytest.mark.parametrize("given", ["", "head", "1.5", "-1", "0x", "0xzz", "0x" + "g" * 64, "١٢"])
def test_block_tag_refuses_in_one_line(given: str) -> None:
    with pytest.raises(ValueError) as caught:
        block_tag(given)
    assert "\n" not in str(caught.value)
    with pytest.raises(TypeError):
        block_tag(True)
    with pytest.raises(ValueError, match="negative"):
        block_tag(-1)


@pytest.mark.parametrize(
    "text",
    [
        "uint8",
        "uint256",
        "int24",
        "bytes4",
        "bytes32",
        "address",
        "bool",
        "bytes",
        "string",
        "function",
    ],
)
def test_one_codec_table_for_generated_and_dynamic(text: str) -> None:
    abi_type = parse_elementary(text)
    built = codec_for(abi_type)
    assert built.abi_type == ("function" if text == "function" else abi_type.canonical)
    assert TypeMapper().codec(abi_type) == f"_c.{codec_source(abi_type)}"
    assert eval(codec_source(abi_type), vars(codec)) is built  # the text names the same codec
    assert abi_type.kind in ELEMENTARY
