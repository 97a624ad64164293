"""Pair the clauses of two versions: by id, by id across modules, then by content.

Guarantees: the pairing is one to one. A clause keeps its identity when its module id and
clause id are unchanged — except a derived id that only numbers a repeated title
(``scope``, ``scope-2``: positional), which pairs by content first and by id only when
content finds no partner; a clause id found once among the unpaired clauses of both sides
pairs across modules (the clause moved to another file); the remaining clauses pair by
content similarity (a *rename*) when the Jaccard index of their word 3-shingles reaches
:data:`RENAME_THRESHOLD`, greedily from the most similar pair down, so each clause takes
its best partner that is still free.

Why 0.25 (measured by ``benchmarks/diff.py --calibrate`` on the two pairs of consecutive
Model Spec releases): pairs of *different* clauses that exist on both sides score at most
0.17 (10,142 pairs); the four clauses whose id changed while their examples and much of
their text stayed score 0.32-0.72 against their successors; of the 143 clauses that kept
their id, the median scores 1.0 and only four, rewritten from scratch, fall below 0.25.
``tests/diff/test_match.py`` keeps these numbers true. A rename whose text was also
rewritten from scratch cannot be told from a removal plus an addition, and is reported as such.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from charter.diff.text import text_shingles
from charter.spec.model import Clause, Module, Project
from charter.spec.text import slugify

RENAME_THRESHOLD = 0.25
MIN_SHARED = 3  # shingles two clauses must share before their score means anything
MIN_SIGNATURE = 10  # a clause this short says too little to tell where its text went

Shingles = frozenset[tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Entry:
    """A clause with the module it belongs to and its position there."""

    module: Module
    clause: Clause
    position: int

    @property
    def key(self) -> tuple[str, str]:
        return self.module.id, self.clause.id


@dataclass(frozen=True, slots=True)
class Pair:
    old: Entry
    new: Entry
    similarity: float | None = None  # set when paired by content

    @property
    def renamed(self) -> bool:
        return self.old.clause.id != self.new.clause.id


@dataclass(slots=True)
class Matching:
    pairs: list[Pair] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    added: list[Entry] = field(default_factory=list)
    id_map: dict[tuple[str, str], str] = field(default_factory=dict)

    def new_id_of(self, module_id: str, clause_id: str) -> str | None:
        """The new id of an old clause (itself when kept), None when it was removed."""
        return self.id_map.get((module_id, clause_id))


def entries(project: Project) -> dict[tuple[str, str], Entry]:
    found: dict[tuple[str, str], Entry] = {}
    for module in project.modules:
        for position, clause in enumerate(module.clauses):
            found.setdefault((module.id, clause.id), Entry(module, clause, position))
    return found


class Signatures:
    """Clause shingles computed once per clause for the length of one diff."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Clause, Shingles]] = {}

    def of(self, clause: Clause) -> Shingles:
        found = self._cache.get(id(clause))
        if found is None:
            found = (clause, clause_shingles(clause))  # keeps the clause alive: ids stay unique
            self._cache[id(clause)] = found
        return found[1]


def clause_shingles(clause: Clause) -> Shingles:
    """What a clause says: title, statements, commentary, definitions, examples, tests."""
    parts = [clause.title, *(s.text for s in clause.statements)]
    parts += [c.text for c in clause.commentary]
    parts += [f"{d.term} {d.meaning}" for d in clause.definitions]
    for example in clause.examples:
        parts += [example.title, example.description]
        parts += [m.content for m in example.messages]
        parts += [c.content for c in example.candidates]
    parts += [t.raw for t in clause.test_blocks]
    return text_shingles(parts)


def match(
    old: Project, new: Project, threshold: float = RENAME_THRESHOLD, sigs: Signatures | None = None
) -> Matching:
    sigs = sigs or Signatures()
    old_entries, new_entries = entries(old), entries(new)
    result = Matching()
    positional = _positional(old) | _positional(new)
    for key, entry in old_entries.items():
        if key in new_entries and key not in positional:
            result.pairs.append(Pair(entry, new_entries[key]))
    paired = {p.old.key for p in result.pairs}
    removed = [e for k, e in old_entries.items() if k not in paired]
    added = [e for k, e in new_entries.items() if k not in paired]
    removed, added = _pair_across_modules(removed, added, result.pairs, positional)
    removed, added = _pair_by_content(removed, added, result.pairs, threshold, sigs)
    removed, added = _pair_by_position(removed, added, result.pairs)
    result.removed, result.added = removed, added
    result.id_map = {p.old.key: p.new.clause.id for p in result.pairs}
    return result


def _positional(project: Project) -> set[tuple[str, str]]:
    """Derived ids that only number a repeated title (``scope``, ``scope-2``): which
    clause holds one depends on the headings before it, not on what the clause is."""
    found: set[tuple[str, str]] = set()
    for module in project.modules:
        derived = [c for c in module.clauses if not c.id_explicit]
        bases = Counter(slugify(c.title) for c in derived)
        found.update((module.id, c.id) for c in derived if bases[slugify(c.title)] > 1)
        found.update((module.id, c.id) for c in derived if c.id != slugify(c.title))
    return found


def _pair_by_position(
    removed: list[Entry], added: list[Entry], pairs: list[Pair]
) -> tuple[list[Entry], list[Entry]]:
    """Positional ids left over after pairing by content keep their identity by id (a
    section rewritten from scratch is still the one at that place)."""
    by_key = {e.key: e for e in added}
    done = {e.key for e in removed if e.key in by_key}
    pairs.extend(Pair(e, by_key[e.key]) for e in removed if e.key in done)
    return [e for e in removed if e.key not in done], [e for e in added if e.key not in done]


def _pair_across_modules(
    removed: list[Entry],
    added: list[Entry],
    pairs: list[Pair],
    positional: set[tuple[str, str]] | None = None,
) -> tuple[list[Entry], list[Entry]]:
    skip = positional or set()
    removed_ids = [e for e in removed if e.key not in skip]
    added_ids = [e for e in added if e.key not in skip]
    old_ids = Counter(e.clause.id for e in removed_ids)
    new_ids = Counter(e.clause.id for e in added_ids)
    unique = {i for i in old_ids if old_ids[i] == 1 and new_ids.get(i) == 1}
    by_id = {e.clause.id: e for e in added_ids if e.clause.id in unique}
    moved = {e.key for e in removed_ids if e.clause.id in unique}
    moved_to = {by_id[e.clause.id].key for e in removed_ids if e.clause.id in unique}
    for entry in removed_ids:
        if entry.clause.id in unique:
            pairs.append(Pair(entry, by_id[entry.clause.id]))
    return (
        [e for e in removed if e.key not in moved],
        [e for e in added if e.key not in moved_to],
    )


def scored_candidates(
    removed: list[Entry], added: list[Entry], sigs: Signatures
) -> list[tuple[float, int, int]]:
    """(similarity, removed index, added index) for pairs sharing enough shingles."""
    new_sigs = [sigs.of(e.clause) for e in added]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, sig in enumerate(new_sigs):
        for shingle in sig:
            index.setdefault(shingle, []).append(i)
    scored: list[tuple[float, int, int]] = []
    for j, entry in enumerate(removed):
        sig = sigs.of(entry.clause)
        shared = Counter(i for s in sig for i in index.get(s, ()))
        for i, inter in shared.items():
            if inter >= MIN_SHARED:
                scored.append((inter / (len(sig) + len(new_sigs[i]) - inter), j, i))
    return scored


def _pair_by_content(
    removed: list[Entry],
    added: list[Entry],
    pairs: list[Pair],
    threshold: float,
    sigs: Signatures,
) -> tuple[list[Entry], list[Entry]]:
    if not removed or not added:
        return removed, added
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for score, j, i in sorted(
        scored_candidates(removed, added, sigs), key=lambda t: (-t[0], t[1], t[2])
    ):
        if score < threshold or j in taken_old or i in taken_new:
            continue
        taken_old.add(j)
        taken_new.add(i)
        pairs.append(Pair(removed[j], added[i], round(score, 3)))
    return (
        [e for j, e in enumerate(removed) if j not in taken_old],
        [e for i, e in enumerate(added) if i not in taken_new],
    )


def prose_shingles(clause: Clause) -> Shingles:
    """What a clause says in prose (title, statements, commentary), without its examples."""
    return text_shingles(
        [clause.title, *(s.text for s in clause.statements), *(c.text for c in clause.commentary)]
    )


def best_containers(
    sources: list[Entry], targets: list[Entry], minimum: float
) -> dict[int, tuple[Entry, float]]:
    """For each source clause, the target holding the largest share of its prose shingles.

    Used to say where the text of a removed clause went (a merge) or where an added
    clause's text came from (a split); shares below ``minimum`` are left out. Prose only:
    examples are the bulk of the text and would make this hint cost more than the diff.
    """
    if not sources or not targets:
        return {}
    target_sigs = [prose_shingles(e.clause) for e in targets]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, sig in enumerate(target_sigs):
        for shingle in sig:
            index.setdefault(shingle, []).append(i)
    found: dict[int, tuple[Entry, float]] = {}
    for j, entry in enumerate(sources):
        sig = prose_shingles(entry.clause)
        shared = Counter(i for s in sig for i in index.get(s, ()))
        if len(sig) >= MIN_SIGNATURE and shared:
            i, inter = max(shared.items(), key=lambda t: (t[1], -t[0]))
            if inter / len(sig) >= minimum:
                found[j] = (targets[i], round(inter / len(sig), 3))
    return found
