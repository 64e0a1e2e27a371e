"""The cyclic garbage collector paused while a big answer is parsed or decoded.

Parsing a 10,000-log eth_getLogs answer and decoding its events allocates hundreds of thousands
of objects, none of them in a reference cycle; each allocation burst triggers collections that
walk everything alive, a third of the time spent. Pausing the collector for that stretch is
safe: nothing cyclic is made, and it resumes as it was (a thread that finds it paused by another
leaves resuming to that one).
"""

from __future__ import annotations

import gc
from collections.abc import Generator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Generator[None, None, None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
