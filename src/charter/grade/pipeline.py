"""Grade one response: fixed assertions first, then the judge, else ``ungraded``.

The order is the contract the judge relies on: a failing fixed assertion decides alone
(the judge is not called); when every fixed assertion passes and the case has judge
criteria, references or a configured judge wants it, the judge decides; with no judge a
case that still has an open ``judge:`` criterion is ``ungraded``, as is a case with no
assertion at all. Nothing is ``passed`` that no check looked at.
"""

from __future__ import annotations

from charter.grade.assertions import JUDGE, AssertionSpecError, run_assertions
from charter.grade.base import Check, Grade, GradeItem, Grader, ModelCall, Status


def _failure_reason(failed: list[Check]) -> str:
    return "; ".join(f"{c.expectation}: {c.reason}" for c in failed)


def grade_fixed(item: GradeItem, response: str) -> Grade | None:
    """The verdict of the fixed assertions, or None when they leave the case open."""
    try:
        checks = run_assertions(item.expectations, response)
    except AssertionSpecError as exc:
        return Grade(Status.ERRORED, f"bad assertion: {exc}")
    failed = [c for c in checks if not c.ok]
    if failed:
        return Grade(Status.FAILED, _failure_reason(failed), "assertions", tuple(checks))
    criteria = [e for e in item.expectations if e.kind == JUDGE]
    if checks and not criteria:
        return Grade(
            Status.PASSED, f"{len(checks)} assertion(s) passed", "assertions", tuple(checks)
        )
    return None


async def grade_response(
    item: GradeItem, response: str, judge: Grader | None = None, call: ModelCall | None = None
) -> Grade:
    """Grade ``response`` for ``item``; see the module docstring for the order."""
    fixed = grade_fixed(item, response)
    if fixed is not None:
        return fixed
    checks = len([e for e in item.expectations if e.kind != JUDGE])
    criteria = len(item.expectations) - checks
    if judge is None or call is None:
        if criteria:
            prefix = f"{checks} assertion(s) passed; " if checks else ""
            return Grade(
                Status.UNGRADED,
                f"{prefix}{criteria} judge criterion(s) need a grader (--grader)",
                "none",
            )
        if item.references:
            return Grade(
                Status.UNGRADED, "its GOOD/BAD references need a grader (--grader)", "none"
            )
        return Grade(Status.UNGRADED, "no assertion and no judge", "none")
    return await judge.grade(item, response, call)
