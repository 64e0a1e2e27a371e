"""Type-checked, never run: receipts decoded by any binding, and what deploy() keeps."""

from __future__ import annotations

from bindings.fixtures.pool import AsyncPool, Pool, Swap, Sync
from bindings.fixtures.router import Router
from bindings.fixtures.token_ import AsyncToken, Token, Transfer
from typing_extensions import assert_type

import abigen


def receipt_usage(node: abigen.Node, alice: str, dynamic: type[abigen.DynamicContract]) -> None:
    router = Router.deploy(node, sender=alice)
    pool = Pool(alice, node)
    receipt = router.swap(pool.address, True, 1, 0, 2**64, sender=alice).wait()
    assert_type(receipt.events_of(Swap), list[Swap])
    assert_type(receipt.events_of(Sync)[0].reserve0, int)
    assert_type(receipt.decode_events(Pool, Token), list[abigen.Event])
    assert_type(receipt.decode_events(pool, dynamic, router), list[abigen.Event])
    assert_type(receipt.decode_events(), list[abigen.Event])
    source: abigen.EventSource = Pool  # a class and a bound contract are both sources
    source = pool
    assert_type(receipt.decode_events(source), list[abigen.Event])
    deployment = router.deployment
    assert_type(deployment, abigen.Deployment[abigen.Transaction] | None)
    if deployment is not None:
        assert_type(deployment.transaction, abigen.Transaction)
        assert_type(deployment.receipt, abigen.Receipt)
        assert_type(deployment.receipt.events_of(Transfer), list[Transfer])
    try:
        router.quote(pool.address, True, 1)
    except Pool.EmptyPool as err:  # a callee's error, raised through the package registry
        assert_type(err.data, bytes)


async def async_receipt_usage(node: abigen.AsyncNode, alice: str) -> None:
    token = await AsyncToken.deploy(node, "Gold", "GLD", 1, sender=alice)
    deployment = token.deployment
    assert_type(deployment, abigen.Deployment[abigen.AsyncTransaction] | None)
    if deployment is not None:
        assert_type(deployment.transaction, abigen.AsyncTransaction)
        assert_type(deployment.receipt.events_of(Transfer), list[Transfer])
        assert_type(deployment.receipt.decode_events(token, AsyncPool), list[abigen.Event])
