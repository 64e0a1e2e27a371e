"""Library linking on anvil: auto-deploying libraries once per node, explicit addresses, errors.

Calculator (contracts/Libraries.sol) links MathLib, Chain and StringLib; Chain itself links
MathLib. Their bindings are in the same generated package, so Calculator.deploy can deploy
the libraries it needs, in dependency order, before the contract itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import eth_abi
import pytest
import rlp
from bindings.fixtures.calculator import Calculator
from bindings.fixtures.chain import Chain
from bindings.fixtures.math_lib import MathLib
from bindings.fixtures.string_lib import StringLib
from eth_account import Account
from eth_account.signers.local import LocalAccount

import abigen
from abigen.runtime.keccak import keccak256

Fund = Callable[[str, int], None]  # tests/conftest.py's `fund`: gas money for a new key

pytestmark = pytest.mark.e2e

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
SOURCE = "contracts/Libraries.sol"
MATH, CHAIN, STRINGS = f"{SOURCE}:MathLib", f"{SOURCE}:Chain", f"{SOURCE}:StringLib"
FAKE = {
    "MathLib": "0x" + "11" * 20,
    "Chain": "0x" + "22" * 20,
    "StringLib": "0x" + "33" * 20,
}


def _code(node: abigen.Node, address: str) -> str:
    code: str = node.request("eth_getCode", [address, "latest"])
    return code.lower()


def _nonce(node: abigen.Node, address: str) -> int:
    return int(node.request("eth_getTransactionCount", [address, "latest"]), 16)


def _create_address(sender: str, nonce: int) -> str:
    """CREATE address: keccak(rlp([sender, nonce]))[12:]."""
    return "0x" + keccak256(rlp.encode([bytes.fromhex(sender[2:]), nonce]))[12:].hex()


def _linked_from_artifact(name: str, addresses: dict[str, str]) -> bytes:
    """The artifact's unlinked creation code with each __$<hash>$__ placeholder filled in by hand."""
    text: str = json.loads((BUILD / f"{name}.json").read_text())["bytecode"].removeprefix("0x")
    for library, address in addresses.items():
        placeholder = f"__${keccak256(f'{SOURCE}:{library}'.encode()).hex()[:34]}$__"
        text = text.replace(placeholder, address[2:].lower())
    assert not re.search(r"__\$[0-9a-f]{34}\$__", text), "a placeholder was left unlinked"
    return bytes.fromhex(text)


@pytest.fixture()
def fresh(node: abigen.Node) -> Iterator[abigen.Node]:
    """A new Node object on the same anvil and transport: it has deployed no libraries yet."""
    with abigen.connect(node.endpoint) as connection:
        yield connection


@pytest.fixture(scope="module")
def deployed_libraries(node: abigen.Node, alice: str) -> dict[str, str]:
    """MathLib, Chain (linked to that MathLib) and StringLib, deployed by hand."""
    math = MathLib.deploy(node, sender=alice)
    chain = Chain.deploy(node, sender=alice, libraries={"MathLib": math.address})
    strings = StringLib.deploy(node, sender=alice)
    return {"MathLib": math.address, "Chain": chain.address, "StringLib": strings.address}


def _funded_key(fund: Fund) -> LocalAccount:
    key: LocalAccount = Account.create()
    fund(key.address, 10**20)  # gas money
    return key


def _check_calculator(calc: Calculator, base: int) -> None:
    assert calc.base() == base
    assert calc.add_base(3) == base + 3
    assert calc.sum3(1, 2, 3) == 6
    assert calc.twice(21) == 42  # Calculator -> Chain -> MathLib
    assert calc.shout("hi there") == "HI THERE!"


# ---- automatic deployment ----


# What a deploy sent is counted by the sender's nonce, not by blocks: on a shared geth a
# transaction another test sent without waiting may be sealed in between.


def test_deploy_without_libraries_deploys_them_first(fresh: abigen.Node, alice: str) -> None:
    start = _nonce(fresh, alice)
    calc = Calculator.deploy(fresh, 5, sender=alice)
    assert isinstance(calc, Calculator)
    _check_calculator(calc, 5)
    assert _nonce(fresh, alice) == start + 4  # three libraries, then the contract
    assert set(fresh.libraries) == {MATH, CHAIN, STRINGS}
    math, chain, strings = (fresh.libraries[name] for name in (MATH, CHAIN, STRINGS))
    created = [_create_address(alice, start + n) for n in range(4)]
    assert sorted(created[:3]) == sorted(a.lower() for a in (math, chain, strings))
    assert created[3] == calc.address.lower()
    assert created.index(math.lower()) < created.index(chain.lower())  # Chain links MathLib
    # Each library works on its own, and Chain was linked to the MathLib deployed before it.
    assert MathLib(math, fresh).add(2, 3) == 5
    assert Chain(chain, fresh).twice(4) == 8
    assert StringLib(strings, fresh).shout("ab") == "AB!"
    assert math[2:].lower() in _code(fresh, chain)
    calculator_code = _code(fresh, calc.address)
    assert all(a[2:].lower() in calculator_code for a in (math, chain, strings))


def test_each_library_is_deployed_once_per_node(fresh: abigen.Node, alice: str) -> None:
    first = Calculator.deploy(fresh, 1, sender=alice)
    libraries = dict(fresh.libraries)
    start = _nonce(fresh, alice)
    second = Calculator.deploy(fresh, 2, sender=alice)
    assert _nonce(fresh, alice) == start + 1  # only the contract this time
    assert second.address.lower() == _create_address(alice, start)
    assert fresh.libraries == libraries
    assert second.address != first.address
    _check_calculator(first, 1)
    _check_calculator(second, 2)
    assert all(a[2:].lower() in _code(fresh, second.address) for a in libraries.values())


def test_deploy_works_on_the_shared_node(node: abigen.Node, alice: str) -> None:
    calc = Calculator.deploy(node, 9, sender=alice)
    _check_calculator(calc, 9)
    assert {MATH, CHAIN, STRINGS} <= set(node.libraries)


def test_local_key_deploys_libraries_with_consecutive_nonces(
    fresh: abigen.Node, fund: Fund
) -> None:
    key = _funded_key(fund)
    calc = Calculator.deploy(fresh, 7, sender=key)
    _check_calculator(calc, 7)
    assert _nonce(fresh, key.address) == 4
    # Nonces 0..3, in dependency order (MathLib before Chain), the contract last.
    expected = [_create_address(key.address, n) for n in range(4)]
    libraries = {name: fresh.libraries[name].lower() for name in (MATH, CHAIN, STRINGS)}
    assert sorted(expected[:3]) == sorted(libraries.values())
    assert expected.index(libraries[MATH]) < expected.index(libraries[CHAIN])
    assert calc.address.lower() == expected[3]
    again = Calculator.deploy(fresh, 8, sender=key)
    assert again.address.lower() == _create_address(key.address, 4)
    assert _nonce(fresh, key.address) == 5
    _check_calculator(again, 8)


def test_explicit_nonce_with_auto_deployed_libraries(fresh: abigen.Node, fund: Fund) -> None:
    key = _funded_key(fund)
    try:
        calc = Calculator.deploy(fresh, 3, sender=key, nonce=0)
    except (ValueError, abigen.LinkError):
        # Refusing up front is right too, as long as nothing was sent.
        assert _nonce(fresh, key.address) == 0
        return
    _check_calculator(calc, 3)
    assert _nonce(fresh, key.address) == 4


def test_library_cache_does_not_outlive_a_chain_revert(
    fresh: abigen.Node, alice: str, on_geth: bool
) -> None:
    if on_geth:
        pytest.skip("geth --dev cannot revert its chain (no evm_snapshot/evm_revert)")
    snapshot = fresh.request("evm_snapshot", [])
    _check_calculator(Calculator.deploy(fresh, 1, sender=alice), 1)
    assert fresh.request("evm_revert", [snapshot]) is True  # the libraries are gone
    calc = Calculator.deploy(fresh, 2, sender=alice)
    _check_calculator(calc, 2)


def test_user_subclass_of_a_binding_still_links(fresh: abigen.Node, alice: str) -> None:
    class MyCalculator(Calculator):
        """A user's subclass adding a helper: library bindings are still those of Calculator."""

        def add_ten(self) -> int:
            return self.add_base(10)

    code = MyCalculator.encode_deploy(1, libraries=FAKE)
    assert code == Calculator.encode_deploy(1, libraries=FAKE)
    calc = MyCalculator.deploy(fresh, 5, sender=alice)
    assert isinstance(calc, MyCalculator)
    assert calc.add_ten() == 15
    _check_calculator(calc, 5)


# ---- explicit addresses ----


def test_explicit_short_names(
    fresh: abigen.Node, alice: str, deployed_libraries: dict[str, str]
) -> None:
    start = _nonce(fresh, alice)
    calc = Calculator.deploy(fresh, 4, sender=alice, libraries=deployed_libraries)
    assert _nonce(fresh, alice) == start + 1  # nothing but the contract was deployed
    _check_calculator(calc, 4)
    code = _code(fresh, calc.address)
    assert all(a[2:].lower() in code for a in deployed_libraries.values())


def test_explicit_fully_qualified_names_and_mixed_spellings(
    fresh: abigen.Node, alice: str, deployed_libraries: dict[str, str]
) -> None:
    qualified = {f"{SOURCE}:{name}": address for name, address in deployed_libraries.items()}
    start = _nonce(fresh, alice)
    calc = Calculator.deploy(fresh, 6, sender=alice, libraries=qualified)
    _check_calculator(calc, 6)
    mixed = {
        MATH: deployed_libraries["MathLib"].lower(),
        "Chain": deployed_libraries["Chain"],
        "StringLib": deployed_libraries["StringLib"].lower(),
    }
    again = Calculator.deploy(fresh, 7, sender=alice, libraries=mixed)
    _check_calculator(again, 7)
    assert _nonce(fresh, alice) == start + 2


def test_partial_libraries_deploy_only_the_missing_ones(
    fresh: abigen.Node, alice: str, deployed_libraries: dict[str, str]
) -> None:
    math = deployed_libraries["MathLib"]
    start = _nonce(fresh, alice)
    calc = Calculator.deploy(fresh, 2, sender=alice, libraries={"MathLib": math})
    _check_calculator(calc, 2)
    assert _nonce(fresh, alice) == start + 3  # Chain, StringLib, Calculator: MathLib was given
    assert math[2:].lower() in _code(fresh, calc.address)
    assert math[2:].lower() in _code(fresh, fresh.libraries[CHAIN])  # Chain uses the given one
    assert fresh.libraries.get(MATH, math) == math


def test_unknown_library_name_raises_link_error_before_sending(
    node: abigen.Node, alice: str, deployed_libraries: dict[str, str]
) -> None:
    start = _nonce(node, alice)
    with pytest.raises(abigen.LinkError, match="Nope"):
        Calculator.deploy(node, 1, sender=alice, libraries={"Nope": deployed_libraries["Chain"]})
    with pytest.raises(abigen.LinkError, match=r"other\.sol:MathLib"):
        Calculator.deploy(
            node, 1, sender=alice, libraries={"other.sol:MathLib": deployed_libraries["MathLib"]}
        )
    assert _nonce(node, alice) == start
    assert issubclass(abigen.LinkError, abigen.AbigenError)


def test_missing_library_without_binding_raises_before_anything_is_sent(
    fresh: abigen.Node, alice: str, deployed_libraries: dict[str, str], fund: Fund
) -> None:
    class Bare(Calculator):
        """Calculator as if its library bindings had not been generated alongside it."""

        LIBRARY_BINDINGS: Mapping[str, str] = {}

    key = _funded_key(fund)
    start = _nonce(fresh, alice)
    with pytest.raises(abigen.LinkError) as caught:
        Bare.deploy(fresh, 1, sender=alice)
    assert all(name in str(caught.value) for name in ("MathLib", "Chain", "StringLib"))
    with pytest.raises(abigen.LinkError) as partial:
        Bare.deploy(fresh, 1, sender=key, libraries={"MathLib": deployed_libraries["MathLib"]})
    assert "Chain" in str(partial.value) and "StringLib" in str(partial.value)
    assert "MathLib" not in str(partial.value)  # it was given
    assert _nonce(fresh, alice) == start
    assert _nonce(fresh, key.address) == 0
    assert fresh.libraries == {}

    calc = Bare.deploy(fresh, 3, sender=key, libraries=deployed_libraries)
    assert type(calc) is Bare
    _check_calculator(calc, 3)
    assert _nonce(fresh, key.address) == 1


# ---- offline linking ----


def test_encode_deploy_fills_the_placeholders_offline() -> None:
    argument = eth_abi.encode(["uint256"], [5])
    code = Calculator.encode_deploy(5, libraries=FAKE)
    assert code == _linked_from_artifact("Calculator", FAKE) + argument
    for name, offsets in Calculator.LIBRARIES.items():
        raw = bytes.fromhex(FAKE[name.rsplit(":", 1)[1]][2:])
        assert all(code[offset : offset + 20] == raw for offset in offsets)
    assert len(Calculator.LIBRARIES[MATH]) == 2  # two call sites, both linked

    qualified = {f"{SOURCE}:{name}": address for name, address in FAKE.items()}
    assert Calculator.encode_deploy(5, libraries=qualified) == code
    chain = Chain.encode_deploy(libraries={"MathLib": FAKE["MathLib"]})
    assert chain == _linked_from_artifact("Chain", {"MathLib": FAKE["MathLib"]})
    assert MathLib.encode_deploy() == _linked_from_artifact("MathLib", {})


def test_encode_deploy_missing_or_unknown_library_raises_link_error() -> None:
    with pytest.raises(abigen.LinkError) as caught:
        Calculator.encode_deploy(5, libraries={"MathLib": FAKE["MathLib"]})
    assert "Chain" in str(caught.value) and "StringLib" in str(caught.value)
    with pytest.raises(abigen.LinkError):
        Calculator.encode_deploy(5, libraries={})
    with pytest.raises(abigen.LinkError, match="Nope"):
        Calculator.encode_deploy(5, libraries={**FAKE, "Nope": FAKE["Chain"]})
    with pytest.raises(abigen.LinkError):
        Chain.encode_deploy(libraries={})
    with pytest.raises(ValueError):
        Calculator.encode_deploy(5, libraries={**FAKE, "MathLib": "0x1234"})
