"""Candidate retrieval: which pairs of statements reach the decision step.

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

Classes that the same statements hold (a verb's several WordNet senses, a noun's
curated class and its first sense) make identical buckets; they are filed once, under a
representative (:class:`_Index`), and a bucket with an empty side is never crossed.

Guarantees: every pair is yielded once, lower index first; the pairs and the capped
count are exactly those of filing every key separately
(``tests/check/test_retrieval_equivalence.py`` holds the two to each other); the work
grows with the sizes of the buckets (statements about one behaviour), not with the
square of the number of statements; a bucket larger than :data:`BUCKET_LIMIT` per side
is skipped and counted in :attr:`Retrieval.capped`, once per key it stands for (never
silently).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import NamedTuple, TypeVar

from charter.check.amounts import MEANS
from charter.check.decide import MEASURES, Norm, Stance
from charter.nlp import lexicon, wordnet
from charter.nlp.norm import Reading

BUCKET_LIMIT = 2_000
INDEXED_CROSS = 4_096  # pairs in a bucket above which the narrowing filter uses indexes
LOOSE_LIMIT = 64  # per side: a word this common says nothing about the behaviour
Posting = tuple[Hashable, int]  # (key, side): sides 0 and 1 pair with each other


@dataclass
class Retrieval:
    pairs: list[tuple[int, int]] = field(default_factory=list)
    capped: int = 0  # buckets skipped for their size


def loose_postings(norm: Norm) -> set[Posting]:
    """Wider keys for the model tier: the action class alone, and each content word, on
    the side of the stance (a pair whose words never meet by class is not proposed). A
    positive statement is also filed on the shared side under each content word: two
    positive statements conflict by what they demand, not by stance (an exclusivity, a
    bound, a manner, an opposite action), and such pairs need not share an action. The
    nouns of its conditions count as its words too: "if someone asks for a meeting room,
    book one" is about meeting rooms though its object is only "one", and so do the words
    of a condition no dictionary knows (names: "when a customer asks about varroa"). A
    word is filed under its kinds as well ("carton" under "box"): a kind of a thing meets
    the thing, as in the narrowed index."""
    reading = norm.reading
    side = 1 if norm.stance is Stance.PROHIBITION else 0
    found: set[Posting] = {(("la", a), side) for a in _actions(reading)}
    topic = {w for s in reading.situations for w in s.lemmas if _named(w)}
    own = (reading.words - set(reading.verbs)) | topic
    words = {c for w in own for c in lexicon.noun_keys(w)}
    found |= {(("lw", w), side) for w in words}
    if side == 0:
        found |= {(("lw", w), 2) for w in words}
    return found


def _named(word: str) -> bool:
    """A word of a condition that names a thing: a noun WordNet knows, or a word it does
    not know at all (a name, a term of the trade), digits and short words aside."""
    if wordnet.offsets(word, "n"):
        return True
    unknown = not any(wordnet.offsets(word, pos) for pos in ("v", "a", "r"))
    return unknown and len(word) > 3 and word.isalpha() and wordnet.available()


def _objects(reading: Reading) -> frozenset[str]:
    """Classes of the object's heads (or of every content word, with no head read) and,
    for a head that measures, of the words that narrow it: "the loyalty points balance"
    meets "how many points"."""
    heads = reading.heads or frozenset(w for w in reading.words if w not in reading.verbs)
    if reading.heads and reading.heads <= MEASURES:  # "the loyalty points balance"
        heads = heads | reading.modifiers
    return frozenset(c for h in heads for c in lexicon.noun_keys(h))


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
    keys = [_Keys.of(n) for n in norms]
    index = _Index(keys)
    narrow = _Narrowing(norms) if narrowed else None
    seen: set[tuple[int, int]] = set()
    for first, second in index.opposite:
        if narrow is not None:
            narrow.cross(first, second, seen)
        else:
            _cross(first, second, seen)
    for same in index.shared:
        _cross(same, same, seen)
    if not narrowed:
        _loose(norms, seen)
    _wide_pairs(norms, keys, seen)
    return Retrieval(sorted(seen), index.capped)


class _Keys(NamedTuple):
    """What a statement is filed by: its side (0 positive, 1 prohibition), the classes
    of its actions, the (folded pair, pole) of each opposite they take part in (filed
    for positive statements only), the classes of its object, and its shared-side keys
    (units, dimensions of manner: positive statements only)."""

    side: int
    actions: frozenset[str]
    folds: frozenset[tuple[str, int]]
    objects: frozenset[str]
    shared: frozenset[Hashable]

    @staticmethod
    def of(norm: Norm) -> _Keys:
        reading = norm.reading
        side = 1 if norm.stance is Stance.PROHIBITION else 0
        actions, folds = _action_keys(reading.verbs)
        shared: frozenset[Hashable] = _NOTHING
        if side == 0 and (reading.bounds or reading.manner):
            shared = frozenset(
                {("u", b.unit) for b in reading.bounds}
                | {("m", p[0]) for w in reading.manner for p in lexicon.manner_poles(w)}
            )
        return _Keys(side, actions, folds, _objects(reading), shared)


_NOTHING: frozenset[Hashable] = frozenset()


@lru_cache(maxsize=65_536)
def _action_keys(verbs: tuple[str, ...]) -> tuple[frozenset[str], frozenset[tuple[str, int]]]:
    """The action classes of some verbs, and the (folded pair, pole) of each verb's."""
    actions: set[str] = set()
    folds: set[tuple[str, int]] = set()
    for verb in verbs:
        classes = lexicon.action_keys(verb)
        actions |= classes
        folds |= set(lexicon.folded(classes))
    return frozenset(actions), frozenset(folds)


class _Index:
    """The distinct buckets of the meaning index: pairs of opposite sides (prohibition
    and positive statement of one behaviour; two poles of a folded action pair), and
    shared-side buckets (units, dimensions of manner).

    A statement is filed under (action class, object class) on its side and (folded
    pair, object class) on its pole: products of small sets. Classes held by exactly
    the same statements (a verb's several senses, a noun's class and its first sense)
    make the same buckets, so each such group is filed once, by a representative, and
    a bucket over :data:`BUCKET_LIMIT` counts once for every key it stands for in
    :attr:`capped`. Buckets with the same content are crossed once.
    """

    def __init__(self, keys: Sequence[_Keys]) -> None:
        positive = [k for k in keys if k.side == 0]
        self.actions, self.action_size = _groups(k.actions for k in keys)
        self.objects, self.object_size = _groups(k.objects for k in keys)
        self.folds, self.fold_size = _groups(k.folds for k in positive)
        self.capped = 0
        self.opposite: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
        self.shared: list[list[int]] = []
        self._fill(keys)

    def _fill(self, keys: Sequence[_Keys]) -> None:
        sides: tuple[dict[_Key, list[int]], dict[_Key, list[int]]] = (
            defaultdict(list),
            defaultdict(list),
        )
        shared: dict[Hashable, list[int]] = defaultdict(list)
        actions, objects, folds = self.actions, self.objects, self.folds
        for i, k in enumerate(keys):
            own = objects[k.objects]
            filed = sides[k.side]
            for a in actions[k.actions]:
                for o in own:
                    filed[("o", a, o)].append(i)
            if k.side == 0:
                for f, pole in folds[k.folds]:
                    for o in own:
                        sides[pole][("x", f, o)].append(i)
                for name in k.shared:
                    shared[name].append(i)
        first, second = sides
        for key, left in first.items():
            right = second.get(key)
            if len(left) > BUCKET_LIMIT or (right is not None and len(right) > BUCKET_LIMIT):
                self.capped += self._weight(key)
            elif right is not None:
                self.opposite.add((tuple(left), tuple(right)))
        for key, right in second.items():
            if len(right) > BUCKET_LIMIT and key not in first:
                self.capped += self._weight(key)
        for same in shared.values():
            if len(same) > BUCKET_LIMIT:
                self.capped += 1
            else:
                self.shared.append(same)

    def _weight(self, key: _Key) -> int:
        """How many keys of the full index the representative ``key`` stands for."""
        kind, first, obj = key
        size = self.action_size if kind == "o" else self.fold_size
        return size[first] * self.object_size[obj]


_Key = tuple[str, str, str]  # ("o", action class, object class) or ("x", folded pair, ...)


Member = TypeVar("Member", str, tuple[str, int])


def _groups(
    sets: Iterable[frozenset[Member]],
) -> tuple[dict[frozenset[Member], frozenset[Member]], dict[str, int]]:
    """Classes grouped by the statements that hold them, and each set of classes
    rewritten with one representative per group (a folded pair keeps its pole).

    Two classes are held by the same statements exactly when they lie in the same
    *distinct* sets of classes (every distinct set is some statement's), so the
    grouping is computed over those, which are few. Returns each distinct set's
    representatives and each representative's group size."""
    distinct = list(dict.fromkeys(sets))
    held: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for n, members in enumerate(distinct):
        for member in members:
            name, pole = (member, 0) if isinstance(member, str) else member
            held[name].add((n, pole))
    first: dict[frozenset[tuple[int, int]], str] = {}
    chosen: dict[str, str] = {}
    size: dict[str, int] = defaultdict(int)
    for name, where in held.items():
        chosen[name] = first.setdefault(frozenset(where), name)
        size[chosen[name]] += 1
    rewritten = {members: frozenset(_represent(m, chosen) for m in members) for members in distinct}
    return rewritten, size


def _represent(member: Member, chosen: dict[str, str]) -> Member:
    if isinstance(member, str):
        return chosen[member]
    return (chosen[member[0]], member[1])


def _wide_pairs(norms: Sequence[Norm], keys: Sequence[_Keys], seen: set[tuple[int, int]]) -> None:
    """Statements with an exclusivity or a universal generic object, paired with every
    statement that shares one of their actions (or folded pairs); an exclusivity of
    means ("only through the online form") also with every statement about its object,
    whatever the action ("take meter readings by phone")."""
    wide = [i for i, n in enumerate(norms) if _wide(n.reading)]
    if not wide:
        return
    by_action: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        for action in _all_actions(k):
            by_action[action].append(i)
    channels = [i for i in wide if norms[i].reading.exclusive_slot in MEANS]
    by_object: dict[str, list[int]] = defaultdict(list)
    if channels:
        for i, k in enumerate(keys):
            for obj in k.objects:
                by_object[obj].append(i)
    for i in wide:
        for action in _all_actions(keys[i]):
            _cross([i], by_action[action], seen)
    for i in channels:
        for obj in keys[i].objects:
            _cross([i], by_object[obj], seen)


def _all_actions(k: _Keys) -> set[str]:
    return set(k.actions) | {f for f, _pole in k.folds}


class _Narrowing:
    """Pairs on one behaviour whose objects can still be the same thing.

    The decision step rejects a pair when each object has a narrowing word the other
    statement lacks ("tracking link" vs "payment link"). So a pair can only pass if one
    side's rarest narrowing word (its *signature*) is among the other's words: an exact
    filter, tested on each pair of a small bucket and applied with two indexes on a
    large one (the same pairs either way).
    """

    def __init__(self, norms: Sequence[Norm]) -> None:
        self.words = [n.facts.words for n in norms]
        frequency = Counter(chain.from_iterable(self.words))
        self.signature: list[str | None] = []
        for n in norms:
            narrowing_words = n.facts.narrowing if n.reading.heads else frozenset()
            rare = min(narrowing_words, key=lambda w: (frequency[w], w), default=None)
            self.signature.append(rare)

    def cross(self, left: Sequence[int], right: Sequence[int], seen: set[tuple[int, int]]) -> None:
        """The pairs of ``left`` x ``right`` that can pass: one side has no signature,
        or one side's signature is among the other's words."""
        if len(left) * len(right) > INDEXED_CROSS:
            self._indexed(left, right, seen)
            return
        words, signature = self.words, self.signature
        for i in left:
            mine, own = signature[i], words[i]
            for j in right:
                theirs = signature[j]
                if i != j and (mine is None or theirs is None or mine in words[j] or theirs in own):
                    seen.add((i, j) if i < j else (j, i))

    def _indexed(
        self, left: Sequence[int], right: Sequence[int], seen: set[tuple[int, int]]
    ) -> None:
        """The same pairs through two indexes of ``right`` (large buckets)."""
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
