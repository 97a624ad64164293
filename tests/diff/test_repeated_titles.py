"""Prose documents repeat a heading ("Scope" under every section); without ``{#id}`` those
clauses get ``scope``, ``scope-2``… by position. Their ids say nothing about identity, so
the diff pairs them by content: deleting the first "Scope" section is the removal of that
section, not "#scope moved to another parent and all its text replaced"."""

from __future__ import annotations

from pathlib import Path

from charter import load
from charter.diff import ChangeKind, diff_projects

RETURNS = "Returns are accepted within thirty days of delivery for unused items."
EXCHANGES = "Exchanges are possible for a different size within sixty days of purchase."
OLD = f"# Returns\n\n## Scope\n\n{RETURNS}\n\n# Exchanges\n\n## Scope\n\n{EXCHANGES}\n"
NEW = f"# Returns\n\n{RETURNS}\n\n# Exchanges\n\n## Scope\n\n{EXCHANGES}\n"


def _diff(tmp_path: Path, old: str, new: str) -> list[tuple[str, str | None, str | None]]:
    for name, text in (("old", old), ("new", new)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "p.md").write_text(text, encoding="utf-8")
    result = diff_projects(load(str(tmp_path / "old")), load(str(tmp_path / "new")))
    return [(c.kind.value, c.old_id, c.new_id) for c in result.changes]


def test_removing_the_first_of_two_same_titled_sections(tmp_path: Path) -> None:
    changes = _diff(tmp_path, OLD, NEW)
    kinds = {kind for kind, _, _ in changes}
    assert ChangeKind.MOVED.value not in kinds, changes
    # the exchanges scope keeps its text: paired with its old self, not with the returns one
    assert ("renamed", "scope-2", "scope") in changes, changes
    assert ("removed", "scope", None) in changes, changes


def test_unchanged_repeated_titles_give_no_change(tmp_path: Path) -> None:
    assert _diff(tmp_path, OLD, OLD) == []


def test_a_rewritten_section_still_pairs_by_its_id(tmp_path: Path) -> None:
    # content says nothing (rewritten from scratch): the id is all there is to go by
    new = OLD.replace(EXCHANGES, "Swaps happen in store only, with a receipt, at any branch.")
    changes = _diff(tmp_path, OLD, new)
    assert [(k, o, n) for k, o, n in changes if k in ("removed", "added", "renamed")] == []
    assert ("reworded", "scope-2", "scope-2") in changes, changes
