"""Is a vague modifier an open threshold? Read from a statement's syntax.

A gradable word ("short", "significant", "materially") names a threshold the reader must
guess (:func:`open_threshold`) when it lies in what the statement binds
(:func:`in_binding_part`: the subtree of a verb under 'must/should', a permission, 'never',
'avoid', or an imperative) and the sentence does not fix where the threshold lies.
:func:`own_standard` says when it does, from the parse alone (no word list of vague words):

- a ranking, not a threshold: a superlative ("the most consequential uncertainties");
- an explicit comparison: a comparative with "than", or "the more …, the more …";
- a number in the words it measures ("short answers of at most 3 sentences");
- examples given right there: the modified noun (or the word itself) is followed by
  "such as", "like", "including" or a parenthesis that opens with "e.g." / "for example";
- "enough to …" / "enough that …" (the consequence sets the degree).

:func:`gradable` says whether WordNet marks a word as gradable (an adjective with a direct
antonym, or a satellite of one; an adverb derived from such an adjective), the resource-based
test the lint evaluation measures (``benchmarks/lint_eval/roles.py --wordnet``).

Guarantees: pure functions of a :class:`~charter.nlp.reading.Reading` (and, for
:func:`gradable`, of the WordNet files); never raise on odd parses (cycles, missing heads).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from charter.nlp import wordnet
from charter.nlp.reading import Reading, Token, permission

_BINDING = frozenset({"must", "shall", "should", "ought"})
_RANKING = frozenset({"most", "least"})
_COMPARING = frozenset({"more", "less", "fewer"})
_EXAMPLES = re.compile(
    r"^\s*(?:,\s*)?(?:such\s+as|like|including|\(\s*(?:e\.\s?g\.?|i\.\s?e\.?|for example|"
    r"for instance|such as|see\s))",
    re.I,
)
_ENOUGH = frozenset({"enough"})
_EXAMPLE_PREPS = frozenset({"like", "including"})


@dataclass(frozen=True, slots=True)
class _Shape:
    """What every question about one reading needs, computed once per statement text."""

    kids: tuple[tuple[int, ...], ...]  # children of each token, in order
    last_than: int  # index of the last 'than' (-1: none)
    correlative: bool  # 'the more …', 'the less …'
    bound: frozenset[int] | None  # the bound part (None: no verb is bound)


_shapes: dict[str, _Shape] = {}
_SHAPES_LIMIT = 4_096


def _shape(reading: Reading) -> _Shape:
    found = _shapes.get(reading.text)
    if found is not None and len(found.kids) == len(reading.tokens):
        return found
    kids: list[list[int]] = [[] for _ in reading.tokens]
    for i, t in enumerate(reading.tokens):
        if t.head != i and 0 <= t.head < len(kids):
            kids[t.head].append(i)
    lows = [t.lower for t in reading.tokens]
    thans = [i for i, w in enumerate(lows) if w == "than"]
    correlative = any(a == "the" and b in _COMPARING for a, b in pairwise(lows))
    frozen = tuple(tuple(k) for k in kids)
    verbs = binding_verbs(reading)
    bound = frozenset(i for v in verbs for i in _subtree(frozen, v)) if verbs else None
    if len(_shapes) >= _SHAPES_LIMIT:
        _shapes.clear()
    shape = _shapes[reading.text] = _Shape(frozen, thans[-1] if thans else -1, correlative, bound)
    return shape


def own_standard(reading: Reading, index: int) -> bool:
    """True when the modifier at ``index`` carries its own standard (module docstring)."""
    tokens = reading.tokens
    if not 0 <= index < len(tokens):
        return False
    shape = _shape(reading)
    token = tokens[index]
    kids = [tokens[k].lower for k in shape.kids[index]]
    if token.tag in ("JJS", "RBS") or not _RANKING.isdisjoint(kids):
        return True
    comparative = token.tag in ("JJR", "RBR") or not _COMPARING.isdisjoint(kids)
    if comparative and (shape.last_than > index or shape.correlative):
        return True
    if not _ENOUGH.isdisjoint(kids):
        return True
    noun = token.head if token.dep == "amod" and 0 <= token.head < len(tokens) else index
    if any(tokens[i].tag == "CD" for i in _subtree(shape.kids, noun)):
        return True
    return _exemplified(reading, shape, index) or _exemplified(reading, shape, noun)


def _exemplified(reading: Reading, shape: _Shape, index: int) -> bool:
    """Examples follow the word: '… risks such as X', '… preambles (e.g., …)'."""
    end = reading.tokens[index].end
    if _EXAMPLES.match(reading.text[end : end + 40]):
        return True
    return any(
        reading.tokens[c].dep == "prep"
        and reading.tokens[c].lower in _EXAMPLE_PREPS
        and reading.tokens[c].start > end
        for c in shape.kids[index]
    )


def _subtree(kids: tuple[tuple[int, ...], ...], root: int) -> set[int]:
    found = {root}
    frontier = [root]
    while frontier:
        for child in kids[frontier.pop()]:
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


@lru_cache(maxsize=8_192)
def gradable(lemma: str, pos: str) -> bool:
    """WordNet marks ``lemma`` (pos ``ADJ`` or ``ADV``) gradable in its first sense: an
    adjective with a direct antonym or a satellite of one; an adverb whose ``\\`` pointer
    leads to such an adjective."""
    if pos == "ADJ":
        return bool(wordnet.antonyms(lemma, "a", 1))
    if pos == "ADV":
        bases = wordnet.related(lemma, "r", "\\", 1)
        return any(wordnet.antonyms(b, "a", 1) for b in bases)
    return False


def binding_verbs(reading: Reading) -> set[int]:
    """Indexes of the verbs a statement binds: under 'must/should/shall/ought', under a
    modal that grants or denies an agent permission, with 'never', the verb 'avoid', and the
    root of an imperative or gerund item."""
    return {i for i, t in enumerate(reading.tokens) if _binds(reading, i)} | {
        t.head for t in reading.tokens if _binds_head(reading, t)
    }


def _binds(reading: Reading, index: int) -> bool:
    t = reading.tokens[index]
    if t.lemma.lower() == "avoid" and t.pos == "VERB":
        return True
    return t.dep == "ROOT" and reading.force in ("imperative", "gerund")


def _binds_head(reading: Reading, t: Token) -> bool:
    word = t.lower.replace("’", "'").removesuffix("n't")
    if t.tag == "MD":
        return word in _BINDING or permission(reading, t)
    return word == "never" and t.dep in ("neg", "advmod")


def in_binding_part(reading: Reading, index: int) -> bool:
    """The word lies in what the statement binds: the subtree of a bound verb (its object,
    manner and conditions). A word in a clause beside it that only describes ('Significant
    harm can follow, so the assistant should check') is not. True when no verb is bound
    (a bold-lead item, a sentence that extends the rule before it)."""
    bound = _shape(reading).bound
    return bound is None or index in bound


def open_threshold(reading: Reading, index: int) -> bool:
    """The word at ``index`` is a threshold the reader must guess: it lies in the part of
    the statement that is bound and its sentence gives it no standard of its own."""
    return in_binding_part(reading, index) and not own_standard(reading, index)


__all__ = ["binding_verbs", "gradable", "in_binding_part", "open_threshold", "own_standard"]
