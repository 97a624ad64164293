"""The shared spaCy pipeline loads and reads syntax (the installed small English model)."""

from __future__ import annotations

from charter.nlp import pipeline


def test_analyse_reads_parts_of_speech_and_lemmas() -> None:
    first, second = pipeline.analyse(["Decline to recommend stocks.", "Never share passwords."])
    assert [t.lemma_ for t in first if t.pos_ == "VERB"] == ["decline", "recommend"]
    assert any(t.dep_ == "neg" or t.lower_ == "never" for t in second)
    assert pipeline.analyse(["Decline to recommend stocks."])[0] is first  # memoised


def test_name_is_versioned() -> None:
    assert pipeline.name().endswith("3.8.0")
