"""Pausing Python's cyclic garbage collector around bulk work.

Loading a project and analysing it allocate hundreds of thousands of small objects while
a large, long-lived project stays in memory; every full collection walks all of it again
(on 10,000 clauses that cost more than two seconds of a ``charter check`` run). Inside
:func:`collector_paused` the cyclic collector does not run; reference counting still
frees every object that is not part of a cycle, and cycles left behind are collected
once the collector runs again.

Guarantees: the collector's previous state (on or off) is restored when the block ends,
also on an exception; nested pauses are harmless; usable as a decorator.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; restore its state after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
