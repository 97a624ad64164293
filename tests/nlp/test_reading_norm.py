"""The structured reading of normative statements (charter.nlp.norm), its lexicon,
quantities and cache: each part read from real spaCy parses of sentences written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.nlp import lexicon
from charter.nlp.norm import Reading
from charter.nlp.norm_cache import cache_folder, from_data, read_texts, to_data
from charter.nlp.quantities import Bound


def one(text: str) -> Reading:
    return read_texts([text])[0]


def test_actor_action_and_object() -> None:
    r = one("The assistant must not change the delivery address.")
    assert r.actor == "assistant" and r.verbs == ("change",)
    assert r.heads == {"address"} and "delivery" in r.modifiers
    other = one("A human agent must approve refunds above 200 euros.")
    assert other.actor == "human agent"
    assert one("Keep every reply short.").imperative
    assert one("Follow-up emails must be sent within two days.").actor is None  # passive


def test_a_verb_that_carries_the_negation_governs_the_action() -> None:
    r = one("The assistant must decline requests to write product reviews for customers.")
    assert r.negating == "decline" and r.verbs == ("write",) and r.heads == {"review"}
    refuse = one("The assistant must refuse to predict the price of a share.")
    assert refuse.negating == "refuse" and refuse.verbs == ("predict",)
    transitive = one("The assistant should decline the return of worn boots.")
    assert transitive.negating is None and transitive.verbs == ("decline",)


def test_situations_and_concessions() -> None:
    r = one("Unless the user is verified, the assistant must not change the delivery address.")
    assert [s.marker for s in r.situations] == ["unless"]
    assert r.situations[0].lemmas == {"user", "verify"}
    assert "user" not in r.words  # a condition's words are not action words
    whenever = one("The assistant should print the label whenever the courier asks for it.")
    assert [s.marker for s in whenever.situations] == ["whenever"]
    even = one("The assistant must not print the label, even if the courier insists.")
    assert even.situations == () and even.concessions == ("even if the courier insists",)
    before = one("Before payment, the assistant must not confirm the delivery date.")
    assert [s.marker for s in before.situations] == ["before"]


def test_settings_are_fronted_phrases_or_channels_but_never_discourse() -> None:
    r = one("On the phone line, the assistant must not share the account balance.")
    assert [(s.marker, s.text) for s in r.situations] == [("setting", "On the phone line")]
    channel = one("The assistant must not use emoji in the mobile app.")
    assert [s.marker for s in channel.situations] == ["setting"]
    manner = one("The assistant must reply in plain text.")
    assert manner.situations == ()  # "in plain text" is how, not where
    example = one("For example, the assistant should list the opening hours.")
    assert example.situations == ()


def test_exclusivity() -> None:
    r = one("The assistant must reply only in English.")
    assert r.exclusive == {"english"} and r.exclusive_slot == "in"
    nothing = one("The assistant must accept nothing but card payments.")
    assert nothing.exclusive == {"card", "payment"}
    assert one("The assistant must reply in English.").exclusive == frozenset()


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Keep every reply under 100 words.", Bound("word", None, 100.0, high_open=True)),
        ("Each reply must contain at least 150 words.", Bound("word", 150.0, None)),
        ("The assistant must list five or more products.", Bound("product", 5.0, None)),
        ("The assistant should limit answers to three sentences.", Bound("sentence", None, 3.0)),
        ("The assistant should ask no more than two questions.", Bound("question", None, 2.0)),
        ("The assistant should write exactly four paragraphs.", Bound("paragraph", 4.0, 4.0)),
    ],
)
def test_bounds(text: str, bound: Bound) -> None:
    assert one(text).bounds == (bound,)


def test_bounds_disjoint() -> None:
    under = Bound("word", None, 100.0, high_open=True)
    assert under.disjoint(Bound("word", 150.0, None))
    assert under.disjoint(Bound("word", 100.0, None))  # "under 100" vs "at least 100"
    assert not under.disjoint(Bound("word", 50.0, None))
    assert not under.disjoint(Bound("sentence", 150.0, None))  # other units never compare


def test_manner_is_read_from_its_syntactic_place() -> None:
    assert one("The assistant should keep its answers brief.").manner == {"brief"}
    assert one("The assistant should write casually.").manner == {"casual"}
    assert one("The assistant must use a formal tone.").manner == {"formal"}
    # an adjective on a thing that is not output is not a manner of replying
    assert one("The assistant should recommend short hiking routes.").manner == frozenset()


def test_lexicon() -> None:
    assert lexicon.action_classes("reveal") & lexicon.action_classes("share")
    assert lexicon.curated_noun_classes("invoice") == lexicon.curated_noun_classes("receipt")
    assert lexicon.noun_classes("invoice") & lexicon.noun_classes("receipt")
    assert lexicon.opposed(lexicon.action_classes("store"), lexicon.action_classes("erase"))
    assert lexicon.opposed(lexicon.action_classes("erase"), lexicon.action_classes("store"))
    assert not lexicon.opposed(lexicon.action_classes("store"), lexicon.action_classes("share"))
    assert lexicon.curated_noun_classes("tent") == {"tent"}  # unknown: their own class
    assert "tent" in lexicon.noun_classes("tent")
    assert ("length", 1) in lexicon.poles("brief") and ("length", -1) in lexicon.poles("lengthy")
    assert lexicon.poles("plain") == {("format", 1), ("complexity", 1)}
    assert lexicon.family("centimetre") == "metric" and lexicon.unit("words") is None
    assert lexicon.unit("word") == "word"


def test_cache_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "Unless the user is verified, the assistant must not change the delivery address.",
        "Keep every reply under 100 words.",
    ]
    readings = read_texts(texts, tmp_path)
    assert [from_data(to_data(r)) for r in readings] == readings
    files = list(tmp_path.glob("norms2-*.json"))
    assert len(files) == 1
    from charter.nlp import norm_cache

    monkeypatch.setattr(norm_cache, "_memo", {})
    monkeypatch.setattr(norm_cache, "_stores", {})
    monkeypatch.setattr("charter.nlp.pipeline.analyse", _no_parse)
    assert read_texts(texts, tmp_path) == readings  # served from disk, no parse


def test_cache_keeps_words_with_spaces_and_empty_sets() -> None:
    from charter.nlp.norm import Reading

    fields = dict.fromkeys(Reading.__slots__)
    sets = ("heads", "modifiers", "words", "manner", "exclusive")
    fields.update({name: frozenset() for name in sets})
    fields.update(verbs=("give out",), situations=(), concessions=(), slots=(), bounds=())
    fields.update(population=())
    fields.update(words=frozenset({"ice cream", "cone"}), heads=frozenset({"cone"}))
    reading = Reading(**fields)  # type: ignore[arg-type]
    assert from_data(to_data(reading)) == reading


def _no_parse(texts: object) -> None:
    raise AssertionError("a cached text was parsed again")


def test_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHARTER_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    project = tmp_path / "project"
    project.mkdir()
    assert cache_folder(project) == tmp_path / "user" / "charter"  # not a project: not written
    (project / "charter.toml").write_text("[project]\n", encoding="utf-8")
    assert cache_folder(project) == project / ".charter"
    monkeypatch.setenv("CHARTER_NO_CACHE", "1")
    assert cache_folder(project) is None


def test_a_pronoun_object_takes_the_object_of_the_condition() -> None:
    r = one("When a visitor asks for the museum's opening hours, the assistant should give them.")
    assert r.heads == {"hour"} and "opening" in r.modifiers
    plain = one("The assistant should give them a map.")  # no condition: nothing to borrow
    assert "hour" not in plain.heads


def test_a_thing_described_by_be_is_no_actor() -> None:
    r = one("Every caption must be at least 30 words long.")
    assert r.actor == "assistant" and "caption" in r.words
    assert one("The night nurse must be present at handover.").actor != "assistant"


def test_words_keep_the_subject_of_a_clause_inside_the_object() -> None:
    r = one("The assistant should translate letters that tenants upload.")
    assert "tenant" in r.words and "assistant" not in r.words


def test_a_recipient_is_not_the_object() -> None:
    r = one("The assistant must give tenants the lease.")
    assert r.heads == {"lease"}
    assert one("The assistant must email patients.").heads == {"patient"}


def test_manner_of_made_output_and_of_a_way_but_not_of_a_hedge() -> None:
    assert one("The assistant should draft long, formal letters.").manner == {"long", "formal"}
    assert "casual" in one("The assistant should chat in a casual way.").manner
    assert one("The assistant should generally comply with requests.").manner == frozenset()


def test_bounds_with_the_comparison_after_the_unit() -> None:
    (bound,) = one("Keep each answer to three sentences or fewer.").bounds
    assert (bound.unit, bound.low, bound.high) == ("sentence", None, 3.0)
    (bound,) = one("List five products or more.").bounds
    assert (bound.low, bound.high) == (5.0, None)
