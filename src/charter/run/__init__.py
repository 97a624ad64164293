"""Executing cases: the public API (:mod:`.api`: ``start_run`` / ``resume_run`` over a
frozen :class:`RunSettings`, returning a :class:`RunResult`), planning (:mod:`.plan`),
cache keys (:mod:`.cache`), the adaptive limit (:mod:`.limiter`), the asyncio runner
(:mod:`.runner`) and what a run established (:mod:`.outcome`).

``run`` never imports ``compile``: a front end compiles the spec and passes the prompt
text (``system_prompt``).
"""

from __future__ import annotations

from charter.run.api import (
    Grading,
    Hooks,
    RunResult,
    RunSettings,
    RunStatus,
    resume_run,
    start_run,
)
from charter.run.outcome import Counts, UngradedReason
from charter.run.plan import Case, Filters, Plan, case_id, plan_cases, spec_hash
from charter.run.runner import Outcome, Runner, RunOptions, Tally

__all__ = [
    "Case",
    "Counts",
    "Filters",
    "Grading",
    "Hooks",
    "Outcome",
    "Plan",
    "RunOptions",
    "RunResult",
    "RunSettings",
    "RunStatus",
    "Runner",
    "Tally",
    "UngradedReason",
    "case_id",
    "plan_cases",
    "resume_run",
    "spec_hash",
    "start_run",
]
