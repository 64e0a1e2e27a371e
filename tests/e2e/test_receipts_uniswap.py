"""The package registry on a published tree: Uniswap v2's factory, pair, router and test ERC20
(npm builds in .cache/corpus, fetched by `make install`) generated as one package; a swap
through the router decodes the pair's events and the tokens' Transfers, none emitted by the
router, and adding liquidity the factory's PairCreated. (The router's hard-coded pair
init-code hash matches the npm pair bytecode, so pairs are found where the factory puts them.)
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

import abigen
from abigen.generate import Request, run

pytestmark = pytest.mark.e2e

CORPUS = Path(__file__).resolve().parents[2] / ".cache" / "corpus"
CORE = CORPUS / "uniswap-v2-core" / "build"
PERIPHERY = CORPUS / "uniswap-v2-periphery" / "build"
FILES = [
    CORE / "UniswapV2Factory.json",
    CORE / "UniswapV2Pair.json",
    CORE / "ERC20.json",
    PERIPHERY / "UniswapV2Router02.json",
    PERIPHERY / "WETH9.json",
]
FAR = 2**64
GAS = 400_000


@pytest.fixture(scope="module")
def uniswap(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """The generated package `uniswap_receipts`, imported from a temporary folder."""
    missing = [str(path) for path in FILES if not path.is_file()]
    if missing:
        pytest.skip(f"the Uniswap v2 corpus is not fetched (make install): {missing[0]}")
    output = run(Request([str(path) for path in FILES], "uniswap_receipts"))
    assert output.errors == []
    root = tmp_path_factory.mktemp("uniswap")
    for name, text in output.package.items():
        target = root / "uniswap_receipts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    sys.path.insert(0, str(root))
    return importlib.import_module("uniswap_receipts")


def test_a_uniswap_v2_swap_decodes_the_pair_and_the_tokens(
    node: abigen.Node, alice: str, uniswap: ModuleType
) -> None:
    erc20, router_type = uniswap.ERC20, uniswap.UniswapV2Router02
    token_a = erc20.deploy(node, 10**24, sender=alice)
    token_b = erc20.deploy(node, 10**24, sender=alice)
    weth = uniswap.WETH9.deploy(node, sender=alice)
    factory = uniswap.UniswapV2Factory.deploy(node, alice, sender=alice)
    router = router_type.deploy(node, factory.address, weth.address, sender=alice)
    for token in (token_a, token_b):
        token.approve(router.address, 10**23, sender=alice).wait()
    added = router.add_liquidity(
        token_a.address, token_b.address, 10**21, 10**21, 0, 0, alice, FAR, sender=alice
    ).wait()
    factory_module = importlib.import_module("uniswap_receipts.uniswap_v2_factory")
    pair_module = importlib.import_module("uniswap_receipts.uniswap_v2_pair")
    [created] = added.events_of(factory_module.PairCreated)
    pair = uniswap.UniswapV2Pair(created.pair, node)
    assert [type(e).__name__ for e in added.events if e.log.address == pair.address][-2:] == [
        "Sync",
        "Mint",
    ]
    path = [token_a.address, token_b.address]
    # Gas given: geth estimates on the head's timestamp, where the pair's price accumulators
    # (written once per new timestamp) cost nothing, and the swap would run out of gas.
    swap_tokens = router.swap_exact_tokens_for_tokens
    swapped = swap_tokens(1_000, 0, path, alice, FAR, sender=alice, gas=GAS).wait()
    names = [(type(e).__module__.rsplit(".", 1)[-1], type(e).__name__) for e in swapped.events]
    assert names == [
        ("erc20", "Transfer"),  # token A: alice -> pair (the router's transferFrom)
        ("erc20", "Transfer"),  # token B: pair -> alice
        ("uniswap_v2_pair", "Sync"),
        ("uniswap_v2_pair", "Swap"),
    ]
    [swap] = swapped.events_of(pair_module.Swap)
    paid, received = swapped.events[:2]
    assert (paid.log.address, paid.value) == (token_a.address, 1_000)
    assert (received.log.address, received.to) == (token_b.address, alice)
    in_a = pair.token0() == token_a.address
    assert (swap.amount0_in, swap.amount1_in) == ((1_000, 0) if in_a else (0, 1_000))
    assert swap.to == alice and received.value == (swap.amount1_out or swap.amount0_out)
    assert swapped.decode_events(pair) == list(swapped.events[2:])
    # The pair's own ERC-20 Transfer shares the topic: decoded by the pair class, where emitted.
    assert [type(e) for e in added.decode_events(pair)][-1] is pair_module.Mint
