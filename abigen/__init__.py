"""abigen: typed Python bindings for EVM contracts, generated from their ABI.

    from abigen import connect
    node = connect("http://127.0.0.1:8545")

The runtime's user API (the names `abigen.runtime` exports, see abigen/runtime/exports.py)
loads on first use, so the generator and `abigen --help` start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from abigen.runtime import *  # noqa: F403
    from abigen.runtime import __all__ as __all__


def __getattr__(name: str) -> Any:
    runtime = importlib.import_module("abigen.runtime")  # light: its names load on first use
    try:
        value = getattr(runtime, name)
    except AttributeError:
        raise AttributeError(f"module 'abigen' has no attribute {name!r}") from None
    globals()[name] = value
    return value
