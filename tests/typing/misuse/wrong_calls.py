"""Type-checked, never run: every line marked `# error` must be rejected by the checkers."""

from __future__ import annotations

from bindings.token import Token
from bindings.type_zoo import Point, Shape, TypeZoo

import abigen


def misuse(node: abigen.Node, token: Token, zoo: TypeZoo, alice: str) -> None:
    token.balance_of(1)  # error
    token.transfer(alice, "10", sender=alice)  # error
    token.transfer(alice, 10)  # error
    token.transfer(alice, 10, sender=alice, value=1)  # error
    token.transfer(alice, 10, sender=alice, gass=1)  # error
    token.balance_of(alice).upper()  # error
    zoo.echo_point(Point("1", 2))  # error
    Shape("s", [(0, "1")], (1, 1), [1, 2, 3])  # error[list-item, reportArgumentType]
    Shape("s", [], (1, 1), [1, 2, 3]).center = (0, 0)  # error[misc, reportAttributeAccessIssue]
    zoo.echo_uint_array(["a"])  # error
    zoo.deposit(sender=alice, value="1")  # error
    token.events.Transfer.get_logs(sender=alice)  # error
    Token.deploy(node, "a", "b", sender=alice)  # error


def edge_misuse(node: abigen.Node, alice: str) -> None:
    from bindings.fixtures.calculator import Calculator
    from bindings.fixtures.edge_cases import Config, EdgeCases, Keywords, LibAPoint, LibBPoint
    from bindings.fixtures.math_lib import MathLib

    edge = EdgeCases(alice, node)
    edge.functions["nope()"]  # error
    edge.functions["set(uint256)"]("5", sender=alice)  # error
    edge.functions["set(string)"](5, sender=alice)  # error
    edge.functions["set(uint256)"](5)  # error
    EdgeCases.functions["set(uint256,uint256)"].encode_input(1)  # error
    edge.set(5, sender=alice)  # error
    edge.set_uint256("5", sender=alice)  # error
    edge.set_string(5, sender=alice)  # error
    edge.def_(from_=1, lambda_="2")  # error
    edge.def_(frm=1, lambda_=2)  # error
    edge.class_(1)  # error
    edge.mix_points(LibBPoint(1, 2, "x"), LibBPoint(1, 2, "x"))  # error
    edge.mix_points(LibAPoint(1, 2), LibAPoint(1, 2))  # error
    edge.echo_keywords((1, True, "c"))  # error
    edge.echo_nested([1, 2, 3])  # error
    edge.echo_fn(1)  # error
    edge.pay(alice, 1, 2, 3, 4, sender=alice, value="5")  # error
    edge.receive(sender=alice)  # error
    edge.del_(1, "w", sender=alice, value=1)  # error
    edge.events.Changed.get_logs()  # error
    Keywords(1, True, "c", 5)  # error[arg-type, reportArgumentType]
    Keywords(1, True, "c")  # error[call-arg, reportCallIssue]
    Keywords(1, True, "c", alice, 2)  # error[call-arg, reportCallIssue]
    Config(alice, 1, "s", "123")  # error[arg-type, reportArgumentType]
    Keywords(1, True, "c", alice).global_.hex()  # error[attr-defined, reportAttributeAccessIssue]
    edge.events.Hashed.get_logs(message=1)  # error
    edge.events.Window.get_logs(log=1)  # error
    edge.echo_keywords((1, True, "c", alice)).from_.upper()  # error
    MathLib.deploy(node, sender=alice, libraries={})  # error
    EdgeCases.deploy(node, (alice, 1, "s", []), 2, alice, sender=alice, libraries={})  # error
    Calculator.encode_deploy(5)  # error
    Calculator.deploy(node, 5, sender=alice, libraries={"MathLib": 1})  # error
    Calculator.deploy(node, 5, sender=alice, libraries=["MathLib"])  # error


def tree_misuse(node: abigen.Node, alice: str) -> None:
    from bindings.tree.clashes import Clashes

    clashes = Clashes(alice, node)
    clashes.domain_separator()  # error
    clashes.parse_json_string("{}")  # error
    clashes.get_x()  # error
