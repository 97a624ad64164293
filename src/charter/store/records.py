"""The store's typed rows: what is written for a run, a call, a result, a cached response.

Plain frozen dataclasses; :mod:`charter.store.db` names their fields in its SQL, so a
field added here is a column added by a migration there. A result's status and a
judge's verdict are enums (:class:`CaseStatus`, :class:`JudgeVerdict`) from the grader
to the row read back, never bare strings; being ``StrEnum`` members they are stored,
compared and printed as their values. :class:`CaseStatus` is the grading pipeline's
``Status`` (``charter.grade`` re-exports it: the store sits below grading).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class CaseStatus(StrEnum):
    """How a case (one repeat) ended."""

    PASSED = "passed"
    FAILED = "failed"
    ERRORED = "errored"
    UNGRADED = "ungraded"


class JudgeVerdict(StrEnum):
    """What a judge (or a panel) answered; ``UNREADABLE``: its answer held no verdict."""

    PASS = "pass"
    FAIL = "fail"
    PARTIAL = "partial"
    NA = "n/a"
    UNCERTAIN = "uncertain"
    UNREADABLE = "unreadable"

    @classmethod
    def read(cls, value: str | None) -> JudgeVerdict | None:
        """The member for a stored or parsed value (``unscored``, the older spelling of
        ``unreadable``, included); None for None or a value no member has."""
        if value is None:
            return None
        try:
            return cls("unreadable" if value == "unscored" else value)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class JudgeVote:
    """One judge's verdict on a result graded by a panel (``judge``: provider/model)."""

    judge: str
    verdict: JudgeVerdict
    reason: str


@dataclass(frozen=True, slots=True)
class RunRow:
    id: str
    created: float
    finished: float | None
    status: str
    model: str
    spec_root: str
    spec_hash: str
    options: dict[str, Any]
    total: int


@dataclass(frozen=True, slots=True)
class CallRecord:
    role: str
    attempt: int
    request_hash: str
    status: int | None
    error: str | None
    model_version: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency_s: float | None = None
    cost: float | None = None  # USD, when the provider has a price


@dataclass(frozen=True, slots=True)
class ResultRecord:
    case_id: str
    repeat: int
    module: str
    clause: str
    status: CaseStatus
    reason: str = ""
    cached: bool = False
    response_key: str | None = None
    response: str | None = None
    model_version: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cost: float | None = None
    latency_s: float | None = None
    attempts: int = 0
    grader: str | None = None
    verdict: JudgeVerdict | None = None  # the judge's or the panel's, if one decided
    judge_votes: tuple[JudgeVote, ...] | None = None  # each judge's, when a panel graded


@dataclass(frozen=True, slots=True)
class CachedResponse:
    key: str
    parts: dict[str, Any]
    text: str
    model_version: str | None
    input_tokens: int | None
    output_tokens: int | None
    latency_s: float | None


_RESULT_FIELDS = tuple(ResultRecord.__dataclass_fields__)
_CALL_FIELDS = tuple(CallRecord.__dataclass_fields__)
# One finished case: its result, the calls made for it, and (key, parts) to cache.
Entry = tuple[ResultRecord, tuple[CallRecord, ...], tuple[str, dict[str, Any]] | None]
_VOTES = _RESULT_FIELDS.index("judge_votes")


def result_of(row: Sequence[Any]) -> ResultRecord:
    """A ``results`` row read in ``_RESULT_FIELDS`` order, typed: status and verdict as
    enums, the bool as a bool, the judges' votes as :class:`JudgeVote` rows."""
    values = dict(zip(_RESULT_FIELDS, row, strict=True))
    values["status"] = CaseStatus(values["status"])
    values["cached"] = bool(values["cached"])
    values["verdict"] = JudgeVerdict.read(values["verdict"])
    votes = values["judge_votes"]
    values["judge_votes"] = None if votes is None else votes_of(votes)
    return ResultRecord(**values)


def votes_json(votes: Iterable[JudgeVote]) -> str:
    """The ``judge_votes`` column: a JSON list of ``{"judge", "verdict", "reason"}``."""
    items = [{"judge": v.judge, "verdict": v.verdict.value, "reason": v.reason} for v in votes]
    return json.dumps(items, ensure_ascii=False)


def votes_of(text: str) -> tuple[JudgeVote, ...]:
    votes = []
    for item in json.loads(text):
        verdict = JudgeVerdict.read(item.get("verdict")) or JudgeVerdict.UNREADABLE
        votes.append(JudgeVote(str(item.get("judge", "")), verdict, str(item.get("reason", ""))))
    return tuple(votes)
