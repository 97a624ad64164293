"""Executing cases: planning (:mod:`.plan`), cache keys (:mod:`.cache`), the adaptive
limit (:mod:`.limiter`) and the asyncio runner (:mod:`.runner`).

``run`` never imports ``compile``: a front end compiles the spec and passes the prompt
text in :class:`~charter.run.plan.Plan`.
"""

from __future__ import annotations

from charter.run.plan import Case, Filters, Plan, case_id, plan_cases, spec_hash
from charter.run.runner import Outcome, Runner, RunOptions, Tally

__all__ = [
    "Case",
    "Filters",
    "Outcome",
    "Plan",
    "RunOptions",
    "Runner",
    "Tally",
    "case_id",
    "plan_cases",
    "spec_hash",
]
