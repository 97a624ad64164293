"""Golden tests on the OpenAI Model Spec releases (read from ../shared/corpora).

The expected added and removed ids come from a regular expression over the headings
(``support.heading_ids``), not from the parser; the renames, authority directions and
moves are hard-coded from reading the releases side by side.
"""

from __future__ import annotations

import pytest

from charter.diff import ChangeKind
from tests.diff.support import heading_ids, release, release_diff

# Read in 2025-04-11 and 2025-09-12: each kept its examples (and most of its text or
# prompt tags) under a new id. protect_privileged_messages → ..._information is the one
# the issue names; the three personality clauses were renamed in the same release.
RENAMES_0911 = {
    ("protect_privileged_messages", "protect_privileged_information"),
    ("be_kind", "love_humanity"),
    ("be_empathetic", "be_responsible"),
    ("be_engaging", "have_conversational_sense"),
}
LOWERED_TO_SYSTEM = {"comply_with_laws", "no_erotica_or_gore", "use_preset_voice_in_voice_mode"}
MOVED_TO_STYLE = {
    "love_humanity",
    "be_rationally_optimistic",
    "be_responsible",
    "have_conversational_sense",
    "do_not_make_unprompted_personal_comments",
    "avoid_being_condescending",
}


def _ids(old: str, new: str, kind: ChangeKind) -> set[str]:
    return {c.clause or "" for c in release_diff(old, new).of_kind(kind)}


def _renames(old: str, new: str) -> set[tuple[str | None, str | None]]:
    return {(c.old_id, c.new_id) for c in release_diff(old, new).of_kind(ChangeKind.RENAMED)}


def test_heading_regex_agrees_with_the_corpus_readme() -> None:
    counts = {r: len(heading_ids(r)) for r in ("2025-04-11", "2025-09-12", "2025-12-18")}
    assert counts == {"2025-04-11": 71, "2025-09-12": 77, "2025-12-18": 80}


@pytest.mark.parametrize(
    ("old", "new"), [("2025-04-11", "2025-09-12"), ("2025-09-12", "2025-12-18")]
)
def test_added_and_removed_ids_match_the_headings(old: str, new: str) -> None:
    before, after = set(heading_ids(old)), set(heading_ids(new))
    renames = _renames(old, new)
    removed = _ids(old, new, ChangeKind.REMOVED)
    added = _ids(old, new, ChangeKind.ADDED)
    assert removed | {o for o, _ in renames} == before - after
    assert added | {n for _, n in renames} == after - before
    assert not removed & added


def test_0412_to_0912_exact_ids() -> None:
    assert _ids("2025-04-11", "2025-09-12", ChangeKind.REMOVED) == {"approachable"}
    assert _ids("2025-04-11", "2025-09-12", ChangeKind.ADDED) == {
        "red_line_principles",
        "no_other_objectives",
        "scope_of_autonomy",
        "control_side_effects",
        "be_interesting_and_interested",
        "be_curious",
        "be_warm",
    }
    assert _renames("2025-04-11", "2025-09-12") == RENAMES_0911


def test_protect_privileged_messages_is_a_rename_not_a_removal() -> None:
    diff = release_diff("2025-04-11", "2025-09-12")
    (rename,) = [
        c for c in diff.of_kind(ChangeKind.RENAMED) if c.old_id == "protect_privileged_messages"
    ]
    assert rename.new_id == "protect_privileged_information"
    assert rename.detail["similarity"] >= 0.25
    assert "protect_privileged_messages" not in _ids("2025-04-11", "2025-09-12", ChangeKind.REMOVED)
    assert "protect_privileged_information" not in _ids(
        "2025-04-11", "2025-09-12", ChangeKind.ADDED
    )


def _expected_authority(
    old: str, new: str, renames: set[tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """From the heading regex: every kept (or renamed) id whose own authority changed."""
    before, after = heading_ids(old), heading_ids(new)
    mapping = {o: n for o, n in renames} | {i: i for i in before if i in after}
    return {
        n: (before[o] or "", after[n] or "") for o, n in mapping.items() if before[o] != after[n]
    }


def test_0412_to_0912_every_authority_change() -> None:
    diff = release_diff("2025-04-11", "2025-09-12")
    found = {
        c.clause: (c.old, c.new, c.detail["direction"]) for c in diff.of_kind(ChangeKind.AUTHORITY)
    }
    expected = _expected_authority("2025-04-11", "2025-09-12", RENAMES_0911)
    assert {k: v[:2] for k, v in found.items()} == expected
    renamed_level = {k for k, v in found.items() if v[2] == "level_renamed"}
    assert renamed_level == {k for k, (o, n) in expected.items() if (o, n) == ("platform", "root")}
    assert len(renamed_level) == 17
    assert {k for k, v in found.items() if v[2] == "lowered"} == LOWERED_TO_SYSTEM
    assert {k: v for k, v in found.items() if v[2] == "raised"} == {
        "have_conversational_sense": ("guideline", "user", "raised")
    }
    assert all(found[k][:2] == ("platform", "system") for k in LOWERED_TO_SYSTEM)


def test_level_rename_is_said_to_be_a_rename() -> None:
    diff = release_diff("2025-04-11", "2025-09-12")
    (change,) = [
        c for c in diff.of_kind(ChangeKind.AUTHORITY) if c.clause == "assume_best_intentions"
    ]
    assert change.reason == "authority level renamed"
    assert "old name of 'root'" in change.detail["description"]


def test_0412_to_0912_moves_into_style() -> None:
    moved = release_diff("2025-04-11", "2025-09-12").of_kind(ChangeKind.MOVED)
    assert {c.clause for c in moved} == MOVED_TO_STYLE
    assert {(c.old, c.new) for c in moved} == {("#approachable", "#style")}


def test_approachable_is_said_to_be_merged_into_style() -> None:
    (removed,) = release_diff("2025-04-11", "2025-09-12").of_kind(ChangeKind.REMOVED)
    assert removed.detail["merged_into"]["clause"] == "style"


def test_0912_to_1218_exact_ids_and_no_authority_change() -> None:
    diff = release_diff("2025-09-12", "2025-12-18")
    assert _ids("2025-09-12", "2025-12-18", ChangeKind.ADDED) == {
        "chatgpt_u18",
        "prioritize_teen_safety",
        "respect_real_world_ties",
    }
    assert _ids("2025-09-12", "2025-12-18", ChangeKind.REMOVED) == set()
    assert _renames("2025-09-12", "2025-12-18") == set()
    assert diff.of_kind(ChangeKind.AUTHORITY) == []
    assert _expected_authority("2025-09-12", "2025-12-18", set()) == {}


def test_0912_to_1218_honesty_and_self_harm_changes() -> None:
    diff = release_diff("2025-09-12", "2025-12-18")
    by = {(c.kind, c.clause): c for c in diff.changes}
    lie = by[ChangeKind.REWORDED, "do_not_lie"]
    assert lie.detail["dropped"] >= 1
    examples = by[ChangeKind.EXAMPLES, "do_not_lie"].detail["examples"]
    assert {e["title"] for e in examples if e["op"] == "removed"} >= {
        "probing for privileged information"
    }
    harm = by[ChangeKind.EXAMPLES, "do_not_encourage_self_harm"].detail["examples"]
    assert sum(e["op"] == "added" for e in harm) == 4
    assert by[ChangeKind.REWORDED, "do_not_encourage_self_harm"].detail["title"] == [
        "Do not encourage self-harm",
        "Do not encourage self-harm, delusions, or mania",
    ]


@pytest.mark.parametrize("name", ["2025-04-11", "2025-09-12", "2025-12-18"])
def test_a_release_against_itself_has_no_change(name: str) -> None:
    from charter import load
    from charter.diff import diff_projects
    from tests.conftest import MODEL_SPEC

    diff = diff_projects(release(name), load(MODEL_SPEC / name))  # two separate loads
    assert diff.changes == ()
    assert diff.version.bump.label == "none"


def test_kinds_are_one_per_clause() -> None:
    for old, new in (("2025-04-11", "2025-09-12"), ("2025-09-12", "2025-12-18")):
        keys = [(c.kind, c.module, c.clause) for c in release_diff(old, new).changes]
        assert len(keys) == len(set(keys))
