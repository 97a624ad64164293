"""The text rules read: segments of a module with exact positions, and masked copies.

A :class:`Segment` is one piece of source text (a statement, a heading title, a line of
commentary or of an example message) with a :class:`~charter.spec.text.LineIndex` that
maps every offset to its file line and column — continuation lines of a multi-line
statement keep their own indentation. ``masked`` has the same length as ``text``, with
what is not the author's own prose blanked: code spans, link targets, footnote tags,
HTML comments and tags, and quoted speech ("…"), so that rules neither fire inside a
quotation nor lose their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from charter.lint.grammar import statement_instructs
from charter.lint.rules import Scope
from charter.spec.budgets import FILE_LINES, LINE_CHARS, over_budget
from charter.spec.inline import blank_spans, code_spans
from charter.spec.model import Clause, Example, Module, Statement
from charter.spec.text import LineIndex

_FOOTNOTE = re.compile(r"\[\^[A-Za-z0-9_-]+\]")
_LINK = re.compile(r"(\[)((?:[^\[\]]|\[[^\[\]]*\])*)(\]\([^()\s]*(?:\s+\"[^\"]*\")?\))")
_QUOTE = re.compile(r"\"[^\"\n]{1,300}\"|“[^”]{1,300}”")
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_MARKUP = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|\\(?=[^\w\s])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LOWER_WORD = re.compile(r"[a-z]+")
_ROLE_TAG = re.compile(r"</?(?:system|developer|user|assistant|tool|comparison)\b[^<>]*>")


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of text a rule reads, with its position and masked copy."""

    scope: Scope
    text: str
    masked: str
    index: LineIndex
    clause: Clause | None
    statement: Statement | None = None
    links: tuple[tuple[int, int], ...] = ()  # offsets of link texts, e.g. [text](#id)
    words: frozenset[str] = frozenset()  # lower-case words of ``masked``: a prefilter
    instructs: bool = True  # a statement with a modal or an imperative (see grammar)

    @property
    def path(self) -> str:
        return self.index.path

    def may_contain(self, hints: frozenset[str] | None) -> bool:
        """False only when none of ``hints`` (words that every match contains) occurs."""
        return hints is None or not self.words.isdisjoint(hints)


def words_of(masked: str) -> frozenset[str]:
    return frozenset(_LOWER_WORD.findall(masked.lower()))


def segment(
    scope: Scope,
    text: str,
    index: LineIndex,
    clause: Clause | None,
    statement: Statement | None = None,
    *,
    conversation: bool = False,
) -> Segment:
    """A segment with its masked copy, link spans and word set."""
    masked, links = mask_conversation(text) if conversation else mask(text)
    instructs = statement is None or statement_instructs(statement)
    return Segment(
        scope, text, masked, index, clause, statement, links, words_of(masked), instructs
    )


def _blank(text: str) -> str:
    """``text`` with every character but a line break turned into a space."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


def mask(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with non-prose blanked (same length), and the spans of link texts."""
    if "`" in text:
        text = blank_spans(text, code_spans(text), _blank)
    if "<" in text:
        text = blank_spans(text, comment_spans(text), _blank)
        text = _TAG.sub(lambda m: _blank(m.group(0)), text)
    if "[^" in text:
        text = _FOOTNOTE.sub(lambda m: _blank(m.group(0)), text)
    links: list[tuple[int, int]] = []
    if "](" in text:
        text, links = _mask_links(text)
    if '"' in text or "“" in text:
        text = _QUOTE.sub(lambda m: _blank(m.group(0)), text)
    if "*" in text or "_" in text or "\\" in text:
        text = _MARKUP.sub(lambda m: _blank(m.group(0)), text)
    return text, tuple(links)


def mask_conversation(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A line of an example conversation: only role tags and comments are blanked (the
    rest is what a user or the assistant writes, quotes and brackets included)."""
    if "<" in text:
        text = blank_spans(text, comment_spans(text), _blank)
        text = _ROLE_TAG.sub(lambda m: _blank(m.group(0)), text)
    return text, ()


def comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ``<!-- … -->``. Linear: once an opening has no closing
    after it, no later opening has one either, so the scan stops (a lazy regex rescanned
    to the end of the text from every unclosed ``<!--``)."""
    spans: list[tuple[int, int]] = []
    start = text.find("<!--")
    while start != -1:
        close = text.find("-->", start + 4)
        if close == -1:
            break
        spans.append((start, close + 3))
        start = text.find("<!--", close + 3)
    return spans


def _mask_links(text: str) -> tuple[str, list[tuple[int, int]]]:
    links: list[tuple[int, int]] = []

    def repl(m: re.Match[str]) -> str:
        label = m.group(2)
        if label == "?":  # [?](#id) renders as the target's title: not the author's words
            return _blank(m.group(0))
        links.append((m.start(2), m.end(2)))
        return " " + label + _blank(m.group(3))

    return _LINK.sub(repl, text), links


_STOPS = ",;:.()!?"
_WINDOW = 256  # characters looked at first; widened only when a word may have been cut


def words_before(masked: str, start: int, limit: int = 3) -> str:
    """Up to ``limit`` words before ``start`` in the same clause of the sentence.

    Reads a bounded window, so a finding costs O(window), not O(line): a 2 MB line
    with 400,000 findings must not take hours.
    """
    size = _WINDOW
    while True:
        low = max(0, start - size)
        head = masked[low:start]
        cut = max(head.rfind(ch) for ch in _STOPS)
        words = _WORD.findall(head[cut + 1 :])
        # exact when the window holds the clause start, the text start, or more than
        # ``limit`` words (only the first word can have been cut in half)
        if cut >= 0 or low == 0 or len(words) > limit:
            return " ".join(words[-limit:])
        size *= 4


def words_after(masked: str, end: int, limit: int = 3) -> str:
    """Up to ``limit`` words after ``end``, stopping at punctuation (bounded window)."""
    size = _WINDOW
    while True:
        high = min(len(masked), end + size)
        tail = masked[end:high]
        cut = min((i for i in (tail.find(ch) for ch in _STOPS) if i >= 0), default=len(tail))
        words = _WORD.findall(tail[:cut])
        if cut < len(tail) or high == len(masked) or len(words) > limit:
            return " ".join(words[:limit])
        size *= 4


# -- building segments ------------------------------------------------------------------
def _statement_index(statement: Statement, lines: Sequence[str]) -> LineIndex:
    span = statement.span
    if "\n" not in statement.text:  # one line: its column is the statement's
        return LineIndex(statement.text, span.path, span.line, line_cols=[span.col])
    cols = [span.col]
    for k, piece in enumerate(statement.text.split("\n")[1:], start=1):
        row = span.line - 1 + k
        src = lines[row] if 0 <= row < len(lines) else ""
        cols.append(max(src.find(piece), 0) + 1 if piece else 1)
    return LineIndex(statement.text, span.path, span.line, line_cols=cols)


def statement_segment(clause: Clause, statement: Statement, lines: Sequence[str]) -> Segment:
    index = _statement_index(statement, lines)
    return segment(Scope.STATEMENT, statement.text, index, clause, statement)


def heading_segment(clause: Clause, lines: Sequence[str]) -> Segment:
    span = clause.span
    src = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    found = src.find(clause.title, max(span.col - 1, 0))
    col = found + 1 if found >= 0 else span.col
    index = LineIndex(clause.title, span.path, span.line, col)
    return segment(Scope.HEADING, clause.title, index, clause)


def line_segments(
    scope: Scope, path: str, lines: Sequence[str], first: int, last: int, clause: Clause | None
) -> Iterator[Segment]:
    """One segment per non-blank source line ``first..last`` (1-based, inclusive)."""
    for number in range(max(first, 1), min(last, len(lines)) + 1):
        raw = lines[number - 1]
        text = raw.strip()
        if not text:
            continue
        if over_budget(text, LINE_CHARS):
            continue  # bounded work per line (see charter.spec.budgets)
        col = len(raw) - len(raw.lstrip()) + 1
        index = LineIndex(text, path, number, col)
        made = segment(scope, text, index, clause, conversation=scope is not Scope.COMMENTARY)
        if made.masked.strip():
            yield made


def example_segments(
    example: Example, lines: Sequence[str], clause: Clause | None, scopes: frozenset[Scope]
) -> Iterator[Segment]:
    if Scope.PROMPT in scopes:
        for message in example.messages:
            if message.role != "assistant":
                span = message.span
                yield from line_segments(
                    Scope.PROMPT, span.path, lines, span.line, span.end_line, clause
                )
    if Scope.RESPONSE in scopes:
        for candidate in example.candidates:
            span = candidate.span
            yield from line_segments(
                Scope.RESPONSE, span.path, lines, span.line, span.end_line, clause
            )


def module_segments(
    module: Module, lines: Sequence[str], scopes: frozenset[Scope], *, informative: bool
) -> dict[Scope, list[Segment]]:
    """Segments of every wanted scope. Statements of informative clauses are read only
    when they are themselves normative (or ``informative`` is set): an overview's prose
    describes, it does not instruct."""
    out: dict[Scope, list[Segment]] = {scope: [] for scope in scopes}
    if module.line_count > FILE_LINES:
        return out  # the parser reported it (P008)
    for clause in module.clauses:
        if Scope.HEADING in scopes and not over_budget(clause.title):
            out[Scope.HEADING].append(heading_segment(clause, lines))
        if Scope.STATEMENT in scopes:
            for statement in clause.statements:
                if over_budget(statement.text):
                    continue  # the parser reported it (P025): rules stay bounded
                if informative or clause.normative or statement.modality.normative:
                    out[Scope.STATEMENT].append(statement_segment(clause, statement, lines))
        if Scope.COMMENTARY in scopes:
            for note in clause.commentary:
                span = note.span
                out[Scope.COMMENTARY].extend(
                    line_segments(Scope.COMMENTARY, span.path, lines, span.line + 1,
                                  span.end_line, clause)
                )  # fmt: skip
        for example in clause.examples:
            for segment in example_segments(example, lines, clause, scopes):
                out[segment.scope].append(segment)
    return out


__all__ = [
    "Segment",
    "example_segments",
    "heading_segment",
    "line_segments",
    "mask",
    "mask_conversation",
    "module_segments",
    "segment",
    "statement_segment",
    "words_after",
    "words_before",
    "words_of",
]
