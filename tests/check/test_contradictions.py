"""Contradictions (fixture ``contradictions``) and the pieces that find them."""

from __future__ import annotations

import random

from charter.check.behaviour import Stance, conflicting, read_behaviour, same_behaviour, stem
from charter.check.contradictions import Norm, candidate_pairs
from charter.diagnostics import Severity
from charter.spec.model import Modality
from charter.spec.statements import read_modality
from tests.check.support import check, line_start, one, rel

NAME = "contradictions"


def _c04(severity: Severity) -> set[tuple[str, str, int, int]]:
    return {
        (d.code, rel(NAME, d.path), d.line, d.col)
        for d in check(NAME)
        if d.code.startswith("C04") and d.severity is severity
    }


def test_unsettled_contradictions_are_errors() -> None:
    s = lambda file, needle: line_start(NAME, "C040", file, needle)  # noqa: E731
    assert _c04(Severity.ERROR) == {
        s("base.md", "must always share a customer's home address"),  # two root clauses
        s("team.md", "must not offer a discount code"),  # same level, no override
        s("team.md", "may write marketing emails"),  # 'must refuse to' against 'may'
    }


def test_settled_contradictions_are_notes_on_the_loser() -> None:
    s = lambda file, needle: line_start(NAME, "C041", file, needle)  # noqa: E731
    assert _c04(Severity.INFO) == {
        s("team.md", "must not reply in formal English"),  # system beats developer
        s("team.md", "should show the full price history"),  # overridden explicitly
    }


def test_both_statements_are_named_and_related() -> None:
    diagnostics = check(NAME)
    root = one(diagnostics, "C040", "#deliveries")
    assert "#private_addresses" in root.message and "root" in root.message
    assert (rel(NAME, root.related[0].path), root.related[0].line) == ("base.md", 5)
    settled = one(diagnostics, "C041", "#casual")
    assert "#formal wins" in settled.message
    assert rel(NAME, settled.related[0].path) == "base.md"


def test_conditions_and_unrelated_modules_are_not_contradictions() -> None:
    messages = [d.message for d in check(NAME) if d.code.startswith("C04")]
    assert not any("order total" in m for m in messages)
    assert not any("#never_discounts" in m for m in messages)


def _behaviour(text: str):  # type: ignore[no-untyped-def]
    modality, _polarity, _where = read_modality(text)
    return read_behaviour(text, modality)


def test_behaviour_reading() -> None:
    b = _behaviour("If asked, the assistant must not share the refund amount.")
    assert b is not None and b.stance is Stance.PROHIBITION and b.strong
    assert b.action == {stem("share"), stem("refund"), stem("amount")}
    assert b.condition == {"if", stem("asked")} and b.subject == {stem("assistant")}
    refusal = _behaviour("The assistant should refuse to share the refund amount.")
    assert refusal is not None and refusal.stance is Stance.PROHIBITION
    assert _behaviour("The assistant may refuse to share it.") is None
    assert stem("sharing") == stem("shares") == stem("shared") == stem("share")


def test_conflict_rules() -> None:
    must = _behaviour("The assistant must share the refund amount.")
    may = _behaviour("The assistant may share the refund amount.")
    should_not = _behaviour("The assistant should not share the refund amount.")
    must_not = _behaviour("The assistant must not share the refund amount.")
    assert must and may and should_not and must_not
    assert conflicting(must, should_not) and conflicting(may, must_not)
    assert not conflicting(may, should_not)  # advice against a permission is no conflict
    assert same_behaviour(must, must_not)
    other = _behaviour("The assistant must not share the tracking link.")
    assert other and not same_behaviour(must, other)
    conditional = _behaviour("Unless asked, the assistant must not share the refund amount.")
    assert conditional and not same_behaviour(must, conditional)


def test_candidate_generation_is_far_below_all_pairs() -> None:
    rng = random.Random(7)
    vocabulary = [f"word{i}" for i in range(4000)]
    norms = []
    for i in range(4000):
        verb = "must not" if i % 2 else "should"
        text = f"The assistant {verb} " + " ".join(rng.sample(vocabulary, 6)) + "."
        modality, _p, _w = read_modality(text)
        behaviour = read_behaviour(text, modality)
        assert behaviour is not None
        norms.append(Norm(None, None, None, behaviour))  # type: ignore[arg-type]
    pairs = sum(1 for _ in candidate_pairs(norms))
    all_pairs = 2000 * 2000
    assert pairs < all_pairs / 50, pairs
    assert Modality.MUST_NOT.negative


def test_candidate_generation_misses_no_similar_pair() -> None:
    """Prefix and positional filtering are exact: every pair at or above the threshold
    is a candidate (checked against all pairs, on a small dense vocabulary)."""
    rng = random.Random(11)
    vocabulary = [f"v{i}" for i in range(12)]
    norms = []
    for i in range(300):
        verb = "must not" if i % 2 else "should"
        text = f"The assistant {verb} " + " ".join(rng.sample(vocabulary, rng.randint(1, 7)))
        modality, _p, _w = read_modality(text)
        behaviour = read_behaviour(text, modality)
        assert behaviour is not None
        norms.append(Norm(None, None, None, behaviour))  # type: ignore[arg-type]
    candidates = set(candidate_pairs(norms, 0.6))
    expected = set()
    for i, a in enumerate(norms):
        for j, b in enumerate(norms):
            if a.behaviour.stance is Stance.PROHIBITION or b.behaviour.stance is not (
                Stance.PROHIBITION
            ):
                continue
            x, y = a.behaviour.action, b.behaviour.action
            if len(x & y) / len(x | y) >= 0.6:
                expected.add((i, j))
    assert expected and expected <= candidates
    assert len(candidates) < 150 * 150
