"""Copying a store's write-ahead log into its database file off the main thread.

In WAL mode the last connection to close copies the log into the database file and
syncs it (a *checkpoint*): after a 4,000-case run that took 5–30 ms of disk waiting at
the very end of ``charter test``, after the last answer. :class:`Checkpoint` does that
copy on a second connection in a thread as soon as the run's writes are done, while the
main thread reads its summary and writes its outputs (SQLite releases the GIL while it
waits on the disk); the close then finds little or nothing left to copy.

Guarantees: a passive checkpoint never blocks a reader or a writer of the store and
never loses a committed transaction (WAL keeps every frame until it is copied); any
failure in the thread is ignored (the close checkpoints as it always did); :meth:`join`
waits for the thread, so the store is closed only after it finished.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path


class Checkpoint:
    """One passive checkpoint of the store at ``path``, started at once in a thread."""

    def __init__(self, path: Path) -> None:
        self._thread = threading.Thread(target=self._copy, args=(path,), daemon=True)
        self._thread.start()

    @staticmethod
    def _copy(path: Path) -> None:
        with contextlib.suppress(sqlite3.Error):
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            try:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                db.close()

    def join(self) -> None:
        self._thread.join()
