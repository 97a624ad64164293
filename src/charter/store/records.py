"""The store's typed rows: what is written for a run, a call, a result, a cached response.

Plain frozen dataclasses; :mod:`charter.store.db` names their fields in its SQL, so a
field added here is a column added by a migration there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
    status: str
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
    verdict: str | None = None  # the judge's (pass, fail, partial, n/a, unscored), if one decided


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
