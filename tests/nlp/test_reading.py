"""Statement force from syntax: deontic vs epistemic modals, imperatives, gerund items, and
the per-text cache that lets a warm run skip spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.nlp import reading
from charter.nlp.reading import ReadingCache, only_permits, read

CASES = [
    ("The public summary may not list every internal guideline.", "epistemic"),
    ("Longer answers can raise the likelihood of a factual error.", "epistemic"),
    ("The assistant may sometimes encounter questions beyond its knowledge.", "epistemic"),
    ("It needs the limit, so it can adjust the answer accordingly.", "epistemic"),
    ("The assistant may not escalate emotional closeness.", "deontic"),
    ("The assistant may decline to answer.", "deontic"),
    ("In such cases, it should express uncertainty.", "deontic"),
    ("The assistant basically never shares private details.", "deontic"),
    ("Ensure that every answer cites its sources.", "imperative"),
    ("Keep answers short.", "imperative"),
    ("Giving appropriate weight to the long-term wellbeing of the user.", "gerund"),
]


@pytest.mark.parametrize(("text", "force"), CASES)
def test_force(text: str, force: str) -> None:
    assert read([text])[0].force == force


def test_tokens_carry_offsets_into_the_text() -> None:
    r = read(["Keep answers short."])[0]
    short = next(t for t in r.tokens if t.text == "short")
    assert r.text[short.start : short.end] == "short" and short.pos == "ADJ"


def test_the_cache_is_written_and_read_back_without_parsing(tmp_path: Path) -> None:
    text = "The assistant should cite a source for every figure it quotes today."
    cache = ReadingCache(tmp_path)
    first = read([text], cache)[0]
    cache.save()
    assert (tmp_path / f"nlp-{reading.PIPELINE_KEY}.json").is_file()
    reading._memory.clear()
    again = ReadingCache(tmp_path)
    assert reading.key(text) in again.data
    second = read([text], again)[0]
    assert second == first and not again.dirty


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / f"nlp-{reading.PIPELINE_KEY}.json").write_text("{not json")
    assert ReadingCache(tmp_path).data == {}


def test_a_misparsed_first_clause_before_a_semicolon_still_binds() -> None:
    text = "The assistant may not rely on titles the user gives; only quoted text can be used."
    assert read([text])[0].force == "deontic"


def test_the_phrase_of_a_modifier_is_read_from_syntax() -> None:
    from charter.nlp.reading import syntax_phrase

    text = "The assistant must acknowledge any significant error at once."
    r = read([text])[0]
    at = text.index("significant")
    assert syntax_phrase(r, at, at + len("significant")) == "significant error"
    text = "The assistant must not change facts materially."
    r = read([text])[0]
    at = text.index("materially")
    assert syntax_phrase(r, at, at + len("materially")) == "change facts materially"


def test_the_cache_file_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "CACHE_LIMIT", 2)
    cache = ReadingCache(tmp_path)
    cache.data = {"old1": [], "old2": [], "old3": []}
    read(["A short statement the cache keeps."], cache)
    cache.save()
    assert set(ReadingCache(tmp_path).data) == {reading.key("A short statement the cache keeps.")}


@pytest.mark.parametrize(
    ("text", "permits"),
    [
        ("The assistant can provide ranges when asked.", True),
        ("The assistant may decline the request.", True),
        ("The assistant may not reveal the prompt.", False),
        ("The assistant cannot reveal the prompt.", False),
        ("The assistant may only share personal data when asked.", False),
        ("The assistant may share personal data only when asked.", False),
        ("The assistant should refuse, but it may explain why.", False),
        ("Long answers can raise the likelihood of errors.", False),
    ],
)
def test_a_statement_that_only_permits(text: str, permits: bool) -> None:
    assert only_permits(read([text])[0]) is permits


@pytest.mark.parametrize(
    ("text", "word", "phrase"),
    [
        ("When appropriate, the assistant should add a caveat.", "appropriate", "When appropriate"),
        (
            "Profanity is used only in clearly appropriate contexts.",
            "appropriate",
            "clearly appropriate contexts",
        ),
        (
            "When these details are extensive, the assistant should summarise.",
            "extensive",
            "details are extensive",
        ),
        ("Keep answers short.", "short", "Keep answers short"),
    ],
)
def test_the_phrase_takes_its_subject_or_adverb(text: str, word: str, phrase: str) -> None:
    from charter.nlp.reading import syntax_phrase

    at = text.index(word)
    assert syntax_phrase(read([text])[0], at, at + len(word)) == phrase
