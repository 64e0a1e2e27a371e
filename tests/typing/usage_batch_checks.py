"""Type-checked, never run: batches and multicalls give results typed per position."""

from __future__ import annotations

from typing import Any

from bindings.token import Token
from bindings.type_zoo import DescribeResult, Point, TypeZoo
from typing_extensions import assert_type

import abigen


def batch_usage(node: abigen.Node, token: Token, zoo: TypeZoo, alice: str) -> None:
    balance = token.balance_of.prepare(alice)
    assert_type(balance, abigen.PreparedCall[int])
    assert_type(node.batch(balance), tuple[int])
    assert_type(node.batch(balance, token.name.prepare()), tuple[int, str])
    assert_type(
        node.batch(balance, token.name.prepare(), zoo.origin.prepare(), zoo.describe.prepare()),
        tuple[int, str, Point, DescribeResult],
    )
    b, n = balance, token.name.prepare()
    assert_type(node.batch(b, n, b, n, b, n, b, n), tuple[int, str, int, str, int, str, int, str])
    assert_type(node.batch(*[b] * 9), tuple[Any, ...])  # beyond the overloads: untyped
    assert_type(
        node.batch(balance, token.name.prepare(), allow_failure=True),
        tuple[int | abigen.ContractError, str | abigen.ContractError],
    )
    assert_type(node.batch_many([balance, balance]), list[int])
    assert_type(node.batch_many([balance], allow_failure=True), list[int | abigen.ContractError])
    assert_type(node.batch_many([balance], size=10), list[int])
    assert_type(node.multicall(balance, zoo.seed.prepare()), tuple[int, int])
    assert_type(
        node.multicall(balance, token.symbol.prepare(), allow_failure=True, address=alice),
        tuple[int | abigen.ContractError, str | abigen.ContractError],
    )
    assert_type(node.multicall_many([balance] * 100), list[int])
    assert_type(
        node.multicall_many([balance], allow_failure=True), list[int | abigen.ContractError]
    )
    assert_type(node.request_batch([("eth_blockNumber", [])]), list[object])
