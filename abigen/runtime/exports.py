"""The user API: each public name of `abigen.runtime` (and `abigen`) -> the module defining it.

One table for both packages' lazy `__getattr__` and `__all__`; a test checks that their
`if TYPE_CHECKING:` import blocks say the same. What generated code needs besides lives in
`abigen.runtime.generated`.
"""

from __future__ import annotations

USER_API = {
    "AbigenError": "errors",
    "AsyncContract": "asynccontract",
    "AsyncDynamicContract": "dynamic",
    "AsyncEventWatch": "watch",
    "AsyncNode": "asyncnode",
    "AsyncTransaction": "tx",
    "BatchRefused": "errors",
    "Block": "chainrecords",
    "BlockId": "aliases",
    "ChecksumAddress": "aliases",
    "Contract": "contract",
    "ContractError": "reverts",
    "CustomError": "reverts",
    "DecodingError": "errors",
    "Deployment": "receipt",
    "DynamicContract": "dynamic",
    "DynamicError": "dynamic",
    "DynamicEvent": "dynamic",
    "EncodingError": "errors",
    "Event": "events",
    "EventSource": "receipt",
    "EventWatch": "watch",
    "FeeSuggestion": "chainrecords",
    "LinkError": "errors",
    "LogMeta": "events",
    "MemberLookupError": "dynamic",
    "Node": "node",
    "NodeError": "errors",
    "NodeUnreachable": "errors",
    "Panic": "reverts",
    "PreparedCall": "prepared",
    "Receipt": "receipt",
    "Revert": "reverts",
    "RpcError": "errors",
    "Sender": "aliases",
    "TopicHash": "events",
    "Transaction": "tx",
    "TransactionDropped": "txerrors",
    "TransactionInfo": "chainrecords",
    "TransactionReplaced": "txerrors",
    "TransactionTimeout": "errors",
    "TxOptions": "tx",
    "connect": "node",
    "connect_async": "asyncnode",
}
