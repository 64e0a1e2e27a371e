"""Type-checked, never run: user code against the EdgeCases and Calculator bindings types precisely."""

from __future__ import annotations

from typing import Any

from bindings.fixtures.calculator import Calculator
from bindings.fixtures.edge_cases import (
    Builtins,
    Changed_string,
    Changed_uint256,
    Clash,
    Config,
    EdgeCases,
    Except,
    Fallback,
    Hashed,
    HashedStruct,
    Keywords,
    LibAPoint,
    LibBPoint,
    MixPointsResult,
    Moved,
    Nameless,
    PassResult,
    PayResult,
    SettingsResult,
    Stealth,
    SwapResult,
)
from bindings.fixtures.math_lib import MathLib
from bindings.python_names import Item, MatchResult, PythonNames
from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from typing_extensions import assert_type

import abigen
from abigen.runtime import LogMeta, TopicHash


def by_signature(edge: EdgeCases, alice: str) -> None:
    # Each signature selects its own function class: the call types precisely.
    assert_type(edge.functions["set(uint256)"](5, sender=alice), abigen.Transaction)
    assert_type(edge.functions["set(string)"]("x", sender=alice), abigen.Transaction)
    assert_type(edge.functions["set(uint256,uint256)"](1, 2, sender=alice), abigen.Transaction)
    assert_type(edge.functions["set(uint256)"].simulate(5), None)
    assert_type(edge.functions["set(uint256)"].estimate_gas(5, sender=alice), int)
    assert_type(edge.functions["swap(uint256,uint256)"](1, 2), SwapResult)
    assert_type(edge.functions["class()"](), int)
    assert_type(edge.functions["nestedSample()"](), list[list[list[int]]])
    assert_type(edge.functions["tripleFn()"](), bytes)
    assert_type(EdgeCases.functions["set(string)"].encode_input("x"), bytes)
    assert_type(EdgeCases.functions["set(uint256,uint256)"].decode_input(b""), tuple[Any, ...])
    mix = EdgeCases.functions["mixPoints((uint256,uint256),(int64,int64,string))"]
    assert_type(mix.decode_output(b""), MixPointsResult)
    assert_type(mix.decode_output(b"").arg0, LibBPoint)


def overloads_and_keywords(edge: EdgeCases, alice: str) -> None:
    assert_type(edge.set_uint256(5, sender=alice), abigen.Transaction)
    assert_type(edge.set_string("x", sender=alice), abigen.Transaction)
    assert_type(edge.set_uint256_uint256(1, 2, sender=alice), abigen.Transaction)
    assert_type(edge.class_(), int)
    assert_type(edge.def_(from_=1, lambda_=2), int)
    assert_type(edge.yield_(global_=1), int)
    assert_type(edge.pass_(and_=True, or_=False), PassResult)
    assert_type(edge.pass_(True, False).none, bool)
    assert_type(edge.member(), int)
    assert_type(edge.n1inch(), int)
    assert_type(edge.digits(n2=1), int)
    assert_type(edge.node_(), str)
    assert_type(edge.events_(), str)
    assert_type(edge.deploy_(), str)
    assert_type(edge.encode_deploy_(), str)
    assert_type(edge.node, abigen.Node)
    assert_type(edge.peek(block_=1, tx_=2, self_=3, block="latest").arg2, int)
    assert_type(edge.del_(lambda_=1, with_="w", sender=alice), abigen.Transaction)
    assert_type(edge.window(from_block=1, to_block=2, log=3, sender=alice), abigen.Transaction)
    paid = edge.pay(alice, 1, 2, 3, 4, sender=alice, value=5, gas=1, nonce=2, gas_price=3)
    assert_type(paid, abigen.Transaction)
    assert_type(edge.pay.simulate(alice, 1, 2, 3, 4, value=5), PayResult)
    assert_type(edge.pay.simulate(alice, 1, 2, 3, 4).arg0, ChecksumAddress)
    assert_type(edge.swap(arg0=1, arg1=2).arg1, int)
    assert_type(edge.fallback(b"\x01", sender=alice, value=1), abigen.Transaction)
    assert_type(edge.receive(sender=alice, value=1), abigen.Transaction)


def structs(edge: EdgeCases, node: abigen.Node, alice: str, key: LocalAccount) -> None:
    # Struct classes are also what calls return, so their address fields are ChecksumAddress
    # (node.accounts gives those); a plain tuple takes any str.
    owner = node.accounts[0]
    created = EdgeCases.deploy(
        node, Config(owner, 1, "s", [1]), 2, alice, sender=key, value=3, gas=10**6
    )
    assert_type(created, EdgeCases)
    assert_type(EdgeCases.deploy(node, (alice, 1, "s", ()), 2, alice, sender=alice), EdgeCases)
    assert_type(EdgeCases.encode_deploy(Config(owner, 1, "s", []), 2, alice), bytes)
    assert_type(edge.settings(), SettingsResult)
    assert_type(edge.settings().list_, list[int])
    assert_type(edge.settings().node, ChecksumAddress)
    keywords = edge.echo_keywords(async_=Keywords(from_=1, not_=True, class_="c", global_=owner))
    assert_type(keywords, Keywords)
    assert_type(keywords.from_, int)
    assert_type(keywords.not_, bool)
    assert_type(keywords.class_, str)
    assert_type(keywords.global_, ChecksumAddress)
    # Built by hand, a struct takes what its parameters take (any str for an address, any
    # sequence for an array); what it holds keeps the decoded types.
    built = Keywords(1, True, "c", alice.lower())
    assert_type(built, Keywords)
    assert_type(built.global_, ChecksumAddress)
    assert_type(built[3], ChecksumAddress)
    assert_type(built._replace(from_=2), Keywords)
    assert_type(edge.echo_keywords(built), Keywords)
    config = Config(owner=alice, id=1, str_="s", list_=range(3))
    assert_type(config, Config)
    assert_type(config.list_, list[int])
    assert_type(config.owner, ChecksumAddress)
    builtins = edge.echo_builtins((1, 2, 3, True, 5, 6, 7))
    assert_type(builtins, Builtins)
    assert_type(builtins.object_, bool)
    assert_type(builtins.n3d, int)
    mixed = edge.mix_points(LibAPoint(1, 2), LibBPoint(-1, -2, "l"))
    assert_type(mixed.arg0, LibBPoint)
    assert_type(mixed.arg1, LibAPoint)
    assert_type(mixed.arg0.label, str)
    assert_type(edge.mix_points((1, 2), (3, 4, "")), MixPointsResult)
    assert_type(edge.echo_nested([[[1, 2]], [], []]), list[list[list[int]]])
    assert_type(edge.nested_at([[[1, 2]], [], []], 0, 0, 1), int)
    assert_type(edge.echo_fn(edge.triple_fn()), bytes)
    assert_type(edge.apply_fn("0x" + "00" * 24, 7), int)
    assert_type(PythonNames.else_.encode_input(Item(1, "c", -1, "s", 2)), bytes)
    assert_type(PythonNames.match_.decode_output(b"").import_, int)
    assert_type(PythonNames.match_.decode_output(b""), MatchResult)


def events(edge: EdgeCases, alice: str) -> None:
    query = edge.events
    assert_type(query.Hashed.get_logs(from_block=0, message="hello"), list[Hashed])
    assert_type(query.Hashed.get_logs(message=TopicHash(b"\x00" * 32)), list[Hashed])
    assert_type(query.Hashed.get_logs(message=["a", TopicHash("0x" + "00" * 32)]), list[Hashed])
    assert_type(query.Hashed.get_logs(blob=b"", nums=[1, 2]), list[Hashed])
    assert_type(query.Hashed.get_logs(nums=[[1], [2]]), list[Hashed])
    hashed = query.Hashed.get_logs()[0]
    assert_type(hashed.message, bytes)
    assert_type(hashed.blob, bytes)
    assert_type(hashed.nums, bytes)
    assert_type(hashed.log, LogMeta)
    struct_logs = query.HashedStruct.get_logs(a=LibAPoint(1, 2), b=(1, 2, "x"))
    assert_type(struct_logs, list[HashedStruct])
    assert_type(struct_logs[0].a, bytes)
    assert_type(struct_logs[0].b, bytes)
    moved = query.Moved.get_logs(who=alice)[0]
    assert_type(moved.from_, LibAPoint)
    assert_type(moved.to, LibBPoint)
    assert_type(query.Changed_uint256.get_logs(number=[1, 2])[0].number, int)
    assert_type(query.Changed_string.get_logs()[0].text, str)
    stealth = query.Stealth.get_logs(from_=alice, tag=b"\x00" * 32, n=[1], flag=True)
    assert_type(stealth, list[Stealth])
    assert_type(stealth[0].from_, ChecksumAddress)
    assert_type(stealth[0].tag, bytes)
    assert_type(stealth[0].flag, bool)
    window = query.Window.get_logs(from_block=1, to_block=2, from_block_=1, to_block_=[2])
    assert_type(window[0].log_, int)
    assert_type(window[0].log.block_number, int)
    assert_type(query.Raise.get_logs(from_=alice, lambda_=1)[0].with_, str)
    assert_type(query.None_.get_logs()[0].true, bool)
    assert_type(query.Unnamed.get_logs(arg0=1)[0].arg1, str)
    assert_type(query.Fallback.get_logs(sender=alice)[0].data, bytes)
    assert_type(query.Receive.get_logs(sender=alice)[0].value, int)
    receipt = edge.set_uint256(1, sender=alice).wait()
    assert_type(receipt.events_of(Changed_uint256), list[Changed_uint256])
    assert_type(receipt.events_of(Changed_string), list[Changed_string])
    assert_type(receipt.events_of(Fallback), list[Fallback])
    assert_type(receipt.events_of(Moved)[0].who, ChecksumAddress)


def errors(edge: EdgeCases) -> None:
    try:
        edge.finally_(from_=1, class_="c")
    except EdgeCases.Except as err:
        assert_type(err, Except)
        assert_type(err.from_, int)
        assert_type(err.class_, str)
    except Clash as clash:
        assert_type(clash.data_, bytes)
        assert_type(clash.receipt_, int)
        assert_type(clash.args_, int)
        assert_type(clash.data, bytes)
        assert_type(clash.receipt, abigen.Receipt | None)
    except Nameless as nameless:
        assert_type(nameless.arg0, int)
        assert_type(nameless.arg1, bool)


def libraries(node: abigen.Node, alice: str, key: LocalAccount) -> None:
    calc = Calculator.deploy(node, 5, sender=alice)
    assert_type(calc, Calculator)
    linked = Calculator.deploy(
        node, 5, sender=key, libraries={"MathLib": alice, "contracts/Libraries.sol:Chain": alice}
    )
    assert_type(linked, Calculator)
    assert_type(Calculator.deploy(node, 5, sender=alice, libraries=None, nonce=1), Calculator)
    assert_type(Calculator.encode_deploy(5, libraries={"MathLib": alice}), bytes)
    assert_type(MathLib.deploy(node, sender=alice), MathLib)
    assert_type(MathLib.encode_deploy(), bytes)
    assert_type(calc.twice(2), int)
    assert_type(calc.shout("s"), str)
    assert_type(node.libraries, dict[str, ChecksumAddress])
    try:
        Calculator.deploy(node, 5, sender=alice, libraries={"Nope": alice})
    except abigen.LinkError as err:
        assert_type(err, abigen.LinkError)
