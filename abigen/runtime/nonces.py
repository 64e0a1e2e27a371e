"""Nonces of local keys, handed out by the node object so that concurrent sends never collide.

One NonceBook per Node / AsyncNode, one entry per (chain id, address): a lock, held from
taking a nonce until the node answered the eth_sendRawTransaction that used it, and the
next nonce to use (None: read eth_getTransactionCount "pending" first). A node-managed
sender is the node's business (eth_sendTransaction locks there).

The sending flow asks with TakeNonce and ends with SettleNonce (abigen.runtime.flows); the
drivers release a lock still held when a flow stops in between, leaving the next nonce as it
was: a send that failed before the node took it leaves no gap.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

L = TypeVar("L", threading.Lock, asyncio.Lock)

Key = tuple[int, str]  # (chain id, lower-case address)


class NonceBook(Generic[L]):
    """Per key: its lock and the next nonce (None until read from the node)."""

    def __init__(self, new_lock: Callable[[], L]) -> None:
        self._new_lock: Callable[[], L] = new_lock
        self._locks: dict[Key, L] = {}
        self._next: dict[Key, int | None] = {}
        self._guard = threading.Lock()  # two threads creating one key's lock at once

    def lock(self, key: Key) -> L:
        found = self._locks.get(key)
        if found is None:
            with self._guard:
                found = self._locks.setdefault(key, self._new_lock())
        return found

    def next(self, key: Key) -> int | None:
        """The next nonce of `key` (its lock held), None when the node must be asked."""
        return self._next.get(key)

    def settle(self, key: Key, next_nonce: int | None) -> None:
        """Record the next nonce (None: ask the node next time); the lock is still held."""
        self._next[key] = next_nonce


def thread_book() -> NonceBook[threading.Lock]:
    return NonceBook(threading.Lock)


def task_book() -> NonceBook[asyncio.Lock]:
    return NonceBook(asyncio.Lock)


# How nodes word a nonce the chain has already used (geth, anvil, erigon, reth; nethermind's
# OldNonce; besu's NONCE_TOO_LOW) and a transaction they already hold (geth's, older geth's and
# parity's, nethermind's AlreadyKnown, anvil's).
_TOO_LOW = re.compile(r"nonce too low|oldnonce|nonce_too_low|nonce is too low", re.IGNORECASE)
_KNOWN = re.compile(
    r"already known|(?<!un)known transaction|alreadyknown|already imported", re.IGNORECASE
)


def nonce_too_low(message: str) -> bool:
    return _TOO_LOW.search(message) is not None


def already_known(message: str) -> bool:
    return _KNOWN.search(message) is not None
