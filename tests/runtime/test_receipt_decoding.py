"""Receipts decoded by any binding, offline: topic collisions (ERC-20 and ERC-721 Transfer),
anonymous events, events_of across bindings, and the package registry of the golden
`fixtures` package (errors bubbled up from a callee, events of the package's other contracts,
imported only when first needed). Receipts are built from hand-made logs: no node needed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bindings.fixtures.pool import Pool, Slippage, Swap, Sync
from bindings.fixtures.router import Router
from bindings.fixtures.token_ import Token as PackageToken
from bindings.fixtures.token_ import Transfer as PackageTransfer
from bindings.token import Token, Transfer

from abigen.runtime.dynamic import DynamicContract, DynamicEvent
from abigen.runtime.keccak import keccak256
from abigen.runtime.receipt import Receipt
from abigen.runtime.registry import receipt_events
from abigen.runtime.reverts import ContractError, decode_revert

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
A = "0x" + "aa" * 20
B = "0x" + "bb" * 20
ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"


def _event(name: str, inputs: Sequence[tuple[str, str, bool]], anonymous: bool = False) -> Any:
    return {
        "type": "event",
        "name": name,
        "anonymous": anonymous,
        "inputs": [{"name": n, "type": t, "indexed": i} for n, t, i in inputs],
    }


ERC20 = DynamicContract.from_abi(
    [
        _event(
            "Transfer",
            [("from", "address", True), ("to", "address", True), ("value", "uint256", False)],
        )
    ],
    name="ERC20",
)
ERC721 = DynamicContract.from_abi(
    [
        _event(
            "Transfer",
            [("from", "address", True), ("to", "address", True), ("id", "uint256", True)],
        )
    ],
    name="ERC721",
)
ANONYMOUS = DynamicContract.from_abi(
    [_event("Noted", [("who", "address", True), ("amount", "uint256", False)], anonymous=True)],
    name="Notes",
)
TRANSFER = keccak256(b"Transfer(address,address,uint256)")


def topic(value: int | str | bytes) -> str:
    if isinstance(value, str):
        value = int(value, 16)
    raw = value if isinstance(value, bytes) else value.to_bytes(32, "big")
    return "0x" + raw.hex()


def log(address: str, topics: Sequence[str], data: bytes, index: int) -> dict[str, Any]:
    return {
        "address": address,
        "topics": list(topics),
        "data": "0x" + data.hex(),
        "blockNumber": "0x1",
        "blockHash": "0x" + "11" * 32,
        "transactionHash": "0x" + "22" * 32,
        "transactionIndex": "0x0",
        "logIndex": hex(index),
        "removed": False,
    }


def receipt(logs: Sequence[dict[str, Any]], events: Sequence[Any] = ()) -> Receipt:
    return Receipt("0x" + "22" * 32, 1, "0x" + "11" * 32, 1, 21_000, 1, None, logs, events)


# An ERC-20 transfer of 5, an ERC-721 transfer of token 7, and an anonymous note of 9.
LOGS = [
    log(A, [topic(TRANSFER), topic(ALICE), topic(B)], (5).to_bytes(32, "big"), 0),
    log(B, [topic(TRANSFER), topic(ALICE), topic(A), topic(7)], b"", 1),
    log(A, [topic(ALICE)], (9).to_bytes(32, "big"), 2),
]


def test_a_shared_topic_is_decoded_by_the_binding_whose_event_fits() -> None:
    fungible, nft = receipt(LOGS).decode_events(ERC20, ERC721)
    assert isinstance(fungible, DynamicEvent) and isinstance(nft, DynamicEvent)
    assert (type(fungible).__name__, fungible.fields["value"]) == ("Transfer", 5)
    assert type(fungible) is ERC20.event_type("Transfer")
    assert type(nft) is ERC721.event_type("Transfer") and nft.fields["id"] == 7
    # The order of the bindings does not matter where only one fits.
    assert receipt(LOGS).decode_events(ERC721, ERC20) == [fungible, nft]
    # A generated binding decodes the ERC-20 one; the ERC-721 log does not fit it.
    [generated] = receipt(LOGS).decode_events(Token)
    assert isinstance(generated, Transfer) and generated.value == 5
    assert receipt(LOGS).events_of(Transfer) == [generated]


def test_a_bound_contract_decodes_only_its_own_address() -> None:
    at_a, at_b = object.__new__(ERC721), object.__new__(ERC721)  # decoding needs no node
    at_a.address, at_b.address = A, B
    assert receipt(LOGS).decode_events(at_a) == []
    [only] = receipt(LOGS).decode_events(at_b)
    assert isinstance(only, DynamicEvent) and only.log.address.lower() == B


def test_anonymous_events_are_tried_after_every_topic_and_only_where_nothing_else_fits() -> None:
    decoded = receipt(LOGS).decode_events(ERC20, ANONYMOUS)
    assert [type(e).__name__ for e in decoded] == ["Transfer", "Noted"]
    note = decoded[1]
    assert isinstance(note, DynamicEvent) and note.fields == {"who": ALICE, "amount": 9}
    # events_of an anonymous kind takes only logs no decoded event holds.
    noted = ANONYMOUS.event_type("Noted")
    claimed = receipt(LOGS, decoded[:1])
    assert [e.fields["amount"] for e in claimed.events_of(noted)] == [9]
    assert receipt(LOGS, decoded).events_of(noted) == [note]


def test_events_of_finds_its_events_held_as_another_bindings_class() -> None:
    held = receipt_events(LOGS, A, PackageToken.EVENTS)
    assert [type(e) for e in held] == [PackageTransfer]
    [mine] = receipt(LOGS, held).events_of(Transfer)  # the lone module's Transfer class
    assert isinstance(mine, Transfer) and (mine.from_, mine.value) == (ALICE, 5)
    assert receipt([], held).events_of(PackageTransfer) == list(held)  # events without logs


def test_a_callee_error_decodes_with_the_package_registry() -> None:
    data = Slippage.SELECTOR + Slippage.ARGS.encode((3, 4))
    raised = decode_revert(data, Router.ERRORS)
    assert isinstance(raised, Pool.Slippage) and (raised.amount_out, raised.minimum) == (3, 4)
    # A module generated on its own knows only its own errors.
    assert type(decode_revert(data, Token.ERRORS)) is ContractError


def test_the_registry_decodes_the_package_s_events_from_any_emitter() -> None:
    sync = log(B, [topic(Sync.TOPIC)], (1).to_bytes(32, "big") + (2).to_bytes(32, "big"), 0)
    events = receipt_events([sync, *LOGS], A, Router.EVENTS)
    assert [type(e) for e in events] == [Sync, PackageTransfer]
    # A lone module decodes its own events from any emitter, others not at all.
    assert [type(e) for e in receipt_events([sync, *LOGS], B, Token.EVENTS)] == [Transfer]
    assert Swap.TOPIC in Pool.EVENTS and Swap.TOPIC not in Router.EVENTS


LOADED = """
import sys
from bindings.fixtures.router import Router
from abigen.runtime.reverts import decode_revert

def loaded():
    return sorted(m for m in sys.modules if m.startswith("bindings.fixtures."))
"""


def run(script: str) -> None:
    subprocess.run([sys.executable, "-c", LOADED + script], cwd=GOLDEN, check=True)


def test_one_module_of_a_package_imports_only_the_contracts_a_lookup_needs() -> None:
    # An unknown selector imports nothing; Pool's Slippage imports the Pool's module only.
    run(
        "before = loaded()\n"
        "assert before == ['bindings.fixtures.router'], before\n"
        "decode_revert(bytes.fromhex('deadbeef'), Router.ERRORS)\n"
        "assert loaded() == before, loaded()\n"
        f"error = decode_revert(bytes.fromhex('{Slippage.SELECTOR.hex()}') + bytes(64), "
        "Router.ERRORS)\n"
        "assert type(error).__name__ == 'Slippage', error\n"
        "assert loaded() == ['bindings.fixtures.pool', 'bindings.fixtures.router'], loaded()\n"
    )
