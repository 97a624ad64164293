"""The store of ``charter test``: created when missing, removed again if left empty.

``charter test`` is the one command that creates ``.charter/charter.db``. A test refused
before its run is recorded (no case to run, duplicate ids, a bad ``--grader``, a
``--resume`` of no run…) exits 2 and must leave no store behind: :func:`run_store` opens
the store with ``create=True`` and, when this invocation created the file and nothing
was written into it, closes and removes it (its ``-wal``/``-shm`` files and an empty
``locks/`` folder too). A store that existed before is never removed. The emptiness
check and the removal are not atomic: a second ``charter test`` that opened the new
file in between and has not yet written to it would lose its first write; both are
first runs in one fresh project at the same instant.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from charter.store.db import Store, open_project_store


@contextlib.contextmanager
def run_store(path: str, store: str | None = None) -> Iterator[Store]:
    """The store of the project at ``path`` (or ``store``), created if missing; removed
    on the way out when this call created it and it is still empty."""
    opened = open_project_store(path, store, create=True)
    try:
        yield opened
    finally:
        empty = opened.created and _still_empty(opened)
        opened.close()
        if empty:
            _remove(opened.path)


def _still_empty(store: Store) -> bool:
    try:
        return store.is_empty()
    except sqlite3.Error:  # a store that cannot be read is not one to delete
        return False


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
    with contextlib.suppress(OSError):  # only when empty: a lock may still be held
        (path.parent / "locks").rmdir()
