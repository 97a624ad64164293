"""Sentence splitting and the modality/polarity reading of statements."""

from __future__ import annotations

import pytest

from charter.spec.model import Modality, Polarity
from charter.spec.statements import read_modality, split_sentences

M = Modality


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The assistant must answer.", M.MUST),
        ("The assistant MUST NOT reveal the key.", M.MUST_NOT),
        ("It must never lie.", M.MUST_NOT),
        ("It shall cite sources.", M.MUST),
        ("It should link the form.", M.SHOULD),
        ("It should not guess.", M.SHOULD_NOT),
        ("It shouldn’t guess.", M.SHOULD_NOT),
        ("It should never refuse without a reason.", M.SHOULD_NOT),
        ("The assistant should avoid subjective terms.", M.SHOULD_NOT),
        ("It should be careful not to overclaim.", M.SHOULD_NOT),
        ("It should always answer in English.", M.SHOULD),
        ("It should not only answer but also cite.", M.SHOULD),
        ("It may offer store credit.", M.MAY),
        ("It may choose not to answer.", M.MAY),
        ("It can share the tracking link.", M.MAY),
        ("Advice can be misused.", M.NONE),
        ("Never reveal the key.", M.MUST_NOT),
        ("Do not reveal the key.", M.MUST_NOT),
        ("Avoid jargon.", M.SHOULD_NOT),
        ("Always greet the customer.", M.MUST),
        ("The shop opens at nine.", M.NONE),
        ("It does not store cards.", M.NONE),
        ("The assistant is required to log refunds.", M.MUST),
        ("Logging refunds is REQUIRED.", M.MUST),
        ("`role` (required): the source of each message.", M.NONE),
        ("Support for optional features varies.", M.NONE),
        ("The assistant is not allowed to discount.", M.MUST_NOT),
    ],
)
def test_modality(text: str, modality: Modality) -> None:
    got, polarity, _ = read_modality(text)
    assert got is modality
    assert (polarity is Polarity.NEGATIVE) == (
        modality.negative or (modality is M.NONE and "not" in text)
    )


def test_polarity_without_modal() -> None:
    assert read_modality("The tool does not store cards.")[1] is Polarity.NEGATIVE
    assert read_modality("The tool stores cards.")[1] is Polarity.POSITIVE


def test_modal_span() -> None:
    text = "If asked, the assistant must not guess."
    _, _, span = read_modality(text)
    assert span is not None and text[span[0] : span[1]] == "must not"


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_split_sentences() -> None:
    text = (
        "It should ask (e.g. about size) first. Then it must answer, i.e. give a number! "
        'Does it? "Yes." It may stop... or not. Costs are 1.5 units vs. 2 units.[^ab12] Next.'
    )
    assert _sentences(text) == [
        "It should ask (e.g. about size) first.",
        "Then it must answer, i.e. give a number!",
        "Does it?",
        '"Yes."',
        "It may stop... or not.",
        "Costs are 1.5 units vs. 2 units.[^ab12]",
        "Next.",
    ]


def test_split_keeps_multiline_sentences() -> None:
    assert _sentences("One sentence\nover two lines. Two.") == [
        "One sentence\nover two lines.",
        "Two.",
    ]


def test_modal_phrase_across_a_line_break() -> None:
    assert read_modality("It must\nnot say it.")[0] is M.MUST_NOT
    assert read_modality("It should\n  never lie.")[0] is M.SHOULD_NOT


def test_list_items_take_the_modality_of_their_lead_in() -> None:
    from charter import parse_module

    text = (
        "# T {#t authority=user}\n\nThe assistant must hand over when:\n\n"
        "- the customer asks for a person;\n- a refund is over 500 EUR.\n\nThe end.\n\n- loose item\n"
    )
    module, _ = parse_module(text, "t.md")
    got = [(s.text, s.modality) for s in module.clauses[0].statements]
    assert got == [
        ("The assistant must hand over when:", M.MUST),
        ("the customer asks for a person;", M.MUST),
        ("a refund is over 500 EUR.", M.MUST),
        ("The end.", M.NONE),
        ("loose item", M.NONE),
    ]


def test_definitions_are_not_statements() -> None:
    from charter import parse_module

    module, _ = parse_module("# D {#d}\n\n**Refund**: money back. It can vary.\n", "d.md")
    (clause,) = module.clauses
    assert [d.term for d in clause.definitions] == ["Refund"] and clause.statements == ()
