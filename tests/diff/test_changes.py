"""Each kind of change on small synthetic specs: what is reported and how it bumps."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter import load
from charter.diff import Bump, ChangeKind, Diff, diff_projects
from charter.diff.statements import modality_direction
from charter.spec.model import Modality
from tests.diff.support import BASE, PROMPT, write_spec


def _diff(
    tmp_path: Path,
    new_text: str,
    *,
    old_text: str = BASE,
    prompt: str | None = PROMPT,
    new_prompt: str | None = PROMPT,
) -> Diff:
    old_files = {"s.md": old_text} | ({"examples/rf01.md": prompt} if prompt else {})
    new_files = {"s.md": new_text} | ({"examples/rf01.md": new_prompt} if new_prompt else {})
    old = write_spec(tmp_path / "old", old_files)
    new = write_spec(tmp_path / "new", new_files)
    return diff_projects(load(old), load(new))


def _kinds(diff: Diff) -> list[tuple[str, str | None]]:
    return [(c.kind.value, c.clause) for c in diff.changes]


def test_identical_copies_have_no_change(tmp_path: Path) -> None:
    diff = _diff(tmp_path, BASE)
    assert diff.empty and diff.version.bump is Bump.NONE


def test_typographic_edits_are_not_changes(tmp_path: Path) -> None:
    text = BASE.replace("It must not promise", "It  must not\u00a0promise")
    text = text.replace("Use the refund form;", "Use  the refund   form;")
    assert _diff(tmp_path, text).empty


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (Modality.SHOULD, Modality.MUST, "strengthened"),
        (Modality.MUST, Modality.SHOULD, "weakened"),
        (Modality.SHOULD, Modality.MAY, "weakened"),
        (Modality.SHOULD, Modality.SHOULD_NOT, "inverted"),
        (Modality.NONE, Modality.MUST_NOT, "strengthened"),
        (Modality.MAY, Modality.NONE, None),
        (Modality.MUST, Modality.MUST, None),
    ],
)
def test_modality_directions(old: Modality, new: Modality, expected: str | None) -> None:
    assert modality_direction(old, new) == expected


def test_should_to_must_is_a_modality_change_and_a_rewording(tmp_path: Path) -> None:
    diff = _diff(tmp_path, BASE.replace("should link the refund", "must link the refund"))
    assert _kinds(diff) == [("modality", "refunds"), ("reworded", "refunds")]
    modality = diff.changes[0]
    assert (modality.old, modality.new, modality.bump) == ("should", "must", Bump.MINOR)
    words = diff.changes[1].detail["edits"][0]["words"]
    assert ["-", "should"] in words and ["+", "must"] in words


def test_must_to_may_weakens_and_is_major(tmp_path: Path) -> None:
    diff = _diff(
        tmp_path, BASE.replace("It must not promise an amount.", "It may promise an amount.")
    )
    (modality,) = diff.of_kind(ChangeKind.MODALITY)
    assert modality.detail["direction"] == "weakened" and diff.version.bump is Bump.MAJOR


def test_authority_lowered_raised_and_inherited(tmp_path: Path) -> None:
    text = BASE.replace("{#refunds authority=developer}", "{#refunds authority=user}")
    text = text.replace("{#tone authority=user}", "{#tone authority=system}")
    diff = _diff(tmp_path, text)
    found = {
        c.clause: (c.old, c.new, c.detail["direction"], c.bump)
        for c in diff.of_kind(ChangeKind.AUTHORITY)
    }
    assert found == {
        "refunds": ("developer", "user", "lowered", Bump.MAJOR),
        "tone": ("user", "system", "raised", Bump.MINOR),
    }


def test_a_renamed_level_in_front_matter_is_a_level_rename(tmp_path: Path) -> None:
    old = "---\nlevels: [platform, developer, user]\n---\n" + BASE.replace(
        "developer}", "platform}"
    )
    new = "---\nlevels: [root, developer, user]\n---\n" + BASE.replace("developer}", "root}")
    diff = _diff(tmp_path, new, old_text=old)
    (change,) = diff.of_kind(ChangeKind.AUTHORITY)
    assert change.detail["direction"] == "level_renamed" and change.bump is Bump.MINOR


def test_removed_and_added_clauses(tmp_path: Path) -> None:
    text = BASE.replace("## Tone {#tone authority=user}", "## Voice {#voice authority=user}")
    text = text.replace("friendly and brief in every answer it gives to customers", "terse")
    text = text.replace("id: greets", "id: other")
    diff = _diff(tmp_path, text)
    assert {(c.kind, c.clause) for c in diff.changes} == {
        (ChangeKind.REMOVED, "tone"),
        (ChangeKind.ADDED, "voice"),
    }
    assert diff.version.bump is Bump.MAJOR


def test_verdict_flip_is_major_and_named(tmp_path: Path) -> None:
    text = BASE.replace("<!-- GOOD -->", "<!-- X -->").replace("<!-- BAD -->", "<!-- GOOD -->")
    diff = _diff(tmp_path, text.replace("<!-- X -->", "<!-- BAD -->"))
    (change,) = diff.of_kind(ChangeKind.EXAMPLES)
    assert change.detail["examples"][0]["what"] == ["verdict"]
    assert change.bump is Bump.MAJOR


def test_example_added_removed_retitled(tmp_path: Path) -> None:
    text = BASE.replace("**Example**: amount asked", "**Example**: customer asks for the amount")
    diff = _diff(tmp_path, text)
    (change,) = diff.of_kind(ChangeKind.EXAMPLES)
    (edit,) = change.detail["examples"]
    assert (edit["op"], edit["old_title"], edit["what"]) == ("changed", "amount asked", ["title"])
    assert change.bump is Bump.PATCH


def test_test_block_and_prompt_file_changes(tmp_path: Path) -> None:
    text = BASE.replace("icontains: hello", "icontains: hi")
    diff = _diff(tmp_path, text, new_prompt=PROMPT.replace("order 123", "order 456"))
    assert _kinds(diff) == [("prompts", "refunds"), ("examples", "tone")]
    assert diff.changes[0].detail["prompts"][0]["op"] == "changed"
    assert diff.changes[1].detail["examples"][0]["test"] is True


def test_attributes_follow_renames(tmp_path: Path) -> None:
    old = BASE.replace(
        "{#tone authority=user}", "{#tone authority=user overrides=#refunds status=draft}"
    )
    new = old.replace("{#refunds ", "{#refund_policy ").replace(
        "overrides=#refunds", "overrides=#refund_policy"
    )
    diff = _diff(tmp_path, new.replace("status=draft", "status=active"), old_text=old)
    (attrs,) = diff.of_kind(ChangeKind.ATTRIBUTES)
    assert attrs.detail["attributes"] == [{"name": "status", "old": "draft", "new": "active"}]


def test_a_dropped_rule_is_major_but_a_split_sentence_is_not(tmp_path: Path) -> None:
    dropped = _diff(tmp_path / "a", BASE.replace(" It must not promise an amount.", ""))
    (change,) = dropped.of_kind(ChangeKind.REWORDED)
    assert change.reason == "normative statement dropped" and change.bump is Bump.MAJOR
    split = BASE.replace(
        "It must not promise an amount.", "It must not promise an amount. Ever, in any case."
    )
    (change,) = _diff(tmp_path / "b", split).of_kind(ChangeKind.REWORDED)
    assert change.bump is Bump.PATCH


def test_a_reordered_chain_of_command_moves_clauses(tmp_path: Path) -> None:
    old = "---\nlevels: [root, system, developer, user]\n---\n" + BASE
    new = "---\nlevels: [root, developer, system, user]\n---\n" + BASE
    diff = _diff(tmp_path, new, old_text=old)
    assert _kinds(diff) == [("attributes", None), ("authority", "refunds")]
    module, refunds = diff.changes
    assert module.detail["attributes"][0]["name"] == "levels"
    assert refunds.detail["direction"] == "raised"
