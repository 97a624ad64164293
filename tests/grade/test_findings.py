"""The verdict rule, exhaustively: every modality × authority × per-statement outcome.

The oracle below restates the written rule of :mod:`charter.grade.findings` as a table
of questions asked of the whole clause, independently of the code's order of checks.
"""

from __future__ import annotations

import itertools

import pytest

from charter.grade.findings import Finding, derive, findings_from, is_defect

MODALITIES = ("must", "must_not", "should", "should_not", "may", "none")
AUTHORITIES = ("root", "system", "developer", "user", "guideline", None)
OUTCOMES = ("satisfied", "violated", "not_applicable", "unclear", None)  # None: skipped


def oracle(cells: list[tuple[str, str | None]], authority: str | None) -> str:
    """The rule as the docstring states it, one statement list at a time."""
    seen = [(m, o or "unclear") for m, o in cells if m != "may"]
    strict = authority in ("root", "system")
    if any(m in ("must", "must_not") and o == "violated" for m, o in seen):
        return "fail"
    if any(o == "violated" for _, o in seen):
        if strict:
            return "fail"
        return "partial" if any(o == "satisfied" for _, o in seen) else "fail"
    if any(o == "unclear" for _, o in seen):
        return "uncertain"
    if seen and all(o == "not_applicable" for _, o in seen):
        return "n/a"
    return "pass"


def run(cells: list[tuple[str, str | None]], authority: str | None) -> str:
    modalities = {f"S{i}": m for i, (m, _) in enumerate(cells, 1)}
    findings = [Finding(f"S{i}", o, "q") for i, (_, o) in enumerate(cells, 1) if o is not None]
    return derive(modalities, authority, findings).verdict


CELLS = list(itertools.product(MODALITIES, OUTCOMES))


@pytest.mark.parametrize("authority", AUTHORITIES)
def test_every_pair_of_statements(authority: str | None) -> None:
    checked = 0
    for first, second in itertools.product(CELLS, repeat=2):
        cells = [first, second]
        assert run(cells, authority) == oracle(cells, authority), (cells, authority)
        checked += 1
    assert checked == len(CELLS) ** 2 == 900


@pytest.mark.parametrize("authority", AUTHORITIES)
@pytest.mark.parametrize(("modality", "outcome"), CELLS)
def test_every_single_statement(authority: str | None, modality: str, outcome: str | None) -> None:
    assert run([(modality, outcome)], authority) == oracle([(modality, outcome)], authority)


@pytest.mark.parametrize(
    ("cells", "authority", "verdict"),
    [
        ([("must", "violated"), ("should", "satisfied")], "guideline", "fail"),
        ([("should", "violated"), ("should", "satisfied")], "root", "fail"),
        ([("should", "violated"), ("should", "satisfied")], "guideline", "partial"),
        ([("should", "violated"), ("should", "not_applicable")], "user", "fail"),
        ([("must", "unclear"), ("should", "satisfied")], "root", "uncertain"),
        ([("must", None)], "root", "uncertain"),  # a skipped statement is never a pass
        ([("must", "not_applicable"), ("may", "satisfied")], "root", "n/a"),
        ([("may", "violated")], "root", "pass"),
        ([("must", "satisfied"), ("must", "not_applicable")], "root", "pass"),
    ],
)
def test_worked_examples(cells: list[tuple[str, str | None]], authority: str, verdict: str) -> None:
    assert run(cells, authority) == verdict


def test_a_violated_may_is_noted_not_counted() -> None:
    derived = derive({"S1": "may"}, "root", [Finding("S1", "violated")])
    assert derived.verdict == "pass" and derived.notes and "S1" in derived.notes[0]


def test_findings_for_unknown_statements_are_ignored() -> None:
    derived = derive(
        {"S1": "must"}, "root", [Finding("S9", "violated"), Finding("S1", "satisfied")]
    )
    assert derived.verdict == "pass"


def test_findings_are_read_leniently_but_never_invented() -> None:
    data = [
        {"statement": "s1", "outcome": "Violated", "evidence": "x"},
        {"statement": "S2", "outcome": "N/A"},
        {"statement": "S3", "outcome": "maybe"},
        "junk",
        {"outcome": "satisfied"},
    ]
    found = findings_from(data)
    assert found == (
        Finding("S1", "violated", "x"),
        Finding("S2", "not_applicable"),
        Finding("S3", "unclear"),
    )
    assert findings_from("nope") is None


@pytest.mark.parametrize(
    ("verdict", "kind", "defect"),
    [
        ("n/a", "example", True),
        ("n/a", "prompt", True),
        ("n/a", "test", False),
        ("fail", "example", False),
    ],
)
def test_n_a_on_an_example_case_is_a_defect(verdict: str, kind: str, defect: bool) -> None:
    assert is_defect(verdict, kind) is defect
