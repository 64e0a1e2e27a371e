"""What `Node` and `AsyncNode` share besides I/O: chain pinning, and the wording of a
transport's failure. Each face sends its requests its own way and hands the answers here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from abigen.runtime import answers
from abigen.runtime.address import parse_address, to_checksum_address
from abigen.runtime.errors import AbigenError, NodeError, NodeUnreachable, clean
from abigen.runtime.hexdata import from_quantity

if TYPE_CHECKING:
    from eth_typing import ChecksumAddress


def check_chain_id_option(chain_id: object) -> None:
    """connect's and connect_async's `chain_id`: None or a positive int."""
    if chain_id is not None and (
        isinstance(chain_id, bool) or not isinstance(chain_id, int) or chain_id <= 0
    ):
        raise ValueError(f"chain_id must be a positive int, got {chain_id!r:.40}")


def transport_failure(exc: Exception, method: str, endpoint: str) -> Exception:
    """What a transport raised for `method`, as the AbigenError to raise (itself if it is one
    that needs no more words)."""
    if isinstance(exc, NodeUnreachable):
        return exc
    if isinstance(exc, NodeError):  # our transport refused what came back: say for which request
        return NodeError(f"{method}: {exc}")
    if isinstance(exc, AbigenError):
        return exc
    if isinstance(exc, OSError):  # refused/missing sockets, timeouts, requests' errors
        return NodeUnreachable.because(endpoint, exc)
    if type(exc).__module__.startswith(("web3", "websockets", "aiohttp")):
        return NodeUnreachable(f"node at {endpoint} failed: {clean(str(exc))}")
    # Anything else a transport raises comes from parsing what the node sent.
    return NodeError(
        f"{method} to {endpoint}: malformed response ({type(exc).__name__}: {clean(str(exc), 80)})"
    )


N = TypeVar("N", bound="NodeCore")


def pinned(node: N, chain_id: int | None) -> N:
    """`node`, or (connect's chain_id differing from its pin) a twin on the same provider and
    libraries, pinned to `chain_id`."""
    if chain_id is None or node.expected_chain_id == chain_id:
        return node
    twin = copy.copy(node)
    NodeCore.__init__(twin, node.endpoint, chain_id)  # a fresh chain state
    twin.libraries = node.libraries
    return twin


class NodeCore:
    """The state of a connection both faces keep: its endpoint, its libraries, and the chain.

    With `chain_id` (connect's), nothing but eth_chainId is sent until the node's chain id was
    checked equal to it; without, the first chain id seen is the one local keys sign for.
    """

    endpoint: str

    def __init__(self, endpoint: str, chain_id: int | None) -> None:
        self.endpoint = endpoint
        self.expected_chain_id = chain_id  # pinned by connect(chain_id=...)
        self._first_chain_id: int | None = None  # the first one the node reported
        self._chain_checked = chain_id is None
        # Libraries deployed through this node by abigen: "src.sol:Lib" -> address.
        self.libraries: dict[str, ChecksumAddress] = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.endpoint!r})"

    @staticmethod
    def _accounts(result: Iterable[str]) -> list[ChecksumAddress]:
        return [to_checksum_address(parse_address(a)) for a in result]

    def _failure(self, exc: Exception, method: str) -> Exception:
        return transport_failure(exc, method, self.endpoint)

    def _seen_chain_id(self, result: object) -> int:
        """An eth_chainId result, checked; the first one seen is remembered."""
        found = from_quantity(answers.Answer("eth_chainId", self.endpoint).quantity(result))
        if self._first_chain_id is None:
            self._first_chain_id = found
        return found

    def _pin_checked(self, found: int) -> None:
        """Before a pinned connection's first request: the node must be on the pinned chain."""
        expected = self.expected_chain_id
        if expected is not None and found != expected:
            raise NodeError(
                f"node at {self.endpoint} is on chain {found}, not {expected}: nothing was sent"
            )
        self._chain_checked = True

    def _signing_checked(self, found: int) -> int:
        """A chain id read before signing: the pinned one or, without a pin, the first seen."""
        expected = self.expected_chain_id
        if expected is None:
            expected = self._first_chain_id
        if found != expected:
            raise NodeError(
                f"node at {self.endpoint} now reports chain {found}, not chain {expected} "
                "it was on: refusing to sign a transaction for another chain"
            )
        return found

    def _asked_chain_checked(self, found: int) -> int:
        """A chain id the user asked for: a pinned connection checks it matches."""
        if self.expected_chain_id is not None and found != self.expected_chain_id:
            raise NodeError(
                f"node at {self.endpoint} is on chain {found}, not {self.expected_chain_id}"
            )
        self._chain_checked = True
        return found
