"""Agreement, Cohen's kappa and confusion tables against values worked out by hand."""

from __future__ import annotations

import pytest

from charter.grade.calibration import Judged, agreement_of, cohen_kappa, summarize


def pairs(table: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    return [pair for pair, count in table.items() for _ in range(count)]


def test_kappa_two_categories() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # p_o = 35/50 = 0.7; p_yes(A) = 0.5, p_yes(B) = 0.6; p_e = 0.5*0.6 + 0.5*0.4 = 0.5;
    # kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    data = pairs({("y", "y"): 20, ("y", "n"): 5, ("n", "y"): 10, ("n", "n"): 15})
    assert cohen_kappa(data) == pytest.approx(0.4)


def test_kappa_three_categories() -> None:
    # A: p p f f f p; B: p f f n/a f p. p_o = 4/6. A: p 3, f 3; B: p 2, f 3, n/a 1.
    # p_e = (3*2 + 3*3 + 0*1) / 36 = 15/36; kappa = (24/36 - 15/36) / (21/36) = 9/21 = 3/7.
    a = ["p", "p", "f", "f", "f", "p"]
    b = ["p", "f", "f", "n/a", "f", "p"]
    assert cohen_kappa(list(zip(a, b, strict=True))) == pytest.approx(3 / 7)


def test_kappa_edges() -> None:
    assert cohen_kappa([]) is None
    assert cohen_kappa([("p", "p"), ("f", "f")]) == pytest.approx(1.0)
    assert cohen_kappa([("p", "f"), ("f", "p")]) == pytest.approx(-1.0)
    assert cohen_kappa([("p", "p")] * 4) is None  # chance explains everything: undefined
    # A judge that always says pass on a balanced set: p_o = 0.5, p_e = 0.5 → 0.
    assert cohen_kappa([("p", "p"), ("f", "p")] * 3) == pytest.approx(0.0)


def judged(expected: str, verdict: str | None, clause: str = "c", n: int = 0) -> Judged:
    return Judged(f"m/{clause}/example-1/candidate-{n}", "m", clause, expected, verdict)


def test_agreement_partial_na_and_unscored() -> None:
    items = [
        judged("pass", "pass", n=1),
        judged("pass", "fail", n=2),
        judged("fail", "partial", n=3),  # a partly violating BAD candidate: agreement
        judged("fail", "n/a", n=4),  # the example applies by construction: disagreement
        judged("fail", None, n=5),  # unscored: counted, not guessed
        judged("pass", "partial", n=6),
    ]
    stats = agreement_of(items)
    assert (stats.n, stats.scored, stats.unscored) == (6, 5, 1)
    assert stats.agreement == pytest.approx(2 / 5)
    # pairs: (p,p) (p,f) (f,f) (f,n/a) (p,f): p_o = 2/5; A: p 3, f 2; B: p 1, f 3, n/a 1
    # p_e = (3*1 + 2*3) / 25 = 9/25; kappa = (10/25 - 9/25) / (16/25) = 1/16.
    assert stats.kappa == pytest.approx(1 / 16)
    assert stats.confusion == {
        "good": {"pass": 1, "fail": 1, "partial": 1, "n/a": 0, "unscored": 0},
        "bad": {"pass": 0, "fail": 0, "partial": 1, "n/a": 1, "unscored": 1},
    }


def test_nothing_scored_gives_null_agreement() -> None:
    stats = agreement_of([judged("pass", None), judged("fail", None)])
    assert (stats.scored, stats.agreement, stats.kappa) == (0, None, None)
    assert agreement_of([]).agreement is None


def test_summary_per_clause_and_json_shape() -> None:
    items = [
        judged("pass", "pass", "a", 1),
        judged("fail", "pass", "a", 2),
        judged("pass", "pass", "b", 1),
        judged("fail", None, "b", 2),
    ]
    report = summarize(items, {"grader": "openai/j"}, {"root": "r", "hash": "h", "version": None})
    data = report.to_json()
    assert {k: data[k] for k in ("format", "n", "scored", "unscored", "agreement")} == {
        "format": 1,
        "n": 4,
        "scored": 3,
        "unscored": 1,
        "agreement": pytest.approx(2 / 3),
    }
    a, b = data["clauses"]
    assert (a["clause"], a["agreement"], a["disagreements"]) == (
        "a",
        0.5,
        ["m/a/example-1/candidate-2"],
    )
    assert (b["clause"], b["agreement"], b["unscored"], b["disagreements"]) == ("b", 1.0, 1, [])
