"""Type-checked, never run: every line marked `# error` must be rejected by the checkers."""

from __future__ import annotations

from bindings.token import AsyncToken, Token
from bindings.type_zoo import Point, Shape, TypeZoo

import abigen


def misuse(node: abigen.Node, token: Token, zoo: TypeZoo, alice: str) -> None:
    token.balance_of(1)  # error[arg-type, reportArgumentType]
    token.transfer(alice, "10", sender=alice)  # error[arg-type, reportArgumentType]
    token.transfer(alice, 10)  # error[call-arg, reportCallIssue]
    token.transfer(alice, 10, sender=alice, value=1)  # error[call-arg, reportCallIssue]
    token.transfer(alice, 10, sender=alice, gass=1)  # error[call-arg, reportCallIssue]
    token.balance_of(alice).upper()  # error[attr-defined, reportAttributeAccessIssue]
    zoo.echo_point(Point("1", 2))  # error[arg-type, reportArgumentType]
    Shape("s", [(0, "1")], (1, 1), [1, 2, 3])  # error[list-item, reportArgumentType]
    Shape("s", [], (1, 1), [1, 2, 3]).center = (0, 0)  # error[misc, reportAttributeAccessIssue]
    zoo.echo_uint_array(["a"])  # error[list-item, reportArgumentType]
    zoo.deposit(sender=alice, value="1")  # error[arg-type, reportArgumentType]
    token.events.Transfer.get_logs(sender=alice)  # error[call-arg, reportCallIssue]
    token.events.Transfer.watch(to_block=1)  # error[call-arg, reportCallIssue]
    token.events.Transfer.watch(confirmations="3")  # error[arg-type, reportArgumentType]
    Token.deploy(node, "a", "b", sender=alice)  # error[call-arg, reportCallIssue]
    node.send_value(alice, "1", sender=alice)  # error[arg-type, reportArgumentType]
    node.send_value(alice, 1)  # error[call-arg, reportCallIssue]
    tx = node.send_value(alice, 1, sender=alice)
    tx.wait(confirmations="2")  # error[arg-type, reportArgumentType]
    tx.cancel(gas_price=1)  # error[call-arg, reportCallIssue]


def edge_misuse(node: abigen.Node, alice: str) -> None:
    from bindings.fixtures.calculator import Calculator
    from bindings.fixtures.edge_cases import Config, EdgeCases, Keywords, LibAPoint, LibBPoint
    from bindings.fixtures.math_lib import MathLib

    edge = EdgeCases(alice, node)
    edge.functions["nope()"]  # error[typeddict-item, reportGeneralTypeIssues]
    edge.functions["set(uint256)"]("5", sender=alice)  # error[arg-type, reportArgumentType]
    edge.functions["set(string)"](5, sender=alice)  # error[arg-type, reportArgumentType]
    edge.functions["set(uint256)"](5)  # error[call-arg, reportCallIssue]
    EdgeCases.functions["set(uint256,uint256)"].encode_input(1)  # error[call-arg, reportCallIssue]
    edge.set(5, sender=alice)  # error[attr-defined, reportAttributeAccessIssue]
    edge.set_uint256("5", sender=alice)  # error[arg-type, reportArgumentType]
    edge.set_string(5, sender=alice)  # error[arg-type, reportArgumentType]
    edge.def_(from_=1, lambda_="2")  # error[arg-type, reportArgumentType]
    edge.def_(frm=1, lambda_=2)  # error[call-arg, reportCallIssue]
    edge.class_(1)  # error[call-arg, reportCallIssue]
    edge.mix_points(LibBPoint(1, 2, "x"), LibBPoint(1, 2, "x"))  # fmt: skip  # error[arg-type, reportArgumentType]
    edge.mix_points(LibAPoint(1, 2), LibAPoint(1, 2))  # error[arg-type, reportArgumentType]
    edge.echo_keywords((1, True, "c"))  # error[arg-type, reportArgumentType]
    edge.echo_nested([1, 2, 3])  # error[list-item, reportArgumentType]
    edge.echo_fn(1)  # error[arg-type, reportArgumentType]
    edge.pay(alice, 1, 2, 3, 4, sender=alice, value="5")  # error[arg-type, reportArgumentType]
    edge.receive(sender=alice)  # error[call-arg, reportCallIssue]
    edge.del_(1, "w", sender=alice, value=1)  # error[call-arg, reportCallIssue]
    edge.events.Changed.get_logs()  # error[attr-defined, reportAttributeAccessIssue]
    Keywords(1, True, "c", 5)  # error[arg-type, reportArgumentType]
    Keywords(1, True, "c")  # error[call-arg, reportCallIssue]
    Keywords(1, True, "c", alice, 2)  # error[call-arg, reportCallIssue]
    Config(alice, 1, "s", "123")  # error[arg-type, reportArgumentType]
    Keywords(1, True, "c", alice).global_.hex()  # error[attr-defined, reportAttributeAccessIssue]
    edge.events.Hashed.get_logs(message=1)  # error[arg-type, reportArgumentType]
    edge.events.Window.get_logs(log=1)  # error[call-arg, reportCallIssue]
    edge.echo_keywords((1, True, "c", alice)).from_.upper()  # fmt: skip  # error[attr-defined, reportAttributeAccessIssue]
    MathLib.deploy(node, sender=alice, libraries={})  # error[call-arg, reportCallIssue]
    EdgeCases.deploy(node, (alice, 1, "s", []), 2, alice, sender=alice, libraries={})  # fmt: skip  # error[call-arg, reportCallIssue]
    Calculator.encode_deploy(5)  # error[call-arg, reportCallIssue]
    Calculator.deploy(node, 5, sender=alice, libraries={"MathLib": 1})  # fmt: skip  # error[dict-item, reportArgumentType]
    Calculator.deploy(node, 5, sender=alice, libraries=["MathLib"])  # fmt: skip  # error[arg-type, reportArgumentType]


def tree_misuse(node: abigen.Node, alice: str) -> None:
    from bindings.tree.clashes import Clashes

    clashes = Clashes(alice, node)
    clashes.domain_separator()  # error[attr-defined, reportAttributeAccessIssue]
    clashes.parse_json_string("{}")  # error[call-arg, reportCallIssue]
    clashes.get_x()  # error[attr-defined, reportAttributeAccessIssue]


async def async_misuse(
    node: abigen.Node, anode: abigen.AsyncNode, atoken: AsyncToken, token: Token, alice: str
) -> None:
    atoken.balance_of(alice)  # error[unused-coroutine, reportUnusedCoroutine]
    atoken.balance_of(alice) + 1  # error[operator, reportOperatorIssue]
    balance: int = atoken.balance_of(alice)  # error[assignment, reportAssignmentType]
    await atoken.balance_of(1)  # error[arg-type, reportArgumentType]
    await atoken.transfer(alice, 10)  # error[call-arg, reportCallIssue]
    await atoken.transfer(alice, "10", sender=alice)  # error[arg-type, reportArgumentType]
    print((await atoken.transfer(alice, 1, sender=alice)).wait().status)  # fmt: skip  # error[attr-defined, reportAttributeAccessIssue]
    AsyncToken(alice, node)  # error[arg-type, reportArgumentType]
    Token(alice, anode)  # error[arg-type, reportArgumentType]
    await AsyncToken.deploy(node, "a", "b", 1, sender=alice)  # error[arg-type, reportArgumentType]
    await atoken.events.Transfer.get_logs(sender=alice)  # error[call-arg, reportCallIssue]
    wrong: abigen.PreparedCall[str] = token.balance_of.prepare(alice)  # fmt: skip  # error[assignment, reportAssignmentType]
    token.balance_of.prepare(alice, gas=1)  # error[call-arg, reportCallIssue]
    token.name.prepare(value=1)  # error[call-arg, reportCallIssue]
    print(balance, wrong)


def receipt_misuse(token: Token, receipt: abigen.Receipt) -> None:
    receipt.decode_events("Token")  # error[arg-type, reportArgumentType]
    receipt.events_of(token)  # error[arg-type, reportArgumentType]
