"""Split a paragraph into sentences, in time linear in its length.

A sentence ends at a run of ``.``, ``!`` or ``?`` (with any closing quotes, brackets and
footnote tags after it) that is followed by white space and then an upper-case letter,
a digit or an opening quote/bracket/markup character — unless the run is an ellipsis or
the dot ends a known abbreviation (``e.g.``, ``etc.``).

Guarantee: each character is looked at a bounded number of times. The boundary pattern
only starts at the first character of a punctuation run (so a run of 100,000 ``!`` is
read once, not once per position), the word before a dot is read backwards only as far
as that word goes, and the next visible character is found with an anchored search
instead of copying the rest of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREVIATION_WORDS = "e.g i.e etc vs cf dr mr mrs ms st no fig approx inc ltd co jr sr u.s u.k"
ABBREVIATIONS = frozenset((_ABBREVIATION_WORDS + " a.m p.m al ca esp viz").split())
# Starts only where a punctuation run starts; possessive quantifiers never give back.
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?:\[\^[A-Za-z0-9_-]+\])*+(?=\s+\S)")
_NEXT_VISIBLE = re.compile(r"\s*+(\S)")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_OPENERS = "\"'“‘[(*`_"


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences of ``text``, white space trimmed."""
    start = 0
    for m in _BOUNDARY.finditer(text):
        if not _is_sentence_end(text, m.start(), m.end()):
            continue
        yield from _trimmed(text, start, m.end())
        start = m.end()
    yield from _trimmed(text, start, len(text))


def _word_before(text: str, dot: int) -> str:
    """The run of letters and dots that ends at ``dot`` (read backwards, so its cost is
    the word's length; the words of two boundaries never overlap)."""
    first = dot
    while first > 0 and text[first - 1] in _WORD_CHARS:
        first -= 1
    return text[first:dot]


def _is_sentence_end(text: str, dot: int, end: int) -> bool:
    if text[dot] == "." and text.startswith("...", dot, end):
        return False  # an ellipsis, usually mid-sentence
    if text[dot] == "." and _word_before(text, dot).lower().rstrip(".") in ABBREVIATIONS:
        return False
    m = _NEXT_VISIBLE.match(text, end)
    nxt = m.group(1) if m else ""
    return nxt.isupper() or nxt.isdigit() or (nxt != "" and nxt in _OPENERS)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
