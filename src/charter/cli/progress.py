"""The progress of ``charter test``: a rich bar on a terminal, otherwise a plain line on
standard error at most every 10 s; never a line per case."""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """A rich bar on a terminal; otherwise a plain line at most every 10 s; nothing per case."""

    def __init__(self) -> None:
        self.total, self.done_before = 0, 0
        self.tty = sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None
        self._last = time.monotonic()

    def start(self, total: int, done: int) -> None:
        self.total, self.done_before = total, done
        if self.tty and self.total:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                transient=True,
                refresh_per_second=4,
            )
            self._bar.start()
            self._task = self._bar.add_task(
                "testing", total=self.total, completed=self.done_before, detail=""
            )

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def update(self, tally: Any) -> None:
        done = self.done_before + tally.done
        detail = (
            f"{tally.passed} passed, {tally.failed} failed, {tally.errored} errored, "
            f"{tally.ungraded} ungraded · {tally.in_flight} in flight (limit {tally.limit})"
        )
        if self._bar is not None:
            self._bar.update(self._task, completed=done, detail=detail)
        elif time.monotonic() - self._last >= 10 and done < self.total:
            self._last = time.monotonic()
            print(f"charter: {done}/{self.total} done · {detail}", file=sys.stderr, flush=True)
