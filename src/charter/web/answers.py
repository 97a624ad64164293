"""Answers to a question, turned into span edits of the spec file.

Four kinds of answer, each a pure function from the file's current text (and the parsed
module) to a list of :class:`~charter.spec.writer.Edit`:

- ``reading``: the flagged words are replaced by the author's reading;
- ``define``: ``**Term**: meaning`` is added after the last definition of the module (or
  after the first clause's body when it has none);
- ``precedent``: an ``**Example**`` with a user message and a GOOD and a BAD answer is
  inserted at the end of the clause, in the module's own fence style;
- ``dismiss``: a suppression comment placed by :func:`charter.lint.suppress.placement`,
  so it never splits a paragraph or a list.

Every function refuses (:class:`AnswerError`) text that would change the structure around
it (a fence or a conversation tag inside a precedent). Applying the edits touches no
character outside their spans (:func:`charter.spec.writer.apply_edits`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from charter.diagnostics import Diagnostic
from charter.lint.suppress import placement
from charter.spec.model import Clause, Module
from charter.spec.parse import normalize
from charter.spec.writer import Edit, apply_edits, content_end, example_edit

KINDS = ("reading", "define", "precedent", "dismiss")
_TAG = re.compile(r"</?\s*(?:user|assistant|comparison|developer|system|tool)\b", re.I)


class AnswerError(ValueError):
    """An answer that cannot be written as given (the message says why)."""


def edits_for(
    kind: str, text: str, module: Module, finding: Diagnostic, form: Mapping[str, str]
) -> list[Edit]:
    """The edits that write answer ``kind`` (with the fields in ``form``) into ``text``."""
    lines = normalize(text).split("\n")
    if kind == "reading":
        return [_reading(lines, finding, form.get("reading", ""))]
    if kind == "define":
        return [_define(lines, module, form.get("term", ""), form.get("meaning", ""))]
    if kind == "precedent":
        clause = module.clause(finding.clause or "")
        if clause is None:
            raise AnswerError("this finding belongs to no clause: a precedent needs one")
        return [precedent_edit(lines, clause, form)]
    if kind == "dismiss":
        return _dismiss(lines, finding, form.get("reason", ""))
    raise AnswerError(f"unknown kind of answer {kind!r}; expected one of {', '.join(KINDS)}")


def _one_line(value: str, what: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise AnswerError(f"{what} is empty")
    return value


def _reading(lines: list[str], finding: Diagnostic, reading: str) -> Edit:
    """Replace the flagged words (one line) with the reading; an empty reading drops them."""
    end_line = finding.end_line or finding.line
    end_col = finding.end_col or finding.col
    if end_line != finding.line or end_col <= finding.col:
        raise AnswerError("this finding marks no words on one line to rewrite")
    words = " ".join(reading.split())
    line = lines[finding.line - 1] if finding.line <= len(lines) else ""
    if not words and line[end_col - 1 : end_col] == " ":
        end_col += 1  # dropping a word drops the space after it
    return Edit(finding.line, finding.col, end_line, end_col, words)


def _define(lines: list[str], module: Module, term: str, meaning: str) -> Edit:
    term = _one_line(term, "the term").replace("*", "")
    meaning = _one_line(meaning, "the meaning")
    existing = [d for c in module.clauses for d in c.definitions]
    if existing:
        last = max(d.span.line for d in existing)
    elif module.clauses:
        last = content_end(lines, module.clauses[0])
    else:
        last = len(lines)
    last = _paragraph_end(lines, last)
    return Edit(last + 1, 1, last + 1, 1, f"\n**{term}**: {meaning}\n")


def _paragraph_end(lines: list[str], line: int) -> int:
    while line < len(lines) and lines[line].strip():
        line += 1
    return line


def precedent_edit(lines: list[str], clause: Clause, form: Mapping[str, str]) -> Edit:
    """An ``**Example**`` block with the form's fields, at the end of the clause's body."""
    title = _one_line(form.get("title", ""), "the title")
    reason = _one_line(form.get("reason", ""), "the reason the BAD answer is bad")
    user, good, bad = (_block(form.get(k, ""), k) for k in ("user", "good", "bad"))
    return example_edit(lines, clause, title, user, good, bad, reason)


def _block(value: str, what: str) -> str:
    text = "\n".join(line.rstrip() for line in normalize(value).strip().split("\n"))
    if not text:
        raise AnswerError(f"the {what} message is empty")
    if _TAG.search(text) or any(x.lstrip().startswith(("~~~", "```")) for x in text.split("\n")):
        raise AnswerError(f"the {what} message may not hold a fence or a conversation tag")
    return text


def _dismiss(lines: list[str], finding: Diagnostic, reason: str) -> list[Edit]:
    if not finding.code.startswith("L"):
        raise AnswerError("only lint findings (Lxxx) can be dismissed with a suppression")
    reason = _one_line(reason, "the reason")
    return [
        Edit(at, 1, at, 1, text)
        for at, text in placement(lines, finding.line, finding.code, reason)
    ]


def unified_diff(path: str, before: str, after: str) -> str:
    """The change as a unified diff with two lines of context."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
        n=2,
    )
    return "".join(lines)


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` applied; in a file written with CRLF the new lines are too.
    A BOM stays first, and the edits' columns (the parser's, which does not count it)
    are applied to the text after it."""
    if text.startswith("\ufeff"):
        return "\ufeff" + apply(text[1:], edits)
    if "\r\n" in text:
        edits = [
            Edit(e.line, e.col, e.end_line, e.end_col, e.text.replace("\n", "\r\n")) for e in edits
        ]
    return apply_edits(text, edits)
