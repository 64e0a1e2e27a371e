"""Contracts the e2e suites share; the node fixtures live in tests/conftest.py."""

from __future__ import annotations

import pytest
from bindings.token import Token
from bindings.type_zoo import TypeZoo

import abigen


@pytest.fixture()
def token(node: abigen.Node, alice: str) -> Token:
    return Token.deploy(node, "Gold", "GLD", 1_000_000, sender=alice)


@pytest.fixture(scope="session")
def zoo(node: abigen.Node, alice: str) -> TypeZoo:
    return TypeZoo.deploy(node, 42, "zoo", sender=alice, value=7)
