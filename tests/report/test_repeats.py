"""Repeat aggregation (DESIGN §5): pass^k for strict clauses, majority otherwise, flaky."""

from __future__ import annotations

import pytest

from charter.run.repeats import aggregate, by_case, is_strict, settled
from charter.spec.model import Clause, Modality, Polarity, Span, Statement

P, F, E, U = "passed", "failed", "errored", "ungraded"


def clause(authority: str | None, *modalities: Modality) -> Clause:
    span = Span("s.md", 1)
    statements = tuple(Statement("x", span, m, Polarity.POSITIVE) for m in modalities)
    return Clause("c", "C", 2, span, 2, authority, authority, statements=statements)


def test_which_clauses_are_strict() -> None:
    assert is_strict(clause("root", Modality.SHOULD))
    assert is_strict(clause("system"))
    assert is_strict(clause("developer", Modality.SHOULD, Modality.MUST_NOT))
    assert is_strict(clause("user", Modality.MUST))
    assert not is_strict(clause("developer", Modality.SHOULD, Modality.MAY))
    assert not is_strict(clause("guideline", Modality.NONE))
    assert is_strict(None)  # a clause the spec no longer has: the safe default


@pytest.mark.parametrize(
    ("statuses", "strict", "status", "flaky"),
    [
        ([P, P, P], True, P, False),
        ([P, F, P], True, F, True),
        ([P, E, P], True, E, False),  # unproven: one repeat never answered
        ([P, U], True, U, False),
        ([P, F, P], False, P, True),
        ([F, F, P], False, F, True),
        ([P, F], False, F, True),  # a tie is not compliance
        ([P, E, E], False, P, False),  # errored repeats do not vote
        ([E, U], False, E, False),
        ([U, U], False, U, False),
        ([F], True, F, False),
    ],
)
def test_aggregate(statuses: list[str], strict: bool, status: str, flaky: bool) -> None:
    result = aggregate(statuses, strict)
    assert (result.status, result.flaky) == (status, flaky)
    assert result.policy == ("all" if strict else "majority")


@pytest.mark.parametrize(
    ("statuses", "k", "strict", "expected"),
    [
        ([F], 5, True, True),  # one failure decides a strict case
        ([P, P], 5, True, False),  # a later failure could still fail it
        ([P, P, P], 5, False, True),  # 3 of 5 already
        ([P, P], 5, False, False),
        ([F, F, F], 5, False, True),
        ([P, F, P, F], 5, False, False),
        ([P, P], 2, True, True),  # nothing left to run
    ],
)
def test_settled(statuses: list[str], k: int, strict: bool, expected: bool) -> None:
    assert settled(statuses, k, strict) is expected
    if expected:  # whatever the remaining repeats say, the aggregate stays
        left = k - len(statuses)
        outcomes = {aggregate(statuses + [s] * left, strict).status for s in (P, F, E)}
        assert len(outcomes) == 1 or left == 0


def test_by_case_orders_repeats() -> None:
    rows = [("a", 2, F), ("a", 0, P), ("b", 0, E), ("a", 1, P)]
    assert by_case(rows) == {"a": [P, P, F], "b": [E]}
