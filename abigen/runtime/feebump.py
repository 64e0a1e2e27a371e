"""Fees for a transaction that replaces a pending one of the same nonce (speed_up, cancel).

Nodes take a replacement only if it pays at least 10 % more than the one it replaces (geth,
anvil, erigon, nethermind: both the fee cap and the priority fee of an EIP-1559 transaction,
the gas price of a legacy one). Bumped fees never fall below what the node suggests now.
"""

from __future__ import annotations

from collections.abc import Mapping

NODE_RULE = 10  # per cent a replacement must add, at least
_OPTIONS = {
    "gasPrice": "gas_price",
    "maxFeePerGas": "max_fee_per_gas",
    "maxPriorityFeePerGas": "max_priority_fee_per_gas",
}


def check_bump(percent: object) -> None:
    if isinstance(percent, bool) or not isinstance(percent, int) or percent < NODE_RULE:
        raise ValueError(
            f"fee_bump_percent must be an int >= {NODE_RULE} (nodes take a replacement only "
            f"if it pays {NODE_RULE} % more), got {percent!r:.40}"
        )


def raised(fee: int, percent: int) -> int:
    """`fee` plus `percent` per cent, rounded up, and at least 1 wei more."""
    return max(fee + 1, -(-fee * (100 + percent) // 100))


def bumped_fees(
    old: Mapping[str, int],
    suggested: Mapping[str, int],
    percent: int,
    given: Mapping[str, int],
) -> dict[str, int]:
    """The fees of a replacement of a transaction that paid `old` (JSON-RPC names): each
    raised by `percent` and at least `suggested`, or as `given` (TxOptions names), which must
    still satisfy the node's rule (else a ValueError, before anything is sent)."""
    legacy = "gasPrice" in old
    keys = ("gasPrice",) if legacy else ("maxFeePerGas", "maxPriorityFeePerGas")
    for key, option in _OPTIONS.items():
        if key not in keys and option in given:
            kind = "legacy (gas_price)" if legacy else "EIP-1559 (max fees)"
            raise ValueError(f"{option} does not fit: the transaction to replace is {kind}")
    # A legacy transaction on a London chain: the suggested fee cap is its price to beat.
    floor = dict(suggested)
    if legacy and "gasPrice" not in floor:
        floor["gasPrice"] = floor.get("maxFeePerGas", 0)
    fees: dict[str, int] = {}
    for key in keys:
        option = _OPTIONS[key]
        if option in given:
            least = -(-old[key] * (100 + NODE_RULE) // 100)
            if given[option] < least:
                raise ValueError(
                    f"{option}={given[option]} cannot replace the pending transaction: it needs "
                    f"at least {least} ({NODE_RULE} % over {old[key]})"
                )
            fees[key] = given[option]
        else:
            fees[key] = max(raised(old[key], percent), floor.get(key, 0))
    if not legacy and "max_fee_per_gas" not in given:
        fees["maxFeePerGas"] = max(fees["maxFeePerGas"], fees["maxPriorityFeePerGas"])
    return fees
