"""EdgeCases on anvil: the names and shapes that are hard to bind in Python, with real calls.

The contract (contracts/EdgeCases.sol) returns values derived from its inputs in an
order-sensitive way, emits events carrying its arguments and reverts with them, so every
assertion here is exact. Expected topic hashes are computed by hand from Solidity's rules.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import eth_abi
import pytest
from bindings.fixtures import edge_cases
from bindings.fixtures.edge_cases import (
    Builtins,
    Changed_string,
    Changed_uint256,
    Clash,
    Config,
    Constructor,
    EdgeCases,
    Except,
    Fallback,
    Hashed,
    HashedStruct,
    Keywords,
    LibAPoint,
    LibBPoint,
    Moved,
    Nameless,
    None_,
    Paid,
    PassResult,
    PayResult,
    PeekResult,
    Raise,
    Receive,
    SettingsResult,
    Stealth,
    SwapResult,
    Unnamed,
    Window,
)
from bindings.python_names import Case, Item, MatchResult, PythonNames, Type

import abigen
from abigen.natspec import clean
from abigen.runtime import Sender, TopicHash
from abigen.runtime.codec import EncodingError
from abigen.runtime.keccak import keccak256

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
ARTIFACT = ROOT / "contracts" / "build" / "EdgeCases.json"
NODE_ARG = "0x00000000000000000000000000000000DeaDBeef"
SAMPLE = [[[0, 100]], [[10, 110], [11, 111]], [[20, 120], [21, 121], [22, 122]]]


def selector(signature: str) -> bytes:
    return keccak256(signature.encode())[:4]


def word(value: int) -> bytes:
    """A 32-byte big-endian two's-complement word, as Solidity pads value types."""
    return (value % 2**256).to_bytes(32, "big")


def padded(raw: bytes) -> bytes:
    """bytes/string inside an indexed array or struct: padded to a multiple of 32, no length."""
    return raw + b"\x00" * (-len(raw) % 32)


def address_word(address: str) -> str:
    return "0x" + "00" * 12 + address[2:].lower()


@pytest.fixture(scope="module")
def edge(node: abigen.Node, alice: str, bob: str) -> EdgeCases:
    # Config is used only by the constructor; `value_`/`node_` are the constructor's own
    # `value` and `node` parameters, `value=` is the wei sent with the deployment.
    cfg = Config(owner=bob, id=7, str_="conf", list_=[3, 1, 2])
    return EdgeCases.deploy(node, cfg, 9, NODE_ARG.lower(), sender=alice, value=11)


# ---- construction ----


def test_constructor_struct_and_clashing_parameter_names(
    edge: EdgeCases, node: abigen.Node, bob: str
) -> None:
    assert edge.settings() == SettingsResult(
        owner=bob, id=7, str_="conf", list_=[3, 1, 2], value=9, node=NODE_ARG, paid=11
    )
    assert edge.node is node  # the runtime attribute is not shadowed by the constructor argument
    [event] = edge.events.Constructor.get_logs(from_block=0)
    assert isinstance(event, Constructor)
    assert (event.owner, event.id, event.value) == (bob, 7, 9)
    assert edge.events.Constructor.get_logs(from_block=0, owner=bob) == [event]
    assert edge.events.Constructor.get_logs(from_block=0, owner=NODE_ARG) == []


def test_constructor_struct_accepts_a_plain_tuple_offline(bob: str) -> None:
    as_class = EdgeCases.encode_deploy(Config(bob, 7, "conf", [3, 1, 2]), 9, NODE_ARG)
    as_tuple = EdgeCases.encode_deploy((bob.lower(), 7, "conf", (3, 1, 2)), 9, NODE_ARG)
    assert as_class == as_tuple
    arguments = eth_abi.encode(
        ["(address,uint256,string,uint256[])", "uint256", "address"],
        [(bob, 7, "conf", [3, 1, 2]), 9, NODE_ARG],
    )
    assert as_class == EdgeCases.BYTECODE + arguments


# ---- Python keywords ----


def test_keyword_named_functions_and_parameters(edge: EdgeCases) -> None:
    assert edge.class_() == 101
    assert edge.def_(3, 4) == 3004
    assert edge.def_(from_=5, lambda_=6) == 5006
    assert edge.def_(lambda_=1, from_=2) == 2001
    assert edge.yield_(global_=41) == 42
    assert edge.member() == 95  # `_`
    for and_ in (False, True):
        for or_ in (False, True):
            result = edge.pass_(and_=and_, or_=or_)
            assert result == PassResult(true=and_ and or_, false=and_ or or_, none=not and_)
            assert (result.true, result.false, result.none) == tuple(result)


def test_keyword_named_struct_fields(edge: EdgeCases, alice: str) -> None:
    value = Keywords(from_=1, not_=True, class_='cl"ass', global_=alice.lower())
    echoed = edge.echo_keywords(async_=value)
    assert echoed == Keywords(1, True, 'cl"ass', alice)  # address comes back checksummed
    assert isinstance(echoed, Keywords)
    assert (echoed.from_, echoed.not_, echoed.class_, echoed.global_) == (1, True, 'cl"ass', alice)
    assert edge.echo_keywords((2, False, "", alice)) == Keywords(2, False, "", alice)


def test_struct_built_from_lowercase_addresses_equals_what_comes_back(
    edge: EdgeCases, alice: str
) -> None:
    # The constructor checks and checksums the address: the value sent is the value decoded.
    built = Keywords(7, False, "x", alice.lower())
    assert built.global_ == alice
    echoed = edge.echo_keywords(built)
    assert echoed == built and hash(echoed) == hash(built)
    assert type(echoed) is Keywords and repr(echoed) == repr(built)
    with pytest.raises(ValueError, match=r"^Keywords\.global_: expected address.*bad checksum"):
        Keywords(7, False, "x", "0x5fbdb2315678afecb367f032d93f642f64180aA3")


def test_keyword_named_events(edge: EdgeCases, alice: str) -> None:
    odd = edge.del_(lambda_=5, with_="w1", sender=alice).wait()
    even = edge.del_(6, "w2", sender=alice).wait()
    [raised] = odd.events_of(Raise)
    assert (raised.from_, raised.lambda_, raised.with_) == (alice, 5, "w1")
    [none] = odd.events_of(None_)
    assert (none.true, none.false) == (True, False)
    assert [type(e) for e in odd.events] == [Raise, None_]  # log order
    assert [(e.true, e.false) for e in even.events_of(None_)] == [(False, True)]
    query = edge.events.Raise
    window = {"from_block": odd.block_number, "to_block": even.block_number}
    assert [e.with_ for e in query.get_logs(**window)] == ["w1", "w2"]
    assert [e.with_ for e in query.get_logs(**window, lambda_=6)] == ["w2"]
    assert [e.with_ for e in query.get_logs(**window, from_=alice, lambda_=[5, 6])] == ["w1", "w2"]
    assert [e.true for e in edge.events.None_.get_logs(**window)] == [True, False]


def test_custom_errors_with_keyword_and_clashing_names(edge: EdgeCases) -> None:
    with pytest.raises(EdgeCases.Except) as caught:
        edge.finally_(from_=7, class_="klass")
    err = caught.value
    assert type(err) is Except
    assert isinstance(err, abigen.CustomError) and isinstance(err, abigen.ContractError)
    assert (err.from_, err.class_) == (7, "klass")
    assert selector("except(uint256,string)") == Except.SELECTOR
    assert err.data == Except.SELECTOR + eth_abi.encode(["uint256", "string"], [7, "klass"])
    with pytest.raises(Except) as again:
        edge.finally_.estimate_gas(8, "x")
    assert (again.value.from_, again.value.class_) == (8, "x")

    with pytest.raises(EdgeCases.Clash) as clash:
        edge.clash(b"\x01\x02", 3, 4)
    assert type(clash.value) is Clash
    # The error's fields keep their own names next to the runtime's `data`/`receipt`/`args`.
    assert (clash.value.data_, clash.value.receipt_, clash.value.args_) == (b"\x01\x02", 3, 4)
    assert clash.value.data[:4] == selector("Clash(bytes,uint256,uint256)")
    assert clash.value.receipt is None  # not from a mined transaction
    assert isinstance(clash.value.args, tuple) and len(clash.value.args) == 1  # Exception.args

    for n, odd in ((5, True), (6, False)):
        with pytest.raises(EdgeCases.Nameless) as nameless:
            edge.nameless(n)
        assert type(nameless.value) is Nameless
        assert (nameless.value.arg0, nameless.value.arg1) == (n, odd)


def test_custom_error_from_a_mined_transaction_keeps_both_receipts(
    edge: EdgeCases, alice: str
) -> None:
    # Raw calldata for the pure `clash`, sent as a transaction with a fixed gas limit (so no
    # estimate stops it): it is mined, fails, and the replayed revert is decoded.
    calldata = EdgeCases.clash.encode_input(b"\xff", 1, 2)
    tx = edge.fallback(calldata, sender=alice, gas=200_000)
    with pytest.raises(Clash) as caught:
        tx.wait()
    err = caught.value
    assert (err.data_, err.receipt_, err.args_) == (b"\xff", 1, 2)
    assert err.receipt is not None
    assert err.receipt.status == 0
    assert err.receipt.transaction_hash == tx.hash


# ---- names starting with digits, builtins ----


def test_names_starting_with_digits(edge: EdgeCases) -> None:
    assert edge.n1inch() == 1  # `_1inch`
    assert edge.digits(n2=5) == 7  # `digits(uint256 _2)`
    assert edge.functions["_1inch()"]() == 1
    assert edge.functions["_()"]() == 95


def test_struct_fields_named_like_builtins(edge: EdgeCases) -> None:
    value = Builtins(dict=1, hash=2, len=3, object_=True, count_=5, index_=6, n3d=7)
    echoed = edge.echo_builtins(value)
    assert echoed == value
    assert (echoed.dict, echoed.hash, echoed.len, echoed.object_) == (1, 2, 3, True)
    assert (echoed.count_, echoed.index_, echoed.n3d) == (5, 6, 7)
    # NamedTuple's own methods still work.
    assert echoed.count(5) == 1 and echoed.index(7) == 6
    assert edge.echo_builtins((7, 6, 5, False, 3, 2, 1)) == Builtins(7, 6, 5, False, 3, 2, 1)


# ---- names of the runtime's own attributes ----


def test_members_named_like_runtime_attributes(edge: EdgeCases, node: abigen.Node) -> None:
    assert edge.node_() == "node"
    assert edge.events_() == "events"
    assert edge.deploy_() == "deploy"
    assert edge.encode_deploy_() == "encodeDeploy"
    assert edge.node is node
    assert edge.events.Constructor.get_logs(from_block=0)  # still the event queries
    assert callable(EdgeCases.deploy) and callable(EdgeCases.encode_deploy)
    assert edge.peek(1, 2, 3) == PeekResult(1, 2, 3)
    assert edge.peek(block_=4, tx_=5, self_=6, block="latest") == (4, 5, 6)


def test_pay_parameters_named_like_transaction_options(
    edge: EdgeCases, node: abigen.Node, alice: str, bob: str
) -> None:
    assert edge.pay.simulate(bob, 1, 2, 3, 4, sender=alice, value=5) == PayResult(
        bob, 1, 2, 3, 4, paid=5
    )
    nonce = int(node.request("eth_getTransactionCount", [alice, "pending"]), 16)
    balance = node.get_balance(edge.address)
    tx = edge.pay(
        sender_=bob,
        value_=10,
        gas_=20,
        nonce_=30,
        gas_price_=40,
        sender=alice,
        value=50,
        gas=300_000,
        nonce=nonce,
        gas_price=7 * 10**9,
    )
    receipt = tx.wait()
    [paid] = receipt.events_of(Paid)
    assert (paid.sender, paid.value, paid.gas, paid.nonce, paid.gas_price, paid.paid) == (
        bob,
        10,
        20,
        30,
        40,
        50,
    )
    sent = node.request("eth_getTransactionByHash", [tx.hash])
    assert int(sent["gas"], 16) == 300_000
    assert int(sent["nonce"], 16) == nonce
    assert int(sent["value"], 16) == 50
    assert int(sent["gasPrice"], 16) == 7 * 10**9
    assert sent["from"].lower() == alice.lower()
    assert node.get_balance(edge.address) == balance + 50


def test_event_fields_named_like_query_options(edge: EdgeCases, alice: str) -> None:
    receipt = edge.window(from_block=10, to_block=20, log=30, sender=alice).wait()
    [event] = receipt.events_of(Window)
    assert (event.from_block_, event.to_block_, event.log_) == (10, 20, 30)
    assert event.log.block_number == receipt.block_number  # `log` stays the log's metadata
    assert event.log.address == edge.address
    query = edge.events.Window
    block = {"from_block": receipt.block_number, "to_block": receipt.block_number}
    assert [e.log_ for e in query.get_logs(**block, from_block_=10, to_block_=20)] == [30]
    assert query.get_logs(**block, from_block_=20) == []
    assert query.get_logs(**block, to_block_=[1, 2]) == []


# ---- overloads ----


def test_overloaded_functions_by_stable_name_and_signature(edge: EdgeCases, alice: str) -> None:
    edge.set_uint256(41, sender=alice).wait()
    assert edge.number() == 41
    edge.set_uint256_uint256(1, 2, sender=alice).wait()
    assert edge.number() == 1002
    edge.set_string("via stable name", sender=alice).wait()
    assert edge.text() == "via stable name"

    edge.functions["set(uint256)"](77, sender=alice).wait()
    assert edge.number() == 77
    edge.functions["set(uint256,uint256)"](3, 4, sender=alice).wait()
    assert edge.number() == 3004
    edge.functions["set(string)"]("by signature", sender=alice).wait()
    assert edge.text() == "by signature"

    assert type(edge.functions["set(uint256)"]) is type(edge.set_uint256)
    assert type(edge.functions["set(string)"]) is type(edge.set_string)
    assert type(edge.functions["set(uint256,uint256)"]) is type(edge.set_uint256_uint256)
    assert len({type(edge.set_uint256), type(edge.set_string), type(edge.set_uint256_uint256)}) == 3
    with pytest.raises(KeyError, match=r"nope\(\)"):
        edge.functions["nope()"]


def test_overloads_encode_offline_by_signature() -> None:
    assert EdgeCases.functions["set(string)"].encode_input("x") == selector(
        "set(string)"
    ) + eth_abi.encode(["string"], ["x"])
    assert EdgeCases.functions["set(uint256)"].encode_input(5) == selector(
        "set(uint256)"
    ) + eth_abi.encode(["uint256"], [5])
    assert EdgeCases.functions["set(uint256,uint256)"].encode_input(1, 2) == selector(
        "set(uint256,uint256)"
    ) + eth_abi.encode(["uint256", "uint256"], [1, 2])
    assert EdgeCases.set_string.encode_input("x") == EdgeCases.functions[
        "set(string)"
    ].encode_input("x")
    calldata = EdgeCases.functions["set(uint256,uint256)"].encode_input(8, 9)
    assert EdgeCases.set_uint256_uint256.decode_input(calldata) == (8, 9)
    with pytest.raises(KeyError):
        EdgeCases.functions["set(int256)"]


def test_overloaded_events(edge: EdgeCases, alice: str) -> None:
    first = edge.set_uint256(5, sender=alice).wait()
    second = edge.set_string("five", sender=alice).wait()
    third = edge.set_uint256_uint256(6, 7, sender=alice).wait()
    assert [e.number for e in first.events_of(Changed_uint256)] == [5]
    assert first.events_of(Changed_string) == []
    assert [e.text for e in second.events_of(Changed_string)] == ["five"]
    assert second.events_of(Changed_uint256) == []
    assert [e.number for e in third.events_of(Changed_uint256)] == [6007]
    span = {"from_block": first.block_number, "to_block": third.block_number}
    numbers = edge.events.Changed_uint256
    assert [e.number for e in numbers.get_logs(**span)] == [5, 6007]
    assert [e.number for e in numbers.get_logs(**span, number=6007)] == [6007]
    assert [e.number for e in numbers.get_logs(**span, number=[5, 6007, 1])] == [5, 6007]
    assert [e.text for e in edge.events.Changed_string.get_logs(**span)] == ["five"]
    assert Changed_uint256 is not Changed_string


# ---- unnamed parameters and outputs ----


def test_unnamed_parameters_and_outputs(edge: EdgeCases, alice: str) -> None:
    result = edge.swap(1, 2)
    assert result == SwapResult(arg0=2, arg1=1)
    assert edge.swap(arg0=10, arg1=20) == (20, 10)
    receipt = edge.unnamed_event(4, "u", sender=alice).wait()
    [event] = receipt.events_of(Unnamed)
    assert (event.arg0, event.arg1) == (4, "u")
    block = {"from_block": receipt.block_number, "to_block": receipt.block_number}
    assert [e.arg1 for e in edge.events.Unnamed.get_logs(**block, arg0=4)] == ["u"]
    assert edge.events.Unnamed.get_logs(**block, arg0=5) == []


# ---- nested arrays ----


def test_nested_array_dimension_order(edge: EdgeCases) -> None:
    # uint8[2][][3]: 3 dynamic lists of uint8 pairs; Python nests outermost-first.
    sample = edge.nested_sample()
    assert sample == SAMPLE
    assert edge.echo_nested(sample) == SAMPLE
    for i, pairs in enumerate(SAMPLE):
        for j in range(len(pairs)):
            for k in range(2):
                assert edge.nested_at(SAMPLE, i, j, k) == 100 * k + 10 * i + j
    ragged = [[], [[1, 2]], [[3, 4], [5, 6], [7, 8]]]
    assert edge.echo_nested(ragged) == ragged
    assert edge.echo_nested(((), ((1, 2),), [(3, 4)])) == [[], [[1, 2]], [[3, 4]]]
    assert edge.nested_at(ragged, 2, 1, 0) == 5
    assert edge.nested_at(ragged, 1, 0, 1) == 2
    with pytest.raises(abigen.Panic) as panic:
        edge.nested_at(ragged, 0, 0, 0)  # ragged[0] is empty
    assert panic.value.code == 0x32
    # The shape read the other way round (uint8[3][][2]) is refused before anything is sent.
    with pytest.raises(EncodingError, match="need exactly 3"):
        edge.echo_nested([[[1, 2, 3]], [[4, 5, 6]]])
    with pytest.raises(EncodingError, match=r"a\[0\]\[0\].*need exactly 2"):
        edge.echo_nested([[[1, 2, 3]], [[4, 5, 6]], []])


# ---- function-type parameters ----


def test_function_type_round_trip(edge: EdgeCases) -> None:
    fn = edge.triple_fn()
    assert fn == bytes.fromhex(edge.address[2:]) + selector("triple(uint256)")
    assert len(fn) == 24
    assert edge.echo_fn(fn) == fn
    assert edge.echo_fn("0x" + fn.hex()) == fn
    assert edge.apply_fn(fn, 7) == 21
    assert edge.apply_fn(bytes.fromhex(edge.address[2:]) + selector("yield(uint256)"), 7) == 8
    assert EdgeCases.echo_fn.encode_input(fn) == selector("echoFn(function)") + fn + bytes(8)
    with pytest.raises(EncodingError, match="24"):
        edge.echo_fn(fn[:20])


# ---- same-named structs, structs in events ----


def test_same_named_structs_are_distinct_classes(edge: EdgeCases) -> None:
    assert LibAPoint is not LibBPoint
    assert LibAPoint._fields == ("x", "y")
    assert LibBPoint._fields == ("x", "y", "label")
    assert "LibA.Point" in (LibAPoint.__doc__ or "")
    assert "LibB.Point" in (LibBPoint.__doc__ or "")
    result = edge.mix_points(LibAPoint(1, 2), LibBPoint(-3, -(2**63), "label"))
    assert isinstance(result.arg0, LibBPoint) and isinstance(result.arg1, LibAPoint)
    assert result.arg0 == LibBPoint(x=-3, y=-(2**63), label="label")
    assert result.arg1 == LibAPoint(x=1, y=2)
    assert edge.mix_points((5, 6), (7, 8, "")) == (LibBPoint(7, 8, ""), LibAPoint(5, 6))
    with pytest.raises(EncodingError):
        edge.mix_points((1, 2), (1, 2))  # a LibA point where a LibB point is due


def test_structs_in_event_data_and_hashed_indexed_structs(edge: EdgeCases, alice: str) -> None:
    label = "y" * 33  # a string longer than one word: padded to 64 bytes when hashed
    first = edge.move(LibAPoint(1, 2), LibBPoint(-1, -(2**63), label), sender=alice).wait()
    second = edge.move((3, 4), (5, 6, ""), sender=alice).wait()
    [moved] = first.events_of(Moved)
    assert moved.who == alice
    assert isinstance(moved.from_, LibAPoint) and isinstance(moved.to, LibBPoint)
    assert (moved.from_, moved.to) == (LibAPoint(1, 2), LibBPoint(-1, -(2**63), label))
    assert [type(e) for e in first.events] == [Moved, HashedStruct]

    hash_a1 = keccak256(word(1) + word(2))
    hash_b1 = keccak256(word(-1) + word(-(2**63)) + padded(label.encode()))
    hash_a2 = keccak256(word(3) + word(4))
    hash_b2 = keccak256(word(5) + word(6) + padded(b""))
    [hashed] = first.events_of(HashedStruct)
    assert (hashed.a, hashed.b) == (hash_a1, hash_b1)
    [hashed2] = second.events_of(HashedStruct)
    assert (hashed2.a, hashed2.b) == (hash_a2, hash_b2)

    query = edge.events.HashedStruct
    span = {"from_block": first.block_number, "to_block": second.block_number}

    def found(**filters: Any) -> list[bytes]:
        return [e.a for e in query.get_logs(**span, **filters)]

    assert found() == [hash_a1, hash_a2]
    assert found(a=LibAPoint(1, 2)) == [hash_a1]
    assert found(a=(3, 4)) == [hash_a2]
    assert found(b=LibBPoint(-1, -(2**63), label)) == [hash_a1]
    assert found(b=(5, 6, "")) == [hash_a2]
    assert found(a=TopicHash(hash_a2)) == [hash_a2]
    assert found(a=[LibAPoint(1, 2), LibAPoint(3, 4)]) == [hash_a1, hash_a2]
    assert found(a=[TopicHash(hash_a1), (9, 9)]) == [hash_a1]
    assert found(a=LibAPoint(1, 2), b=(5, 6, "")) == []
    assert [e.who for e in edge.events.Moved.get_logs(**span, who=alice)] == [alice, alice]


# ---- hashed indexed string / bytes / array ----


@pytest.fixture(scope="module")
def hashed_receipts(edge: EdgeCases, alice: str) -> list[abigen.Receipt]:
    return [
        edge.hashed("hello", b"\x00\x01", [1, 2, 3], sender=alice).wait(),
        edge.hashed("other", b"", [], sender=alice).wait(),
        edge.hashed("hello", b"zz", [7], sender=alice).wait(),
    ]


def test_hashed_indexed_values_decode_to_their_hashes(
    hashed_receipts: list[abigen.Receipt],
) -> None:
    decoded = [r.events_of(Hashed) for r in hashed_receipts]
    assert [(e.message, e.blob, e.nums) for [e] in decoded] == [
        (keccak256(b"hello"), keccak256(b"\x00\x01"), keccak256(word(1) + word(2) + word(3))),
        (keccak256(b"other"), keccak256(b""), keccak256(b"")),
        (keccak256(b"hello"), keccak256(b"zz"), keccak256(word(7))),
    ]
    # ...which is what the node logged as the topics.
    for receipt, [event] in zip(hashed_receipts, decoded, strict=True):
        [log] = receipt.logs
        assert log["topics"][1:] == [
            "0x" + h.hex() for h in (event.message, event.blob, event.nums)
        ]


def test_hashed_indexed_filters_by_value_hash_or_any_of(
    edge: EdgeCases, hashed_receipts: list[abigen.Receipt]
) -> None:
    span = {
        "from_block": hashed_receipts[0].block_number,
        "to_block": hashed_receipts[-1].block_number,
    }
    blocks = {r.block_number: i for i, r in enumerate(hashed_receipts)}

    def found(**filters: Any) -> list[int]:
        return [blocks[e.log.block_number] for e in edge.events.Hashed.get_logs(**span, **filters)]

    assert found() == [0, 1, 2]
    assert found(message="hello") == [0, 2]
    assert found(message="nope") == []
    assert found(message=TopicHash(keccak256(b"hello"))) == [0, 2]
    assert found(message=TopicHash("0x" + keccak256(b"other").hex())) == [1]
    assert found(message=["other", "nope"]) == [1]
    assert found(message=["hello", TopicHash(keccak256(b"other"))]) == [0, 1, 2]
    assert found(blob=b"\x00\x01") == [0]
    assert found(blob="0x7a7a") == [2]  # hex text is bytes
    assert found(blob=b"") == [1]
    assert found(blob=[b"zz", b"\x00\x01"]) == [0, 2]
    assert found(nums=[1, 2, 3]) == [0]  # one array value, not "any of 1, 2, 3"
    assert found(nums=(7,)) == [2]
    assert found(nums=[[7], [1, 2, 3]]) == [0, 2]
    assert found(nums=[TopicHash(keccak256(word(7))), [9]]) == [2]
    assert found(message="hello", nums=[7]) == [2]
    assert found(message="hello", blob=b"") == []


def test_hashed_filter_on_the_empty_array_value(
    edge: EdgeCases, hashed_receipts: list[abigen.Receipt]
) -> None:
    span = {
        "from_block": hashed_receipts[0].block_number,
        "to_block": hashed_receipts[-1].block_number,
    }
    logs = edge.events.Hashed.get_logs(**span, nums=[])
    assert [e.log.block_number for e in logs] == [hashed_receipts[1].block_number]


def test_empty_any_of_list_matches_nothing(
    edge: EdgeCases, hashed_receipts: list[abigen.Receipt]
) -> None:
    span = {
        "from_block": hashed_receipts[0].block_number,
        "to_block": hashed_receipts[-1].block_number,
    }
    try:
        logs = edge.events.Hashed.get_logs(**span, message=[])
    except ValueError:
        return  # refusing an empty any-of list is acceptable too
    assert logs == []


# ---- anonymous event ----


def test_anonymous_event_with_four_indexed_arguments(
    edge: EdgeCases, alice: str, bob: str, bob_sender: Sender
) -> None:
    tag1, tag2 = b"\x11" * 32, bytes(range(32))
    first = edge.stealth(tag1, 3, "from alice", sender=alice).wait()
    # A log of another event with four topics lands between the two.
    other = edge.hashed("noise", b"", [1], sender=alice).wait()
    second = edge.stealth(tag2, 4, "from bob", sender=bob_sender).wait()
    [log] = first.logs
    assert log["topics"] == [
        address_word(alice),
        "0x" + tag1.hex(),
        "0x" + word(3).hex(),
        "0x" + word(1).hex(),
    ]  # no signature topic
    assert len(other.logs[0]["topics"]) == 4
    # Receipts recognise the anonymous event by its shape; the other event stays what it is.
    [stealth] = first.events_of(Stealth)
    assert (stealth.from_, stealth.tag, stealth.n, stealth.note) == (alice, tag1, 3, "from alice")
    assert not other.events_of(Stealth)

    query = edge.events.Stealth
    span = {"from_block": first.block_number, "to_block": second.block_number}
    every = query.get_logs(**span)
    assert all(isinstance(e, Stealth) for e in every)
    assert [(e.from_, e.tag, e.n, e.flag, e.note) for e in every] == [
        (alice, tag1, 3, True, "from alice"),
        (bob, tag2, 4, False, "from bob"),
    ]
    assert [e.log.block_number for e in every] == [first.block_number, second.block_number]

    def notes(**filters: Any) -> list[str]:
        return [e.note for e in query.get_logs(**span, **filters)]

    assert notes(from_=bob) == ["from bob"]
    assert notes(from_=alice.lower()) == ["from alice"]
    assert notes(tag=tag1) == ["from alice"]
    assert notes(tag="0x" + tag2.hex()) == ["from bob"]
    assert notes(n=4) == ["from bob"]
    assert notes(n=[3, 4]) == ["from alice", "from bob"]
    assert notes(flag=True) == ["from alice"]
    assert notes(flag=False) == ["from bob"]
    assert notes(from_=alice, flag=False) == []
    assert notes(from_=[alice, bob], tag=[tag2], n=4, flag=False) == ["from bob"]


# ---- special functions and the events named after them ----


def test_fallback_stores_calldata_and_emits_fallback(
    edge: EdgeCases, node: abigen.Node, bob: str, bob_sender: Sender
) -> None:
    data = b"\xde\xad\xbe\xef" + bytes(range(40))
    balance = node.get_balance(edge.address)
    receipt = edge.fallback(data, sender=bob_sender, value=3).wait()
    [event] = receipt.events_of(Fallback)
    assert isinstance(event, Fallback)
    assert (event.sender, event.value, event.data) == (bob, 3, data)
    assert edge.last_calldata() == data
    assert node.get_balance(edge.address) == balance + 3
    block = {"from_block": receipt.block_number, "to_block": receipt.block_number}
    assert [e.data for e in edge.events.Fallback.get_logs(**block, sender=bob)] == [data]

    edge.fallback("0x0badf00d", sender=bob_sender).wait()
    assert edge.last_calldata() == b"\x0b\xad\xf0\x0d"


def test_receive_takes_plain_value_and_emits_receive(
    edge: EdgeCases, node: abigen.Node, carol: str, carol_sender: Sender
) -> None:
    before = edge.received()
    balance = node.get_balance(edge.address)
    tx = edge.receive(sender=carol_sender, value=12)
    receipt = tx.wait()
    [event] = receipt.events_of(Receive)
    assert isinstance(event, Receive)
    assert (event.sender, event.value) == (carol, 12)
    assert edge.received() == before + 12
    assert node.get_balance(edge.address) == balance + 12
    sent = node.request("eth_getTransactionByHash", [tx.hash])
    assert sent["input"] in ("0x", "")  # empty calldata: a plain transfer
    block = {"from_block": receipt.block_number, "to_block": receipt.block_number}
    assert [e.value for e in edge.events.Receive.get_logs(**block, sender=carol)] == [12]


def test_events_named_like_special_functions_are_plain_event_classes() -> None:
    for event in (Constructor, Fallback, Receive):
        assert issubclass(event, abigen.runtime.Event)
    assert edge_cases.Constructor is Constructor
    # The contract's own fallback/receive methods are not shadowed by the event classes.
    assert callable(EdgeCases.fallback) and callable(EdgeCases.receive)


# ---- NatSpec in docstrings; nothing runs on import ----


def _doc(member: object) -> str:
    # The raw docstring: inspect.getdoc would expand the tab the NatSpec carries.
    return getattr(member, "__doc__", None) or ""


def _function_doc(signature: str) -> str:
    return _doc(type(EdgeCases.functions[signature]))


def test_hostile_natspec_appears_verbatim_in_docstrings() -> None:
    doc = _doc(EdgeCases.class_)
    assert "Quotes \"\"\" and ''' and \\ backslash" in doc
    assert '"; import os; os.system("echo pwned") #' in doc
    assert "Solidity: `function class() pure returns (uint256)`" in doc
    assert "Selector: 0xbff852fa" in doc

    doc = _doc(EdgeCases.events_)
    assert "Escapes that are invalid in a non-raw Python literal: \\N{nope} \\u12 \\x \\'" in doc
    assert '{__import__("os").system("echo pwned")} {{ x }} {% raw %} %s' in doc
    assert 'A closing triple quote: """' in doc

    # Runs of spaces and tabs inside a line read as one space (solc keeps alignment spaces).
    assert "Non-ASCII: naïve ✓ — and a literal tab: [ ]" in _doc(EdgeCases.node_)
    assert 'The units; ends with a quote"' in _doc(EdgeCases.def_)

    doc = _doc(Hashed)
    assert '"""); import os # breaks out of a docstring that does not escape quotes' in doc
    assert "Hashed as keccak256(bytes(message)) '''" in doc
    assert "0x" + keccak256(b"Hashed(string,bytes,uint256[])").hex() in doc

    doc = _doc(Except)
    assert doc.count("Backslash at the very end \\") == 1
    assert "Selector: 0x2f7d1350" in doc
    assert "Stores `cfg`, `value`, `node` and the ether sent" in _doc(EdgeCases.deploy)


def test_every_natspec_entry_of_the_artifact_is_in_a_docstring() -> None:
    artifact = json.loads(ARTIFACT.read_text())
    userdoc, devdoc = artifact["userdoc"], artifact["devdoc"]

    def method_doc(signature: str) -> str:
        return _doc(EdgeCases.deploy) if signature == "constructor" else _function_doc(signature)

    def event_doc(signature: str) -> str:
        if signature.startswith("Stealth("):
            return _doc(Stealth)  # anonymous: not in the topic registry
        return _doc(EdgeCases.EVENTS[keccak256(signature.encode())].factory)

    errors = {error.SIGNATURE: error for error in EdgeCases.ERRORS.values()}
    checked = 0
    for kind, table, lookup in (
        ("methods", userdoc, method_doc),
        ("methods", devdoc, method_doc),
        ("events", userdoc, event_doc),
        ("events", devdoc, event_doc),
        ("errors", userdoc, lambda s: _doc(errors[s])),
        ("errors", devdoc, lambda s: _doc(errors[s])),
    ):
        for signature, entries in table.get(kind, {}).items():
            doc = lookup(signature)
            for entry in entries if isinstance(entries, list) else [entries]:
                texts = [entry[k] for k in ("notice", "details") if k in entry]
                texts += list(entry.get("params", {}).values())
                texts += list(entry.get("returns", {}).values())
                for text in texts:
                    assert clean(text) in doc, (signature, text)
                    checked += 1
    assert checked >= 70  # 73 notice, details, param and return texts today


def test_hostile_text_only_ever_lives_in_docstrings() -> None:
    source = Path(edge_cases.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    hostile = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and ("pwned" in node.value or "import os" in node.value)
    ]
    assert len(hostile) >= 3
    assert all(id(node) in docstrings for node in hostile)
    calls = {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }
    assert not calls & {"system", "__import__", "exec", "eval", "popen"}


def test_importing_the_binding_executes_nothing(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "seen = []\n"
        "sys.addaudithook(lambda event, args: seen.append(event) if event.startswith("
        "('os.system', 'subprocess.', 'os.exec', 'os.posix_spawn', 'os.spawn', 'os.fork')"
        ") else None)\n"
        f"sys.path.insert(0, {str(GOLDEN)!r})\n"
        "import bindings.fixtures.edge_cases as m\n"
        "assert m.EdgeCases.class_.__doc__\n"
        "print(seen, 'web3' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] False"  # no process started; web3 not even imported
    assert "pwned" not in result.stdout + result.stderr
    assert list(tmp_path.iterdir()) == []


# ---- the hand-written ABI with names Solidity refuses (offline only: no bytecode) ----


def test_python_names_binding_offline(alice: str) -> None:
    assert not hasattr(PythonNames, "deploy")  # no bytecode, so nothing to deploy
    calldata = PythonNames.match_.encode_input(type_=1, case_=2)
    assert calldata == selector("match(uint256,uint256)") + eth_abi.encode(
        ["uint256", "uint256"], [1, 2]
    )
    assert PythonNames.match_.decode_output(eth_abi.encode(["uint256", "bool"], [3, True])) == (
        MatchResult(import_=3, return_=True)
    )
    calldata = PythonNames.functions["import(address,bytes32)"].encode_input(alice, b"\x01" * 32)
    assert PythonNames.import_.decode_input(calldata) == (alice, b"\x01" * 32)
    item = Item(break_=1, continue_="c", int_=-2, str_="s", count_=3)
    calldata = PythonNames.else_.encode_input(try_=item)
    assert calldata == selector("else((uint256,string,int8,string,uint16))") + eth_abi.encode(
        ["(uint256,string,int8,string,uint16)"], [(1, "c", -2, "s", 3)]
    )
    calldata = PythonNames.while_.encode_input(for_=SAMPLE, if_=b"\x02" * 24)
    assert PythonNames.while_.decode_input(calldata) == (SAMPLE, b"\x02" * 24)
    assert PythonNames.member.encode_input() == selector("_()")
    assert PythonNames.n2fast.encode_input() == selector("__2fast()")

    error = Case.decode(Case.SELECTOR + eth_abi.encode(["uint256", "bool"], [5, True]))
    assert isinstance(error, Case)
    assert (error.args_, error.self_) == (5, True)
    assert PythonNames.ERRORS[selector("case(uint256,bool)")] is Case

    spec = PythonNames.EVENTS[keccak256(b"type(address,string,uint256)")]
    log = {
        "address": alice,
        "topics": [
            "0x" + spec.topic.hex(),
            address_word(alice),
            "0x" + word(9).hex(),
        ],
        "data": "0x" + eth_abi.encode(["string"], ["text"]).hex(),
    }
    event = spec.decode(log)
    assert isinstance(event, Type)
    assert (event.match_, event.log_, event.from_block_) == (alice, "text", 9)
    assert event.log.address == alice
