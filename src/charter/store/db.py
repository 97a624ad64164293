"""The SQLite store: ``.charter/charter.db`` in WAL mode, migrated on open.

The only module that writes SQL. Every write that records a finished case — its calls,
its cached response and its result — is one transaction, committed before the next case
is recorded, so a run killed at any instant keeps every case it had finished and no half
of one. ``synchronous=NORMAL`` in WAL mode survives a killed process (not a power cut)
and costs ~30 µs a case. Secrets are never passed in, so none can be written.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charter.errors import InputError, StoreError
from charter.store.migrations import MIGRATIONS
from charter.store.records import (
    _CALL_FIELDS,
    _RESULT_FIELDS,
    _VOTES,
    CaseStatus,
    JudgeVerdict,
    result_of,
    votes_json,
)
from charter.store.records import CachedResponse as CachedResponse  # re-exported row types
from charter.store.records import CallRecord as CallRecord
from charter.store.records import Entry as Entry
from charter.store.records import ResultRecord as ResultRecord
from charter.store.records import RunRow as RunRow

if TYPE_CHECKING:
    from charter.store.checkpoint import Checkpoints

DB_PATH = Path(".charter") / "charter.db"


TABLES = ("runs", "cases", "results", "calls", "responses", "verdicts", "calibrations")


class StoreMissing(InputError):
    """A read-only command found no store: nothing ran in this project yet."""


class Store:
    """One connection to the store; use as a context manager or call :meth:`close`.

    ``create=False`` (every command but ``charter test``) never creates the file or its
    folder. The store refuses a symbolic link at ``.charter`` or ``charter.db`` (Charter
    never makes one, so it points somewhere nobody meant to write), a store written by a
    newer Charter (its schema version is higher than this one knows) and a store missing
    one of its tables — each a :class:`StoreError` with a message, never a traceback.
    Foreign keys are enforced."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self._checkpoints: Checkpoints | None = None
        _refuse_links(path)
        if not create and not path.is_file():
            raise StoreMissing(f"no runs yet: {path} does not exist (charter test creates it)")
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            new = not path.exists()
            self.created = new  # this connection made the file (see charter.store.fresh)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys=ON")
            # A new, empty store is built without syncs (switching it to WAL and creating
            # its tables synced the disk five times: 10–40 ms before a first run's first
            # request); it holds nothing to lose yet, and every commit after is synced.
            self._db.execute(f"PRAGMA synchronous={'OFF' if new else 'NORMAL'}")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._check_version()
            self._migrate()
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._check_tables()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from None

    def _check_version(self) -> None:
        version = self.version
        if version > len(MIGRATIONS):
            self._db.close()
            raise StoreError(
                f"the store {self.path} was written by a newer Charter (schema version "
                f"{version}; this one knows up to {len(MIGRATIONS)}): upgrade Charter, "
                "or use another project folder"
            )

    def _check_tables(self) -> None:
        rows = self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        missing = set(TABLES) - {row[0] for row in rows}
        if missing:
            self._db.close()
            raise StoreError(
                f"the store {self.path} is damaged: table(s) {', '.join(sorted(missing))} "
                "missing; move it away to start a new one"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.join()
        self._db.close()

    def checkpoint_soon(self, *, final: bool = False) -> None:
        """Start copying the write-ahead log into the database file in a thread (see
        :mod:`charter.store.checkpoint`); :meth:`close` waits for it. ``final``: no
        more writes are coming; the copy ends by emptying the log file."""
        if self._checkpoints is None:
            from charter.store.checkpoint import Checkpoints

            self._checkpoints = Checkpoints(self.path)
        self._checkpoints.soon(final=final)

    def defer_checkpoints(self, deferred: bool = True) -> None:
        """No automatic checkpoint inside this connection's commits while ``deferred``
        (the caller calls :meth:`checkpoint_soon` now and then instead); ``False``
        restores SQLite's default of one past 1,000 pages of log."""
        with contextlib.suppress(sqlite3.Error):  # a setting, never worth a failed run
            self._db.execute(f"PRAGMA wal_autocheckpoint={0 if deferred else 1000}")

    @property
    def version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        self._db.create_function("charter_project_root", 1, self.absolute_root, deterministic=True)
        self._db.create_function("charter_verdict", 2, legacy_verdict, deterministic=True)
        for number in range(self.version, len(MIGRATIONS)):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self.version == number:  # another process may have migrated meanwhile
                    for statement in _statements(MIGRATIONS[number]):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version={number + 1}")
                self._db.execute("COMMIT")
            except sqlite3.Error:
                self._db.execute("ROLLBACK")
                raise

    def absolute_root(self, root: str | None) -> str | None:
        """A spec root as stored: absolute (symbolic links resolved). A relative root from
        an older store means the folder whose ``.charter/`` holds the store; in a store
        elsewhere it is kept as it is (there is no telling what it was relative to)."""
        if root is None or os.path.isabs(root):
            return root
        if self.path.parent.name != DB_PATH.parent.name:
            return root
        return os.path.realpath(self.path.parent.parent)

    # runs -------------------------------------------------------------------------

    def create_run(
        self, run_id: str, model: str, spec_root: str, spec_hash: str, options: dict[str, Any]
    ) -> None:
        """Start a run; ``spec_root`` is stored absolute, so a run of the same spec from
        another working folder is found as such (see :mod:`charter.store.history`)."""
        root = os.path.realpath(spec_root)
        self._write(
            "INSERT INTO runs (id, created, status, model, spec_root, spec_hash, options) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?)",
            (run_id, time.time(), model, root, spec_hash, json.dumps(options, sort_keys=True)),
        )

    def run(self, run_id: str) -> RunRow | None:
        row = self._db.execute(
            "SELECT id, created, finished, status, model, spec_root, spec_hash, options, total"
            " FROM runs WHERE id = ?",
            (run_id,),
        ).fetchone()
        if row is None:
            return None
        names = ("id", "created", "finished", "status", "model", "spec_root", "spec_hash")
        return RunRow(
            **dict(zip(names, row[:7], strict=True)), options=json.loads(row[7]), total=row[8]
        )

    def latest_run(self) -> RunRow | None:
        row = self._db.execute("SELECT id FROM runs ORDER BY created DESC LIMIT 1").fetchone()
        return None if row is None else self.run(row[0])

    def set_run_status(self, run_id: str, status: str, *, finished: bool = False) -> None:
        self._write(
            "UPDATE runs SET status = ?, finished = ? WHERE id = ?",
            (status, time.time() if finished else None, run_id),
        )

    def discard_empty_run(self, run_id: str) -> None:
        """Forget a run that planned no case (nothing was sent, nothing is lost)."""
        self._write(
            "DELETE FROM runs WHERE id = ? AND NOT EXISTS (SELECT 1 FROM cases WHERE run_id = ?)",
            (run_id, run_id),
        )

    def add_cases(self, run_id: str, rows: Iterable[tuple[str, int, str, str, str]]) -> int:
        """Record the planned cases (case_id, repeat, module, clause, kind); returns the total."""
        try:
            self._db.execute("BEGIN")
            self._insert_cases(run_id, rows)
            (total,) = self._db.execute(
                "SELECT count(*) FROM cases WHERE run_id = ?", (run_id,)
            ).fetchone()
            self._db.execute("UPDATE runs SET total = ? WHERE id = ?", (total, run_id))
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"cannot record cases: {exc}") from None
        return int(total)

    def set_total(self, run_id: str, total: int) -> None:
        """The run's planned results (cases × repeats), stated before its cases are."""
        self._write("UPDATE runs SET total = ? WHERE id = ?", (total, run_id))

    def add_case_rows(self, run_id: str, rows: Iterable[tuple[str, int, str, str, str]]) -> None:
        """Record some of the run's planned cases in one transaction (a case recorded
        already is left as it is); the run's total is not touched (:meth:`set_total`)."""
        try:
            self._db.execute("BEGIN")
            self._insert_cases(run_id, rows)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"cannot record cases: {exc}") from None

    def _insert_cases(self, run_id: str, rows: Iterable[tuple[str, int, str, str, str]]) -> None:
        """Insert planned cases inside the caller's transaction (a recorded one is kept)."""
        self._db.executemany(
            "INSERT OR IGNORE INTO cases (run_id, case_id, repeat, module, clause, kind)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            ((run_id, *row) for row in rows),
        )

    def case_rows(self, run_id: str) -> int:
        """Recorded (case, repeat) rows of the run: its total once planning finished."""
        (count,) = self._db.execute(
            "SELECT count(*) FROM cases WHERE run_id = ?", (run_id,)
        ).fetchone()
        return int(count)

    def done_keys(self, run_id: str) -> set[tuple[str, int]]:
        """(case_id, repeat) of every case of the run that has a result."""
        rows = self._db.execute("SELECT case_id, repeat FROM results WHERE run_id = ?", (run_id,))
        return {(r[0], r[1]) for r in rows}

    # results ----------------------------------------------------------------------

    def record(
        self,
        run_id: str,
        result: ResultRecord,
        calls: Iterable[CallRecord] = (),
        cache: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        """Write one finished case atomically: its calls, the cache entry, the result."""
        self.record_many(run_id, [(result, tuple(calls), cache)])

    def record_many(self, run_id: str, entries: list[Entry]) -> None:
        """Write finished cases in one transaction (all of them or none)."""
        now = time.time()
        try:
            calls = [_call_row(run_id, r, c, now) for r, cs, _ in entries for c in cs]
            cached = [_cache_row(r, c, now) for r, _, c in entries if c and r.response is not None]
            results = [(run_id, *_result_row(r), now) for r, _, _ in entries]
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT INTO calls (run_id, case_id, repeat, role, attempt, request_hash, status,"
                " error, model_version, input_tokens, output_tokens, latency_s, cost, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                calls,
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO responses (key, parts, text, model_version,"
                " input_tokens, output_tokens, latency_s, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                cached,
            )
            self._db.executemany(
                f"INSERT INTO results (run_id, {', '.join(_RESULT_FIELDS)}, finished)"
                f" VALUES ({', '.join('?' * (len(_RESULT_FIELDS) + 2))})",
                results,
            )
            self._db.execute("COMMIT")
        except Exception as exc:  # sqlite3.Error, or a value sqlite cannot take
            self._rollback()
            names = ", ".join(r.case_id for r, _, _ in entries[:3])
            raise StoreError(f"cannot record {names}: {type(exc).__name__}: {exc}") from None

    def results(
        self, run_id: str, order: str = "case_id, repeat", where: str = "1"
    ) -> Iterator[ResultRecord]:
        """The run's results in case order, streamed from disk."""
        rows = self._db.execute(
            f"SELECT {', '.join(_RESULT_FIELDS)} FROM results"
            f" WHERE run_id = ? AND ({where}) ORDER BY {order}",
            (run_id,),
        )
        for row in rows:
            yield result_of(row)

    def outcomes(self, run_id: str) -> Iterator[tuple[str, str, str, CaseStatus, int, bool, str]]:
        """(case_id, clause, module, status, repeat, cached, reason) in case order: the
        machine output's case list, without reading responses."""
        rows = self._db.execute(
            "SELECT case_id, clause, module, status, repeat, cached, reason FROM results"
            " WHERE run_id = ? ORDER BY case_id, repeat",
            (run_id,),
        )
        for row in rows:
            yield row[0], row[1], row[2], CaseStatus(row[3]), row[4], bool(row[5]), row[6]

    def outcome_lines(self, run_id: str) -> Iterator[str]:
        """:meth:`outcomes` as JSON objects (keys id, clause, module, status, repeat,
        cached, reason), one string per result, written by SQLite: four times faster than
        encoding them in Python, and streamed, however many results the run has."""
        rows = self._db.execute(
            "SELECT json_object('id', case_id, 'clause', clause, 'module', module, 'status',"
            " status, 'repeat', repeat, 'cached', json(CASE WHEN cached THEN 'true' ELSE"
            " 'false' END), 'reason', reason) FROM results WHERE run_id = ?"
            " ORDER BY case_id, repeat",
            (run_id,),
        )
        for (line,) in rows:
            yield line

    def results_by_clause(self, run_id: str) -> Iterator[ResultRecord]:
        return self.results(run_id, "module, clause, case_id, repeat")

    def clause_counts(self, run_id: str) -> list[tuple[str, str, str, int]]:
        """(module, clause, status, count) for every clause of the run that has results."""
        rows = self._db.execute(
            "SELECT module, clause, status, count(*) FROM results WHERE run_id = ?"
            " GROUP BY module, clause, status",
            (run_id,),
        )
        return [(r[0], r[1], r[2], int(r[3])) for r in rows]

    def clause_cases(self, run_id: str) -> dict[tuple[str, str], int]:
        """Distinct planned cases per (module, clause) of the run (repeats count once)."""
        rows = self._db.execute(
            "SELECT module, clause, count(DISTINCT case_id) FROM cases WHERE run_id = ?"
            " GROUP BY module, clause",
            (run_id,),
        )
        return {(r[0], r[1]): int(r[2]) for r in rows}

    def totals(self, run_id: str) -> dict[str, Any]:
        """Counts by status plus cached results, tokens and cost of the whole run.

        ``calls``, ``input_tokens`` and ``output_tokens`` are the model under test's;
        ``judge_*`` the judge's; ``cost`` is the run's spend, judge included (None when no
        priced call was made), and ``judge_cost`` the judge's part of it."""
        row = self._db.execute(
            "SELECT count(*), sum(status = 'passed'), sum(status = 'failed'),"
            " sum(status = 'errored'), sum(status = 'ungraded'), sum(cached),"
            " sum(CASE WHEN cached THEN 0 ELSE input_tokens END),"
            " sum(CASE WHEN cached THEN 0 ELSE output_tokens END), sum(cost)"
            " FROM results WHERE run_id = ?",
            (run_id,),
        ).fetchone()
        names = (
            "done",
            "passed",
            "failed",
            "errored",
            "ungraded",
            "cached",
            "input_tokens",
            "output_tokens",
        )
        totals: dict[str, Any] = {n: int(v or 0) for n, v in zip(names, row[:8], strict=True)}
        calls = self._db.execute(
            "SELECT sum(role != 'judge'), sum(role = 'judge'),"
            " sum(CASE WHEN role = 'judge' THEN input_tokens END),"
            " sum(CASE WHEN role = 'judge' THEN output_tokens END),"
            " sum(CASE WHEN role = 'judge' THEN cost END) FROM calls WHERE run_id = ?",
            (run_id,),
        ).fetchone()
        judge_names = ("calls", "judge_calls", "judge_input_tokens", "judge_output_tokens")
        totals.update({n: int(v or 0) for n, v in zip(judge_names, calls[:4], strict=True)})
        totals["judge_cost"] = calls[4]
        spent = [c for c in (row[8], calls[4]) if c is not None]
        totals["cost"] = sum(spent) if spent else None
        return totals

    def unfinished(self, run_id: str) -> list[str]:
        """The ids of the run's planned cases with a repeat that has no result (a run that
        stopped early: unreachable, interrupted, a deadline), sorted."""
        rows = self._db.execute(
            "SELECT DISTINCT case_id FROM cases AS c WHERE run_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM results AS r WHERE r.run_id = c.run_id"
            " AND r.case_id = c.case_id AND r.repeat = c.repeat) ORDER BY case_id",
            (run_id,),
        )
        return [str(row[0]) for row in rows]

    def case_count(self, run_id: str) -> int:
        """Distinct cases planned for the run (a case with K repeats counts once)."""
        row = self._db.execute(
            "SELECT count(DISTINCT case_id) FROM cases WHERE run_id = ?", (run_id,)
        ).fetchone()
        return int(row[0])

    def ungraded(self, run_id: str) -> Iterator[tuple[str | None, str, JudgeVerdict | None]]:
        """(grader, reason, verdict) of every ungraded result of the run."""
        rows = self._db.execute(
            "SELECT grader, reason, verdict FROM results WHERE run_id = ? AND status = 'ungraded'",
            (run_id,),
        )
        for row in rows:
            yield row[0], row[1], JudgeVerdict.read(row[2])

    def calls(self, run_id: str, case_id: str) -> list[CallRecord]:
        rows = self._db.execute(
            "SELECT role, attempt, request_hash, status, error, model_version, input_tokens,"
            " output_tokens, latency_s, cost FROM calls WHERE run_id = ? AND case_id = ?"
            " ORDER BY id",
            (run_id, case_id),
        )
        return [CallRecord(*row) for row in rows]

    def count_calls(self, run_id: str) -> int:
        row = self._db.execute("SELECT count(*) FROM calls WHERE run_id = ?", (run_id,)).fetchone()
        return int(row[0])

    def result_key(self, case_id: str, run_id: str | None = None) -> tuple[str, str | None] | None:
        """(run id, response key) of the latest result of ``case_id`` (in ``run_id`` if given)."""
        sql = "SELECT run_id, response_key FROM results WHERE case_id = ?"
        args: tuple[Any, ...] = (case_id,)
        if run_id is not None:
            sql += " AND run_id = ?"
            args += (run_id,)
        row = self._db.execute(sql + " ORDER BY finished DESC LIMIT 1", args).fetchone()
        return None if row is None else (row[0], row[1])

    # response cache ---------------------------------------------------------------

    def cached(self, key: str) -> CachedResponse | None:
        row = self._db.execute(
            "SELECT key, parts, text, model_version, input_tokens, output_tokens, latency_s"
            " FROM responses WHERE key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        return CachedResponse(row[0], json.loads(row[1]), *row[2:7])

    def is_empty(self) -> bool:
        """No row in any table: the store holds nothing a user could miss."""
        return not any(
            self._db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in TABLES
        )

    def clear_cache(self) -> int:
        cursor = self._write("DELETE FROM responses", ())
        return cursor.rowcount

    def cache_size(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM responses").fetchone()[0])

    # helpers ----------------------------------------------------------------------

    def _write(self, sql: str, args: tuple[Any, ...]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, args)
        except sqlite3.Error as exc:
            raise StoreError(f"store write failed: {exc}") from None

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")


def _call_row(run_id: str, result: ResultRecord, c: CallRecord, now: float) -> tuple[Any, ...]:
    return (run_id, result.case_id, result.repeat, *(getattr(c, f) for f in _CALL_FIELDS), now)


def _cache_row(
    result: ResultRecord, cache: tuple[str, dict[str, Any]], now: float
) -> tuple[Any, ...]:
    key, parts = cache
    return (
        key,
        json.dumps(parts, ensure_ascii=False),
        result.response,
        result.model_version,
        result.input_tokens,
        result.output_tokens,
        result.latency_s,
        now,
    )


def _result_row(r: ResultRecord) -> tuple[Any, ...]:
    """The ``results`` columns of ``r`` in ``_RESULT_FIELDS`` order (enums are stored as
    their values, the bool as 0/1, the judges' votes as a JSON list or NULL)."""
    row = [getattr(r, f) for f in _RESULT_FIELDS]
    row[_VOTES] = None if r.judge_votes is None else votes_json(r.judge_votes)
    return tuple(row)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


_LEGACY_VERDICT = re.compile(r"\[(pass|fail|partial|n/a|unscored)\]")


def legacy_verdict(grader: str | None, reason: str | None) -> str | None:
    """The verdict a judge's result of an older store carried as its reason's prefix."""
    if not (grader or "").startswith("judge") or reason is None:
        return None
    match = _LEGACY_VERDICT.match(reason)
    return match.group(1) if match else None


def _refuse_links(path: Path) -> None:
    for part in (path.parent, path):
        if part.is_symlink():
            raise StoreError(
                f"refusing to open the store: {part} is a symbolic link (Charter never "
                "creates one); remove it or pass the real path"
            )


def open_store(root: str | Path, path: str | Path | None = None, *, create: bool = True) -> Store:
    """The store of the project at ``root`` (``.charter/charter.db``), or at ``path``."""
    return Store(Path(path) if path is not None else Path(root) / DB_PATH, create=create)


def open_project_store(path: str, store: str | None = None, *, create: bool = False) -> Store:
    """The store of the project ``path`` belongs to, found by the one locator
    (:func:`charter.spec.locate.project_root`) exactly as ``charter test`` finds it.
    A missing PATH is an :class:`InputError`; ``create=False`` never creates a file."""
    from charter.spec.locate import project_root

    root = project_root(path)
    if root is None:
        raise InputError(f"no such file or folder: {path}")
    return open_store(root, store, create=create)
