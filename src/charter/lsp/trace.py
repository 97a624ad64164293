"""Stage timings of one edit-to-diagnostics round, logged to stderr when asked for.

With ``CHARTER_LSP_TRACE=1`` in the server's environment, every analysis logs one line
to stderr (never stdout, the editor's JSON-RPC channel): the document version and the
milliseconds spent in each stage, in order, e.g.::

    charter-lsp-trace v=7 wait=0.1 send=0.4 child.snapshot=6.2 child.analyse=98.0 ...

Without it a :class:`Trace` records nothing and costs one attribute test per mark.
"""

from __future__ import annotations

import os
import sys
import time

ENABLED = os.environ.get("CHARTER_LSP_TRACE", "") not in ("", "0")


class Trace:
    """Named stage durations, measured between consecutive :meth:`mark` calls."""

    def __init__(self, label: str = "") -> None:
        self.label = label
        self.stages: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def mark(self, stage: str) -> None:
        """Close the stage that ran since the previous mark, naming it ``stage``."""
        if not ENABLED:
            return
        now = time.perf_counter()
        self.stages.append((stage, (now - self._last) * 1000))
        self._last = now

    def add(self, stages: list[tuple[str, float]], prefix: str) -> None:
        """Stages measured elsewhere (the child process), included under ``prefix``."""
        self.stages.extend((f"{prefix}.{name}", ms) for name, ms in stages)

    def line(self) -> str:
        parts = " ".join(f"{name}={ms:.1f}" for name, ms in self.stages)
        return f"charter-lsp-trace {self.label} {parts}".strip()

    def emit(self) -> None:
        if ENABLED and self.stages:
            print(self.line(), file=sys.stderr, flush=True)
