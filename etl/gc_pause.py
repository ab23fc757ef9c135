"""The cyclic garbage collector held off while a load builds its objects.

Reading a sheet makes hundreds of thousands of small objects (cells, parsed figures, records)
and frees almost none of them until the load ends; every few thousand allocations the collector
walks them all again, which cost about 40 % of a 100,000-row parse. A load holds it off for its
own duration and lets it run once afterwards, as before. Counted, so nested pauses (a page's
prepare inside a commit, two threads loading) turn it back on only when the last one ends, and
never turn on a collector someone else had turned off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """Hold off the cyclic collector inside the block (reference counting still frees)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
