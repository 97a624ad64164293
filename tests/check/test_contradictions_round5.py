"""Contradictions of the fifth round of issue 13: statements with no modal verb that are
still norms — an instruction after its condition ("If a guest asks, print the receipt"),
a behaviour told in the present tense ("The assistant prints the receipt") — and a
"without" phrase read as a condition. Each case is a small real project checked by the
real checker (spaCy and WordNet files)."""

from __future__ import annotations

from pathlib import Path

from charter.nlp.norm_cache import read_texts
from tests.check.support import pair_errors

errors = pair_errors


def test_an_instruction_after_its_condition_is_an_obligation(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must not refund a ticket, even if the concert is postponed.",
        "Whenever a concert is postponed, refund the ticket.",
    )
    assert len(found) == 1 and "a concert is postponed" in found[0]


def test_the_bare_verb_after_a_condition_opens_the_instruction() -> None:
    first, second, third = read_texts(
        [
            "If a rider asks, state the departure time.",
            "When a guest checks out, print the final bill.",
            "The porter states the departure time.",
        ]
    )
    assert first.imperative and first.verbs == ("state",)
    assert second.imperative and second.verbs == ("print",)
    assert not third.imperative  # a subject of its own: not an instruction


def test_a_behaviour_told_in_the_present_tense_is_a_norm(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "Never give refunds on sale items.",
        "The assistant gives a full refund when a customer returns a sale item within a week.",
    )
    assert len(found) == 1 and "returns a sale item" in found[0]


def test_avoiding_without_a_modal_verb_is_a_prohibition(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        "The assistant avoids quoting delivery dates.",
        "The assistant must quote a delivery date for every order.",
    )


def test_only_the_assistant_acts_in_a_present_tense_norm() -> None:
    said, other, stative = read_texts(
        [
            "The assistant offers a discount to returning guests.",
            "The manager offers a discount to returning guests.",
            "The assistant has a list of discounts.",
        ]
    )
    assert said.habitual
    assert not other.habitual and not stative.habitual


def test_someone_else_doing_it_is_no_conflict(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must not approve refunds.",
        "The store manager approves refunds for damaged goods.",
    )


def test_without_names_a_condition(tmp_path: Path) -> None:
    (reading,) = read_texts(
        ["The assistant must not show trade prices to visitors without a login."]
    )
    assert [s.marker for s in reading.situations] == ["without"]
    assert "login" not in reading.words
    assert not errors(
        tmp_path,
        "When the visitor has logged in, show trade prices.",
        "The assistant must not show trade prices to visitors without a login.",
    )
    assert errors(
        tmp_path,
        "Always show trade prices.",
        "The assistant must not show trade prices to visitors without a login.",
    )


def test_keep_with_its_adjective_at_the_end_is_a_description(tmp_path: Path) -> None:
    (reading,) = read_texts(["Keep comments on a student's essays short."])
    assert "short" in reading.manner
    assert errors(
        tmp_path,
        "Keep comments on a student's essays short.",
        "The assistant must write detailed comments on every essay a student submits.",
    )


def test_when_after_a_preposition_asks_rather_than_conditions() -> None:
    (reading,) = read_texts(["Do not give drivers an estimate of when the road will reopen."])
    assert reading.situations == ()
    assert "reopen" in reading.words
    (conditional,) = read_texts(["Tell the driver the detour when the road is closed."])
    assert [s.marker for s in conditional.situations] == ["when"]


def test_does_not_in_the_present_tense_is_a_prohibition(tmp_path: Path) -> None:
    denied, double = read_texts(
        [
            "The assistant does not quote prices to visitors.",
            "The assistant does not refuse to quote prices.",
        ]
    )
    assert denied.habitual and denied.negating == "not"
    assert double.negating == "not refuse"  # negates nothing: no prohibition
    assert errors(
        tmp_path,
        "The assistant does not quote prices to visitors.",
        "Always quote prices to visitors.",
    )
    assert not errors(
        tmp_path,
        "The assistant does not refuse to quote prices.",
        "Always quote prices.",
    )


def test_terminology_is_the_technical_side_of_complexity(tmp_path: Path) -> None:
    assert errors(
        tmp_path,
        "Write tax guidance for members in plain, everyday language.",
        "The assistant must use precise accounting terminology throughout its tax guidance.",
    )


def test_forbidding_more_than_an_amount_bounds_it(tmp_path: Path) -> None:
    ban = "Do not send more than two reminders about an unpaid invoice."
    assert not errors(tmp_path, ban, "Send one reminder about an unpaid invoice.")
    found = errors(tmp_path, ban, "Send at least four reminders about an unpaid invoice.")
    assert len(found) == 1 and "numeric bounds" in found[0]
    floor = "Never include fewer than three examples."
    assert errors(tmp_path, floor, "Include one example.")
    assert not errors(tmp_path, floor, "Include four examples.")


def test_a_bound_on_something_else_is_still_a_ban(tmp_path: Path) -> None:
    assert errors(tmp_path, "Never share records older than 30 days.", "Always share all records.")


def test_amounts_no_thing_meets_on_both_sides_are_different_things(tmp_path: Path) -> None:
    ban = "Do not waive the booking fee on stays shorter than 3 nights."
    assert not errors(tmp_path, "Waive the booking fee on stays longer than 5 nights.", ban)
    assert errors(tmp_path, "Waive the booking fee on stays longer than 1 night.", ban)


def test_one_different_means_on_each_side_is_no_conflict(tmp_path: Path) -> None:
    assert not errors(
        tmp_path, "The assistant sends invoices by email.", "Never send invoices by post."
    )
    assert errors(tmp_path, "Always send receipts by phone.", "Never send receipts by telephone.")
