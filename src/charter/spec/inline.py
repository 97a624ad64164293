"""Inline constructs inside one block of text: references and footnote tags.

The patterns run over one paragraph at a time (never over a whole file), and report
offsets into that paragraph so callers can compute exact spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charter.spec.model import RefKind

# [text](#id) or [text](file.md#id); the text may hold nested brackets one level deep.
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*([^()\s#]*\.md)?#([^()\s]+)\s*\)")
_FOOTNOTE = re.compile(r"(?<!^)\[\^([A-Za-z0-9_-]+)\]|^\[\^([A-Za-z0-9_-]+)\](?!:)", re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


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


def _masked(text: str) -> str:
    """The text with code spans blanked out, so links inside backticks are not read."""
    if "`" not in text:
        return text
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)


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
