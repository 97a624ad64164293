"""``diff_projects(old, new)``: every clause-level change between two loaded projects.

Guarantees: a project diffed against itself (or an identical copy) yields no change;
changes come in document order of the new version (a removed clause where it used to
be), and within a clause in :class:`ChangeKind` order; the diff never raises for
anything a parsed spec can hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from charter.diff import semver
from charter.diff.authority import levels_of
from charter.diff.cases import PromptLinks
from charter.diff.clause_diff import Sides, pair_changes
from charter.diff.examples import compare_prompts
from charter.diff.match import (
    RENAME_THRESHOLD,
    Entry,
    Matching,
    Signatures,
    best_containers,
    match,
)
from charter.diff.model import Bump, Change, ChangeKind, Diff
from charter.spec.model import Module, Project

# Share of a removed clause's prose shingles found in one kept clause for "merged into"
# (and of an added clause's in one old clause for "text from"): a hint for the reader with
# no semantic weight. Across the Model Spec releases, clauses that are not related by a
# rename or a merge reach 0.21 at most; the stub #approachable, merged into #style in
# 2025-09-12, scores 0.43.
MERGE_SHARE = 0.4
_KIND_ORDER = {kind: n for n, kind in enumerate(ChangeKind)}
SortKey = tuple[int, float, int]


def diff_projects(old: Project, new: Project, *, threshold: float = RENAME_THRESHOLD) -> Diff:
    """The clause-level diff of two versions of a project."""
    new = _one_module(old, new)
    sigs = Signatures()
    matching = match(old, new, threshold, sigs)
    sides = Sides(old, new, matching)
    order = _Order(old, new, matching)
    keyed: list[tuple[SortKey, Change]] = []
    for pair in matching.pairs:
        keyed += [(order.of_new(pair.new), c) for c in pair_changes(sides, pair)]
    keyed += [(order.of_new(e), c) for e, c in _added(matching)]
    keyed += [(order.of_removed(e), c) for e, c in _removed(matching)]
    keyed += [((order.modules[c.module], -1.0, 0), c) for c in _module_changes(old, new)]
    orphans = _orphan_prompts(sides)
    if orphans is not None:
        keyed.append(((len(new.modules) + len(old.modules), 0.0, 0), orphans))
    keyed.sort(key=lambda t: (t[0], _KIND_ORDER[t[1].kind]))
    changes = tuple(c for _, c in keyed)
    return Diff(changes, semver.suggest(changes, old), old.root, new.root)


class _Order:
    """Sort keys that put removed clauses after their nearest kept predecessor."""

    def __init__(self, old: Project, new: Project, matching: Matching) -> None:
        self.modules = {m.id: n for n, m in enumerate(new.modules)}
        for n, m in enumerate(old.modules):
            self.modules.setdefault(m.id, len(new.modules) + n)
        self.new_position = {p.old.key: (p.new.module.id, p.new.position) for p in matching.pairs}

    def of_new(self, entry: Entry) -> SortKey:
        return (self.modules[entry.module.id], float(entry.position), 0)

    def of_removed(self, entry: Entry) -> SortKey:
        for clause in reversed(entry.module.clauses[: entry.position]):
            kept = self.new_position.get((entry.module.id, clause.id))
            if kept is not None:
                return (self.modules[kept[0]], kept[1] + 0.5, entry.position)
        return (self.modules[entry.module.id], -0.5, entry.position)


def _added(matching: Matching) -> list[tuple[Entry, Change]]:
    sources = best_containers(matching.added, [p.old for p in matching.pairs], MERGE_SHARE)
    out = []
    for n, entry in enumerate(matching.added):
        c = entry.clause
        change = Change(
            ChangeKind.ADDED,
            entry.module.id,
            c.id,
            None,
            c.id,
            None,
            c.title,
            c.span.path,
            c.span.line,
            Bump.MINOR,
            "clause added",
            title=c.title,
            detail={
                "authority": c.authority,
                "parent": c.parent,
                "examples": len(c.examples),
                "tests": len(c.test_blocks),
            },
        )
        if n in sources:
            found, share = sources[n]
            change.detail["text_from"] = {"clause": found.clause.id, "share": share}
        out.append((entry, change))
    return out


def _removed(matching: Matching) -> list[tuple[Entry, Change]]:
    targets = best_containers(matching.removed, [p.new for p in matching.pairs], MERGE_SHARE)
    out = []
    for n, entry in enumerate(matching.removed):
        c = entry.clause
        change = Change(
            ChangeKind.REMOVED,
            entry.module.id,
            c.id,
            c.id,
            None,
            c.title,
            None,
            c.span.path,
            c.span.line,
            Bump.MAJOR,
            "clause removed",
            title=c.title,
            old_module=entry.module.id,
            old_path=c.span.path,
            old_line=c.span.line,
            detail={
                "authority": c.authority,
                "parent": c.parent,
                "examples": len(c.examples),
                "tests": len(c.test_blocks),
            },
        )
        if n in targets:
            found, share = targets[n]
            change.detail["merged_into"] = {"clause": found.clause.id, "share": share}
        out.append((entry, change))
    return out


def _orphan_prompts(sides: Sides) -> Change | None:
    """Prompt files that no clause tags on either side, by tag (one change for them all).

    A file tagged on one side only is already reported on the clause that (un)tagged it.
    """
    linked = _linked(sides.old_links) | _linked(sides.new_links)
    before = tuple(p for p in sides.old.prompt_files if p.tag not in linked)
    after = tuple(p for p in sides.new.prompt_files if p.tag not in linked)
    edits = compare_prompts(before, after)
    if not edits:
        return None
    return replace(
        Change(
            ChangeKind.PROMPTS,
            "",
            None,
            None,
            None,
            " ".join(f"[^{p.tag}]" for p in before) or None,
            " ".join(f"[^{p.tag}]" for p in after) or None,
            sides.new.root,
            1,
            Bump.PATCH,
            "prompt files",
        ),
        detail={"prompts": edits, "unlinked": True},
    )


def _linked(links: PromptLinks) -> set[str]:
    return {p.tag for found in links.values() for p in found}


def relocate(diff: Diff, old: Callable[[str], str], new: Callable[[str], str]) -> Diff:
    """The same diff with displayed paths rewritten (e.g. a temporary folder → ``REV:``)."""
    changes = []
    for c in diff.changes:
        where = old if c.kind is ChangeKind.REMOVED else new
        detail = dict(c.detail)
        if "prompts" in detail:
            detail["prompts"] = [
                {
                    **p,
                    "path": p["path"] and new(p["path"]),
                    "old_path": p["old_path"] and old(p["old_path"]),
                }
                for p in detail["prompts"]
            ]
        changes.append(
            replace(c, path=where(c.path), old_path=c.old_path and old(c.old_path), detail=detail)
        )
    return replace(
        diff, changes=tuple(changes), old_root=old(diff.old_root), new_root=new(diff.new_root)
    )


def _one_module(old: Project, new: Project) -> Project:
    """Two versions of a one-module spec (``charter diff v1.md v2.md``) are one module
    whatever their files are called: the new module takes the old one's id, so that no
    clause reads as moved from module ``v1`` to module ``v2``."""
    if len(old.modules) != 1 or len(new.modules) != 1:
        return new
    before, after = old.modules[0], new.modules[0]
    if before.id == after.id:
        return new
    return replace(new, modules=(replace(after, id=before.id),))


def _module_changes(old: Project, new: Project) -> list[Change]:
    """Front matter changes of a module present on both sides (one change per module).

    The version is left out (it is expected to change); the chain of command, imports,
    ``abstract`` and owner are what other modules and the tests depend on.
    """
    before = {m.id: m for m in old.modules}
    out = []
    for module in new.modules:
        previous = before.get(module.id)
        if previous is None:
            continue
        found = []
        for name in _MODULE_FIELDS:
            a, b = _field(previous, old, name), _field(module, new, name)
            if a != b:
                found.append({"name": name, "old": a or None, "new": b or None})
        if found:
            out.append(_module_change(previous, module, found))
    return out


def _module_change(previous: Module, module: Module, found: list[dict[str, Any]]) -> Change:
    old_text = " ".join(f"{f['name']}={f['old']}" for f in found)
    new_text = " ".join(f"{f['name']}={f['new']}" for f in found)
    return Change(
        ChangeKind.ATTRIBUTES,
        module.id,
        None,
        None,
        None,
        old_text,
        new_text,
        module.path,
        1,
        Bump.MINOR,
        "module attribute changed",
        title=module.title or module.id,
        old_module=previous.id,
        old_path=previous.path,
        old_line=1,
        detail={"attributes": found, "module": True},
    )


_MODULE_FIELDS = ("levels", "imports", "abstract", "owner")


def _field(module: Module, project: Project, name: str) -> str:
    if name == "levels":
        return " > ".join(levels_of(module, getattr(project.config, "levels", None)))
    if name == "imports":
        return " ".join(module.imports)
    if name == "abstract":
        return str(module.abstract).lower()
    return module.owner or ""
