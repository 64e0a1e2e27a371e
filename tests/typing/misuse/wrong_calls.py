"""Type-checked, never run: every line marked `# error` must be rejected by the checkers."""

from __future__ import annotations

from bindings.token import Token
from bindings.type_zoo import Point, TypeZoo

import abigen


def misuse(node: abigen.Node, token: Token, zoo: TypeZoo, alice: str) -> None:
    token.balance_of(1)  # error
    token.transfer(alice, "10", sender=alice)  # error
    token.transfer(alice, 10)  # error
    token.transfer(alice, 10, sender=alice, value=1)  # error
    token.transfer(alice, 10, sender=alice, gass=1)  # error
    token.balance_of(alice).upper()  # error
    zoo.echo_point(Point("1", 2))  # error
    zoo.echo_uint_array(["a"])  # error
    zoo.deposit(sender=alice, value="1")  # error
    token.events.Transfer.get_logs(sender=alice)  # error
    Token.deploy(node, "a", "b", sender=alice)  # error
