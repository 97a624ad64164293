"""Inline constructs inside one block of text: references and footnote tags.

The patterns run over one paragraph at a time (never over a whole file), and report
offsets into that paragraph so callers can compute exact spans.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from charter.spec.model import RefKind

# [text](#id) or [text](file.md#id); the text may hold nested brackets one level deep.
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*([^()\s#]*\.md)?#([^()\s]+)\s*\)")
_FOOTNOTE = re.compile(r"(?<!^)\[\^([A-Za-z0-9_-]+)\]|^\[\^([A-Za-z0-9_-]+)\](?!:)", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True, slots=True)
class InlineRef:
    kind: RefKind
    target: str
    file: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class InlineTag:
    tag: str
    start: int
    end: int


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span: a run of n backticks up to the next run of exactly
    n backticks (CommonMark's rule). Linear: each run is found once, and the closing run
    is looked up among the later runs of the same length by bisection, not by rescanning
    the text (a regex with a back-reference took quartic time on a run of backticks)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for k, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(k)
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(runs):
        start, end = runs[k]
        same = by_length[end - start]
        later = bisect.bisect_right(same, k)
        if later == len(same):
            k += 1  # no closing run: the backticks are literal
            continue
        close = same[later]
        spans.append((start, runs[close][1]))
        k = close + 1
    return spans


def blank_spans(text: str, spans: list[tuple[int, int]], blank: Callable[[str], str]) -> str:
    """``text`` with each of the (sorted, disjoint) ``spans`` replaced by ``blank(piece)``."""
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(blank(text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def _masked(text: str) -> str:
    """The text with code spans blanked out, so links inside backticks are not read."""
    if "`" not in text:
        return text
    return blank_spans(text, code_spans(text), lambda piece: " " * len(piece))


def find_references(text: str) -> list[InlineRef]:
    if "](" not in text:
        return []
    refs: list[InlineRef] = []
    for m in _LINK.finditer(_masked(text)):
        label, file, target = m.group(1), m.group(2), m.group(3)
        if file:
            kind = RefKind.FILE
        elif label == "?":
            kind = RefKind.SECTION
        else:
            kind = RefKind.LINK
        refs.append(InlineRef(kind, target, file or None, label, m.start(), m.end()))
    return refs


def find_footnotes(text: str) -> list[InlineTag]:
    if "[^" not in text:
        return []
    return [
        InlineTag(m.group(1) or m.group(2), m.start(), m.end())
        for m in _FOOTNOTE.finditer(_masked(text))
    ]


_MARKUP = re.compile(r"\[\^[A-Za-z0-9_-]+\]|\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^()\s]*\)|[*`]+")


def plain_text(text: str) -> str:
    """Markdown inline markup removed: links become their text, footnote tags vanish."""

    def repl(m: re.Match[str]) -> str:
        if m.group(0).startswith("[^"):
            return ""
        if m.group(1) is not None:
            return m.group(1)
        return ""

    return " ".join(_MARKUP.sub(repl, text).split())
