"""Agreement, Cohen's kappa and confusion tables against values worked out by hand."""

from __future__ import annotations

import pytest

from charter.grade.calibration import Judged, agreement_of, cohen_kappa, summarize, wilson


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
        "good": {"pass": 1, "fail": 1, "partial": 1, "uncertain": 0, "n/a": 0, "unscored": 0},
        "bad": {"pass": 0, "fail": 0, "partial": 1, "uncertain": 0, "n/a": 1, "unscored": 1},
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


def test_uncertain_is_counted_apart_and_never_agrees() -> None:
    items = [
        judged("pass", "pass", n=1),
        judged("fail", "uncertain", n=2),
        judged("fail", None, n=3),
    ]
    stats = agreement_of(items)
    assert (stats.n, stats.scored, stats.uncertain, stats.unscored) == (3, 1, 1, 1)
    assert stats.uncertain_share == pytest.approx(1 / 3)
    assert stats.agreement == 1.0
    assert stats.warning is not None and "too few" in stats.warning


def test_wilson_interval_matches_worked_values() -> None:
    # 8 of 10, z = 1.96: centre (0.8 + 0.19208) / 1.38416, half-width computed by hand
    low, high = wilson(8, 10)  # type: ignore[misc]
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert wilson(0, 0) is None
    low, high = wilson(10, 10)  # type: ignore[misc]
    assert high == pytest.approx(1.0) and low == pytest.approx(0.7225, abs=1e-4)


def test_kappa_interval_maps_the_agreement_bounds() -> None:
    items = [judged("pass", "pass", n=i) for i in range(6)]
    items += [judged("fail", "fail", n=i) for i in range(6, 10)]
    items += [judged("fail", "pass", n=10), judged("pass", "fail", n=11)]
    stats = agreement_of(items)
    assert stats.agreement_ci is not None and stats.kappa_ci is not None
    assert stats.kappa_ci[0] < stats.kappa < stats.kappa_ci[1]  # type: ignore[operator]
    assert stats.warning is None  # 12 decided
