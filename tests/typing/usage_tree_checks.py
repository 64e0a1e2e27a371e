"""Type-checked, never run: user code against a project tree's package types precisely.

The package's `__init__` imports modules lazily; type checkers still see every class.
"""

from __future__ import annotations

from bindings.tree import (
    Clashes,
    Config,
    HooksSrcLibraries,
    HooksTestLibraries,
    IERC20AcmeTokenLibContracts,
    IERC20SrcInterfaces,
    Registry,
    TestHelper,
    Token,
    VaultV0_8_15,
    VaultV0_8_26,
)
from bindings.tree.clashes import ClashesEvent, PausedError, PausedEvent
from bindings.tree.pool_manager import PoolManager
from bindings.tree.router import Router
from bindings.tree.structs import PoolKey
from typing_extensions import assert_type

import abigen
from abigen.runtime import ChecksumAddress


def clashes(node: abigen.Node, address: str) -> None:
    c = Clashes(address, node)
    assert_type(c.decimals(), int)
    assert_type(c.DECIMALS(), int)  # ALL_CAPS getters keep their spelling
    assert_type(c.DOMAIN_SEPARATOR(), bytes)
    assert_type(c.getX(), int)
    assert_type(c.get_X(), int)
    assert_type(c.mint_for(address, 1, sender=address), abigen.Transaction)
    assert_type(c.mintFor(address, 1, sender=address), abigen.Transaction)
    assert_type(c.parse_json_string("{}", "a"), str)  # the real parseJsonString
    assert_type(c.parseJson_string("{}"), bytes)  # the overload parseJson(string)
    assert_type(c.parse_json_string_string("{}", "a"), bytes)
    assert_type(c.address_(), ChecksumAddress)
    assert_type(c.events.PausedEvent.get_logs(), list[PausedEvent])
    assert_type(c.events.ClashesEvent.get_logs(id=1), list[ClashesEvent])
    assert_type(Clashes.PausedError, type[PausedError])


def tree(node: abigen.Node, address: str) -> None:
    assert_type(Config(address, node).VERSION(), str)
    assert_type(Config(address, node).version(), int)
    assert_type(VaultV0_8_26(address, node).max_deposit(address), int)
    assert_type(VaultV0_8_15(address, node).total_assets(), int)
    assert_type(HooksSrcLibraries(address, node).is_valid_hook_address(address), bool)
    assert_type(HooksTestLibraries(address, node).set_up(sender=address), abigen.Transaction)
    assert_type(IERC20AcmeTokenLibContracts(address, node).decimals(), int)
    assert_type(IERC20SrcInterfaces(address, node).balance_of(address), int)
    assert_type(Registry(address, node).get_implementation(b"\x00" * 4), ChecksumAddress)
    assert_type(Token(address, node).balance_of(address), int)
    assert_type(TestHelper(address, node).set_up(sender=address), abigen.Transaction)


def shared_struct(node: abigen.Node, address: str) -> None:
    key = PoolKey(address, address.lower(), 3000, "0x" + "00" * 32)  # plain str in
    assert_type(key.currency0, ChecksumAddress)  # precise types out
    assert_type(key.salt, bytes)
    assert_type(Router(address, node).quote(key), PoolKey)
    assert_type(PoolManager(address, node).initialize(key, 1, sender=address), abigen.Transaction)
