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

Each checkpoint is a few passive passes, each copying what was committed during the one
before, until one finds nothing new; if commits never paused that long, one ``RESTART``
attempt (no busy wait: it takes the write lock only if it is free) copies the last few
frames. Either way the whole log is then copied and the next commit starts it over from
its beginning: a log that is never wholly copied only grows (64 MB on a 4,000-case run,
which the close then had to delete: 30–80 ms after the last answer; now 9–20 MB, 5–20 ms).
The last checkpoint of a run (``final``, asked once its writes are done, and run after
one still copying rather than dropped) ends with a ``TRUNCATE`` checkpoint that empties
the log file while the summary is written, so the close has almost nothing left to do.

Guarantees: a passive pass never blocks a reader or a writer of the store; a commit
arriving during the ``RESTART`` attempt waits for it (the store's busy timeout) while it
copies the frames the passes left (a few pages); no committed transaction is ever lost
(WAL keeps every frame until it is copied); any
failure in the thread is ignored (the close checkpoints as it always did); :meth:`join`
waits for the thread, so the store is closed only after it finished. A commit is as
durable as before (the log is written and synced exactly as it was).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

# Passive passes of one checkpoint before the RESTART attempt.
PASSES = 6


class Checkpoints:
    """Checkpoints of the store at ``path`` in a thread; at most one thread at a time. A
    call to :meth:`soon` while one copies makes it copy once more when done (what was
    committed since it started is copied too, never skipped); ``final=True`` (the
    run's writes are done) ends that copying with a ``TRUNCATE`` checkpoint, which
    empties the log file, so that the close has nothing to copy or delete but a name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._running = False
        self._again = False
        self._final = False

    def soon(self, *, final: bool = False) -> None:
        with self._lock:
            self._final = self._final or final
            if self._running:
                self._again = True
                return
            self._running, self._again = True, False
            self._thread = threading.Thread(target=self._work, daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                final = self._final
            _copy(self.path, final=final)
            with self._lock:
                if not self._again:
                    self._running = self._final = False
                    return
                self._again = False

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()


def _copy(path: Path, *, final: bool = False) -> None:
    with contextlib.suppress(sqlite3.Error):
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0)
        try:
            quiet = _passes(db)
            if final or not quiet:
                mode = "TRUNCATE" if final else "RESTART"
                db.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
        finally:
            db.close()


def _passes(db: sqlite3.Connection) -> bool:
    """Passive checkpoints until one finds nothing new (True), at most :data:`PASSES`."""
    seen = -1
    for _ in range(PASSES):
        busy, log, _copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if busy:
            return False
        if log == seen:  # nothing was committed during the last pass
            return True
        seen = log
    return False
