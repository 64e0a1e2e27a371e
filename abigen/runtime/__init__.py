"""What generated bindings import. Light on purpose: no web3 until a node is connected."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    # Re-exported for generated annotations only (they never run: `from __future__ import annotations`).
    from eth_account.signers.local import LocalAccount
    from eth_typing import ChecksumAddress as ChecksumAddress
    from typing_extensions import Unpack as Unpack

    from abigen.runtime.codec import new_struct
    from abigen.runtime.contract import (
        AnyFunction,
        Contract,
        ContractFunction,
        empty,
        encode_arguments,
        function,
        function_by_signature,
        registry,
        single,
    )
    from abigen.runtime.errors import (
        AbigenError,
        ContractError,
        CustomError,
        NodeError,
        NodeUnreachable,
        Panic,
        Revert,
        RpcError,
        TransactionTimeout,
    )
    from abigen.runtime.events import Event, EventQuery, EventSpec, LogMeta, TopicHash
    from abigen.runtime.linking import LinkError, deploy_code, link_offline
    from abigen.runtime.node import Node, connect
    from abigen.runtime.tx import Receipt, Transaction, TxOptions
    from abigen.runtime.values import show, tuple_repr
else:
    # Generic bases such as ContractFunction[list[ChecksumAddress]] are evaluated at import:
    # at run time the NewType is just str, and importing eth_typing would cost ~90 ms.
    ChecksumAddress = str

Sender: TypeAlias = "str | LocalAccount"
"""Who sends: an address the node manages, or a local eth_account account (signs locally)."""
BlockId: TypeAlias = "int | str"
"""A block number, a tag ('latest', 'pending', 'safe', 'finalized', 'earliest') or a hash."""

_HOMES = {
    "AbigenError": "errors",
    "AnyFunction": "contract",
    "Contract": "contract",
    "ContractError": "errors",
    "ContractFunction": "contract",
    "CustomError": "errors",
    "Event": "events",
    "EventQuery": "events",
    "EventSpec": "events",
    "LinkError": "linking",
    "LogMeta": "events",
    "Node": "node",
    "NodeError": "errors",
    "NodeUnreachable": "errors",
    "Panic": "errors",
    "Receipt": "tx",
    "Revert": "errors",
    "RpcError": "errors",
    "TopicHash": "events",
    "Transaction": "tx",
    "TransactionTimeout": "errors",
    "TxOptions": "tx",
    "connect": "node",
    "deploy_code": "linking",
    "empty": "contract",
    "encode_arguments": "contract",
    "function": "contract",
    "function_by_signature": "contract",
    "link_offline": "linking",
    "new_struct": "codec",
    "registry": "contract",
    "show": "values",
    "single": "contract",
    "tuple_repr": "values",
}


def __getattr__(name: str) -> Any:
    # Loaded on first use: `from abigen.runtime import codec` (the client's decode and
    # inspect, the generator) must not pay for transactions, nodes and events.
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'abigen.runtime' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"abigen.runtime.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AbigenError",
    "AnyFunction",
    "BlockId",
    "Contract",
    "ContractError",
    "ContractFunction",
    "CustomError",
    "Event",
    "EventQuery",
    "EventSpec",
    "LinkError",
    "LogMeta",
    "Node",
    "NodeError",
    "NodeUnreachable",
    "Panic",
    "Receipt",
    "Revert",
    "RpcError",
    "Sender",
    "TopicHash",
    "Transaction",
    "TransactionTimeout",
    "TxOptions",
    "connect",
    "deploy_code",
    "empty",
    "encode_arguments",
    "function",
    "function_by_signature",
    "link_offline",
    "new_struct",
    "registry",
    "show",
    "single",
    "tuple_repr",
]
