"""Analysis in a child process, so a slow analysis never freezes the server.

Lint and check are pure Python and hold the GIL (a regular expression can hold it for
seconds), so a thread does not keep the server answering; a process does. One child
process, started on first use with the ``spawn`` method, receives ``(root, buffers)``,
builds the snapshot with the same :func:`~charter.lsp.snapshot.build_snapshot` as the
server (its parse caches stay warm between jobs) and sends back the diagnostics.

Stale work: a job whose result is no longer wanted is discarded when it returns; a job
that has run longer than ``slow`` seconds when a newer one is scheduled is cancelled by
killing the child, and the next job starts a fresh one. A child that dies for any other
reason gives ``None`` for its job, and a new child for the next one.

Garbage collection: a parse of the Model Spec leaves some 270,000 objects alive, and a
full collection that walks them all takes ~200 ms, every few edits. After each job (its
result already sent) :func:`settle` collects what that job left and freezes the rest
(``gc.freeze``), so later collections walk only new objects; memory is still freed by
reference counting, and cycles are collected before they are frozen.

Warm-up: the first time the child has been idle for ``IDLE`` seconds, it loads
the spaCy pipeline that lint reads new sentences with (:func:`warm`), so the first
sentence typed does not wait for it; a job that arrives first is served first.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Mapping
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from charter.diagnostics import Diagnostic

IDLE = 0.5  # seconds without a job before the child loads what later jobs may need

# ("ok", (diagnostics, config error or None, child stage times)) or ("error", message)
Result = tuple[str, Any]


class AnalysisWorker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None
        self._busy_since: float | None = None

    def analyse(self, root: str, buffers: Mapping[str, str]) -> Result | None:
        """Blocking (call from a thread): the child's result, or None when it was killed."""
        with self._lock:
            conn = self._ensure()
            self._busy_since = time.monotonic()
            try:
                conn.send((root, dict(buffers)))
                result: Result = conn.recv()
                return result
            except (EOFError, OSError):
                self._drop()
                return None
            finally:
                self._busy_since = None

    @property
    def busy(self) -> bool:
        """Whether a job is running in the child now."""
        return self._busy_since is not None

    def cancel_if_slower_than(self, seconds: float) -> bool:
        """Kill the child if its current job has run longer than ``seconds``."""
        since, proc = self._busy_since, self._proc
        if since is None or proc is None or time.monotonic() - since < seconds:
            return False
        proc.kill()
        return True

    def close(self) -> None:
        proc = self._proc
        if proc is not None:
            proc.kill()
        with self._lock:
            self._drop()

    def _ensure(self) -> Connection:
        if self._proc is None or self._conn is None or not self._proc.is_alive():
            self._drop()
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            proc = context.Process(target=serve, args=(child,), daemon=True)
            proc.start()
            child.close()
            self._proc, self._conn = proc, parent
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None:
            self._proc.join(timeout=5)
        self._proc = self._conn = None


def serve(conn: Connection) -> None:
    """The child's loop: analyse each (root, buffers) received, until the pipe closes."""
    os.dup2(2, 1)  # stdout is the editor's JSON-RPC channel: nothing of ours goes there
    sys.stdout = sys.stderr
    from charter.lsp.analysis import analyse
    from charter.lsp.snapshot import build_snapshot
    from charter.lsp.trace import Trace

    warmed = False
    while True:
        try:
            if not warmed and not conn.poll(IDLE):
                warmed = warm()
            root, buffers = conn.recv()
        except (EOFError, OSError):
            return
        trace = Trace()
        try:
            snapshot = build_snapshot(root, buffers)
            trace.mark("snapshot")
            found: list[Diagnostic] = analyse(snapshot)
            trace.mark("analyse")
            conn.send(("ok", (found, snapshot.error, trace.stages)))
        except Exception as exc:  # a bug in an analysis is reported, not fatal
            conn.send(("error", repr(exc)))
        settle()


def warm() -> bool:
    """Load the syntax pipeline while idle, rather than on the first new sentence typed
    (about a second); True once done, or when there is none to load."""
    from charter.errors import CharterError
    from charter.nlp.pipeline import load

    with contextlib.suppress(CharterError):
        load()
    settle()
    return True


def settle() -> None:
    """Collect the garbage of the work just done, then freeze what survived it (see the
    module docstring): a full collection never again walks the whole heap."""
    gc.collect()
    gc.freeze()
