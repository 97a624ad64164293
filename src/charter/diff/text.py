"""Text helpers of the diff: normalising, tokenising, similarity and word diffs.

Guarantees: :func:`normalize` maps spellings that render identically in the published
spec (``---`` and ``—``, straight and curly quotes, runs of whitespace, no-break spaces
and hyphens) to one form, so a typographic-only edit is never reported as a change.
:func:`similarity` is the Jaccard index of word 3-shingles, symmetric and in [0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

_TYPOGRAPHY = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2011": "-",
}
# A regex finds the few typographic characters faster than str.translate walks every one.
_TYPOGRAPHIC = re.compile("[" + "".join(_TYPOGRAPHY) + "]")
_WORD = re.compile(r"\w+")
SHINGLE = 3  # words per shingle: long enough that "the assistant should" alone is one


def normalize(text: str) -> str:
    """``text`` with rendering-neutral spelling differences removed."""
    if "--" in text:
        text = text.replace("---", "\u2014").replace("--", "\u2013")
    if not text.isascii():
        text = _TYPOGRAPHIC.sub(lambda m: _TYPOGRAPHY[m.group()], text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-case word tokens (letters, digits, underscore).

    Dashes, quotes and spaces are not word characters, so the tokens of a text and of its
    normalised form are the same and need no normalising first.
    """
    return _WORD.findall(text.lower())


def shingles(tokens: Sequence[str], size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    """The set of ``size``-word windows; a text shorter than that is one shingle."""
    if len(tokens) < size:
        return frozenset({tuple(tokens)}) if tokens else frozenset()
    return frozenset(zip(*(tokens[i:] for i in range(size)), strict=False))


def text_shingles(parts: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return shingles([w for part in parts for w in words(part)])


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def similarity(a: str, b: str) -> float:
    """Jaccard index of the word 3-shingles of two texts."""
    return jaccard(text_shingles([a]), text_shingles([b]))


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff of two statements: ``[(op, text)]`` with op in ``= - +``.

    Tokens are whitespace-separated words of the normalised texts, so a diff shows whole
    words as a reviewer reads them; joining the ``=``/``-`` texts gives ``old`` back
    (normalised), joining ``=``/``+`` gives ``new``.
    """
    a, b = normalize(old).split(" "), normalize(new).split(" ")
    out: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out
