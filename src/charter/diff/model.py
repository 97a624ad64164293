"""Values of a clause-level diff: :class:`Change`, :class:`Bump` and :class:`Diff`.

A :class:`Diff` holds at most one change per kind per clause, in document order. Each
change says how much it matters for a version number (:class:`Bump`) and why, in one
line. ``detail`` is JSON-ready data whose shape depends on the kind:

- renamed: ``similarity`` (Jaccard of word 3-shingles, 0-1);
- moved: ``old_parent``, ``new_parent``, ``old_module``, ``new_module``;
- authority: ``direction`` (raised, lowered, level_renamed, became_normative,
  became_informative, changed) and ``inherited`` (the clause's own attribute is unchanged);
- reworded: ``title`` ([old, new] or null), ``normative`` (the clause has authority),
  ``dropped``/``created`` (rules gone / new, counted for the bump) and ``edits``:
  ``{"part", "op", "old", "new", "old_line", "new_line", "modality", "words"}`` with op
  changed, added, removed or moved and ``words`` a word diff ``[[op, text], ...]``; a
  moved statement (the same text in a clause added or removed by this diff) also has
  ``from`` and ``to``, the old and the new clause id;
- modality: ``statements``: ``{"old", "new", "old_modality", "new_modality",
  "direction", "old_line", "new_line"}``;
- attributes: ``attributes``: ``{"name", "old", "new"}``;
- examples: ``examples``: ``{"op", "title", "old_title", "position", "old_position",
  "test", "what": [...]}``;
- prompts: ``prompts``: ``{"op", "tag", "path", "old_path"}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any


class ChangeKind(StrEnum):
    """What changed about one clause; the order here is the order within a clause."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    MOVED = "moved"
    AUTHORITY = "authority"
    MODALITY = "modality"
    REWORDED = "reworded"
    ATTRIBUTES = "attributes"
    EXAMPLES = "examples"
    PROMPTS = "prompts"


class Bump(IntEnum):
    """The part of a semantic version a change calls for (see :mod:`charter.diff.semver`)."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Change:
    """One kind of change to one clause.

    ``clause`` is the clause's id on the new side (the old id for a removal); ``path`` and
    ``line`` locate it on the new side (old side for a removal); ``old_path``/``old_line``
    locate the old clause. ``old`` and ``new`` are short human-readable values.
    """

    kind: ChangeKind
    module: str
    clause: str | None
    old_id: str | None
    new_id: str | None
    old: str | None
    new: str | None
    path: str
    line: int
    bump: Bump
    reason: str
    title: str = ""
    old_module: str | None = None
    old_path: str | None = None
    old_line: int | None = None
    detail: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``charter diff --format json`` (the fields DESIGN promises first)."""
        return {
            "kind": self.kind.value,
            "clause": self.clause,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "old": self.old,
            "new": self.new,
            "path": self.path,
            "line": self.line,
            "module": self.module,
            "title": self.title,
            "bump": self.bump.label,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class VersionSuggestion:
    """The bump a diff calls for, the version it leads to (when known) and why."""

    bump: Bump
    old_version: str | None
    new_version: str | None
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "bump": self.bump.label,
            "from": self.old_version,
            "to": self.new_version,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class Diff:
    """Every change between two versions of a project, plus the version suggestion."""

    changes: tuple[Change, ...]
    version: VersionSuggestion
    old_root: str = ""
    new_root: str = ""

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind is kind]

    @property
    def empty(self) -> bool:
        return not self.changes
