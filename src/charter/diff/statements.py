"""Statement-level comparison of one clause's two versions: rewordings and modality.

Statements (and commentary, and definitions) are compared as normalised text. Unchanged
ones are skipped, wherever they moved within the clause; the rest pair up greedily by the
Dice overlap of their words when it reaches :data:`PAIR_THRESHOLD` (a *changed*
statement, shown as a word diff); the leftovers are *added* or *removed* — or *moved*,
when the same text is a statement of a clause the other version does not have
(:func:`moved_between`: a sentence taken out into a new sub-clause). A removed
statement whose words mostly live on elsewhere in the clause (a sentence split or
merged, or moved to another clause) is not a *dropped* one; only dropped rules and
genuinely new rules (``must``/``should`` statements, positive or negative) change the
version bump.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from charter.diff.text import normalize, text_shingles, word_diff, words
from charter.spec.model import Clause, Modality, Project

PAIR_THRESHOLD = 0.5  # Dice overlap of words above which two statements are one, edited
CONTAINED = 0.5  # share of a statement's shingles found elsewhere: split or merged, not gone
STRENGTH = {
    Modality.MUST: 3,
    Modality.MUST_NOT: 3,
    Modality.SHOULD: 2,
    Modality.SHOULD_NOT: 2,
    Modality.MAY: 1,
    Modality.NONE: 0,
}


@dataclass(frozen=True, slots=True)
class Item:
    """One comparable piece of clause text."""

    text: str
    line: int
    modality: Modality = Modality.NONE


@dataclass(frozen=True, slots=True)
class Edit:
    part: str  # statement, commentary, definition
    op: str  # changed, added, removed, moved (out of or into a clause added or removed)
    old: Item | None
    new: Item | None
    moved_from: str | None = None  # for op moved: the clause id it left
    moved_to: str | None = None  # for op moved: the clause id it is now in

    def to_dict(self) -> dict[str, Any]:
        modality = (self.new or self.old or Item("", 0)).modality
        moved = {"from": self.moved_from, "to": self.moved_to} if self.op == "moved" else {}
        return {
            **moved,
            "part": self.part,
            "op": self.op,
            "old": self.old.text if self.old else None,
            "new": self.new.text if self.new else None,
            "old_line": self.old.line if self.old else None,
            "new_line": self.new.line if self.new else None,
            "modality": modality.value,
            "words": [list(w) for w in word_diff(self.old.text, self.new.text)]
            if self.old and self.new
            else [],
        }


def items(clause: Clause) -> dict[str, list[Item]]:
    return {
        "statement": [Item(s.text, s.span.line, s.modality) for s in clause.statements],
        "commentary": [Item(c.text, c.span.line) for c in clause.commentary],
        "definition": [Item(f"{d.term}: {d.meaning}", d.span.line) for d in clause.definitions],
    }


def compare_text(old: Clause, new: Clause) -> list[Edit]:
    """Every statement, commentary and definition edit between two clause versions."""
    edits: list[Edit] = []
    old_items, new_items = items(old), items(new)
    for part in ("statement", "commentary", "definition"):
        edits += _align(part, old_items[part], new_items[part])
    return edits


def _align(part: str, old: list[Item], new: list[Item]) -> list[Edit]:
    old_left = _unmatched(old, new)
    new_left = _unmatched(new, old)
    bags_old = [Counter(words(i.text)) for i in old_left]
    bags_new = [Counter(words(i.text)) for i in new_left]
    scored = [
        (_dice(a, b), j, i)
        for j, a in enumerate(bags_old)
        for i, b in enumerate(bags_new)
        if a and b
    ]
    used_old: set[int] = set()
    used_new: set[int] = set()
    edits: list[Edit] = []
    for score, j, i in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if score >= PAIR_THRESHOLD and j not in used_old and i not in used_new:
            used_old.add(j)
            used_new.add(i)
            edits.append(Edit(part, "changed", old_left[j], new_left[i]))
    edits += [Edit(part, "removed", it, None) for j, it in enumerate(old_left) if j not in used_old]
    edits += [Edit(part, "added", None, it) for i, it in enumerate(new_left) if i not in used_new]
    return sorted(edits, key=lambda e: (e.new or e.old or Item("", 0)).line)


def _unmatched(items_: list[Item], others: list[Item]) -> list[Item]:
    """Items whose normalised text does not occur (as often) on the other side."""
    available = Counter(normalize(i.text) for i in others)
    left: list[Item] = []
    for item in items_:
        key = normalize(item.text)
        if available[key]:
            available[key] -= 1
        else:
            left.append(item)
    return left


def _dice(a: Counter[str], b: Counter[str]) -> float:
    inter = sum((a & b).values())
    return 2 * inter / (sum(a.values()) + sum(b.values()))


def moved_between(
    edits: list[Edit],
    here: tuple[str, str],
    into_added: Mapping[str, str],
    from_removed: Mapping[str, str],
) -> list[Edit]:
    """``edits`` with a statement removed here whose text (normalised) is a statement of a
    clause added in the new version, or added here from a clause removed from the old
    one, as *moved* (``here``: this clause's old and new id; the mappings: normalised
    statement text → the id of the added or removed clause holding it). Statements moved
    between two clauses that both exist on both sides stay removed and added."""
    out: list[Edit] = []
    for edit in edits:
        if edit.part == "statement" and edit.op == "removed" and edit.old is not None:
            target = into_added.get(normalize(edit.old.text))
            if target is not None:
                edit = Edit(edit.part, "moved", edit.old, None, here[0], target)
        elif edit.part == "statement" and edit.op == "added" and edit.new is not None:
            source = from_removed.get(normalize(edit.new.text))
            if source is not None:
                edit = Edit(edit.part, "moved", None, edit.new, source, here[1])
        out.append(edit)
    return out


def statement_shingles(project: Project) -> frozenset[tuple[str, ...]]:
    """Every word 3-shingle of every statement of a project, to tell moved text from gone."""
    found: set[tuple[str, ...]] = set()
    for module in project.modules:
        for clause in module.clauses:
            for statement in clause.statements:
                found |= text_shingles([statement.text])
    return frozenset(found)


def is_rule(item: Item) -> bool:
    """A must/should statement (positive or negative); ``may`` grants, it does not bind."""
    return STRENGTH[item.modality] >= STRENGTH[Modality.SHOULD]


def is_gone(item: Item, other_side: frozenset[tuple[str, ...]]) -> bool:
    """A statement whose words do not live on (mostly) anywhere in the other version."""
    own = text_shingles([item.text])
    return bool(own) and len(own & other_side) / len(own) < CONTAINED


def modality_direction(old: Modality, new: Modality) -> str | None:
    """How a statement's force changed: strengthened, weakened or inverted.

    None when it did not change, or when neither version is a rule (``may`` ↔ no modal
    word): a permission that is reworded is a rewording, not a change of force.
    """
    old_rule, new_rule = is_rule(Item("", 0, old)), is_rule(Item("", 0, new))
    if old is new or not (old_rule or new_rule):
        return None
    if old_rule and new_rule and old.negative != new.negative:
        return "inverted"
    return "strengthened" if STRENGTH[new] > STRENGTH[old] else "weakened"
