"""Copying a store's write-ahead log into its database file off the main thread.

In WAL mode SQLite copies the log into the database file and syncs both (a *checkpoint*)
whenever the log passes 1,000 pages, inside whichever commit crossed the line, and when
the last connection closes. During a run that commit is the event loop's: on a 4,000-case
run about four such checkpoints held every answer back for 0.2 s in all, and the close
waited 5–30 ms on the disk after the last answer. :class:`Checkpoints` makes the same
copies on a second connection in a thread — periodically during the run (the runner turns
the automatic ones off meanwhile, :meth:`~charter.store.db.Store.defer_checkpoints`) and
once the run's writes are done, while the summary and outputs are written (SQLite
releases the GIL while it works and waits on the disk); the close then finds little or
nothing left to copy.

Guarantees: a passive checkpoint never blocks a reader or a writer of the store and
never loses a committed transaction (WAL keeps every frame until it is copied); any
failure in the thread is ignored (the close checkpoints as it always did); :meth:`join`
waits for the thread, so the store is closed only after it finished. A commit is as
durable as before (the log is written and synced exactly as it was).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path


class Checkpoints:
    """Passive checkpoints of the store at ``path``, each in a thread of its own; at most
    one at a time (:meth:`soon` while one runs does nothing: that one will copy)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread: threading.Thread | None = None

    def soon(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=_copy, args=(self.path,), daemon=True)
            self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()


def _copy(path: Path) -> None:
    with contextlib.suppress(sqlite3.Error):
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            db.close()
