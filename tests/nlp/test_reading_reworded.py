"""Three more misparses of the small English pipeline, each read through a rewording
(``charter.nlp.reparse``); sentences of our own writing, parsed by the real pipeline."""

from __future__ import annotations

from charter.nlp.norm import Reading
from charter.nlp.norm_cache import read_texts
from charter.nlp.pipeline import analyse
from charter.nlp.reparse import reworded


def one(text: str) -> Reading:
    return read_texts([text])[0]


def test_a_relative_clause_without_that_is_not_the_main_clause() -> None:
    text = "Keep a record of every boiler service a tenant asks about."
    (doc,) = analyse([text])
    assert reworded(doc) == "Keep a record of every boiler service that a tenant asks about."
    r = one(text)
    assert r.imperative and r.verbs == ("keep",) and r.heads == {"record"}


def test_what_the_assistant_does_is_not_read_as_a_noun() -> None:
    text = "The assistant waives the delivery charge on sofas ordered the same day."
    (doc,) = analyse([text])
    assert reworded(doc) == (
        "The assistant always waives the delivery charge on sofas ordered the same day."
    )
    r = one(text)
    assert r.habitual and r.actor == "assistant" and r.verbs == ("waive",)
    assert r.heads == {"charge"}


def test_an_instruction_after_a_condition_is_the_main_verb() -> None:
    text = "Whenever a rider says they are stuck on the train, provide the helpline number."
    (doc,) = analyse([text])
    assert reworded(doc) == (
        "Provide the helpline number whenever a rider says they are stuck on the train."
    )
    r = one(text)
    assert r.imperative and r.verbs == ("provide",) and r.heads == {"number"}
    assert [s.marker for s in r.situations] == ["whenever"]


def test_the_guards_leave_sound_parses_alone() -> None:
    for text in (
        "Keep a record of every delivery problem a driver reports.",
        "If a guest asks, print the receipt.",
        "The assistant waives the late fee on books returned the same week.",
        "Support tickets go to a person.",
    ):
        (doc,) = analyse([text])
        assert reworded(doc) is None, text


def test_the_guards_do_not_fire_on_lists_possessives_or_auxiliaries() -> None:
    for text in (
        "If a caller wants to book, cancel, or change a table, ask for the name.",
        "The assistant is expected to answer politely.",
        "The assistant's reply is short.",
    ):
        (doc,) = analyse([text])
        assert reworded(doc) is None, text
    assert one("If a caller wants to book, cancel, or change a table, ask for the name.").verbs == (
        "ask",
    )
