"""Contradictions of the ninth round of issue 13 (development halves only): statements
about people no one is on both sides of ("if the learner is under 17" / "learners who are
17 or older") never contradict each other, while the same pair with an overlapping
population still does; "a specific date" is a date, not a narrower kind of one. Real
readings (spaCy) and the real checker on small two-module projects."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.check.amounts import populations_apart
from charter.nlp.norm_cache import read_texts
from charter.nlp.quantities import Bound
from tests.check.support import pair_errors


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Book road lessons for learners who are 17 or older.", Bound("of learner", 17, None)),
        (
            "If the learner is under 17, refuse to book road lessons.",
            Bound("of learner", None, 17, high_open=True),
        ),
        (
            "Do not sell wine to customers aged under 18.",
            Bound("of customer", None, 18, False, True),
        ),
        ("Sell tickets to visitors aged 18 and over.", Bound("of visitor", 18, None)),
        (
            "When the child is younger than 12, ask for a parent.",
            Bound("of child", None, 12, high_open=True),
        ),
    ],
)
def test_a_bare_number_said_of_someone_bounds_whom_the_rule_is_about(
    text: str, bound: Bound
) -> None:
    (reading,) = read_texts([text])
    assert reading.population == (bound,)


def test_amounts_are_not_populations() -> None:
    counted, measured = read_texts(
        ["Keep replies under 3 sentences.", "Offer free delivery on orders over 50 euros."]
    )
    assert counted.population == () and measured.population == ()
    assert counted.bounds and measured.bounds  # still read as amounts


def test_populations_apart_needs_the_same_noun_and_no_overlap() -> None:
    adult, minor, older, customer = read_texts(
        [
            "Book road lessons for learners who are 17 or older.",
            "If the learner is under 17, refuse to book road lessons.",
            "If the learner is over 16, refuse to book road lessons.",
            "If the customer is under 17, refuse to book road lessons.",
        ]
    )
    assert populations_apart(adult, minor)
    assert not populations_apart(adult, older)  # 17 and over meets over 16
    assert not populations_apart(adult, customer)  # another noun: not compared


def test_disjoint_populations_are_no_conflict_and_overlapping_ones_are(tmp_path: Path) -> None:
    adult = "Book road lessons for learners who are 17 or older."
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert (
        pair_errors(
            tmp_path / "a", "If the learner is under 17, refuse to book road lessons.", adult
        )
        == []
    )
    found = pair_errors(
        tmp_path / "b", "If the learner is under 18, refuse to book road lessons.", adult
    )
    assert len(found) == 1 and "under 18" in found[0]


def test_a_specific_day_is_a_day_not_a_narrower_kind(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    found = pair_errors(
        tmp_path / "a",
        "The assistant must not promise an installation date.",
        "The assistant should guarantee customers a particular date.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]
