"""The rename threshold is justified by the corpus: these tests keep the numbers true.

Three populations, all from the Model Spec releases (2025-04-11 → 2025-09-12 and
2025-09-12 → 2025-12-18): clauses that kept their id (the same clause), pairs of
different clauses that both exist on both sides (certainly not a rename), and the four
renames read by hand. The threshold must sit above every "different" pair and below
every rename; all but a few rewritten-from-scratch same-id clauses clear it too.
"""

from __future__ import annotations

from pathlib import Path

from charter import load
from charter.diff import RENAME_THRESHOLD, ChangeKind, diff_projects
from charter.diff.match import clause_shingles
from charter.diff.text import jaccard
from tests.diff.support import BASE, release, write_spec
from tests.diff.test_golden import RENAMES_0911

PAIRS = (("2025-04-11", "2025-09-12"), ("2025-09-12", "2025-12-18"))


def _sigs(name: str) -> dict[str, frozenset[tuple[str, ...]]]:
    return {c.id: clause_shingles(c) for c in release(name).modules[0].clauses}


def test_threshold_separates_renames_from_different_clauses() -> None:
    same: list[float] = []
    different: list[float] = []
    for old, new in PAIRS:
        a, b = _sigs(old), _sigs(new)
        kept = set(a) & set(b)
        same += [jaccard(a[i], b[i]) for i in kept]
        different += [jaccard(a[i], b[j]) for i in kept for j in kept if i != j]
    a, b = _sigs("2025-04-11"), _sigs("2025-09-12")
    renames = [jaccard(a[o], b[n]) for o, n in RENAMES_0911]
    assert max(different) < 0.2 < RENAME_THRESHOLD < 0.3 < min(renames)
    rewritten = [s for s in same if s < RENAME_THRESHOLD]
    assert len(rewritten) <= 4  # be_honest_and_transparent, style, comply_with_laws, self-harm
    assert sorted(same)[len(same) // 2] > 0.9  # the typical kept clause barely changes


def test_rename_is_one_to_one_and_prefers_the_most_similar(tmp_path: Path) -> None:
    old = write_spec(tmp_path / "old", {"s.md": BASE})
    renamed = BASE.replace("{#refunds ", "{#refund_policy ").replace("{#tone ", "{#voice ")
    new = write_spec(tmp_path / "new", {"s.md": renamed})
    diff = diff_projects(load(old), load(new))
    pairs = {(c.old_id, c.new_id) for c in diff.of_kind(ChangeKind.RENAMED)}
    assert pairs == {("refunds", "refund_policy"), ("tone", "voice")}
    assert diff.of_kind(ChangeKind.ADDED) == diff.of_kind(ChangeKind.REMOVED) == []


def test_a_rewritten_clause_under_a_new_id_is_removed_and_added(tmp_path: Path) -> None:
    old = write_spec(tmp_path / "old", {"s.md": BASE})
    text = BASE.replace(
        "## Tone {#tone authority=user}\n\nThe assistant should be friendly and brief in every "
        "answer it gives to customers.",
        "## Style {#style authority=user}\n\nReplies use plain words, short sentences, no jargon.",
    )
    new = write_spec(tmp_path / "new", {"s.md": text.replace("id: greets", "id: plain")})
    diff = diff_projects(load(old), load(new))
    assert [c.clause for c in diff.of_kind(ChangeKind.REMOVED)] == ["tone"]
    assert [c.clause for c in diff.of_kind(ChangeKind.ADDED)] == ["style"]


def test_a_clause_moved_to_another_file_keeps_its_identity(tmp_path: Path) -> None:
    head, tone = BASE.split("## Tone", 1)
    old = write_spec(tmp_path / "old", {"s.md": BASE})
    new = write_spec(
        tmp_path / "new", {"s.md": head, "voice.md": "# Voice {#voice}\n\n## Tone" + tone}
    )
    diff = diff_projects(load(old), load(new))
    (moved,) = diff.of_kind(ChangeKind.MOVED)
    assert (moved.clause, moved.old, moved.new) == ("tone", "s:#shop", "voice:#voice")
    assert [c.clause for c in diff.of_kind(ChangeKind.ADDED)] == ["voice"]
    assert diff.of_kind(ChangeKind.REMOVED) == []
