"""WAL checkpoints off the event loop while a run writes results.

The store is in WAL mode with ``synchronous=NORMAL``: a commit appends to the WAL and
never waits for the disk, but every 1,000 WAL pages SQLite checkpoints inside the commit
that crossed the line, copying pages back and calling ``fsync`` — tens of milliseconds on a
busy disk, during which the run's event loop sends nothing. :func:`checkpoints_aside`
turns the automatic checkpoint off on the run's connection and has a worker thread, on
its own connection, run ``PRAGMA wal_checkpoint(PASSIVE)`` every ``interval`` seconds
instead (a passive checkpoint never blocks the writer, and SQLite releases the GIL
while it works).

Guarantees: what is committed and how durable it is do not change (the same WAL, the
same ``synchronous`` setting; a checkpoint only moves committed pages into the database
file); on leaving, the thread is stopped and joined and the automatic checkpoint is
restored, so closing the store checkpoints what is left, as before. If the worker
cannot open its connection, the automatic checkpoint simply stays on.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

AUTOCHECKPOINT = 1000  # SQLite's default, in pages
INTERVAL_S = 0.25


@contextlib.contextmanager
def checkpoints_aside(
    writer: sqlite3.Connection, path: Path, interval: float = INTERVAL_S
) -> Iterator[None]:
    """While inside, checkpoint ``path``'s WAL from a worker thread, not in ``writer``."""
    try:
        reader = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        reader.execute("PRAGMA busy_timeout=0")
    except sqlite3.Error:
        yield  # the automatic checkpoint stays on
        return
    stop = threading.Event()
    worker = threading.Thread(
        target=_checkpoint_until, args=(reader, stop, interval), name="charter-wal", daemon=True
    )
    writer.execute("PRAGMA wal_autocheckpoint=0")
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join()
        reader.close()
        with contextlib.suppress(sqlite3.Error):
            writer.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT}")


def _checkpoint_until(reader: sqlite3.Connection, stop: threading.Event, interval: float) -> None:
    while not stop.wait(interval):
        with contextlib.suppress(sqlite3.Error):  # busy or locked: the next turn tries again
            reader.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
