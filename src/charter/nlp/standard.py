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
    verbs = binding_verbs(reading)
    if not verbs:
        return True
    return any(index in _subtree(reading, v) for v in verbs)


def open_threshold(reading: Reading, index: int) -> bool:
    """The word at ``index`` is a threshold the reader must guess: it lies in the part of
    the statement that is bound and its sentence gives it no standard of its own."""
    return in_binding_part(reading, index) and not own_standard(reading, index)


__all__ = ["binding_verbs", "gradable", "in_binding_part", "open_threshold", "own_standard"]
