"""The public run API: ``start_run`` / ``resume_run`` over typed settings and results.

``charter test`` is a front end on this module (the way ``inspect eval`` sits on
``inspect_ai.eval()``): it parses arguments into a frozen :class:`RunSettings` (what
defines a run, stored with it so a resume repeats it exactly) and a
:class:`~charter.run.runner.RunOptions` (how this invocation executes it), calls
:func:`start_run` or :func:`resume_run`, and prints the :class:`RunResult`. A pytest
plugin or the web page call the same two functions.

Guarantees: the run is recorded in the store before any model call, with its total
(counted before any case is planned, so progress is right from the start); its cases are
then planned and recorded chunk by chunk while the first ones are already being asked
(each recorded before it is sent; with ``--early-stop`` and repeats, all of them up
front, as rounds need), and a run that stops early records the rest; a failure to write
(:class:`~charter.errors.StoreError`) or Ctrl-C marks it ``interrupted`` and returns
(resumable; nothing recorded is lost); the result's :class:`~charter.run.outcome.Counts`
and exit code follow :mod:`charter.run.outcome`. ``run`` never imports ``compile``: a
caller wanting ``with_spec`` passes the compiled prompt as ``system_prompt``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from charter.errors import InputError, StoreError
from charter.grade import Grader
from charter.providers import resolve
from charter.providers.base import Provider
from charter.run.outcome import Counts, exit_code, reasons_of
from charter.run.plan import Case, Filters, Plan, count_cases, plan_cases, spec_hash
from charter.run.runner import Outcome, Runner, RunOptions, Tally
from charter.run.settings import provider_tables
from charter.spec.model import Project
from charter.store import Store

CHUNK_FIRST = 32  # cases planned and recorded before the first request leaves
CHUNK_MAX = 1024  # the most planned and recorded at once after that


class RunStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # Ctrl-C, a kill, or a failed store write
    DEADLINE = "deadline"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True, slots=True)
class RunSettings:
    """What defines a run; stored with it (:meth:`stored`) so a resume repeats it."""

    model: str
    repeat: int = 1
    with_spec: bool = False
    clauses: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    params: tuple[tuple[str, Any], ...] = ()  # temperature, max_tokens, seed...
    developer_role: str | None = None
    grader: str | None = None
    panel: tuple[str, ...] = ()  # more judges beside ``grader`` (repeated --grader)
    judge_samples: int | None = None  # ask each judge K times
    early_stop: bool = False
    changed_since: str | None = None  # --changed-since REV, with:
    changes: int | None = None
    cases: tuple[str, ...] | None = None  # the case ids to run; None: all
    no_cache: bool = False  # every answer asked afresh (--no-cache), resumes included

    def stored(self) -> dict[str, Any]:
        data = asdict(self)
        data["params"] = dict(self.params)
        return {k: v for k, v in data.items() if v is not None or k in ("grader",)}

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> RunSettings:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in ("clauses", "modules", "tags", "cases", "panel"):
            if known.get(name) is not None:
                known[name] = tuple(known[name])
        known["params"] = tuple(sorted(dict(known.get("params") or {}).items()))
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Grading:
    """The judge of a run, as the front end configured it (none: assertions only)."""

    judge: Grader | None = None
    judge_provider: Provider | None = None


@dataclass(frozen=True, slots=True)
class RunResult:
    run_id: str
    status: RunStatus
    counts: Counts
    exit_code: int
    tally: Tally = field(default_factory=Tally)
    error: str | None = None  # why the run stopped early, when it did
    totals: Mapping[str, Any] = field(default_factory=dict)  # Store.totals when it finished


@dataclass(frozen=True, slots=True)
class Hooks:
    """What a front end hears while a run goes: its start (run id, cases, already done)
    and progress (the runner's tally, a few times a second)."""

    on_start: Callable[[RunSession, int, int], None] | None = None
    on_progress: Callable[[Tally], None] | None = None


def start_run(
    project: Project,
    store: Store,
    settings: RunSettings,
    options: RunOptions,
    *,
    system_prompt: str | None = None,
    grading: Grading | None = None,
    hooks: Hooks | None = None,
) -> RunResult:
    """Plan, record and run every case of ``project``; see the module docstring.
    ``options.use_cache=False`` is stored with the run (``no_cache``): its resume asks
    afresh too."""
    if not options.use_cache:
        settings = replace(settings, no_cache=True)
    session = RunSession(project, store, settings, system_prompt=system_prompt)
    return session.run(options, grading or Grading(), hooks or Hooks())


def resume_run(
    project: Project,
    store: Store,
    run_id: str,
    options: RunOptions,
    *,
    system_prompt: str | None = None,
    grading: Grading | None = None,
    hooks: Hooks | None = None,
) -> RunResult:
    """Run what ``run_id`` (an id, a unique prefix, ``latest`` or ``latest~N``) has not
    finished, with the settings it was started with."""
    run_id = resolve_run(store, run_id)
    session = RunSession.resumed(project, store, run_id, system_prompt=system_prompt)
    return session.run(options, grading or Grading(), hooks or Hooks())


def resolve_run(store: Store, ref: str) -> str:
    """The id of the run ``ref`` names: an id, a unique prefix, ``latest`` or ``latest~N``
    (as ``report``, ``compare`` and ``regrade`` read it); InputError when none does."""
    from charter.store.history import History

    return History(store).find(ref, store.path).id


def stored_settings(store: Store, run_id: str, project: Project) -> RunSettings:
    """The settings ``run_id`` was started with; the spec must not have changed since."""
    row = store.run(run_id)
    if row is None:
        raise InputError(f"no run {run_id!r} in {store.path}")
    if row.spec_hash != spec_hash(project):
        raise InputError(f"the spec changed since run {row.id} started; start a new run")
    return RunSettings.from_stored(row.options)


class RunSession:
    """One invocation of one run: its plan, its record in the store, its execution."""

    def __init__(
        self,
        project: Project,
        store: Store,
        settings: RunSettings,
        *,
        run_id: str | None = None,
        system_prompt: str | None = None,
    ) -> None:
        self.project, self.store, self.settings = project, store, settings
        only = None if settings.cases is None else frozenset(settings.cases)
        filters = Filters(settings.clauses, settings.modules, settings.tags)
        self.plan = Plan(filters, system_prompt=system_prompt, only=only)
        tables = project.config.section("providers") if project.config else {}
        self.provider = resolve(
            settings.model, provider_tables(tables, settings.model, settings.developer_role)
        )
        self.started = time.monotonic()
        self.resuming = run_id is not None
        self.recorded = False  # every planned (case, repeat) is in the store
        self.planned: int | None = None  # the run's (case, repeat) total, once counted
        self.tally: Tally | None = None  # the runner's counters, kept for a stopped run
        if run_id is None:
            run_id = new_run_id()
            digest = spec_hash(project)
            store.create_run(run_id, settings.model, project.root, digest, settings.stored())
        self.run_id = run_id

    @classmethod
    def resumed(
        cls, project: Project, store: Store, run_id: str, *, system_prompt: str | None = None
    ) -> RunSession:
        settings = stored_settings(store, run_id, project)
        return cls(project, store, settings, run_id=run_id, system_prompt=system_prompt)

    def cases(self) -> Iterator[tuple[Case, int]]:
        for case in plan_cases(self.project, self.plan):
            for repeat in range(self.settings.repeat):
                yield case, repeat

    def pending(self, done: set[tuple[str, int]]) -> Iterator[tuple[Case, int]]:
        """The (case, repeat) pairs still to run, round by round with ``early_stop``."""
        if not self._in_rounds():
            yield from ((c, r) for c, r in self.cases() if (c.id, r) not in done)
            return
        for repeat in range(self.settings.repeat):
            yield from self.round(repeat, done)

    def _in_rounds(self) -> bool:
        return self.settings.early_stop and self.settings.repeat > 1

    def round(self, repeat: int, done: set[tuple[str, int]]) -> Iterator[tuple[Case, int]]:
        """Round ``repeat`` of an early-stopped run: the cases it has not settled, as the
        store has their earlier repeats now (:func:`~charter.run.repeats.one_round`)."""
        from charter.run.repeats import is_strict, one_round
        from charter.store.history import History

        history = History(self.store)

        def strictness() -> Iterator[tuple[Case, str, bool]]:
            for case in plan_cases(self.project, self.plan):
                yield case, case.id, is_strict(case.clause)

        statuses = lambda cid: history.case_statuses(self.run_id, cid)  # noqa: E731
        yield from one_round(strictness, repeat, self.settings.repeat, done, statuses)

    def run(self, options: RunOptions, grading: Grading, hooks: Hooks) -> RunResult:
        from pathlib import Path

        from charter.store.runlock import run_lock

        if self.settings.no_cache:  # a setting of the run: a resume keeps it
            options = replace(options, use_cache=False)
        with run_lock(Path(self.store.path), self.run_id):  # one process per run
            return self._run(options, grading, hooks)

    def _run(self, options: RunOptions, grading: Grading, hooks: Hooks) -> RunResult:
        outcome: Outcome | None = None
        try:
            outcome = asyncio.run(self.execute(options, grading, hooks))
        except StoreError as exc:
            return self._stopped(RunStatus.INTERRUPTED, str(exc))
        except KeyboardInterrupt:
            return self._stopped(RunStatus.INTERRUPTED, "interrupted")
        status = RunStatus(outcome.stopped or RunStatus.FINISHED)
        # This last write must not make SQLite's automatic checkpoint (10-30 ms on the
        # caller's thread): the thread's final one copies it while the outputs are written.
        self.store.defer_checkpoints()
        self.store.set_run_status(self.run_id, status, finished=status is RunStatus.FINISHED)
        self.store.checkpoint_soon(final=True)  # the run's writes are done: the rest reads
        self.store.defer_checkpoints(False)
        totals = self.store.totals(self.run_id)
        counts = self.counts(outcome.tally, totals)
        if self.planned == 0 and not self.resuming:
            self.store.discard_empty_run(self.run_id)  # nothing to run (T002): keep no run
        return RunResult(
            self.run_id, status, counts, exit_code(counts), outcome.tally, outcome.error, totals
        )

    async def execute(self, options: RunOptions, grading: Grading, hooks: Hooks) -> Outcome:
        total = self.planned = self._total()
        done = self.store.done_keys(self.run_id) if self.resuming else set()
        if hooks.on_start is not None:
            hooks.on_start(self, total, len(done))
        if self._in_rounds():
            # a round reads the repeats recorded before it: none is planned ahead (chunks
            # would read rounds not run yet) and each round waits for the one before it
            options = replace(options, workers_per_slot=1)
            if not self.recorded:
                self._record(self.cases())
                self.recorded = True
        runner = Runner(
            self.store,
            self.run_id,
            self.provider,
            options,
            judge=grading.judge,
            judge_provider=grading.judge_provider,
            on_progress=hooks.on_progress,
        )
        self.tally = runner.tally  # Ctrl-C unwinds past the outcome: keep its counters
        try:
            if self._in_rounds():
                outcome = await self._rounds(runner, total - len(done), done)
            else:
                outcome = await runner.run(self._recording(self.pending(done)), total - len(done))
        finally:
            await runner.aclose()
        if not self.recorded:  # stopped early (deadline, unreachable): record the rest
            self._record(self.cases())
        return outcome

    async def _rounds(self, runner: Runner, left: int, done: set[tuple[str, int]]) -> Outcome:
        """``--early-stop``: one runner pass per round, each started once the one before is
        recorded. Handed out lazily, round 2 of a case was decided while its round 1 was
        still in flight (nothing settled yet) whenever the concurrency covered the cases,
        and every repeat was asked. The deadline spans the passes (the runner keeps it)."""
        outcome = Outcome(runner.tally)
        for repeat in range(self.settings.repeat):
            outcome = await runner.run(self.round(repeat, done), left)
            if outcome.stopped:
                break
        return outcome

    def _total(self) -> int:
        """The run's total, stated before any case is planned: counted for a new run (and
        stored), read back on a resume (the spec is unchanged, :func:`stored_settings`
        checked its hash), which also learns whether every case is recorded already."""
        row = self.store.run(self.run_id) if self.resuming else None
        if row is not None and row.total is not None:
            self.recorded = self.store.case_rows(self.run_id) >= row.total
            return row.total
        total = count_cases(self.project, self.plan) * self.settings.repeat
        self.store.set_total(self.run_id, total)
        return total

    def _recording(self, source: Iterator[tuple[Case, int]]) -> Iterator[tuple[Case, int]]:
        """``source``, each chunk of it recorded in the store (committed) before any of
        its cases is handed to the runner: the first request waits for the first small
        chunk, not for the whole plan, and planning the rest overlaps the model calls.
        Chunks grow to ``CHUNK_MAX``; a case is always recorded before it is sent."""
        if self.recorded:
            yield from source
            return
        size = CHUNK_FIRST
        while chunk := list(itertools.islice(source, size)):
            self._record(chunk)
            yield from chunk
            size = min(2 * size, CHUNK_MAX)
        self.recorded = True

    def _record(self, cases: Iterable[tuple[Case, int]]) -> None:
        rows = ((c.id, r, c.module, c.clause.id, c.kind) for c, r in cases)
        self.store.add_case_rows(self.run_id, rows)

    def _stopped(self, status: RunStatus, error: str) -> RunResult:
        with contextlib.suppress(StoreError):
            self.store.set_run_status(self.run_id, status)
        counts = self.counts(self.tally)
        return RunResult(
            self.run_id,
            status,
            counts,
            130 if error == "interrupted" else 3,
            self.tally or Tally(),
            error=error,
        )

    def counts(self, tally: Tally | None, totals: Mapping[str, Any] | None = None) -> Counts:
        totals = self.store.totals(self.run_id) if totals is None else totals
        row = self.store.run(self.run_id)
        return Counts(
            cases=self.store.case_count(self.run_id),
            results=row.total if row else totals["done"],
            done=totals["done"],
            passed=totals["passed"],
            failed=totals["failed"],
            errored=totals["errored"],
            ungraded=totals["ungraded"],
            ungraded_by_reason=reasons_of(self.store.ungraded(self.run_id)),
            calls_this_invocation=tally.calls if tally else 0,
            judge_calls_this_invocation=tally.judge_calls if tally else 0,
        )


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + "-" + secrets.token_hex(2)
