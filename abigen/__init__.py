"""abigen: typed Python bindings for EVM contracts, generated from their ABI.

from abigen import connect
node = connect("http://127.0.0.1:8545")
"""

from abigen.runtime import (
    AbigenError,
    ContractError,
    CustomError,
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
