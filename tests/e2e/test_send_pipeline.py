"""Sends that never collide and waits that end, on anvil and geth --dev (HTTP and IPC).

Each test signs with a fresh local key (funded by the node's first account), so its nonces
are its own: nonce gaps (a transaction queued behind a missing nonce) stand still until the
test fills them, on both nodes, without any mining control.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount

import abigen
from abigen.devnode import DevNode

FUNDS = 10**18
Fund = Callable[[str, int], None]


def fresh_key(fund: Fund, wei: int = FUNDS) -> LocalAccount:
    key: LocalAccount = Account.create()
    fund(key.address, wei)
    return key


def nonce_of(node: abigen.Node, tx_hash: str) -> int:
    return int(node.request("eth_getTransactionByHash", [tx_hash])["nonce"], 16)


def mined_count(node: abigen.Node, address: str) -> int:
    return int(node.request("eth_getTransactionCount", [address, "latest"]), 16)


def test_threads_sharing_one_key_and_one_node_never_collide(
    node: abigen.Node, fund: Fund, bob: str
) -> None:
    key = fresh_key(fund)
    sent: list[abigen.Transaction] = []
    failures: list[BaseException] = []
    start = threading.Barrier(8)

    def sender() -> None:
        start.wait()
        try:
            for _ in range(20):
                sent.append(node.send_value(bob, 1, sender=key))
        except BaseException as exc:  # reported below, with the others
            failures.append(exc)

    threads = [threading.Thread(target=sender) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    receipts = [tx.wait(poll_interval=0.01) for tx in sent]
    assert all(receipt.status == 1 for receipt in receipts)
    assert sorted(nonce_of(node, tx.hash) for tx in sent) == list(range(160))
    assert mined_count(node, key.address) == 160


def test_gathered_async_sends_share_one_key(
    devnode: DevNode, fund: Fund, node: abigen.Node, bob: str
) -> None:
    if node.endpoint != devnode.ipc_path:
        pytest.skip("once per node: the async face has its own connection")
    key = fresh_key(fund)

    async def main() -> list[abigen.Receipt]:
        async with await abigen.connect_async(devnode.ipc_path) as anode:
            sends = [anode.send_value(bob, 1, sender=key) for _ in range(160)]
            sent = await asyncio.gather(*sends)
            return list(await asyncio.gather(*(tx.wait(poll_interval=0.01) for tx in sent)))

    receipts = asyncio.run(main())
    nonces = sorted(nonce_of(node, receipt.transaction_hash) for receipt in receipts)
    assert nonces == list(range(160))


def test_a_send_the_node_refuses_leaves_no_gap(node: abigen.Node, fund: Fund, bob: str) -> None:
    key = fresh_key(fund, 10**16)
    first = node.send_value(bob, 1, sender=key)
    # gas given: no estimate, so the node itself refuses the send (insufficient funds)
    with pytest.raises(abigen.RpcError, match=r"(?i)insufficient funds"):
        node.send_value(bob, 10**20, sender=key, gas=21_000)
    second = node.send_value(bob, 1, sender=key)
    second.wait(poll_interval=0.01)
    assert [nonce_of(node, first.hash), nonce_of(node, second.hash)] == [0, 1]


def test_a_nonce_used_behind_the_nodes_back_is_read_again(
    node: abigen.Node, fund: Fund, bob: str
) -> None:
    key = fresh_key(fund)
    node.send_value(bob, 1, sender=key).wait()  # the node object now knows nonce 1 is next
    signed = key.sign_transaction(  # ... but another wallet of the key uses it
        {
            "to": bob,
            "value": 1,
            "gas": 21_000,
            "nonce": 1,
            "gasPrice": int(node.request("eth_gasPrice", []), 16) * 2,
            "chainId": node.chain_id,
        }
    )
    node.request("eth_sendRawTransaction", ["0x" + signed.raw_transaction.hex()])
    while mined_count(node, key.address) < 2:
        time.sleep(0.01)
    after = node.send_value(bob, 1, sender=key)  # takes 1, told "nonce too low", reads 2
    after.wait()
    assert nonce_of(node, after.hash) == 2


def gap(node: abigen.Node, fund: Fund) -> tuple[LocalAccount, int]:
    """A fresh key and its next nonce n: a send with nonce n + 1 waits for n."""
    key = fresh_key(fund)
    return key, mined_count(node, key.address)


def test_a_wait_times_out_at_its_deadline(
    devnode: DevNode, node: abigen.Node, fund: Fund, bob: str
) -> None:
    if node.endpoint != devnode.ipc_path:
        pytest.skip("once per node: a second of waiting each")
    key, n = gap(node, fund)
    stuck = node.send_value(bob, 1, sender=key, nonce=n + 1)
    began = time.monotonic()
    with pytest.raises(abigen.TransactionTimeout) as caught:
        stuck.wait(timeout=1)
    took = time.monotonic() - began
    assert caught.value.hash == stuck.hash
    assert 1 <= took < 5
    node.send_value(bob, 1, sender=key, nonce=n).wait()  # fill the gap: both mine
    assert stuck.wait().status == 1


def test_a_replaced_transaction_names_its_replacement(
    node: abigen.Node, fund: Fund, bob: str, carol: str
) -> None:
    key, n = gap(node, fund)
    original = node.send_value(bob, 1, sender=key, nonce=n + 1)
    fees = original._origin.fees  # pyright: ignore[reportPrivateUsage]
    bumped: dict[str, Any] = {name: fee * 2 + 1 for name, fee in fees.items()}
    options = {
        {
            "gasPrice": "gas_price",
            "maxFeePerGas": "max_fee_per_gas",
            "maxPriorityFeePerGas": "max_priority_fee_per_gas",
        }[name]: fee
        for name, fee in bumped.items()
    }
    other = node.send_value(carol, 2, sender=key, nonce=n + 1, **options)
    node.send_value(bob, 1, sender=key, nonce=n).wait()
    with pytest.raises(abigen.TransactionReplaced) as caught:
        original.wait(timeout=30, poll_interval=0.02)
    replaced = caught.value
    assert (replaced.hash, replaced.replacement_hash, replaced.reason) == (
        original.hash,
        other.hash,
        "replaced",
    )
    assert replaced.replacement.transaction_hash == other.hash
    assert replaced.replacement.status == 1


@pytest.mark.parametrize("how", ["speed_up", "cancel"])
def test_a_sped_up_or_cancelled_transaction_is_replaced_by_the_new_one(
    node: abigen.Node, fund: Fund, bob: str, how: str
) -> None:
    key, n = gap(node, fund)
    original = node.send_value(bob, 5, sender=key, nonce=n + 1)
    again = original.speed_up() if how == "speed_up" else original.cancel()
    assert again.hash != original.hash
    node.send_value(bob, 1, sender=key, nonce=n).wait()
    with pytest.raises(abigen.TransactionReplaced) as caught:
        original.wait(timeout=30, poll_interval=0.02)
    expected = "repriced" if how == "speed_up" else "cancelled"
    assert (caught.value.replacement_hash, caught.value.reason) == (again.hash, expected)
    assert again.wait().status == 1
    mined = node.request("eth_getTransactionByHash", [again.hash])
    assert int(mined["value"], 16) == (5 if how == "speed_up" else 0)
    assert mined["to"].lower() == (bob if how == "speed_up" else key.address).lower()


def test_an_explicit_fee_below_the_replacement_rule_is_refused(
    node: abigen.Node, fund: Fund, bob: str
) -> None:
    key, n = gap(node, fund)
    original = node.send_value(bob, 1, sender=key, nonce=n + 1)
    fees = original._origin.fees  # pyright: ignore[reportPrivateUsage]
    with pytest.raises(ValueError, match="cannot replace"):
        if "gasPrice" in fees:
            original.speed_up(gas_price=fees["gasPrice"])
        else:
            original.speed_up(max_fee_per_gas=fees["maxFeePerGas"])
    node.send_value(bob, 1, sender=key, nonce=n).wait()
    assert original.wait().status == 1  # nothing else was sent


def test_a_node_managed_send_is_sped_up(devnode: DevNode, node: abigen.Node, bob: str) -> None:
    # The node signs (eth_sendTransaction); the wait and speed_up read nonce and fees back.
    if devnode.ipc_path != node.endpoint:
        pytest.skip("once per node")
    sender = node.accounts[-1]  # anvil's tenth account, geth's only one: used by no other test here
    n = mined_count(node, sender)
    original = node.send_value(bob, 1, sender=sender, nonce=n + 1)
    again = original.speed_up()
    node.send_value(bob, 1, sender=sender, nonce=n).wait()
    with pytest.raises(abigen.TransactionReplaced) as caught:
        original.wait(timeout=30, poll_interval=0.02)
    assert (caught.value.replacement_hash, caught.value.reason) == (again.hash, "repriced")


def test_confirmations_wait_for_blocks_on_top(node: abigen.Node, fund: Fund, bob: str) -> None:
    key = fresh_key(fund)
    tx = node.send_value(bob, 1, sender=key)
    block = tx.wait().block_number
    with pytest.raises(abigen.TransactionTimeout, match=f"did not reach block {block + 2}"):
        tx.wait(timeout=0.3, confirmations=3)  # dev nodes mine only on transactions
    while node.block_number < block + 2:
        node.send_value(bob, 1, sender=key).wait()
    assert tx.wait(timeout=5, confirmations=3).block_number == block


def test_a_dropped_transaction_raises_within_a_few_polls(
    devnode: DevNode, node: abigen.Node, fund: Fund, bob: str, on_geth: bool
) -> None:
    if on_geth:
        pytest.skip("geth has no RPC that drops a pooled transaction (anvil_dropTransaction)")
    key = fresh_key(fund)
    node.request("evm_setAutomine", [False])
    try:
        tx = node.send_value(bob, 1, sender=key)
        node.request("anvil_dropTransaction", [tx.hash])
        began = time.monotonic()
        with pytest.raises(abigen.TransactionDropped) as caught:
            tx.wait(timeout=30, poll_interval=0.02)
        assert caught.value.hash == tx.hash
        assert time.monotonic() - began < 10
    finally:
        node.request("evm_setAutomine", [True])
    again = node.send_value(bob, 1, sender=key)  # the dropped nonce is used again: no gap
    again.wait()
    assert nonce_of(node, again.hash) == 0


@pytest.fixture(scope="module")
def distinct_balances(node: abigen.Node, fund: Fund) -> dict[str, int]:
    """Eight fresh addresses holding 1..8 wei."""
    balances = {Account.create().address: wei for wei in range(1, 9)}
    for address, wei in balances.items():
        fund(address, wei)
    return balances


@pytest.mark.parametrize("transport", ["http", "ipc", "ws"])
def test_one_sync_node_serves_many_threads_at_once(
    devnode: DevNode, node: abigen.Node, distinct_balances: dict[str, int], transport: str
) -> None:
    # Each thread asks for its own address's balance: an answer crossing to another thread
    # (a shared socket read out of turn) would show as a wrong balance.
    if node.endpoint != devnode.ipc_path:
        pytest.skip("one run per node and transport")
    target = {"http": devnode.http_url, "ipc": devnode.ipc_path, "ws": devnode.ws_url}[transport]
    shared = abigen.connect(target)
    wrong: list[tuple[int, int]] = []

    def reader(address: str, wei: int) -> None:
        for _ in range(50):
            found = shared.get_balance(address)
            if found != wei:
                wrong.append((wei, found))

    threads = [threading.Thread(target=reader, args=item) for item in distinct_balances.items()]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        shared.close()
    assert wrong == []


def test_the_async_face_cancels_and_learns_it_was_replaced(
    devnode: DevNode, node: abigen.Node, fund: Fund, bob: str
) -> None:
    if node.endpoint != devnode.ipc_path:
        pytest.skip("once per node")
    key, n = gap(node, fund)

    async def main() -> tuple[abigen.TransactionReplaced, abigen.AsyncTransaction]:
        async with await abigen.connect_async(devnode.ws_url) as anode:
            original = await anode.send_value(bob, 1, sender=key, nonce=n + 1)
            cancel = await original.cancel()
            await (await anode.send_value(bob, 1, sender=key, nonce=n)).wait()
            try:
                await original.wait(timeout=30, poll_interval=0.02)
            except abigen.TransactionReplaced as replaced:
                assert (await cancel.wait()).status == 1
                return replaced, cancel
            raise AssertionError("the original was mined")

    replaced, cancel = asyncio.run(main())
    assert (replaced.replacement_hash, replaced.reason) == (cancel.hash, "cancelled")


def test_a_node_managed_send_anvil_drops_at_once_raises_dropped(
    node: abigen.Node, alice: str, bob: str, on_geth: bool
) -> None:
    # The case: anvil accepts a send with too little gas to run, then drops it before
    # the wait ever sees it (its nonce unknown to the wait). geth refuses such a send at once.
    if on_geth:
        pytest.skip("geth refuses a send below its intrinsic gas: nothing is accepted to drop")
    from bindings.token import Token

    token = Token.deploy(node, "Gold", "GLD", 1_000, sender=alice)
    tx = token.transfer(bob, 1, sender=alice, gas=21_500)
    began = time.monotonic()
    with pytest.raises(abigen.TransactionDropped, match="neither as pending nor as mined"):
        tx.wait(timeout=30)
    assert time.monotonic() - began < 10  # a few polls, not the timeout
    assert token.transfer(bob, 1, sender=alice).wait().status == 1  # nothing left stuck
