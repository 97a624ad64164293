"""What a run established: counts a reader can trust, and the exit code they imply.

A run is judged by its graded cases. The summary says how many results were graded (the
*share graded*), the pass rate over graded results only, why each ungraded result was
not graded (:class:`UngradedReason`), how many distinct cases ran (a case asked K times
with ``--repeat K`` is one case and K results) and how many model calls *this*
invocation made (after ``--resume`` that is fewer than the run's total).

Exit codes (:func:`exit_code`): 1 when a result failed; 3 when one errored (the endpoint
or the judge failed); 1 when results exist but **none was graded** — nothing was
checked, which is not a success (:func:`nothing_graded_message` says what to pass); else
0. A run with no case at all is refused before it starts (exit 2), except
``--changed-since`` with nothing changed (exit 0: nothing to re-test).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from charter.store.records import JudgeVerdict


class UngradedReason(StrEnum):
    NO_ASSERTION = "no assertion"  # neither a fixed assertion nor a judge criterion, no judge
    NO_JUDGE = "no judge"  # judge criteria (or references) but no --grader
    JUDGE_NA = "judge n/a"  # the judge answered that the clause does not apply
    JUDGE_UNREADABLE = "judge unreadable"  # the judge's answer held no verdict
    JUDGE_UNCERTAIN = "judge uncertain"  # unclear findings, split samples or a split panel
    OTHER = "other"


_JUDGES = ("judge", "panel")  # grader names of a judge and of a panel of judges


def verdict_of(grader: str | None, reason: str) -> JudgeVerdict | None:
    """The judge's verdict of a grade that does not carry one (None when no judge
    decided), read once, where the grade is made, and stored in its own column."""
    if not (grader or "").startswith(_JUDGES):
        return None
    from charter.grade.judge import parse_reason

    parsed = parse_reason(reason)
    return JudgeVerdict.read(parsed[0]) if parsed else None


def ungraded_reason(
    grader: str | None, reason: str, verdict: JudgeVerdict | None = None
) -> UngradedReason:
    """Why a result is ``ungraded``, from who decided, their verdict and their reason."""
    if grader in (None, "none"):
        if "need a grader" in reason:  # judge criteria, or GOOD/BAD references
            return UngradedReason.NO_JUDGE
        return UngradedReason.NO_ASSERTION
    verdict = verdict or verdict_of(grader, reason)
    if verdict is JudgeVerdict.NA:
        return UngradedReason.JUDGE_NA
    if verdict is JudgeVerdict.UNCERTAIN:
        return UngradedReason.JUDGE_UNCERTAIN
    if verdict is JudgeVerdict.UNREADABLE or (grader or "").startswith(_JUDGES):
        return UngradedReason.JUDGE_UNREADABLE
    return UngradedReason.OTHER


@dataclass(frozen=True, slots=True)
class Counts:
    """A run's results as counted after this invocation."""

    cases: int  # distinct cases planned
    results: int  # planned (case, repeat) pairs
    done: int
    passed: int
    failed: int
    errored: int
    ungraded: int
    ungraded_by_reason: dict[str, int] = field(default_factory=dict)
    calls_this_invocation: int = 0
    judge_calls_this_invocation: int = 0

    @property
    def graded(self) -> int:
        return self.passed + self.failed

    @property
    def pass_rate(self) -> float | None:
        """Passed over graded results; None when nothing was graded."""
        return self.passed / self.graded if self.graded else None

    @property
    def graded_share(self) -> float | None:
        """Graded over finished results; None when nothing finished."""
        return self.graded / self.done if self.done else None

    def as_dict(self) -> dict[str, object]:
        return {
            "cases": self.cases,
            "results": self.results,
            "graded": self.graded,
            "pass_rate": _round(self.pass_rate),
            "graded_share": _round(self.graded_share),
            "ungraded_by_reason": dict(self.ungraded_by_reason),
            "calls_this_invocation": self.calls_this_invocation,
            "judge_calls_this_invocation": self.judge_calls_this_invocation,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def reasons_of(
    ungraded: Iterable[tuple[str | None, str, JudgeVerdict | None]],
) -> dict[str, int]:
    """Ungraded results counted by :class:`UngradedReason`, from (grader, reason, verdict)."""
    counted = Counter(ungraded_reason(*row).value for row in ungraded)
    return {r.value: counted[r.value] for r in UngradedReason if counted[r.value]}


def exit_code(counts: Counts) -> int:
    if counts.failed:
        return 1
    if counts.errored:
        return 3
    if counts.done and not counts.graded:
        return 1
    return 0


def nothing_graded_message(counts: Counts) -> str | None:
    """The warning for a run that checked nothing, or None when something was graded."""
    if not counts.done or counts.graded or counts.failed or counts.errored:
        return None
    why = ", ".join(f"{n} {r}" for r, n in counts.ungraded_by_reason.items())
    return (
        f"no result was graded ({why}); nothing was checked, so this run is not a pass. "
        "Pass --grader PROVIDER/MODEL (or set grader in the [judge] table of charter.toml) "
        "to have a judge grade them, or add `yaml test` blocks with assertions."
    )


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"
