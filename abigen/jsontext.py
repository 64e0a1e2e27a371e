"""Parse untrusted JSON text without letting hostile nesting crash the interpreter."""

from __future__ import annotations

import json
import sys

_RECURSION_CAP = 4000


def loads(text: str) -> object:
    """json.loads, with JSON nested too deeply a ValueError like any other malformed input."""
    # json's C scanner recurses once per nesting level and stops at the recursion limit;
    # web3 raises that limit to 100000 on import, past what the C stack holds (a segfault,
    # not a RecursionError). ABI JSON is shallow, so cap the limit while parsing.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(min(limit, _RECURSION_CAP))
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    finally:
        sys.setrecursionlimit(limit)
