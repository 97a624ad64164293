"""Which test cases each change invalidates (to re-run) or makes obsolete (to forget).

Guarantee: the union of what the changes invalidate is exactly the set of new-side case
ids whose fingerprint (:mod:`charter.diff.cases`) differs from the old case of the same id
or that did not exist before; the union of what they make obsolete is exactly the set of
old case ids that no longer exist. Each case is attributed to the changes that explain
it: an example, test or prompt file edit to its own case, a change to what the judge
sees of the clause (title, authority, statements, attributes, id) to all of its cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from charter.diff.cases import CaseRef, clause_cases, clause_context, digest, prompt_links
from charter.diff.model import Change, ChangeKind, Diff
from charter.spec.model import Clause, Project

_CONTEXT = {
    ChangeKind.RENAMED,
    ChangeKind.AUTHORITY,
    ChangeKind.MODALITY,
    ChangeKind.REWORDED,
    ChangeKind.ATTRIBUTES,
}
_OWN_KINDS = {ChangeKind.EXAMPLES: ("example", "test"), ChangeKind.PROMPTS: ("prompt",)}


@dataclass(frozen=True, slots=True)
class ChangeImpact:
    invalidated: tuple[str, ...]  # new-side case ids to run (new or changed)
    obsolete: tuple[str, ...]  # old-side case ids that no longer exist


@dataclass(frozen=True, slots=True)
class Impact:
    """Per change (aligned with ``Diff.changes``), and in total."""

    changes: tuple[ChangeImpact, ...]
    invalidated: tuple[str, ...]
    obsolete: tuple[str, ...]


class _Cases:
    def __init__(self, project: Project) -> None:
        self.by_module: dict[str, list[CaseRef]] = {}
        self.by_clause: dict[tuple[str, str], list[CaseRef]] = {}
        self.clauses: dict[tuple[str, str], Clause] = {}
        links = prompt_links(project)
        for module in project.modules:
            for clause in module.clauses:
                key = (module.id, clause.id)
                if key not in self.clauses:
                    self.clauses[key] = clause
                    self.by_clause[key] = clause_cases(project, module, clause, links)
                    self.by_module.setdefault(module.id, []).extend(self.by_clause[key])
        self.fingerprint = {c.id: c.fingerprint for cs in self.by_clause.values() for c in cs}
        self.content = {c.id: c.content for cs in self.by_clause.values() for c in cs}

    def of(self, module: str | None, clause: str | None) -> list[CaseRef]:
        return self.by_clause.get((module or "", clause or ""), [])


def impact(diff: Diff, old: Project, new: Project) -> Impact:
    before, after = _Cases(old), _Cases(new)
    per_change = tuple(_one(change, before, after) for change in diff.changes)
    invalidated = sorted({i for ci in per_change for i in ci.invalidated})
    obsolete = sorted({i for ci in per_change for i in ci.obsolete})
    return Impact(per_change, tuple(invalidated), tuple(obsolete))


def _one(change: Change, before: _Cases, after: _Cases) -> ChangeImpact:
    if change.clause is None:
        return _module_wide(change, before, after)
    new_cases = after.of(change.module, change.new_id)
    old_cases = before.of(change.old_module, change.old_id)
    if change.kind is ChangeKind.ADDED:
        return ChangeImpact(tuple(c.id for c in new_cases), ())
    if change.kind is ChangeKind.REMOVED:
        return ChangeImpact((), tuple(c.id for c in old_cases))
    new_ids = {c.id for c in new_cases}
    gone = [c for c in old_cases if c.id not in new_ids]
    if change.kind in _OWN_KINDS:
        kinds = _OWN_KINDS[change.kind]
        return ChangeImpact(
            tuple(
                c.id for c in new_cases if c.kind in kinds and before.content.get(c.id) != c.content
            ),
            tuple(c.id for c in gone if c.kind in kinds),
        )
    if change.kind is ChangeKind.MOVED:
        return ChangeImpact(
            tuple(c.id for c in new_cases if c.id not in before.fingerprint),
            tuple(c.id for c in gone),
        )
    assert change.kind in _CONTEXT
    old_clause = before.clauses.get((change.old_module or "", change.old_id or ""))
    new_clause = after.clauses.get((change.module, change.new_id or ""))
    context_changed = (
        old_clause is None
        or new_clause is None
        or digest(clause_context(old_clause)) != digest(clause_context(new_clause))
    )
    invalid = [
        c.id
        for c in new_cases
        if before.fingerprint.get(c.id) != c.fingerprint
        and (context_changed or c.id not in before.fingerprint)
    ]
    # Ids disappear with the clause's id, or when its authority or attributes make it
    # untestable (informative, abstract, deprecated: no cases at all).
    drops_all = change.kind is ChangeKind.RENAMED or (
        change.kind in (ChangeKind.AUTHORITY, ChangeKind.ATTRIBUTES) and not new_cases
    )
    obsolete = [c.id for c in gone] if drops_all else []
    return ChangeImpact(tuple(invalid), tuple(obsolete))


def _module_wide(change: Change, before: _Cases, after: _Cases) -> ChangeImpact:
    """A module's front matter (chain of command, abstract...) bears on all its cases."""
    if change.kind is not ChangeKind.ATTRIBUTES:
        return ChangeImpact((), ())  # unlinked prompt files: no clause, no case
    new_cases = after.by_module.get(change.module, [])
    new_ids = {c.id for c in new_cases}
    return ChangeImpact(
        tuple(c.id for c in new_cases if before.fingerprint.get(c.id) != c.fingerprint),
        tuple(c.id for c in before.by_module.get(change.module, []) if c.id not in new_ids),
    )
