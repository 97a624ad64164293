"""Does a vague modifier carry its own standard? Read from a statement's syntax.

A gradable word ("short", "significant", "materially") names a threshold the reader must
guess, unless the sentence itself fixes where the threshold lies. :func:`own_standard`
says when it does, from the parse alone (no word list of vague words):

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
from functools import lru_cache
from itertools import pairwise

from charter.nlp import wordnet
from charter.nlp.reading import Reading

_RANKING = frozenset({"most", "least"})
_COMPARING = frozenset({"more", "less", "fewer"})
_EXAMPLES = re.compile(
    r"^\s*(?:,\s*)?(?:such\s+as|like|including|\(\s*(?:e\.\s?g\.?|i\.\s?e\.?|for example|"
    r"for instance|such as|see\s))",
    re.I,
)
_ENOUGH = frozenset({"enough"})
_EXAMPLE_PREPS = frozenset({"like", "including"})


def own_standard(reading: Reading, index: int) -> bool:
    """True when the modifier at ``index`` carries its own standard (module docstring)."""
    tokens = reading.tokens
    if not 0 <= index < len(tokens):
        return False
    token = tokens[index]
    kids = reading.children(index)
    if token.tag in ("JJS", "RBS") or any(c.lower in _RANKING for c in kids):
        return True
    if _compared(reading, index):
        return True
    if any(c.lower in _ENOUGH for c in kids):
        return True
    noun = token.head if token.dep == "amod" and token.head != index else index
    if any(tokens[i].tag == "CD" for i in _subtree(reading, noun)):
        return True
    return _exemplified(reading, index) or _exemplified(reading, noun)


def _exemplified(reading: Reading, index: int) -> bool:
    """Examples follow the word: '… risks such as X', '… preambles (e.g., …)'."""
    end = reading.tokens[index].end
    if _EXAMPLES.match(reading.text[end : end + 40]):
        return True
    return any(
        c.dep == "prep" and c.lower in _EXAMPLE_PREPS and c.start > end
        for c in reading.children(index)
    )


def _compared(reading: Reading, index: int) -> bool:
    """A comparative with 'than' after it, or 'the more …' correlatives in the statement."""
    token = reading.tokens[index]
    comparative = token.tag in ("JJR", "RBR") or any(
        c.lower in _COMPARING for c in reading.children(index)
    )
    if not comparative:
        return False
    if "than" in (t.lower for t in reading.tokens[index + 1 :]):
        return True
    lows = [t.lower for t in reading.tokens]
    return any(a == "the" and b in _COMPARING for a, b in pairwise(lows))


def _subtree(reading: Reading, root: int) -> set[int]:
    found = {root}
    frontier = [root]
    while frontier:
        current = frontier.pop()
        for i, t in enumerate(reading.tokens):
            if t.head == current and i not in found:
                found.add(i)
                frontier.append(i)
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


__all__ = ["gradable", "own_standard"]
