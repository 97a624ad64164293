"""Pausing Python's cyclic garbage collector around bulk work.

Loading a project and analysing it allocate hundreds of thousands of small objects while
a large, long-lived project stays in memory; every full collection walks all of it again
(on 10,000 clauses that cost more than two seconds of a ``charter check`` run). Inside
:func:`collector_paused` the cyclic collector does not run; reference counting still
frees every object that is not part of a cycle, and cycles left behind are collected
once the collector runs again.

Guarantees: the collector's previous state (on or off) is restored when the block ends,
also on an exception; nested pauses are harmless; usable as a decorator.

:func:`apply_command_policy` is the process-wide policy the ``charter`` entry point sets
before running a command. One-shot analysis commands (:data:`ONE_SHOT`) run with the
cyclic collector off for the whole process (disabled, and its threshold set to zero so
that a library calling ``gc.enable()`` does not bring it back): they build one project,
report and exit, so whatever cycles they leave are freed by the exit itself.
At exit such a process freezes every object (``gc.freeze``, registered with ``atexit``)
before the interpreter shuts down: shutdown otherwise runs one last full collection over
the whole project, which cost 0.6-0.8 s of a 10,000-clause ``charter check``. The frozen
objects are still freed by reference counting; only cyclic garbage is left to the
operating system, which reclaims the process's memory anyway (so a ``__del__`` on an
object in a cycle does not run at exit in these commands).
Long-running commands (``test``, ``regrade``, ``calibrate``, ``serve``, ``lsp`` and
every command not listed) keep Python's default collector, so their memory stays flat
however long they run.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

# Commands that load one project, analyse it, print and exit.
ONE_SHOT: frozenset[str] = frozenset(
    {"check", "lint", "parse", "diff", "changelog", "compile", "fix"}
)


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


_ONE_SHOT_PROCESS = [False]  # set once by apply_command_policy


def one_shot_process() -> bool:
    """True in a process that runs one analysis command and exits: caches kept for a
    later run in the same process (the lint clause cache) are of no use there."""
    return _ONE_SHOT_PROCESS[0]


def command_of(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (the first word not starting with ``-``)."""
    return next((word for word in argv if not word.startswith("-")), None)


def apply_command_policy(argv: Sequence[str]) -> bool:
    """Turn the cyclic collector off when ``argv`` names a one-shot command.

    Returns True when the collector was turned off; otherwise leaves it as it is.
    """
    if command_of(argv) not in ONE_SHOT:
        return False
    _ONE_SHOT_PROCESS[0] = True
    gc.disable()
    # A zero threshold keeps automatic collection off even when a library turns the
    # collector back on (srsly, which loads spaCy's model, ends with ``gc.enable()``).
    gc.set_threshold(0)
    atexit.unregister(gc.freeze)  # registered once, however often the policy is applied
    atexit.register(gc.freeze)  # no full collection over the whole project at shutdown
    return True


def collecting() -> bool:
    """True when Python would collect cycles on its own (on, with a non-zero threshold)."""
    return gc.isenabled() and gc.get_threshold()[0] > 0
