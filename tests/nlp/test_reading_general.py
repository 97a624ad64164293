"""Second-round generalisations of the statement reading (charter.nlp.norm), each read
from real spaCy parses of sentences written here (domains not in the labelled sets)."""

from __future__ import annotations

from charter.check.decide import same_object
from charter.nlp import lexicon
from charter.nlp.norm import Reading
from charter.nlp.norm_cache import read_texts
from charter.nlp.quantities import Bound


def one(text: str) -> Reading:
    return read_texts([text])[0]


def test_a_negating_verb_governs_an_infinitive_parsed_as_a_purpose_clause() -> None:
    r = one("The assistant must decline to translate legal contracts for tenants.")
    assert r.negating == "decline" and r.verbs == ("translate",)


def test_any_counted_noun_is_a_unit() -> None:
    r = one("The assistant should suggest no more than three podcasts.")
    assert r.bounds == (Bound("podcast", None, 3.0),)
    wide = one("The assistant must suggest at least five podcasts.")
    assert r.bounds[0].disjoint(wide.bounds[0])


def test_conditions_about_different_amounts_differ() -> None:
    young = one("If the tenant is under 25 years old, the assistant should mention the discount.")
    old = one("If the tenant is over 60 years old, the assistant must not mention the discount.")
    assert young.situations[0].lemmas != old.situations[0].lemmas
    assert {"under", "25"} <= young.situations[0].lemmas


def test_a_comparative_adjective_describes_and_does_not_narrow() -> None:
    cheaper = one("The assistant may recommend a faster train.")
    assert "fast" not in cheaper.modifiers
    plain = one("The assistant must not recommend trains.")
    assert same_object(cheaper, plain)
    assert "electric" in one("The assistant may recommend electric trains.").modifiers


def test_a_thing_that_contains_is_the_assistants_output_not_an_actor() -> None:
    r = one("Study guides must contain at most four chapters.")
    assert r.actor == "assistant"
    assert one("The caretaker may have a spare key.").actor == "caretaker"  # a person acts


def test_manner_in_a_phrase_on_the_written_object() -> None:
    r = one("The assistant must write eviction notices in a curt tone.")
    assert "curt" in r.manner


def test_general_families() -> None:
    assert lexicon.noun_classes("hostel") & lexicon.noun_classes("accommodation")
    assert ("warmth", -1) in lexicon.poles("dismissive")
    assert ("warmth", 1) in lexicon.poles("encouraging")


def test_a_time_phrase_hung_on_the_object_is_a_situation() -> None:
    r = one("The assistant should send tenants the inspection report after each visit.")
    assert [s.marker for s in r.situations] == ["after"]
    amount = one("The assistant should send the report two days after the visit.")
    assert not any(s.marker == "after" and "two" in s.text for s in amount.situations)
