"""Re-grading: a stored run's responses graded again, by another judge or a new spec.

The model under test is never called: every response comes from the source run's
results, streamed from the store (memory stays flat). Each response goes through the
same pipeline as in ``charter test`` (fixed assertions first, then the judge) and the
result is written to a *new* run, with the original response, model version and tokens
and ``cached`` set (no model call was made for it). Results that had no response
(errored calls) are copied as errored; a case the spec no longer has is errored too.
Judge calls share one adaptive limit with bounded retries and are recorded as calls
with role ``judge``. A judge that was never reached (connection refused, no route), or
that refuses the request itself (HTTP 401, 403, 404, a redirect), stops the regrade:
nothing more is recorded and the tally says ``unreachable`` (the caller marks the new run
``interrupted``), instead of recording every result ``errored``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from charter.errors import ProviderError
from charter.grade import Grade, Grader, Status, grade_response
from charter.grade.judge import Judge
from charter.providers.base import Completion, EndpointUnreachable, Request, refused_status
from charter.run.cache import request_key
from charter.run.calibrate import CallPolicy, JudgeCaller
from charter.run.calls import Attempted
from charter.run.outcome import verdict_of
from charter.run.plan import Case
from charter.store.db import CallRecord, ResultRecord, Store


@dataclass(slots=True)
class RegradeTally:
    counts: dict[Status, int] = field(default_factory=dict)
    judge_calls: int = 0
    unreachable: str | None = None  # why the regrade stopped: the judge never answered

    def add(self, status: Status) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1


class Regrader:
    """Grades the results of ``source`` into ``target``; see the module docstring."""

    def __init__(
        self,
        store: Store,
        cases: dict[str, Case],
        judge: Grader | None,
        policy: CallPolicy | None = None,
    ) -> None:
        self.store, self.cases, self.judge = store, cases, judge
        self.policy = policy or CallPolicy()
        self.caller = JudgeCaller(judge.provider, self.policy) if isinstance(judge, Judge) else None
        self.tally = RegradeTally()

    async def run(self, source: str, target: str) -> RegradeTally:
        results = self.store.results(source)
        workers = [self._worker(results, target) for _ in range(self.policy.concurrency)]
        await asyncio.gather(*workers)
        self.tally.judge_calls = self.caller.calls if self.caller else 0
        return self.tally

    async def _worker(self, results: Iterator[ResultRecord], target: str) -> None:
        for result in results:  # one shared iterator: each result is taken once
            if self.tally.unreachable is not None:
                return
            try:
                record, calls = await self._regrade(result)
            except _Unreachable as stop:
                self.tally.unreachable = str(stop)
                return
            self.store.record(target, record, calls)
            self.tally.add(record.status)

    async def _regrade(self, result: ResultRecord) -> tuple[ResultRecord, list[CallRecord]]:
        case = self.cases.get(result.case_id)
        if result.response is None:
            reason = f"not regraded: the run has no response ({result.reason})"
            errored = replace(result, status=Status.ERRORED, reason=reason, attempts=0)
            return replace(errored, verdict=None, judge_votes=None), []
        if case is None:
            reason = "not regraded: the spec no longer has this case"
            record = replace(result, status=Status.ERRORED, reason=reason, attempts=0)
            return replace(record, cached=True, verdict=None, judge_votes=None), []
        calls: list[CallRecord] = []
        grade = await self._grade(case, result.response, calls)
        record = replace(
            result,
            status=grade.status,
            reason=grade.reason,
            grader=grade.grader,
            verdict=grade.verdict or verdict_of(grade.grader, grade.reason),
            judge_votes=grade.votes,
            cached=True,
            cost=None,
            attempts=0,
        )
        return record, calls

    async def _grade(self, case: Case, response: str, calls: list[CallRecord]) -> Grade:
        caller = self.caller

        async def call(request: Request) -> Completion:
            assert caller is not None
            try:
                completion, made = await caller.call(request, request_key(caller, request))
            except Attempted as failed:
                calls.extend(failed.calls)
                raise failed.error from None
            calls.extend(made)
            return completion

        try:
            return await grade_response(case, response, self.judge, call if caller else None)
        except ProviderError as error:
            if isinstance(error, EndpointUnreachable) and caller and not caller.reached:
                raise _Unreachable(str(error)) from None
            if caller and refused_status(error.status):  # a wrong key, model or path
                raise _Unreachable(
                    f"the judge's endpoint refused the request ({error}): check the API key, "
                    "the model name and the base URL"
                ) from None
            return Grade(Status.ERRORED, f"judge: {error}", "judge")


class _Unreachable(Exception):
    """The judge could not be connected to and never answered, or refuses every request:
    stop the regrade."""
