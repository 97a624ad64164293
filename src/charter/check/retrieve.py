"""Candidate retrieval: which pairs of statements reach the decision step.

An inverted index over *meaning keys*, not all pairs: a statement is filed under
(action class, object class) for each class of its action and of its object heads
(synonyms share a class, and an action shares a folded key with its opposite), under
each unit it bounds, and under each dimension of manner it describes. Two statements
are candidates when they share a key. Statements with a generic object ("all data") or
an exclusivity ("only in English") are also paired with every statement of the same
action class, and those are few.

Guarantees: every pair is yielded once, lower index first; the work grows with the sizes
of the buckets (statements about one behaviour), not with the square of the number of
statements — except for buckets that many statements share, which are capped
(:data:`BUCKET_LIMIT`) and reported in :attr:`Retrieval.capped`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from charter.check.decide import Norm
from charter.nlp import lexicon
from charter.nlp.reading import Reading

BUCKET_LIMIT = 400


@dataclass
class Retrieval:
    pairs: list[tuple[int, int]] = field(default_factory=list)
    capped: int = 0  # buckets larger than BUCKET_LIMIT (their pairs were skipped)


def keys(reading: Reading) -> set[Hashable]:
    """The meaning keys a statement is filed under."""
    actions: set[str] = set()
    for verb in reading.verbs:
        actions |= lexicon.opposite_key(lexicon.action_classes(verb))
    objects = _objects(reading)
    found: set[Hashable] = {("o", a, o) for a in actions for o in objects}
    found |= {("u", b.unit) for b in reading.bounds}
    found |= {("m", p[0]) for w in reading.manner for p in lexicon.poles(w)}
    return found


def _objects(reading: Reading) -> set[str]:
    heads = reading.heads | reading.modifiers
    heads = heads or frozenset(w for w in reading.words if w not in reading.verbs)
    return {c for h in heads for c in lexicon.noun_classes(h)}


def _wide(reading: Reading) -> bool:
    """Pairs with every statement of its action: an exclusivity or a generic object."""
    generic = any("data" in lexicon.noun_classes(h) for h in reading.heads)
    return bool(reading.exclusive) or (generic and reading.universal)


def candidates(norms: Sequence[Norm]) -> Retrieval:
    """Candidate pairs (i, j), i < j, of ``norms``."""
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    by_action: dict[str, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        for key in keys(norm.reading):
            buckets[key].append(i)
        for verb in norm.reading.verbs:
            for action in lexicon.opposite_key(lexicon.action_classes(verb)):
                by_action[action].append(i)
    result = Retrieval()
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > BUCKET_LIMIT:
            result.capped += 1
            continue
        _pair_all(members, seen)
    for i, norm in enumerate(norms):
        if _wide(norm.reading):
            for verb in norm.reading.verbs:
                for action in lexicon.opposite_key(lexicon.action_classes(verb)):
                    _pair_one(i, by_action[action], seen)
    result.pairs = sorted(seen)
    return result


def _pair_all(members: list[int], seen: set[tuple[int, int]]) -> None:
    unique = sorted(set(members))
    for x, i in enumerate(unique):
        for j in unique[x + 1 :]:
            seen.add((i, j))


def _pair_one(i: int, others: Iterable[int], seen: set[tuple[int, int]]) -> None:
    for j in others:
        if j != i:
            seen.add((min(i, j), max(i, j)))
