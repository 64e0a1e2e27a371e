"""Type-checked, never run: user code against the generated bindings must type precisely."""

from __future__ import annotations

from typing import Literal

from bindings.token import AsyncToken, Token, Transfer
from bindings.type_zoo import AsyncTypeZoo, DescribeResult, Point, Shape, TypeZoo
from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from typing_extensions import assert_type

import abigen


def token_usage(node: abigen.Node, alice: str, key: LocalAccount) -> None:
    token = Token.deploy(node, "Gold", "GLD", 1_000, sender=alice)
    assert_type(token, Token)
    assert_type(token.balance_of(alice), int)
    assert_type(token.name(), str)
    assert_type(token.balance_of.simulate(alice, block=1), int)
    assert_type(token.address, ChecksumAddress)
    tx = token.transfer(alice, 10, sender=key, gas=100_000, max_fee_per_gas=10**9)
    assert_type(tx, abigen.Transaction)
    receipt = tx.wait()
    assert_type(receipt.status, int)
    assert_type(receipt.events_of(Transfer), list[Transfer])
    logs = token.events.Transfer.get_logs(from_block=0, from_=alice, to=[alice])
    assert_type(logs, list[Transfer])
    assert_type(logs[0].from_, ChecksumAddress)
    assert_type(logs[0].log.block_number, int)
    watch = token.events.Transfer.watch(from_block=0, confirmations=2, poll_interval=0.5, to=alice)
    assert_type(watch, abigen.EventWatch[Transfer])
    assert_type(next(watch), Transfer)
    assert_type(watch.poll(), list[Transfer])
    with token.events.Approval.watch() as approvals:
        for approval in approvals:
            assert_type(approval.spender, ChecksumAddress)
    assert_type(token.events.watch(confirmations=1), abigen.EventWatch[abigen.Event])
    assert_type(token.transfer.simulate(alice, 1, sender=alice), bool)
    assert_type(token.transfer.estimate_gas(alice, 1), int)
    assert_type(Token.transfer.encode_input(alice, 1), bytes)
    assert_type(Token.balance_of.decode_output(b""), int)
    try:
        token.transfer(alice, 10**30, sender=alice)
    except Token.InsufficientBalance as err:
        assert_type(err.needed, int)
        assert_type(err.data, bytes)
    except abigen.Panic as panic:
        assert_type(panic.code, int)
    except abigen.Revert as revert:
        assert_type(revert.reason, str)


def zoo_usage(node: abigen.Node, alice: str) -> None:
    zoo = TypeZoo(alice, node)
    assert_type(zoo.echo_uint_array(range(3)), list[int])
    assert_type(zoo.echo_pairs([[1, 2]]), list[list[int]])
    assert_type(zoo.echo_address_pair([alice, alice]), list[ChecksumAddress])
    assert_type(zoo.echo_point((1, 2)), Point)
    shape = zoo.echo_shape(Shape("s", [Point(0, 0)], Point(1, 1), [1, 2, 3]))
    assert_type(shape.points, list[Point])
    built = Shape("s", [(0, 0)], (1, 1), (1, 2, 3))  # plain tuples and any sequence
    assert_type(built, Shape)
    assert_type(built.center, Point)
    assert_type(built.points, list[Point])
    assert_type(built.tags, list[int])
    assert_type(zoo.describe(), DescribeResult)
    assert_type(zoo.describe().label, str)
    assert_type(zoo.echo_dynamic(b"", "x").arg0, bytes)
    assert_type(zoo.deposit(sender=alice, value=1), abigen.Transaction)
    assert_type(zoo.fail_bare(), None)


async def async_token_usage(node: abigen.AsyncNode, alice: str, key: LocalAccount) -> None:
    token = await AsyncToken.deploy(node, "Gold", "GLD", 1_000, sender=alice)
    assert_type(token, AsyncToken)
    assert_type(await token.balance_of(alice), int)
    assert_type(await token.name(), str)
    assert_type(await token.balance_of.simulate(alice, block=1), int)
    assert_type(token.address, ChecksumAddress)
    tx = await token.transfer(alice, 10, sender=key, gas=100_000, max_fee_per_gas=10**9)
    assert_type(tx, abigen.AsyncTransaction)
    receipt = await tx.wait()
    assert_type(receipt.events_of(Transfer), list[Transfer])
    logs = await token.events.Transfer.get_logs(from_block=0, from_=alice, to=[alice])
    assert_type(logs, list[Transfer])
    watch = token.events.Transfer.watch(from_=[alice], poll_interval=0.1)
    assert_type(watch, abigen.AsyncEventWatch[Transfer])
    async with watch:
        async for event in watch:
            assert_type(event, Transfer)
        assert_type(await watch.poll(), list[Transfer])
    await watch.close()
    assert_type(token.events.watch(), abigen.AsyncEventWatch[abigen.Event])
    assert_type(await token.transfer.simulate(alice, 1, sender=alice), bool)
    assert_type(await token.transfer.estimate_gas(alice, 1), int)
    assert_type(await token.total_supply.estimate_gas(), int)
    assert_type(token.transfer.encode_input(alice, 1), bytes)
    assert_type(AsyncToken.balance_of.decode_output(b""), int)
    assert_type(token.balance_of.prepare(alice, block="latest"), abigen.PreparedCall[int])
    assert_type(token.name.prepare(), abigen.PreparedCall[str])
    try:
        await token.transfer(alice, 10**30, sender=alice)
    except AsyncToken.InsufficientBalance as err:
        assert_type(err.needed, int)


def prepare_usage(node: abigen.Node, alice: str) -> None:
    token = Token(alice, node)
    assert_type(token.balance_of.prepare(alice), abigen.PreparedCall[int])
    assert_type(token.transfer.prepare(alice, 1, sender=alice), abigen.PreparedCall[bool])
    assert_type(token.decimals.prepare(block=1), abigen.PreparedCall[int])


async def async_zoo_usage(node: abigen.AsyncNode, alice: str) -> None:
    zoo = AsyncTypeZoo(alice, node)
    assert_type(await zoo.echo_uint_array(range(3)), list[int])
    assert_type(await zoo.describe(), DescribeResult)
    assert_type(await zoo.deposit(sender=alice, value=1), abigen.AsyncTransaction)
    assert_type(zoo.deposit.prepare(value=1), abigen.PreparedCall[None])


def sending_usage(node: abigen.Node, alice: str, key: LocalAccount) -> None:
    tx = node.send_value(alice, 10**18, sender=key, max_fee_per_gas=10**9)
    assert_type(tx, abigen.Transaction)
    assert_type(tx.wait(30, confirmations=2, poll_interval=0.5, check=False), abigen.Receipt)
    assert_type(tx.speed_up(), abigen.Transaction)
    assert_type(tx.speed_up(fee_bump_percent=20, max_priority_fee_per_gas=2), abigen.Transaction)
    assert_type(tx.cancel(fee_bump_percent=15), abigen.Transaction)
    try:
        tx.wait()
    except abigen.TransactionReplaced as replaced:
        assert_type(replaced.replacement_hash, str)
        assert_type(replaced.replacement, abigen.Receipt)
        assert_type(replaced.reason, Literal["replaced", "cancelled", "repriced"])
    except abigen.TransactionDropped as dropped:
        assert_type(dropped.hash, str)
    except abigen.TransactionTimeout as timeout:
        assert_type(timeout.hash, str)


async def async_sending_usage(node: abigen.AsyncNode, alice: str) -> None:
    tx = await node.send_value(alice, 1, sender=alice, gas=21_000)
    assert_type(tx, abigen.AsyncTransaction)
    assert_type(await tx.wait(confirmations=3), abigen.Receipt)
    assert_type(await tx.speed_up(gas_price=10**9), abigen.AsyncTransaction)
    assert_type(await tx.cancel(), abigen.AsyncTransaction)
