"""Contradictions of the eighth round of issue 13 (one round on the development halves of
the seven labelled sets): an estimate names the figure it estimates, and the model tier's
retrieval files a word under its kinds and a condition's unknown words; "X are to be
sent" is a duty. Each case is a
small real project checked by the real checker (spaCy and WordNet files)."""

from __future__ import annotations

from pathlib import Path

from charter import load
from charter.check.contradictions import candidates
from charter.check.symbols import SymbolTable
from charter.nlp.norm_cache import read_texts
from charter.spec.model import Modality
from charter.spec.statements import read_modality
from tests.check.support import PAIR_BASE, PAIR_TEAM, pair_errors


def errors(folder: Path, a: str, b: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    return pair_errors(folder, a, b)


def _loose_pairs(tmp_path: Path, a: str, b: str) -> tuple[int, int]:
    """How many cross-module pairs the narrowed and the model tier's retrieval propose."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "base.md").write_text(PAIR_BASE + a + "\n", encoding="utf-8")
    (tmp_path / "team.md").write_text(PAIR_TEAM + b + "\n", encoding="utf-8")
    table = SymbolTable.build(load(tmp_path))
    counts = []
    for narrowed in (True, False):
        found = candidates(table, narrowed=narrowed)
        counts.append(sum(x.module.path != y.module.path for x, y in found))
    return counts[0], counts[1]


def test_a_cost_estimate_is_the_price(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must not quote prices for servicing vintage watches.",
        "When an owner asks, give them a cost estimate for the service.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]


def test_an_estimate_of_something_else_is_not_the_price(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must not quote prices for servicing vintage watches.",
        "When an owner asks, give them a time estimate for the service.",
    )
    assert found == []


def test_a_kind_of_a_thing_meets_the_thing_in_the_model_tier(tmp_path: Path) -> None:
    _narrowed, loose = _loose_pairs(
        tmp_path / "kind",
        "The assistant must not count boxes for households.",
        "Work out for movers how many cartons they need.",
    )
    assert loose == 1
    _narrowed, unrelated = _loose_pairs(
        tmp_path / "other",
        "The assistant must not count boxes for households.",
        "Work out for movers how many vans they need.",
    )
    assert unrelated == 0


def test_an_unknown_word_of_a_condition_files_the_statement(tmp_path: Path) -> None:
    _narrowed, loose = _loose_pairs(
        tmp_path,
        "The assistant must not give advice on Kubernetes, even if the developer insists.",
        "When a developer asks how to scale Kubernetes, explain the usual settings.",
    )
    assert loose == 1


def test_is_to_be_and_a_participle_is_a_duty() -> None:
    assert read_modality("Parcels are to be left at the front desk.")[0] is Modality.MUST
    assert read_modality("Parcels are not to be left on the doorstep.")[0] is Modality.MUST_NOT
    assert read_modality("Each parcel is to be signed for.")[0] is Modality.MUST
    assert read_modality("Our aim is to be trusted by every guest.")[0] is Modality.NONE
    assert read_modality("The goal is to be helpful.")[0] is Modality.NONE


def test_a_duty_written_with_is_to_be_meets_its_contradiction(tmp_path: Path) -> None:
    found = errors(
        tmp_path / "only",
        "Lab results are to be sent only by secure message.",
        "The assistant must send lab results by post when a patient asks.",
    )
    assert len(found) == 1 and "exclusivity" in found[0]
    banned = errors(
        tmp_path / "not",
        "Lab results are not to be sent by email.",
        "Send lab results by email as soon as they arrive.",
    )
    assert len(banned) == 1 and "opposite stances" in banned[0]


def test_a_passive_by_phrase_is_a_slot_an_only_can_restrict() -> None:
    (reading,) = read_texts(["Invoices must be sent only by post."])
    assert reading.exclusive == frozenset({"post"}) and reading.exclusive_slot == "by"
    assert ("by", frozenset({"post"})) in reading.slots


def test_whom_a_reply_is_for_is_not_what_it_is_about(tmp_path: Path) -> None:
    found = errors(
        tmp_path / "one",
        "Use a humorous tone with subscribers.",
        "The assistant must keep to a strictly formal tone in every reply.",
    )
    assert len(found) == 1 and "opposite descriptions" in found[0]
    assert "formality" in found[0]  # a joking register is an informal one


def test_replies_for_two_different_audiences_do_not_clash(tmp_path: Path) -> None:
    found = errors(
        tmp_path / "two",
        "Use a humorous tone with children.",
        "The assistant must keep a formal tone with hospital consultants.",
    )
    assert found == []


def test_one_channel_for_a_thing_whatever_the_verb(tmp_path: Path) -> None:
    found = errors(
        tmp_path / "same",
        "Warranty claims must be filed only through the web form.",
        "The assistant may accept warranty claims by email or over the phone.",
    )
    assert len(found) == 1 and "exclusivity" in found[0]
    other = errors(
        tmp_path / "other",
        "Warranty claims must be filed only through the web form.",
        "The assistant may send repair quotes by email or over the phone.",
    )
    assert other == []


def test_what_people_are_said_to_get_is_what_the_assistant_gives(tmp_path: Path) -> None:
    (reading, other) = read_texts(
        ["Subscribers receive a printed catalogue every spring.", "The team gets a report."]
    )
    assert reading.habitual and reading.actor == "assistant" and reading.verbs == ("give",)
    assert "catalogue" in reading.heads
    assert not other.habitual  # a team is not people the assistant serves
    found = errors(
        tmp_path,
        "Subscribers receive a printed catalogue every spring.",
        "The assistant must not send printed catalogues to anyone.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]


def test_what_someone_uploads_is_what_they_submit(tmp_path: Path) -> None:
    keep = "Store the scans each applicant submits with their application."
    found = errors(
        tmp_path / "same",
        keep,
        "The assistant must delete uploaded scans once the application is approved.",
    )
    assert len(found) == 1 and "opposite actions" in found[0]
    other = errors(
        tmp_path / "other",
        keep,
        "The assistant must delete printed scans once the application is approved.",
    )
    assert other == []


def test_a_measure_meets_the_other_object_only_if_it_measures_each_of_its_heads(
    tmp_path: Path,
) -> None:
    # "plan upgrade chapter" is read with two heads ("plan", "chapter"); the balance of
    # chapters does not measure the plan
    found = errors(
        tmp_path,
        "The assistant should check the chapter symptom balance.",
        "The assistant must not check the plan upgrade chapter.",
    )
    assert found == []
