"""The runner: cases through the model under test, graded and stored as each finishes.

One asyncio loop. ``WORKERS_PER_SLOT × concurrency`` workers pull cases from the plan
(a generator, so memory stays flat); model calls pass through an
:class:`AdaptiveLimiter` per provider and role, which bounds the calls in flight. A
cached response (same cache key) makes no call. Retryable failures are retried after
the server's ``Retry-After`` (capped at ``retry_after_cap``) or a jittered backoff (see
:mod:`charter.run.calls`); each attempt has a timeout; the whole run has an optional
deadline. Finished cases — calls, cache entry, grade — are committed in small groups:
once per turn of the event loop, or every ``FLUSH_AT`` cases when cache hits never
yield, so a killed run loses at most the uncommitted group and ``--resume`` does only
the rest (never a case twice).
Cases still in flight when the run stops are not recorded: they stay pending. Text is
made storable where it arrives (:func:`charter.store.text.storable`); any failure to
write stops the run with a :class:`StoreError` (the group's transaction rolled back).
While the run goes, SQLite's automatic checkpoints (a copy of the log into the database
file, with two syncs, inside whichever commit crossed 1,000 pages) are off and the
progress ticker starts one in a thread instead (:mod:`charter.store.checkpoint`): the
event loop never waits on them; commits are as durable as before.
Judge calls go through the same retries and a limiter of their own and are recorded
with the case (role ``judge``: tokens, latency, model version, cost at the judge's price),
failed attempts included.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from charter.errors import StoreError
from charter.grade import Grade, Grader, Status, grade_response
from charter.providers.base import (
    Completion,
    EndpointUnreachable,
    NotACompletion,
    Provider,
    Request,
    Usage,
    refused_status,
)
from charter.run.cache import cache_key, key_parts, request_key
from charter.run.calls import Attempted, CallPolicy, ModelCaller, Stopped, cost_of
from charter.run.outcome import verdict_of
from charter.run.plan import Case
from charter.store import CallRecord, ResultRecord, Store
from charter.store.db import Entry
from charter.store.records import JudgeVote
from charter.store.text import storable

FLUSH_AT = 256  # most finished cases held before they are written
WORKERS_PER_SLOT = 8  # cases in progress per allowed call in flight (see _workers)
SPARE_WORKERS_AFTER = 0.02  # seconds before the workers beyond one per slot start


@dataclass(frozen=True, slots=True)
class RunOptions:
    concurrency: int = 16
    retries: int = 4
    timeout: float = 60.0
    deadline: float | None = None  # seconds for the whole run
    use_cache: bool = True
    params: Mapping[str, Any] = field(default_factory=dict)
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    developer_role: str | None = None  # as given to the provider (part of the cache key)
    workers_per_slot: int = WORKERS_PER_SLOT  # 1 when cases must wait for earlier ones
    retry_after_cap: float = 120.0  # a longer Retry-After waits this long (86,400 is a day)
    progress_interval: float = 0.5
    cut_interval: float = 1.0  # the limiter's shortest time between two cuts


@dataclass(slots=True)
class Tally:
    """Counters for progress and the summary; a few ints, whatever the run's size."""

    total: int = 0
    done: int = 0
    passed: int = 0
    failed: int = 0
    errored: int = 0
    ungraded: int = 0
    cached: int = 0
    calls: int = 0  # model-under-test calls made by this runner (this invocation)
    judge_calls: int = 0
    retries: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    judge_input_tokens: int = 0
    judge_output_tokens: int = 0
    cost: float = 0.0  # model under test and judge
    in_flight: int = 0
    limit: int = 0
    started: float = field(default_factory=time.monotonic)

    def count(self, status: Status) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)
        self.done += 1


@dataclass(slots=True)
class Outcome:
    tally: Tally
    stopped: str | None = None  # None (finished), "deadline", "interrupted", "unreachable"
    error: str | None = None


class Runner:
    def __init__(
        self,
        store: Store,
        run_id: str,
        provider: Provider,
        options: RunOptions,
        *,
        judge: Grader | None = None,
        judge_provider: Provider | None = None,
        on_progress: Callable[[Tally], None] | None = None,
    ) -> None:
        self.store, self.run_id, self.provider, self.options = store, run_id, provider, options
        self.judge, self.judge_provider = judge, judge_provider
        self.on_progress = on_progress
        self.tally = Tally()
        policy = CallPolicy(
            options.concurrency,
            options.retries,
            options.timeout,
            options.backoff_base,
            options.backoff_cap,
            options.retry_after_cap,
            options.cut_interval,
        )
        self.callers = {"model": ModelCaller(provider, policy, "model", stopping=self._stopping)}
        if judge_provider is not None:
            self.callers["judge"] = ModelCaller(
                judge_provider, policy, "judge", stopping=self._stopping
            )
        self._identity = provider.identity()
        self._unreachable: str | None = None
        self._pending: list[Entry] = []
        self._store_error: StoreError | None = None
        self._drained = False  # a worker found the cases exhausted
        self._deadline_at: float | None = None  # loop time; set by the first run()

    async def run(self, cases: Iterable[tuple[Case, int]], total: int) -> Outcome:
        """Run every (case, repeat) of ``cases``; returns when all are recorded or it stops.
        May be called again for more cases (one pass per round of ``--early-stop``)."""
        self.tally.total = total
        self.store.defer_checkpoints()  # made by _tick in a thread, not in a commit
        source = iter(cases)
        workers: list[asyncio.Future[None]] = []
        ticker = asyncio.ensure_future(self._tick())
        outcome = Outcome(self.tally)
        if self._deadline_at is None and self.options.deadline is not None:
            # one deadline for every pass of the run (--early-stop runs one per round)
            self._deadline_at = asyncio.get_running_loop().time() + self.options.deadline
        try:
            async with asyncio.timeout_at(self._deadline_at):
                await self._start_workers(source, workers)
                await asyncio.gather(*workers)
        except TimeoutError:
            outcome.stopped = "deadline"
        finally:
            for task in (*workers, ticker):
                task.cancel()
            await asyncio.gather(*workers, ticker, return_exceptions=True)
            self._flush()
            self._progress()
            self.store.checkpoint_soon()  # before the automatic ones are back, so that
            self.store.defer_checkpoints(False)  # the next commit need not make one
        if self._store_error is not None:
            raise self._store_error
        if self._unreachable is not None:
            outcome.stopped, outcome.error = "unreachable", self._unreachable
        return outcome

    async def _start_workers(
        self, source: Iterator[tuple[Case, int]], workers: list[asyncio.Future[None]]
    ) -> None:
        """One worker per slot first; the others :data:`SPARE_WORKERS_AFTER` seconds
        later. Each worker plans its first case as it starts, so 512 starting at once
        planned (and recorded) about 1,000 cases before the first request could leave:
        30 ms of start-up. The spare workers only matter once cases wait out a backoff."""
        total = self._workers()
        first = min(total, self.options.concurrency)
        workers += [asyncio.ensure_future(self._worker(source)) for _ in range(first)]
        if total > first:
            await asyncio.sleep(SPARE_WORKERS_AFTER)
            workers += [asyncio.ensure_future(self._worker(source)) for _ in range(total - first)]

    def _workers(self) -> int:
        """More workers than slots: a case waiting out a backoff or a Retry-After holds a
        worker but no slot, and the other workers keep the slots busy meanwhile (the
        limiters, not the workers, bound the calls in flight). Eight per slot: with 10 %
        429s asking for a second's wait at 32 × 20 calls a second, about 64 cases sleep
        at any moment, and three per slot (96) left the slots a third empty. Never more
        than the cases to run: each worker has at least one (``--concurrency 100000`` with
        ten cases started 800,000 tasks, 14 s of nothing)."""
        return min(
            self.options.concurrency * self.options.workers_per_slot, max(1, self.tally.total)
        )

    def _write(self, entry: Entry) -> None:
        """Group commit: cases finishing in one turn of the loop share one transaction,
        written before the loop waits on I/O again, so a kill loses at most cases whose
        answers arrived in that same instant (they stay pending, never half-written).
        (Waiting 20 ms to group more cases saved about a sixth of the CPU on 4,000 cases
        but re-asks, after a kill, every answer of those 20 ms: not taken.)"""
        self._pending.append(entry)
        if len(self._pending) == 1:
            asyncio.get_running_loop().call_soon(self._flush)
        elif len(self._pending) >= FLUSH_AT:  # cache hits never yield: bound the batch
            self._flush()

    def _flush(self) -> None:
        """Write the pending group; never raises (it runs as a loop callback).

        Any failure — a :class:`StoreError` or anything unexpected — is kept for
        :meth:`run` to raise once the workers stopped: the group's transaction was rolled
        back, so its cases stay pending and ``--resume`` runs them."""
        if self._pending and self._store_error is None:
            entries, self._pending = self._pending, []
            try:
                self.store.record_many(self.run_id, entries)
            except StoreError as exc:
                self._store_error = exc
            except Exception as exc:  # a bug must stop the run, not vanish in the loop
                self._store_error = StoreError(
                    f"cannot record results: {type(exc).__name__}: {exc}"
                )

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(self.options.progress_interval)
            self._progress()
            self.store.checkpoint_soon()

    def _progress(self) -> None:
        limiter = self.callers["model"].limiter
        self.tally.in_flight, self.tally.limit = limiter.in_flight, limiter.limit

        if self.on_progress is not None:
            self.on_progress(self.tally)

    def _stopping(self) -> bool:
        return self._unreachable is not None or self._store_error is not None

    async def _worker(self, source: Iterator[tuple[Case, int]]) -> None:
        for count, (case, repeat) in enumerate(source, 1):
            if self._stopping():
                return
            await self._run_case(case, repeat)
            if count % FLUSH_AT == 0:
                await asyncio.sleep(0)  # let progress, signals and the deadline in
        if not self._drained:  # every case handed out: copy the log while the last run
            self._drained = True  # (the run's last copy is then only of their writes)
            self.store.checkpoint_soon()

    async def _run_case(self, case: Case, repeat: int) -> None:
        wire = (
            {"developer_role": self.options.developer_role} if self.options.developer_role else None
        )
        parts = key_parts(
            self._identity, case.messages, self.options.params, repeat, case.tools, wire
        )
        key = cache_key(parts)
        hit = self.store.cached(key) if self.options.use_cache else None
        calls: list[CallRecord] = []
        if hit is not None:
            completion = Completion(
                hit.text,
                Usage(hit.input_tokens, hit.output_tokens),
                hit.model_version,
                hit.latency_s or 0.0,
            )
        else:
            try:
                completion, calls = await self._call(
                    Request(case.messages, self.options.params, case.tools), key
                )
            except Stopped:
                return
            except Attempted as failed:
                stop = self._stop_reason("model", failed)
                if stop is not None:
                    self._unreachable = stop
                    return  # left pending: --resume runs it once the endpoint is back
                self._record_error(case, repeat, key, failed)
                return
        text = storable(completion.text)
        if text is not completion.text:  # a lone surrogate was escaped (rare): copy
            completion = replace(completion, text=text)
        graded = await self._grade(case, completion.text)
        if graded is None:
            return  # the judge cannot be asked: left pending, like an unreachable model
        grade, judged = graded
        self._record(
            case, repeat, key, parts, completion, grade, calls, judged, cached=hit is not None
        )

    def _stop_reason(self, role: str, failed: Attempted) -> str | None:
        """Why no further call can succeed, or None: the endpoint cannot be connected to
        and answered no call while this one tried (never reached, or gone away mid-run:
        the rest would each be retried and recorded as errors, which ``--resume`` does
        not redo), it has never answered with a completion (a wrong base URL), or it
        refused the request itself (a wrong key, model or path: every case would get the
        same answer, so asking them all is only load and noise)."""
        error = failed.error
        if isinstance(error, EndpointUnreachable) and not failed.answered_meanwhile:
            return str(error)
        if isinstance(error, NotACompletion) and not self.callers[role].reached:
            return (
                f"the endpoint answers, but not with a chat completion ({error}): check the "
                "base URL (an OpenAI-compatible one usually ends in /v1)"
            )
        if refused_status(error.status):
            who = "the judge's endpoint" if role == "judge" else "the endpoint"
            return (
                f"{who} refused the request ({error}): check the API key, the model name "
                "and the base URL"
            )
        return None

    async def _call(
        self, request: Request, key: str, role: str = "model"
    ) -> tuple[Completion, list[CallRecord]]:
        caller = self.callers[role]
        try:
            return await caller.call(request, key)
        finally:
            self.tally.calls = self.callers["model"].calls
            self.tally.retries = sum(c.retries for c in self.callers.values())
            judge = self.callers.get("judge")
            self.tally.judge_calls = judge.calls if judge is not None else 0

    async def _grade(self, case: Case, response: str) -> tuple[Grade, list[CallRecord]] | None:
        """The grade, and every judge call made for it (failed attempts included); None
        when the run stops because no judge call can succeed (see :meth:`_stop_reason`)."""
        judged: list[CallRecord] = []
        judge_call = None
        if self.judge is not None and self.judge_provider is not None:

            async def judge_call(request: Request) -> Completion:
                key = request_key(self.callers["judge"], request)
                try:
                    completion, calls = await self._call(request, key, role="judge")
                except Attempted as failed:
                    judged.extend(failed.calls)
                    raise
                judged.extend(calls)
                return completion

        try:
            return await grade_response(case, response, self.judge, judge_call), judged
        except Stopped:
            return None
        except Attempted as failed:
            stop = self._stop_reason("judge", failed)
            if stop is not None:
                self._unreachable = stop
                return None
            return Grade(Status.ERRORED, f"judge: {failed.error}", "judge"), judged

    def _cost(self, completion: Completion) -> float | None:
        return cost_of(completion, self.callers["model"].price)

    def _record(
        self,
        case: Case,
        repeat: int,
        key: str,
        parts: dict[str, Any],
        completion: Completion,
        grade: Grade,
        calls: list[CallRecord],
        judged: list[CallRecord],
        *,
        cached: bool,
    ) -> None:
        """Write the case whole: its result, the model's calls and the judge's (role judge)."""
        cost = None if cached else self._cost(completion)
        usage = completion.usage
        result = ResultRecord(
            case.id,
            repeat,
            case.module,
            case.clause.id,
            grade.status,
            storable(grade.reason),
            cached,
            key,
            completion.text,
            completion.model,
            usage.input_tokens,
            usage.output_tokens,
            cost,
            completion.latency_s,
            len(calls),
            grade.grader,
            grade.verdict or verdict_of(grade.grader, grade.reason),
            _storable_votes(grade.votes),
        )
        self._write((result, (*calls, *judged), None if cached else (key, parts)))
        self.tally.count(grade.status)
        if cached:
            self.tally.cached += 1
        else:
            self.tally.input_tokens += usage.input_tokens or 0
            self.tally.output_tokens += usage.output_tokens or 0
            self.tally.cost += cost or 0.0
        for call in judged:
            self.tally.judge_input_tokens += call.input_tokens or 0
            self.tally.judge_output_tokens += call.output_tokens or 0
            self.tally.cost += call.cost or 0.0

    def _record_error(self, case: Case, repeat: int, key: str, failed: Attempted) -> None:
        attempts = len(failed.calls)
        reason = storable(f"{failed.error} (after {attempts} attempt{'s' if attempts > 1 else ''})")
        result = ResultRecord(
            case.id,
            repeat,
            case.module,
            case.clause.id,
            Status.ERRORED,
            reason,
            False,
            key,
            attempts=attempts,
            grader="none",
        )
        self._write((result, tuple(failed.calls), None))
        self.tally.count(Status.ERRORED)

    async def aclose(self) -> None:
        await self.provider.aclose()
        if self.judge_provider is not None:
            await self.judge_provider.aclose()


def _storable_votes(votes: tuple[JudgeVote, ...] | None) -> tuple[JudgeVote, ...] | None:
    if votes is None:
        return None
    return tuple(replace(v, judge=storable(v.judge), reason=storable(v.reason)) for v in votes)
