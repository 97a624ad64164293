"""Contradictions and near-misses of the fourth round of issue 13: readings of time
("as soon as"), the polarity of a condition, and the reading steps fixed after them. Each
case is a small real project checked by the real checker (spaCy and WordNet files)."""

from __future__ import annotations

from pathlib import Path

from tests.check.support import pair_errors

errors = pair_errors


def test_as_soon_as_is_a_time_after_the_event(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must not issue a ticket before the fare has been paid.",
        "The assistant should issue the rider a ticket as soon as the fare is paid.",
    )
    found = errors(
        tmp_path,
        "The assistant must not issue a ticket.",
        "The assistant should issue the rider a ticket as soon as the fare is paid.",
    )
    assert len(found) == 1 and "the fare is paid" in found[0]


def test_a_condition_and_its_negation_are_different_situations(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "If the patient is on the waiting list, the assistant must not book a private scan.",
        "If the patient is not on the waiting list, the assistant may book a private scan.",
    )
    assert errors(
        tmp_path,
        "If the patient is on the waiting list, the assistant must not book a private scan.",
        "If the patient is on the waiting list, the assistant should book a private scan.",
    )


def test_a_kind_of_the_only_choice_is_no_exclusivity_conflict(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must book flights only with Lufthansa.",
        "The assistant should book flights with Lufthansa City.",
    )
    assert errors(
        tmp_path,
        "The assistant must book flights only with Lufthansa.",
        "The assistant should book flights with Ryanair.",
    )


def test_a_compound_name_of_the_only_channel_is_that_channel(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must send delivery alerts only by SMS.",
        "The assistant should send delivery alerts by text message.",
    )
    found = errors(
        tmp_path,
        "The assistant must reply only in German.",
        "The assistant should reply in German, French or Italian.",
    )
    assert len(found) == 1 and "exclusivity" in found[0]


def test_output_narrowed_two_ways_is_two_topics(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant should answer medical questions cautiously.",
        "The assistant must answer sports questions with confidence.",
    )
    found = errors(
        tmp_path,
        "The assistant should write simple summaries of court rulings.",
        "The assistant must write technical summaries of court rulings.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]


def test_set_phrases_of_manner_are_read(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "Notes on each wine should be short and simple.",
        "The assistant should discuss each wine at length for collectors.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]
    assert not errors(
        tmp_path,
        "Notes on each wine should be thorough.",
        "The assistant should discuss each wine in depth.",
    )


def test_moving_someone_onto_a_plan_is_switching_them_to_it(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must not switch a subscriber to the basic tariff, even if they owe money.",
        "When a subscriber owes money, the assistant should move them onto the basic tariff.",
    )
    assert len(found) == 1 and "when a subscriber owes money" in found[0]
    assert not errors(
        tmp_path,
        "The assistant must not switch a subscriber to the basic tariff.",
        "The assistant should move the subscriber's files into the archive.",
    )


def test_numbers_codes_and_references_identify_alike(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant should give members their membership number.",
        "The assistant must not reveal membership codes.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]
    assert not errors(
        tmp_path,
        "The assistant should give members their membership number.",
        "The assistant must not reveal discount codes.",
    )


def test_stopping_an_action_is_not_doing_it(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "Stop offering travel insurance after the customer says no.",
        "The assistant should keep offering travel insurance after the customer says no.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]
    assert not errors(
        tmp_path,
        "Stop offering travel insurance after the customer says no.",
        "The assistant should keep offering seat upgrades after the customer says no.",
    )


def test_a_narrower_condition_overlaps_the_wider_one(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "After a failed payment, the assistant must not retry the charge.",
        "After the second failed payment, the assistant should retry the charge.",
    )
    assert len(found) == 1 and "after the second failed payment" in found[0]
    assert not errors(  # an adjective may change the kind of event: no overlap read
        tmp_path,
        "After a payment, the assistant should email a receipt.",
        "After a failed payment, the assistant must not email a receipt.",
    )


def test_naming_someone_reveals_their_identity(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must not disclose a whistleblower's identity.",
        "When a court orders it, the assistant should name the whistleblower.",
    )
    assert len(found) == 1 and "when a court orders it" in found[0]
    assert not errors(
        tmp_path,
        "The assistant must not disclose a whistleblower's identity.",
        "When a court orders it, the assistant should name the journalist.",
    )


def test_access_to_a_thing_is_about_that_thing(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must block betting websites on pupils' tablets.",
        "The assistant should allow access to betting websites on every tablet.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]
    assert not errors(
        tmp_path,
        "The assistant must block betting websites on pupils' tablets.",
        "The assistant should allow access to news websites on every tablet.",
    )


def test_opposite_actions_name_their_object_from_opposite_sides(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must add new patients to the recall list.",
        "The assistant must remove new patients from the recall list.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]
    assert not errors(
        tmp_path,
        "The assistant must add new patients to the recall list.",
        "The assistant must remove new patients from the waiting list.",
    )


def test_a_participle_of_manner_describes_like_an_adjective(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "Incident reports should be detailed.",
        "The assistant must keep incident reports vague.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]
    assert not errors(
        tmp_path,
        "Incident reports should be detailed.",
        "The assistant must keep holiday greetings vague.",
    )


def test_a_prefix_that_undoes_the_verb_makes_opposite_actions(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must encrypt nightly backups.",
        "The assistant must decrypt nightly backups.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]
    assert not errors(
        tmp_path,
        "The assistant must encrypt nightly backups.",
        "The assistant must decrypt incoming faxes.",
    )


def test_people_moved_in_or_out_still_narrow_the_object(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must remove volunteers from the weekend rota.",
        "The assistant should add drivers to the weekend rota.",
    )
    assert errors(
        tmp_path,
        "The assistant must remove volunteers from the weekend rota.",
        "The assistant should add volunteers to the weekend rota.",
    )


def test_output_narrowed_two_ways_even_when_it_is_general_output(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must keep legal summaries short.",
        "The assistant should write long hotel summaries.",
    )
    assert errors(
        tmp_path,
        "The assistant must keep hotel summaries short.",
        "The assistant should write long hotel summaries.",
    )
