"""Repeats: one verdict per case from K answers, chosen by the clause (DESIGN §5).

- A *strict* clause — any ``must`` / ``must_not`` statement, or ``root`` / ``system``
  authority — passes only if every repeat passed (pass^k): one failure fails the case,
  and an errored or ungraded repeat leaves it unproven (``errored`` / ``ungraded``).
- Any other clause takes the majority of its graded repeats (passed vs failed); a tie
  fails, since a coin flip is not compliance. Errored and ungraded repeats do not vote;
  with no graded repeat the case is ``errored`` if any repeat errored, else ``ungraded``.
- A case is *flaky* when its graded repeats disagree (some passed, some failed),
  whatever the aggregate.

:func:`settled` says when the aggregate can no longer change; :func:`one_round` uses it
for an early stop: repeat 0 of every case, then repeat 1 of the cases still open, and so
on. The runner runs one round (:func:`one_round`) at a time and starts the next once it
is recorded, so every case's earlier repeats are known before its later ones are due
(however many run at once).
A skipped repeat is never recorded; the aggregate of the recorded ones is the same as
it would have been with all K, by construction of :func:`settled`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from charter.spec.model import Clause, Modality
from charter.store.records import CaseStatus as Status

C = TypeVar("C")

STRICT_AUTHORITIES = frozenset({"root", "system"})


def is_strict(clause: Clause | None) -> bool:
    """Whether every repeat must pass; an unknown clause (spec edited since) is strict."""
    if clause is None:
        return True
    if clause.authority in STRICT_AUTHORITIES:
        return True
    return any(s.modality in (Modality.MUST, Modality.MUST_NOT) for s in clause.statements)


@dataclass(frozen=True, slots=True)
class Aggregate:
    status: Status
    flaky: bool
    policy: str  # "all" (pass^k) or "majority"
    passed: int
    failed: int
    repeats: int

    @property
    def summary(self) -> str:
        return f"{self.passed}/{self.repeats} passed ({self.policy})"


def aggregate(statuses: Sequence[str], strict: bool) -> Aggregate:
    """The case's verdict from its repeats' statuses (:class:`Status` members, or their
    values as older callers pass them); see the module docstring."""
    passed = sum(1 for s in statuses if s == Status.PASSED)
    failed = sum(1 for s in statuses if s == Status.FAILED)
    flaky = passed > 0 and failed > 0
    policy = "all" if strict else "majority"
    return Aggregate(
        _status(statuses, passed, failed, strict), flaky, policy, passed, failed, len(statuses)
    )


def _status(statuses: Sequence[str], passed: int, failed: int, strict: bool) -> Status:
    if strict:
        if failed:
            return Status.FAILED
        if passed == len(statuses) and passed:
            return Status.PASSED
        return Status.ERRORED if Status.ERRORED in statuses else Status.UNGRADED
    if passed or failed:
        return Status.PASSED if passed > failed else Status.FAILED
    return Status.ERRORED if Status.ERRORED in statuses else Status.UNGRADED


def settled(statuses: Sequence[str], k: int, strict: bool) -> bool:
    """True when the remaining ``k - len(statuses)`` repeats cannot change the aggregate."""
    left = k - len(statuses)
    if left <= 0:
        return True
    passed = sum(1 for s in statuses if s == Status.PASSED)
    failed = sum(1 for s in statuses if s == Status.FAILED)
    if strict:
        return failed > 0  # already failed; a pass can never be proven by fewer repeats
    return passed > failed + left or failed >= passed + left


def by_case(rows: Iterable[tuple[str, int, Status]]) -> dict[str, list[Status]]:
    """Statuses in repeat order for each case id, from (case_id, repeat, status) rows."""
    found: dict[str, list[tuple[int, Status]]] = {}
    for case_id, repeat, status in rows:
        found.setdefault(case_id, []).append((repeat, status))
    return {case: [s for _, s in sorted(items)] for case, items in found.items()}


def one_round(
    cases: Callable[[], Iterable[tuple[C, str, bool]]],
    repeat: int,
    k: int,
    done: set[tuple[str, int]],
    statuses: Callable[[str], Sequence[str]],
) -> Iterator[tuple[C, int]]:
    """Round ``repeat`` of a run with ``--early-stop``: the cases not done and not yet
    settled. ``cases()`` yields (case, case id, strict) afresh for each round (plans are
    generators); ``statuses(case_id)`` reads the repeats recorded so far, so a round must
    start only once the round before is recorded."""
    for case, case_id, strict in cases():
        if (case_id, repeat) in done:
            continue
        if repeat and settled(statuses(case_id), k, strict):
            continue
        yield case, repeat
