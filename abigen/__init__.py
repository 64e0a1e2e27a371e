"""abigen: typed Python bindings for EVM contracts, generated from their ABI.

    from abigen import connect
    node = connect("http://127.0.0.1:8545")

The runtime names below load on first use, so the generator and `abigen --help` start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from abigen.runtime import (
        AbigenError,
        ContractError,
        CustomError,
        LinkError,
        Node,
        NodeError,
        NodeUnreachable,
        Panic,
        Receipt,
        Revert,
        RpcError,
        Transaction,
        TransactionTimeout,
        connect,
    )

__all__ = [
    "AbigenError",
    "ContractError",
    "CustomError",
    "LinkError",
    "Node",
    "NodeError",
    "NodeUnreachable",
    "Panic",
    "Receipt",
    "Revert",
    "RpcError",
    "Transaction",
    "TransactionTimeout",
    "connect",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("abigen.runtime"), name)
    raise AttributeError(f"module 'abigen' has no attribute {name!r}")
