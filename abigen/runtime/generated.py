"""The runtime API of generated bindings: for generated code; not a user API; may change
between versions.

Generated modules import this module as `_rt` (and the codec as `_c`). Users import the
user API from `abigen` or `abigen.runtime` instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from abigen.runtime.aliases import BlockId, ChecksumAddress, Sender
from abigen.runtime.asynccontract import (
    AsyncContract,
    AsyncContractFunction,
    AsyncNoArgsPayable,
    AsyncNoArgsSend,
    AsyncNoArgsView,
    AsyncSend,
    AsyncView,
)
from abigen.runtime.codec import new_struct
from abigen.runtime.contract import (
    AnyFunction,
    Contract,
    ContractBase,
    ContractFunction,
    FunctionAbi,
    NoArgsPayable,
    NoArgsSend,
    NoArgsView,
    Send,
    View,
    empty,
    encode_arguments,
    events_of,
    function,
    no_args,
    registry,
    signatures,
    single,
)
from abigen.runtime.events import (
    AsyncEventQueries,
    AsyncEventQuery,
    Event,
    EventQueries,
    EventQuery,
    EventSpec,
    LogMeta,
    TopicHash,
)
from abigen.runtime.events import query as query
from abigen.runtime.linking import deploy, deploy_async, deploy_code, encode_deploy, link_offline
from abigen.runtime.node import Node
from abigen.runtime.prepared import PreparedCall
from abigen.runtime.registry import package
from abigen.runtime.reverts import CustomError
from abigen.runtime.tx import (
    AsyncTransaction,
    CallOptions,
    PayableCallOptions,
    PayableTxOptions,
    Transaction,
    TxOptions,
)
from abigen.runtime.values import show, tuple_repr
from abigen.runtime.watch import AsyncEventWatch, EventWatch

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias, TypeVar

    from typing_extensions import Unpack as Unpack

    from abigen.runtime.asyncnode import AsyncNode as AsyncNode

    _T = TypeVar("_T")
    Filter: TypeAlias = "_T | Sequence[_T] | None"
    """An event filter on an indexed argument: a value, any of several values, or None (any)."""

__all__ = [
    "AnyFunction",
    "AsyncContract",
    "AsyncContractFunction",
    "AsyncEventQueries",
    "AsyncEventQuery",
    "AsyncEventWatch",
    "AsyncNoArgsPayable",
    "AsyncNoArgsSend",
    "AsyncNoArgsView",
    "AsyncSend",
    "AsyncTransaction",
    "AsyncView",
    "BlockId",
    "CallOptions",
    "ChecksumAddress",
    "Contract",
    "ContractBase",
    "ContractFunction",
    "CustomError",
    "Event",
    "EventQueries",
    "EventQuery",
    "EventSpec",
    "EventWatch",
    "FunctionAbi",
    "LogMeta",
    "NoArgsPayable",
    "NoArgsSend",
    "NoArgsView",
    "Node",
    "PayableCallOptions",
    "PayableTxOptions",
    "PreparedCall",
    "Send",
    "Sender",
    "TopicHash",
    "Transaction",
    "TxOptions",
    "View",
    "deploy",
    "deploy_async",
    "deploy_code",
    "empty",
    "encode_arguments",
    "encode_deploy",
    "events_of",
    "function",
    "link_offline",
    "new_struct",
    "no_args",
    "package",
    "query",
    "registry",
    "show",
    "signatures",
    "single",
    "tuple_repr",
]
