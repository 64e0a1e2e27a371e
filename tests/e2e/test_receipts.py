"""Receipts and reverts any binding reads (issue 12), end to end on anvil and geth --dev, both
faces: a swap through the fixtures package's Router decodes the Pool's and the Tokens' events
(none emitted by the Router) through the package registry; a Pool error bubbled up through the
Router raises the Pool's generated class on every path that decodes reverts; `deploy()` keeps
its transaction and receipt."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import NamedTuple

import pytest
from bindings import token as lone_token
from bindings.fixtures.pool import AsyncPool, Pool, Swap, Sync
from bindings.fixtures.router import AsyncRouter, Routed, Router
from bindings.fixtures.token_ import AsyncToken, Token, Transfer

import abigen
from abigen.devnode import DevNode

pytestmark = pytest.mark.e2e

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
FAR = 2**64  # a deadline that never passes
GAS = 300_000  # given, so a send that will fail is mined (and fails) instead of estimated


class Market(NamedTuple):
    """A Pool of two Tokens with liquidity, and a Router: their addresses on one dev node."""

    token0: str
    token1: str
    pool: str
    router: str


@pytest.fixture(scope="module")
def market(devnode: DevNode) -> Market:
    node = abigen.connect(devnode.ipc_path)
    (alice, *_) = node.accounts
    token0 = Token.deploy(node, "Zero", "T0", 10**24, sender=alice)
    token1 = Token.deploy(node, "One", "T1", 10**24, sender=alice)
    pool = Pool.deploy(node, token0.address, token1.address, sender=alice)
    router = Router.deploy(node, sender=alice)
    for token in (token0, token1):
        token.approve(pool.address, 10**21, sender=alice).wait()
    token0.approve(router.address, 10**23, sender=alice).wait()
    pool.add_liquidity(10**21, 10**21, sender=alice).wait()
    return Market(token0.address, token1.address, pool.address, router.address)


def test_a_swap_through_the_router_decodes_every_contract_of_the_package(
    node: abigen.Node, alice: str, market: Market
) -> None:
    router, pool = Router(market.router, node), Pool(market.pool, node)
    out = router.quote(pool.address, True, 1_000)
    receipt = router.swap(pool.address, True, 1_000, out, FAR, sender=alice).wait()
    # Log order: token0 in (router -> pool), token1 out (pool -> alice), Sync, Swap, Routed.
    assert [type(e) for e in receipt.events] == [Transfer, Transfer, Sync, Swap, Routed]
    paid, sent, sync, swap, routed = receipt.events
    assert isinstance(paid, Transfer) and isinstance(sent, Transfer)
    assert (paid.log.address, paid.from_, paid.to, paid.value) == (
        market.token0,
        alice,
        pool.address,
        1_000,
    )
    assert (sent.log.address, sent.from_, sent.to, sent.value) == (
        market.token1,
        pool.address,
        alice,
        out,
    )
    assert isinstance(swap, Swap) and isinstance(sync, Sync) and isinstance(routed, Routed)
    assert (swap.sender, swap.zero_for_one, swap.amount_in, swap.amount_out, swap.to) == (
        router.address,
        True,
        1_000,
        out,
        alice,
    )
    assert (sync.reserve0, sync.reserve1) == tuple(pool.reserves())
    assert (routed.pool, routed.sender, routed.amount_out) == (pool.address, alice, out)
    assert receipt.events_of(Swap) == [swap]
    assert receipt.events_of(Transfer) == [paid, sent]
    # Any binding decodes the logs: a class (any emitter) or a contract (its address only).
    assert receipt.decode_events(Pool) == [sync, swap]
    assert receipt.decode_events(pool) == [sync, swap]
    assert receipt.decode_events(Token(market.token1, node)) == [sent]
    assert receipt.decode_events(Pool, Token, Router) == list(receipt.events)
    assert receipt.decode_events(Router(market.pool, node)) == []  # no Router events there
    # Another binding's Transfer (the lone token module) is found where it was emitted.
    lone = receipt.events_of(lone_token.Transfer)
    assert [(e.from_, e.to, e.value) for e in lone] == [
        (alice, pool.address, 1_000),
        (pool.address, alice, out),
    ]
    # A dynamic binding decodes them too.
    dynamic_pool = abigen.DynamicContract.from_abi(
        json.loads((BUILD / "Pool.abi").read_text()), name="Pool"
    )
    [dynamic_sync, dynamic_swap] = receipt.decode_events(dynamic_pool)
    assert dynamic_swap.fields["amountOut"] == out
    assert dynamic_sync.values == (sync.reserve0, sync.reserve1)


def test_a_pool_error_bubbled_through_the_router_raises_the_pool_class(
    node: abigen.Node, alice: str, market: Market
) -> None:
    router = Router(market.router, node)
    out = router.quote(market.pool, True, 1_000)
    swap = router.swap
    with pytest.raises(Pool.Slippage) as simulated:
        swap.simulate(market.pool, True, 1_000, out + 1, FAR, sender=alice)
    assert (simulated.value.amount_out, simulated.value.minimum) == (out, out + 1)
    with pytest.raises(Pool.Slippage):
        swap.estimate_gas(market.pool, True, 1_000, out + 1, FAR, sender=alice)
    with pytest.raises(Pool.Slippage):  # estimated before the send: nothing sent
        swap(market.pool, True, 1_000, out + 1, FAR, sender=alice)
    mined = swap(market.pool, True, 1_000, out + 1, FAR, sender=alice, gas=GAS)
    with pytest.raises(Pool.Slippage) as failed:
        mined.wait()
    assert failed.value.receipt is not None and failed.value.receipt.status == 0
    # A view: quoting an empty pool (a new one) raises the Pool's EmptyPool through the Router.
    empty = Pool.deploy(node, market.token0, market.token1, sender=alice)
    with pytest.raises(Pool.EmptyPool):
        router.quote(empty.address, True, 1)
    # The Token's error bubbles up through Pool and Router: no allowance from this pool.
    with pytest.raises(Token.InsufficientAllowance):
        empty.add_liquidity(1, 1, sender=alice)
    # Batches and multicalls decode with the same tables.
    quote = router.quote.prepare(empty.address, True, 1)
    for outcome in (
        node.batch(quote, allow_failure=True),
        node.multicall(quote, allow_failure=True),
    ):
        assert isinstance(outcome[0], Pool.EmptyPool)


def test_deploy_keeps_its_transaction_and_receipt(node: abigen.Node, alice: str) -> None:
    token = Token.deploy(node, "Gold", "GLD", 1_000, sender=alice)
    deployment = token.deployment
    assert deployment is not None
    assert isinstance(deployment.transaction, abigen.Transaction)
    assert deployment.receipt.contract_address == token.address
    assert deployment.receipt.transaction_hash == deployment.transaction.hash
    [minted] = deployment.receipt.events_of(Transfer)
    assert (minted.from_, minted.to, minted.value) == (f"0x{'0' * 40}", alice, 1_000)
    assert Token(token.address, node).deployment is None  # bound by address
    dynamic = abigen.DynamicContract.from_abi(
        json.loads((BUILD / "Token.abi").read_text()),
        name="Token",
        bytecode=(BUILD / "Token.bin").read_text().strip(),
    )
    made = dynamic.deploy(node, "Dyn", "DYN", 5, sender=alice)
    assert made.deployment is not None
    [event] = made.deployment.receipt.events
    assert event.fields["value"] == 5


def test_the_async_face(async_target: str, market: Market) -> None:
    asyncio.run(_async_face(async_target, market))


async def _async_face(target: str, market: Market) -> None:
    async with await abigen.connect_async(target) as node:
        (alice, *_) = await node.accounts
        router, pool = AsyncRouter(market.router, node), AsyncPool(market.pool, node)
        out = await router.quote(pool.address, True, 1_000)
        sent = await router.swap(pool.address, True, 1_000, out, FAR, sender=alice)
        receipt = await sent.wait()
        assert [type(e) for e in receipt.events] == [Transfer, Transfer, Sync, Swap, Routed]
        sync, swap = receipt.decode_events(pool)
        assert receipt.events_of(Sync) == [sync] and receipt.events_of(Swap) == [swap]
        assert isinstance(swap, Swap) and swap.amount_out == out
        swap_call = router.swap
        with pytest.raises(Pool.Slippage):
            await swap_call.simulate(pool.address, True, 1_000, out * 2, FAR, sender=alice)
        with pytest.raises(Pool.Slippage):
            await swap_call(pool.address, True, 1_000, out * 2, FAR, sender=alice)
        mined = await swap_call(pool.address, True, 1_000, out * 2, FAR, sender=alice, gas=GAS)
        with pytest.raises(Pool.Slippage):
            await mined.wait()
        empty = await AsyncPool.deploy(node, market.token0, market.token1, sender=alice)
        quote = router.quote
        with pytest.raises(Pool.EmptyPool):
            await quote(empty.address, True, 1)
        with pytest.raises(Pool.EmptyPool):
            await quote.estimate_gas(empty.address, True, 1)
        prepared = quote.prepare(empty.address, True, 1)
        [batched] = await node.batch(prepared, allow_failure=True)
        [multicalled] = await node.multicall(prepared, allow_failure=True)
        assert isinstance(batched, Pool.EmptyPool) and isinstance(multicalled, Pool.EmptyPool)
        assert empty.deployment is not None
        assert isinstance(empty.deployment.transaction, abigen.AsyncTransaction)
        assert empty.deployment.receipt.contract_address == empty.address
        token = await AsyncToken.deploy(node, "Gold", "GLD", 7, sender=alice)
        assert token.deployment is not None
        [minted] = token.deployment.receipt.events_of(Transfer)
        assert (minted.to, minted.value) == (alice, 7)
        dynamic = abigen.AsyncDynamicContract.from_abi(
            json.loads((BUILD / "Token.abi").read_text()),
            name="Token",
            bytecode=(BUILD / "Token.bin").read_text().strip(),
        )
        made = await dynamic.deploy(node, "Dyn", "DYN", 3, sender=alice)
        assert made.deployment is not None
        [event] = made.deployment.receipt.decode_events(Token)
        assert isinstance(event, Transfer) and event.value == 3
