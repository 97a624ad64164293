"""The judge's tables of the store: the verdict cache and calibration results.

:class:`JudgeStore` wraps a :class:`~charter.store.db.Store` (same connection, same
transactions, migration 2 of :mod:`charter.store.migrations`). It is the judge's
:class:`~charter.grade.judge.VerdictCache` — scored verdicts keyed by the judge's cache
key — and keeps every calibration with the spec's hash and version and the judge's
identity, so ``charter test`` can ask for the last one. Nothing secret is passed in.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from charter.errors import StoreError
from charter.store.db import Store


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    id: int
    created: float
    spec_root: str
    spec_hash: str
    spec_version: str | None
    grader: str
    n: int
    scored: int
    agreement: float | None
    kappa: float | None
    report: dict[str, Any]


class JudgeStore:
    """Verdict cache and calibration results; see the module docstring."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._db: sqlite3.Connection = store._db

    def __enter__(self) -> JudgeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def get_verdict(self, key: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT value FROM verdicts WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        value = json.loads(row[0])
        return value if isinstance(value, dict) else None

    def put_verdict(self, key: str, value: dict[str, Any]) -> None:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        self._execute(
            "INSERT OR REPLACE INTO verdicts (key, value, created) VALUES (?, ?, ?)",
            (key, text, time.time()),
        )

    def verdict_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM verdicts").fetchone()[0])

    def record_calibration(self, report: dict[str, Any]) -> int:
        """Keep a calibration report (``CalibrationReport.to_json()``); returns its id."""
        spec, judge = report["spec"], report["judge"]
        cursor = self._execute(
            "INSERT INTO calibrations (created, spec_root, spec_hash, spec_version, grader,"
            " judge, n, scored, agreement, kappa, report) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                time.time(),
                os.path.realpath(spec["root"]),
                spec["hash"],
                spec.get("version"),
                judge["grader"],
                json.dumps(judge, sort_keys=True),
                report["n"],
                report["scored"],
                report["agreement"],
                report["kappa"],
                json.dumps(report, ensure_ascii=False),
            ),
        )
        return int(cursor.lastrowid or 0)

    def last_calibration(self, spec_hash: str, grader: str) -> CalibrationRow | None:
        """The latest calibration of ``grader`` on the spec whose hash is ``spec_hash``."""
        row = self._db.execute(
            "SELECT id, created, spec_root, spec_hash, spec_version, grader, n, scored,"
            " agreement, kappa, report FROM calibrations WHERE spec_hash = ? AND grader = ?"
            " ORDER BY created DESC, id DESC LIMIT 1",
            (spec_hash, grader),
        ).fetchone()
        if row is None:
            return None
        values = [*row[:10], json.loads(row[10])]
        return CalibrationRow(*values)

    def _execute(self, sql: str, args: tuple[Any, ...]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, args)
        except sqlite3.Error as exc:
            raise StoreError(f"store write failed: {exc}") from None
