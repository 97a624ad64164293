"""Reading runs over time: the list of runs, the previous run of a spec, status rows.

Read-only queries over the tables of migration 1 (runs, results); they never write.
A run marked ``running`` whose lock no process holds (killed) is summarised ``stale``.
A spec is identified across runs by its root folder (``runs.spec_root``, an absolute
path since migration 4, whatever the working folder of each run): its hash changes with
every edit, and comparing a run with the one before an edit is the point.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from charter.errors import InputError
from charter.store.db import RunRow, Store
from charter.store.records import CaseStatus
from charter.store.runlock import lock_held

STATUSES = tuple(CaseStatus)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """A run and its result counts per status (one count per repeat)."""

    id: str
    created: float
    finished: float | None
    status: str
    model: str
    spec_root: str
    spec_hash: str
    total: int
    options: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    stale: bool = False  # status ``running`` but no process holds the run's lock

    @property
    def status_text(self) -> str:
        """The status as ``charter runs`` shows it: a stale run says how to finish it."""
        if not self.stale:
            return self.status
        if self.options.get("regraded_from"):
            return "running (no process: the regrade stopped; regrade again)"
        return f"running (no process: resume with --resume {self.id})"

    @property
    def grader(self) -> str | None:
        value = self.options.get("grader")
        return value if isinstance(value, str) else None

    @property
    def pass_rate(self) -> float | None:
        """Passed over graded (passed + failed) results; None when nothing was graded."""
        graded = self.counts.get("passed", 0) + self.counts.get("failed", 0)
        return self.counts.get("passed", 0) / graded if graded else None


_RUN_COLUMNS = "id, created, finished, status, model, spec_root, spec_hash, options, total"


class History:
    """Queries over a :class:`Store`'s runs and results."""

    def __init__(self, store: Store) -> None:
        self._db: sqlite3.Connection = store._db
        self._path = store.path

    def runs(self, spec_root: str | None = None, limit: int = 50) -> list[RunSummary]:
        """Newest first; only the runs of ``spec_root`` when given."""
        where, args = ("WHERE spec_root = ?", (spec_root,)) if spec_root else ("", ())
        rows = self._db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs {where} ORDER BY created DESC, id DESC LIMIT ?",
            (*args, limit),
        ).fetchall()
        return [self._summary(row) for row in rows]

    def run(self, run_id: str) -> RunSummary | None:
        row = self._db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
        return None if row is None else self._summary(row)

    def resolve(self, ref: str) -> RunSummary | None:
        """A run id, a unique prefix of one, ``latest`` or ``latest~N`` (N runs before)."""
        if ref == "latest" or ref.startswith("latest~"):
            back = int(ref[7:] or 0) if ref[7:].isdigit() or ref == "latest" else -1
            found = self.runs(limit=back + 1) if back >= 0 else []
            return found[back] if len(found) > back >= 0 else None
        exact = self.run(ref)
        if exact is not None:
            return exact
        rows = self._db.execute(
            "SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (_like(ref) + "%",)
        ).fetchall()
        return self.run(rows[0][0]) if len(rows) == 1 else None

    def find(self, ref: str, where: object) -> RunSummary:
        """:meth:`resolve`, or an :class:`InputError` that says why not: no run matches
        (``where`` names the store), or a prefix matches several (listed, newest first)."""
        found = self.resolve(ref)
        if found is not None:
            return found
        rows = [] if ref.startswith("latest") else self._prefixed(ref)
        if len(rows) > 1:
            shown = ", ".join(rows[:3]) + (", …" if len(rows) > 3 else "")
            raise InputError(
                f"no run {ref!r} in {where}: the prefix is ambiguous, it matches {len(rows)} "
                f"runs ({shown}); give more of the id"
            )
        raise InputError(f"no run {ref!r} in {where} (see: charter runs)")

    def _prefixed(self, ref: str) -> list[str]:
        rows = self._db.execute(
            "SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY created DESC, id DESC",
            (_like(ref) + "%",),
        )
        return [str(row[0]) for row in rows]

    def previous(self, run: RunSummary | RunRow) -> RunSummary | None:
        """The latest run of the same spec root created before ``run``."""
        row = self._db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE spec_root = ? AND created < ? AND id != ?"
            " ORDER BY created DESC LIMIT 1",
            (run.spec_root, run.created, run.id),
        ).fetchone()
        return None if row is None else self._summary(row)

    def timeline(self, run: RunSummary, limit: int = 30) -> list[RunSummary]:
        """Up to ``limit`` runs of the same spec root up to and including ``run``, oldest first."""
        rows = self._db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE spec_root = ? AND created <= ?"
            " ORDER BY created DESC, id DESC LIMIT ?",
            (run.spec_root, run.created, limit),
        ).fetchall()
        return [self._summary(row) for row in reversed(rows)]

    def statuses(self, run_id: str) -> Iterator[tuple[str, int, str, str, CaseStatus]]:
        """(case_id, repeat, module, clause, status) of every result of the run."""
        rows = self._db.execute(
            "SELECT case_id, repeat, module, clause, status FROM results WHERE run_id = ?",
            (run_id,),
        )
        for case_id, repeat, module, clause, status in rows:
            yield case_id, repeat, module, clause, CaseStatus(status)

    def case_statuses(self, run_id: str, case_id: str) -> list[CaseStatus]:
        """The statuses recorded for one case, in repeat order."""
        rows = self._db.execute(
            "SELECT status FROM results WHERE run_id = ? AND case_id = ? ORDER BY repeat",
            (run_id, case_id),
        )
        return [CaseStatus(row[0]) for row in rows]

    def counts(self, run_id: str) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT status, count(*) FROM results WHERE run_id = ? GROUP BY status", (run_id,)
        )
        found: dict[str, int] = dict.fromkeys(STATUSES, 0)
        found.update({status: int(n) for status, n in rows})
        return found

    def _summary(self, row: tuple[Any, ...]) -> RunSummary:
        run_id, created, finished, status, model, spec_root, spec_hash = row[:7]
        options = json.loads(row[7]) if row[7] else {}
        return RunSummary(
            run_id,
            created,
            finished,
            status,
            model,
            spec_root,
            spec_hash,
            int(row[8]),
            options if isinstance(options, dict) else {},
            self.counts(run_id),
            status == "running" and lock_held(self._path, run_id) is False,
        )


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
