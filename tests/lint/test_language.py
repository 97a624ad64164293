"""Which statements are rules, read from syntax, and where the readings are cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.lint.language import cache_folder
from tests.lint.helpers import TEST_BLOCK, lint_text


def codes(text: str) -> set[str]:
    return {d.code for d in lint_text(text + "\n\n" + TEST_BLOCK)}


def test_epistemic_sentences_are_not_linted_as_rules() -> None:
    head = "# C {#c authority=user}\n\n"
    assert "L102" not in codes(head + "Some users may find a significant delay unkind.")
    assert "L102" in codes(head + "The assistant must flag any significant delay.")


def test_imperatives_gerund_items_and_bold_leads_are_rules() -> None:
    head = "# C {#c authority=user}\n\n"
    assert "L102" in codes(head + "Keep answers short.")
    gerunds = head + "The assistant balances these:\n\n- Giving sufficient weight to safety.\n"
    assert "L102" in codes(gerunds)
    bold = head + "Qualities:\n\n- **Brief**: it keeps answers roughly this long.\n"
    assert "L101" in codes(bold)


def test_a_verb_is_not_a_vague_adjective() -> None:
    head = "# C {#c authority=user}\n\n"
    assert "L102" not in codes(head + "The assistant must not short the stock for the user.")


def test_cache_goes_to_the_project_or_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHARTER_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    loose = tmp_path / "loose"
    loose.mkdir()
    assert cache_folder(loose) == tmp_path / "xdg" / "charter"
    project = tmp_path / "project"
    project.mkdir()
    (project / "charter.toml").write_text("[project]\n")
    assert cache_folder(project) == project / ".charter"
    monkeypatch.setenv("CHARTER_NO_CACHE", "1")
    assert cache_folder(project) is None


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The greater the uncertainty, the more the assistant must hedge.", "L105"),
        ("Answers can raise or lower the likelihood, so the assistant must cite.", "L105"),
        ("The assistant should use its best judgment and follow best practice.", "L106"),
        ("The assistant should avoid trying to wrap things up.", "L113"),
        ("The assistant must refuse X but help with Y, though the latter may be misused.", "L202"),
        ("The assistant must point users to the 988 Suicide & Crisis Lifeline.", "L203"),
    ],
)
def test_idioms_and_syntax_the_word_lists_missed(sentence: str, code: str) -> None:
    assert code not in codes("# C {#c authority=user}\n\n" + sentence)


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        # a sentence-initial trigger governs the whole rule: flagged
        ("When appropriate, the assistant should add a short caveat.", True),
        # a trailing qualifier of an optional part is latitude
        ("The assistant should cite its sources, with page numbers when appropriate.", False),
        # settled right there by examples or a reference
        ("The assistant should avoid excessive hedging (e.g., 'it depends').", False),
        ("The assistant must hedge its answer sufficiently (see the uncertainty clause).", False),
        ("The assistant should avoid excessive hedging in every answer.", True),
        # a permission leaves latitude; a prohibition with 'may not' binds
        ("When appropriate, the assistant can give a range of values.", False),
        ("The assistant may not give an excessive answer to a minor.", True),
        # thresholds added on the development half
        ("The assistant should ask first when a tool call could cause serious side effects.", True),
        ("The assistant should avoid lengthy preambles.", True),
        ("Where the stakes are high, the assistant should check every figure.", True),
        ("Bold text should be used judiciously in answers.", True),
        ("When the notes are extensive, the assistant should summarise them first.", True),
        # latitude words are L118 (info), unless "When appropriate, …" opens the rule
        ("The assistant must give an appropriate disclaimer.", False),
        ("Light humour is encouraged in appropriate contexts.", False),
        ("Where appropriate, the assistant should name the policy.", True),
        # a latitude word made a degree, and thresholds missed in round 2
        ("Slang should only be used in clearly appropriate contexts.", True),
        ("The voice should signal an appropriate level of warmth.", True),
        ("If a detail is not essential, the assistant should omit it.", True),
        ("It is essential that the assistant names the policy.", False),
        ("The assistant should not give definitive advice on dosages.", True),
        ("The assistant should ignore irrelevant details.", True),
        # a standard given right there: examples, a ranking, a number (round 4)
        ("The assistant should ignore irrelevant details such as names.", False),
        ("The assistant should first resolve the most consequential gaps.", False),
        ("The assistant should avoid lengthy preambles of over 2 sentences.", False),
        # a word beside the bound clause only describes: not the rule's threshold
        ("Significant harm can follow a wrong figure, so the assistant should check it.", False),
        ("A wrong figure can do significant harm if the assistant does not check it.", False),
        ("If a wrong figure could do significant harm, the assistant should check it.", True),
    ],
)
def test_latitude_is_told_from_a_threshold(sentence: str, flagged: bool) -> None:
    found = codes("# C {#c authority=user}\n\n" + sentence) & {"L101", "L102"}
    assert bool(found) is flagged, sentence


def test_latitude_words_are_their_own_info_code_with_a_question() -> None:
    head = "# C {#c authority=user}\n\n"
    found = lint_text(head + "The assistant should handle billing complaints properly.")
    latitude = [d for d in found if d.code == "L118"]
    assert latitude and latitude[0].severity.value == "info"
    question = latitude[0].question or ""
    assert "'handle billing complaints properly'" in question and "(c)" in question
    assert "L118" not in codes(head + "When appropriate, the assistant may give a range.")


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("If a user shows signs of distress, the assistant should offer a helpline.", True),
        ("The assistant should only use slang when it is clearly welcome.", True),
        ("If a user says they are in distress, the assistant should offer a helpline.", False),
        # a description, not a rule: the condition does not switch anything on
        ("Some users show signs of fatigue after long sessions.", False),
        # a permission leaves latitude
        ("The assistant may use slang when it is clearly welcome.", False),
    ],
)
def test_a_vague_condition_of_a_rule_is_flagged(sentence: str, flagged: bool) -> None:
    assert ("L119" in codes("# C {#c authority=user}\n\n" + sentence)) is flagged, sentence


def test_a_sentence_that_extends_the_rule_before_it_is_a_rule() -> None:
    head = "# C {#c authority=user}\n\nThe assistant should hedge its answer. "
    assert "L102" in codes(head + "This is especially important when the stakes are high.")
    assert "L102" not in codes(head + "The stakes are high in medicine.")


def test_the_question_of_a_vague_condition_names_the_words_and_offers_readings() -> None:
    text = "# C {#c authority=user}\n\nIf a user shows signs of distress, the assistant must pause."
    d = next(d for d in lint_text(text) if d.code == "L119")
    assert d.question is not None and "'signs of distress'" in d.question
    assert "(a)" in d.question and "(c)" in d.question and "''" not in d.question


def _quoted(text: str, code: str) -> list[str]:
    lines = text.split("\n")
    return [
        lines[d.line - 1][d.col - 1 : (d.end_col or 0) - 1]
        for d in lint_text(text + "\n\n" + TEST_BLOCK)
        if d.code == code and d.line == d.end_line
    ]


def test_too_takes_any_adjective_or_adverb_by_part_of_speech() -> None:
    head = "# C {#c authority=user}\n\n"
    # not in any word list: the part of speech of the word after 'too' decides
    ambiguous = head + "Unless the task is too ambiguous, the assistant should proceed."
    assert "too ambiguous" in _quoted(ambiguous, "L101")
    (asked,) = [d.question for d in lint_text(ambiguous + "\n\n" + TEST_BLOCK) if d.code == "L101"]
    assert asked and asked.startswith("'too ambiguous': where does it begin — (a)")
    assert "too eagerly" in _quoted(head + "The assistant must not agree too eagerly.", "L101")
    # 'too' before a conjunction ('also') is not a degree
    also = head + "The assistant must greet the user too and thank them."
    assert "L101" not in codes(also)
    # a word glued to a footnote tag keeps the finding (its tag is unreliable)
    glued = head + "Unless the cost is too high[^a1] the assistant should proceed."
    assert any(q.startswith("too high") for q in _quoted(glued, "L101"))


def test_a_reason_given_for_the_rule_is_not_its_threshold() -> None:
    head = "# C {#c authority=user}\n\n"
    reason = head + "The assistant must cite sources, because lengthy answers tire users."
    assert "L102" not in codes(reason)
    rule = head + "The assistant must not write lengthy answers, because they tire users."
    assert "lengthy" in _quoted(rule, "L102")
