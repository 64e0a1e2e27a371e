"""The abigen runtime: what generated bindings run on. Its user API is exported here (and from
`abigen`); generated code also uses `abigen.runtime.generated`, which is not a user API.

Names load on first use: no web3 until a node is connected, and `from abigen.runtime import
codec` (the client's decode and inspect, the generator) pays for nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from abigen.runtime.exports import USER_API

if TYPE_CHECKING:
    from abigen.runtime.aliases import BlockId, ChecksumAddress, Sender
    from abigen.runtime.asynccontract import AsyncContract
    from abigen.runtime.asyncnode import AsyncNode, connect_async
    from abigen.runtime.chainrecords import Block, FeeSuggestion, TransactionInfo
    from abigen.runtime.contract import Contract
    from abigen.runtime.dynamic import (
        AsyncDynamicContract,
        DynamicContract,
        DynamicError,
        DynamicEvent,
        MemberLookupError,
    )
    from abigen.runtime.errors import (
        AbigenError,
        BatchRefused,
        DecodingError,
        EncodingError,
        LinkError,
        NodeError,
        NodeUnreachable,
        RpcError,
        TransactionTimeout,
    )
    from abigen.runtime.events import Event, LogMeta, TopicHash
    from abigen.runtime.node import Node, connect
    from abigen.runtime.prepared import PreparedCall
    from abigen.runtime.receipt import Deployment, EventSource, Receipt
    from abigen.runtime.reverts import ContractError, CustomError, Panic, Revert
    from abigen.runtime.tx import AsyncTransaction, Transaction, TxOptions
    from abigen.runtime.txerrors import TransactionDropped, TransactionReplaced
    from abigen.runtime.watch import AsyncEventWatch, EventWatch


def __getattr__(name: str) -> Any:
    home = USER_API.get(name)
    if home is None:
        raise AttributeError(f"module 'abigen.runtime' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"abigen.runtime.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AbigenError",
    "AsyncContract",
    "AsyncDynamicContract",
    "AsyncEventWatch",
    "AsyncNode",
    "AsyncTransaction",
    "BatchRefused",
    "Block",
    "BlockId",
    "ChecksumAddress",
    "Contract",
    "ContractError",
    "CustomError",
    "DecodingError",
    "Deployment",
    "DynamicContract",
    "DynamicError",
    "DynamicEvent",
    "EncodingError",
    "Event",
    "EventSource",
    "EventWatch",
    "FeeSuggestion",
    "LinkError",
    "LogMeta",
    "MemberLookupError",
    "Node",
    "NodeError",
    "NodeUnreachable",
    "Panic",
    "PreparedCall",
    "Receipt",
    "Revert",
    "RpcError",
    "Sender",
    "TopicHash",
    "Transaction",
    "TransactionDropped",
    "TransactionInfo",
    "TransactionReplaced",
    "TransactionTimeout",
    "TxOptions",
    "connect",
    "connect_async",
]
