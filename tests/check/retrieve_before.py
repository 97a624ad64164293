"""The candidate retrieval as it was before the speed work of issue 13's last round,
kept as the oracle of tests/check/test_retrieval_equivalence.py (do not change it).

Candidate retrieval: which pairs of statements reach the decision step.

An inverted index over *meaning keys*, not all pairs. A statement is filed under:

- (action class, object class) for each class of its action and of its object's head
  (synonyms share a class: "share"/"reveal", "receipt"/"invoice"), on the side of its
  stance; a statement whose object names nothing is filed by its content words;
- (folded action pair, object class) on the side of the action ("store" vs "erase");
- each unit it bounds and each dimension of manner it describes (positive stances only).

Pairs come only from opposite sides of a key (a prohibition and an obligation of the same
behaviour; "store" and "erase" of the same thing), or, for units and manner, from two
positive statements. Statements with an exclusivity ("only in English") or a universal
generic object ("all customer data") are also paired with every statement that shares
their action class, and those are few.

For the model tier (``narrowed=False``) a statement is also filed under its action
class alone and under each of its content words, keys used only while few statements
share them (:data:`LOOSE_LIMIT` per side), so a conflict worded with no shared object
still reaches someone who can judge it.

Guarantees: every pair is yielded once, lower index first; the work grows with the
sizes of the buckets (statements about one behaviour), not with the square of the
number of statements; a bucket larger than :data:`BUCKET_LIMIT` per side is skipped
and counted in :attr:`Retrieval.capped` (never silently).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from charter.check.amounts import MEANS
from charter.check.decide import MEASURES, Norm, Stance
from charter.check.retrieve import _named  # which condition words count (not the speed work)
from charter.nlp import lexicon
from charter.nlp.norm import Reading

BUCKET_LIMIT = 2_000
LOOSE_LIMIT = 64  # per side: a word this common says nothing about the behaviour
Posting = tuple[Hashable, int]  # (key, side): sides 0 and 1 pair with each other


@dataclass
class Retrieval:
    pairs: list[tuple[int, int]] = field(default_factory=list)
    capped: int = 0  # buckets skipped for their size


def postings(norm: Norm) -> set[Posting]:
    """The keys a statement is filed under, each with its side."""
    reading = norm.reading
    side = 1 if norm.stance is Stance.PROHIBITION else 0
    positive = side == 0
    objects = _objects(reading)
    found: set[Posting] = set()
    for verb in reading.verbs:
        classes = lexicon.action_keys(verb)
        found |= {(("o", a, o), side) for a in classes for o in objects}
        if positive:
            for folded, pole in lexicon.folded(classes):
                found |= {(("x", folded, o), pole) for o in objects}
    if positive:
        found |= {(("u", b.unit), 2) for b in reading.bounds}
        found |= {(("m", p[0]), 2) for w in reading.manner for p in lexicon.manner_poles(w)}
    return found


def loose_postings(norm: Norm) -> set[Posting]:
    """Wider keys for the model tier: the action class alone, and each content word, on
    the side of the stance (a pair whose words never meet by class is not proposed). A
    positive statement is also filed on the shared side under each content word: two
    positive statements conflict by what they demand, not by stance (an exclusivity, a
    bound, a manner, an opposite action), and such pairs need not share an action."""
    reading = norm.reading
    side = 1 if norm.stance is Stance.PROHIBITION else 0
    found: set[Posting] = {(("la", a), side) for a in _actions(reading)}
    # the nouns of its conditions too (added to both retrievals with the situation keys),
    # and the words no dictionary knows; each word under its kinds as well
    topic = {w for s in reading.situations for w in s.lemmas if _named(w)}
    own = (reading.words - set(reading.verbs)) | topic
    words = {c for w in own for c in lexicon.noun_keys(w)}
    found |= {(("lw", w), side) for w in words}
    if side == 0:
        found |= {(("lw", w), 2) for w in words}
    return found


def _objects(reading: Reading) -> set[str]:
    """Classes of the object's heads (or of every content word, with no head read) and of
    the words that narrow them: "the loyalty points balance" meets "how many points"."""
    heads = reading.heads or frozenset(w for w in reading.words if w not in reading.verbs)
    found = {c for h in reading.heads for c in lexicon.noun_keys(h)}
    if reading.heads and reading.heads <= MEASURES:  # "the loyalty points balance"
        heads = heads | reading.modifiers
    return found | {c for h in heads for c in lexicon.noun_keys(h)}


def _actions(reading: Reading) -> set[str]:
    """Action classes of a statement, with the pairs of opposites they take part in."""
    found: set[str] = set()
    for verb in reading.verbs:
        classes = lexicon.action_keys(verb)
        found |= classes | {key for key, _pole in lexicon.folded(classes)}
    return found


def _wide(reading: Reading) -> bool:
    """Pairs with every statement of its action: an exclusivity or a generic object."""
    generic = any("data" in lexicon.noun_classes(h) for h in reading.heads)
    return bool(reading.exclusive) or (generic and reading.universal)


def candidates(norms: Sequence[Norm], narrowed: bool = True) -> Retrieval:
    """Candidate pairs (i, j), i < j, of ``norms``; ``narrowed=False`` keeps the pairs
    whose objects the decision step would tell apart (for the model tier)."""
    buckets: dict[Hashable, list[list[int]]] = defaultdict(lambda: [[], [], []])
    by_action: dict[str, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        for key, side in postings(norm):
            buckets[key][side].append(i)
        for action in _actions(norm.reading):
            by_action[action].append(i)
    narrow = _Narrowing(norms)
    result = Retrieval()
    seen: set[tuple[int, int]] = set()
    done: set[tuple[tuple[int, ...], ...]] = set()
    for first, second, same in buckets.values():
        if max(len(first), len(second), len(same)) > BUCKET_LIMIT:
            result.capped += 1
            continue
        content = (tuple(first), tuple(second), tuple(same))
        if content in done:
            continue  # one sense under several keys ("schedule", "agenda", its offset)
        done.add(content)
        if narrowed:
            narrow.cross(first, second, seen)
        else:
            _cross(first, second, seen)
        _cross(same, same, seen)
    if not narrowed:
        _loose(norms, seen)
    for i, norm in enumerate(norms):
        if _wide(norm.reading):
            for action in _actions(norm.reading):
                _cross([i], by_action[action], seen)
        if _wide(norm.reading) and norm.reading.exclusive_slot in MEANS:  # one channel
            for j, other in enumerate(norms):
                if _objects(norm.reading) & _objects(other.reading):
                    _cross([i], [j], seen)
    result.pairs = sorted(seen)
    return result


class _Narrowing:
    """Pairs on one behaviour whose objects can still be the same thing.

    The decision step rejects a pair when each object has a narrowing word the other
    statement lacks ("tracking link" vs "payment link"). So a pair can only pass if one
    side's rarest narrowing word (its *signature*) is among the other's words: an exact
    filter, applied with two small indexes per bucket instead of every pair.
    """

    def __init__(self, norms: Sequence[Norm]) -> None:
        self.words = [n.facts.words for n in norms]
        frequency: dict[str, int] = defaultdict(int)
        for words in self.words:
            for word in words:
                frequency[word] += 1
        self.signature: list[str | None] = []
        for n in norms:
            narrowing_words = n.facts.narrowing if n.reading.heads else frozenset()
            rare = min(narrowing_words, key=lambda w: (frequency[w], w), default=None)
            self.signature.append(rare)

    def cross(self, left: list[int], right: list[int], seen: set[tuple[int, int]]) -> None:
        if not left or not right:
            return
        by_word: dict[str, list[int]] = defaultdict(list)
        by_signature: dict[str | None, list[int]] = defaultdict(list)
        for j in right:
            by_signature[self.signature[j]].append(j)
            for word in self.words[j]:
                by_word[word].append(j)
        for i in left:
            signature = self.signature[i]
            partners = right if signature is None else by_word.get(signature, [])
            _cross([i], partners, seen)
            _cross([i], by_signature.get(None, []), seen)
            for word in self.words[i]:
                _cross([i], by_signature.get(word, []), seen)


def _loose(norms: Sequence[Norm], seen: set[tuple[int, int]]) -> None:
    """Pairs from the wider keys, skipping keys too common to mean anything."""
    buckets: dict[Hashable, list[list[int]]] = defaultdict(lambda: [[], [], []])
    for i, norm in enumerate(norms):
        for key, side in loose_postings(norm):
            buckets[key][side].append(i)
    for first, second, same in buckets.values():
        if len(first) <= LOOSE_LIMIT and len(second) <= LOOSE_LIMIT:
            _cross(first, second, seen)
        if len(same) <= LOOSE_LIMIT:
            _cross(same, same, seen)


def _cross(left: Iterable[int], right: Iterable[int], seen: set[tuple[int, int]]) -> None:
    others = list(right)
    for i in left:
        for j in others:
            if i != j:
                seen.add((i, j) if i < j else (j, i))
