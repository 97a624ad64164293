"""The changes between two versions of one clause (a pair found by :mod:`.match`).

Each ``_kind`` function returns at most one :class:`Change`, so a clause has at most one
change per kind. Ids that the old version names (a parent, an ``overrides=`` target) are
mapped through the pairing first, so a renamed parent is not a move and a reference that
follows a rename is not an attribute change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from charter.diff import authority
from charter.diff.cases import prompt_links
from charter.diff.examples import compare_examples, compare_prompts, compare_tests
from charter.diff.match import Entry, Matching, Pair
from charter.diff.model import Bump, Change, ChangeKind
from charter.diff.statements import (
    Edit,
    Item,
    compare_text,
    is_gone,
    is_rule,
    modality_direction,
    moved_between,
    statement_shingles,
)
from charter.diff.text import normalize
from charter.spec.model import Clause, Project

Make = Callable[..., Change]


class Sides:
    """Both projects, their pairing, and indexes over them computed at most once."""

    def __init__(self, old: Project, new: Project, matching: Matching) -> None:
        self.old, self.new, self.matching = old, new, matching
        self.old_links, self.new_links = prompt_links(old), prompt_links(new)

    @cached_property
    def old_text(self) -> frozenset[tuple[str, ...]]:
        return statement_shingles(self.old)

    @cached_property
    def new_text(self) -> frozenset[tuple[str, ...]]:
        return statement_shingles(self.new)

    @cached_property
    def in_added(self) -> dict[str, str]:
        """Normalised statement text → the id of the added clause holding it (the first)."""
        return _statement_homes(self.matching.added)

    @cached_property
    def in_removed(self) -> dict[str, str]:
        """Normalised statement text → the id of the removed clause that held it."""
        return _statement_homes(self.matching.removed)

    def chains(self, pair: Pair) -> tuple[tuple[str, ...], tuple[str, ...]]:
        old_cfg = getattr(self.old.config, "levels", None)
        new_cfg = getattr(self.new.config, "levels", None)
        return (
            authority.levels_of(pair.old.module, old_cfg),
            authority.levels_of(pair.new.module, new_cfg),
        )


def pair_changes(sides: Sides, pair: Pair) -> list[Change]:
    make = _maker(pair)
    found: list[Change | None] = [
        _renamed(pair, make),
        _moved(sides, pair, make),
        _authority(sides, pair, make),
    ]
    edits = compare_text(pair.old.clause, pair.new.clause)
    here = (pair.old.clause.id, pair.new.clause.id)
    edits = moved_between(edits, here, sides.in_added, sides.in_removed)
    found += [_modality(pair, edits, make), _reworded(sides, pair, edits, make)]
    found += [_attributes(sides, pair, make), _examples(pair, make), _prompts(sides, pair, make)]
    return [c for c in found if c is not None]


def _statement_homes(found: list[Entry]) -> dict[str, str]:
    homes: dict[str, str] = {}
    for entry in found:
        for statement in entry.clause.statements:
            homes.setdefault(normalize(statement.text), entry.clause.id)
    return homes


def _maker(pair: Pair) -> Make:
    old, new = pair.old, pair.new

    def make(
        kind: ChangeKind,
        old_value: str | None,
        new_value: str | None,
        bump: Bump,
        reason: str,
        **detail: Any,
    ) -> Change:
        return Change(
            kind,
            new.module.id,
            new.clause.id,
            old.clause.id,
            new.clause.id,
            old_value,
            new_value,
            new.clause.span.path,
            new.clause.span.line,
            bump,
            reason,
            title=new.clause.title,
            old_module=old.module.id,
            old_path=old.clause.span.path,
            old_line=old.clause.span.line,
            detail=detail,
        )

    return make


def _renamed(pair: Pair, make: Make) -> Change | None:
    if not pair.renamed:
        return None
    return make(
        ChangeKind.RENAMED,
        pair.old.clause.id,
        pair.new.clause.id,
        Bump.MAJOR,
        "clause id renamed",
        similarity=pair.similarity,
    )


def _moved(sides: Sides, pair: Pair, make: Make) -> Change | None:
    old, new = pair.old, pair.new
    mapped = (
        sides.matching.new_id_of(old.module.id, old.clause.parent) if old.clause.parent else None
    )
    same_module = old.module.id == new.module.id
    if same_module and mapped == new.clause.parent and (mapped or not old.clause.parent):
        return None
    old_where = f"#{old.clause.parent}" if old.clause.parent else "(top level)"
    new_where = f"#{new.clause.parent}" if new.clause.parent else "(top level)"
    if not same_module:
        old_where, new_where = f"{old.module.id}:{old_where}", f"{new.module.id}:{new_where}"
    return make(
        ChangeKind.MOVED,
        old_where,
        new_where,
        Bump.PATCH,
        "clause moved",
        old_parent=old.clause.parent,
        new_parent=new.clause.parent,
        old_module=old.module.id,
        new_module=new.module.id,
        old_parent_removed=bool(old.clause.parent) and mapped is None,
    )


def _authority(sides: Sides, pair: Pair, make: Make) -> Change | None:
    old_chain, new_chain = sides.chains(pair)
    found = authority.compare(pair.old.clause, pair.new.clause, old_chain, new_chain)
    if found is None:
        return None
    how, bump, text, inherited = found
    label = "level renamed" if how == "level_renamed" else how.replace("_", " ")
    return make(
        ChangeKind.AUTHORITY,
        pair.old.clause.authority,
        pair.new.clause.authority,
        bump,
        f"authority {label}",
        direction=how,
        inherited=inherited,
        description=text,
    )


def _modality(pair: Pair, edits: list[Edit], make: Make) -> Change | None:
    found: list[dict[str, Any]] = []
    for edit in edits:
        if edit.part != "statement" or edit.op != "changed" or not edit.old or not edit.new:
            continue
        how = modality_direction(edit.old.modality, edit.new.modality)
        if how:
            found.append(
                {
                    "old": edit.old.text,
                    "new": edit.new.text,
                    "direction": how,
                    "old_modality": edit.old.modality.value,
                    "new_modality": edit.new.modality.value,
                    "old_line": edit.old.line,
                    "new_line": edit.new.line,
                }
            )
    if not found:
        return None
    worst = _worst_direction([f["direction"] for f in found])
    bump = Bump.MINOR if worst == "strengthened" else Bump.MAJOR
    reason = f"modality {worst}"
    if not (pair.old.clause.normative or pair.new.clause.normative):
        bump, reason = Bump.PATCH, "modality changed in an informative clause"
    return make(
        ChangeKind.MODALITY,
        ", ".join(f["old_modality"] for f in found),
        ", ".join(f["new_modality"] for f in found),
        bump,
        reason,
        statements=found,
        direction=worst,
    )


def _worst_direction(directions: list[str]) -> str:
    for how in ("inverted", "weakened"):
        if how in directions:
            return how
    return "strengthened"


def _reworded(sides: Sides, pair: Pair, edits: list[Edit], make: Make) -> Change | None:
    old, new = pair.old.clause, pair.new.clause
    retitled = normalize(old.title) != normalize(new.title)
    if not edits and not retitled:
        return None
    dropped = [e for e in edits if _rule_gone(e.old, e, "removed", sides.new_text, new)]
    created = [e for e in edits if _rule_gone(e.new, e, "added", sides.old_text, old)]
    if dropped:
        bump, reason = Bump.MAJOR, "normative statement dropped"
    elif created:
        bump, reason = Bump.MINOR, "normative statement added"
    else:
        bump, reason = Bump.PATCH, "reworded"
    return make(
        ChangeKind.REWORDED,
        "\n".join(e.old.text for e in edits if e.old) or (old.title if retitled else None),
        "\n".join(e.new.text for e in edits if e.new) or (new.title if retitled else None),
        bump,
        reason,
        title=[old.title, new.title] if retitled else None,
        edits=[e.to_dict() for e in edits],
        normative=new.normative,
        dropped=len(dropped),
        created=len(created),
    )


def _rule_gone(
    item: Item | None, edit: Edit, op: str, other_text: frozenset[tuple[str, ...]], other: Clause
) -> bool:
    """A rule statement removed (or added) whose words are nowhere in the other version."""
    return (
        edit.part == "statement"
        and edit.op == op
        and item is not None
        and is_rule(item)
        and other.normative
        and is_gone(item, other_text)
    )


def _attributes(sides: Sides, pair: Pair, make: Make) -> Change | None:
    old, new = pair.old.clause, pair.new.clause
    module = pair.old.module.id

    def targets(clause: Clause, refs: str, mapped: bool) -> list[str]:
        out = []
        for ref in getattr(clause, refs):
            target = ref.target
            if mapped and not ref.file:
                target = sides.matching.new_id_of(module, target) or target
            out.append(f"{ref.file or ''}#{target}")
        return sorted(out)

    found = []
    for name in ("overrides", "implements"):
        a, b = targets(old, name, True), targets(new, name, False)
        if a != b:
            found.append({"name": name, "old": " ".join(a) or None, "new": " ".join(b) or None})
    for name, a_val, b_val in (
        ("status", old.status, new.status),
        ("abstract", str(old.abstract).lower(), str(new.abstract).lower()),
        ("tags", " ".join(sorted(old.tags)), " ".join(sorted(new.tags))),
    ):
        if a_val != b_val:
            found.append({"name": name, "old": a_val or None, "new": b_val or None})
    if not found:
        return None
    return make(
        ChangeKind.ATTRIBUTES,
        _attrs_text(found, "old"),
        _attrs_text(found, "new"),
        Bump.MINOR,
        "attribute changed",
        attributes=found,
    )


def _attrs_text(found: list[dict[str, Any]], side: str) -> str:
    return " ".join(f"{f['name']}={f[side] if f[side] is not None else '(none)'}" for f in found)


def _examples(pair: Pair, make: Make) -> Change | None:
    old, new = pair.old.clause, pair.new.clause
    edits = compare_examples(old.examples, new.examples) + compare_tests(
        old.test_blocks, new.test_blocks
    )
    if not edits:
        return None
    flipped = any("verdict" in e["what"] for e in edits)
    bump, reason = (Bump.MAJOR, "example verdict flipped") if flipped else (Bump.PATCH, "examples")
    return make(
        ChangeKind.EXAMPLES,
        _count(old.examples, old.test_blocks),
        _count(new.examples, new.test_blocks),
        bump,
        reason,
        examples=edits,
    )


def _count(examples: tuple[Any, ...], tests: tuple[Any, ...]) -> str:
    text = f"{len(examples)} example{'s' * (len(examples) != 1)}"
    return text + (f", {len(tests)} test{'s' * (len(tests) != 1)}" if tests else "")


def _prompts(sides: Sides, pair: Pair, make: Make) -> Change | None:
    old = sides.old_links.get(pair.old.key, ())
    new = sides.new_links.get(pair.new.key, ())
    edits = compare_prompts(old, new)
    if not edits:
        return None
    return make(
        ChangeKind.PROMPTS,
        " ".join(f"[^{p.tag}]" for p in old) or None,
        " ".join(f"[^{p.tag}]" for p in new) or None,
        Bump.PATCH,
        "prompt files",
        prompts=edits,
    )
