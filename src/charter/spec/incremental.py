"""Re-parse only the edited part of a module: the same result as a whole-file parse.

A top-level ``# heading`` at column 0 is a clean break for both the Markdown parser (no
block before it runs past it, and nothing after it depends on what came before) and
the walker (a level-1 heading empties the stack of open clauses, ends any pending
example and list lead-in). :func:`reparse` takes the previous text and parse of a
module and the new text, finds the lines that changed, and re-walks only from the last
such heading before the change: up to the first such heading after it (with a blank
line before it) when the edit kept the number of lines (the clauses after it are the
previous ones, unchanged values), else to the end of the file (they would all move).
Clauses and diagnostics before the re-walked section are reused as they are.

It gives up (returns ``None``, and the caller parses the whole file) whenever its
reasoning could fail: a change before the first ``# heading``, text that is not
normalised, an unclosed code block, an HTML block running into the next section,
duplicate clause ids (their diagnostics depend on the whole file), a derived id made
unique with a suffix (``scope-2``: it depends on every heading of the file), nesting beyond the
parser's depth, a file over the line budget, or previous diagnostics that do not fall
in section order. A property test compares it with a whole-file parse on random edits
of the Model Spec.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from charter.diagnostics import Diagnostic
from charter.spec.budgets import FILE_LINES
from charter.spec.frontmatter import split_front_matter
from charter.spec.model import Clause
from charter.spec.parse import Parsed, assemble, freeze, markdown, too_deep
from charter.spec.text import slugify
from charter.spec.walker import Walker

_BREAK = re.compile(r"#(?:[ \t]|$)")  # an ATX level-1 heading at column 0
_WHOLE_FILE = frozenset({"P004", "P008", "P024", "P027", "P030"})  # codes that need it all


def reparse(old_text: str, old: Parsed, new_text: str, path: str) -> Parsed | None:
    """``parse_module(new_text, path)``, computed from the previous parse ``old`` of
    ``old_text``; ``None`` when only a whole-file parse can be trusted."""
    if not _plain(old_text) or not _plain(new_text) or old.module.path != path:
        return None
    if any(d.code in _WHOLE_FILE for d in old.diagnostics) or not new_text.strip():
        return None
    if any(_suffixed(c) for c in old.module.clauses):
        return None  # 'scope-2' depends on the headings of the whole file
    old_lines, new_lines = old_text.split("\n"), new_text.split("\n")
    if len(new_lines) > FILE_LINES:
        return None
    first, old_end = changed(old_lines, new_lines)
    breaks = [c.span.line - 1 for c in old.module.clauses if _is_break(c, old_lines)]
    start = max((b for b in breaks if b < first), default=None)
    if start is None:
        return None
    delta = len(new_lines) - len(old_lines)
    stop = min((b for b in breaks if b >= old_end), default=None) if delta == 0 else None
    if stop is not None and new_lines[stop - 1].strip():
        stop = None  # no blank line before it: a block of the section might run on into it
    return _splice(old, new_lines, path, start, stop)


def _splice(
    old: Parsed, new_lines: list[str], path: str, start: int, stop: int | None
) -> Parsed | None:
    """Walk ``new_lines[start:stop]`` afresh between the old clauses before and after."""
    end = len(new_lines) if stop is None else stop
    tokens = markdown().parse("\n".join(new_lines[start:end]))
    last = max((n for n in range(start, end) if new_lines[n].strip()), default=start)
    for token in tokens:
        if token.map is not None:
            token.map = [token.map[0] + start, token.map[1] + start]
        if token.type == "html_block" and stop is not None and token.map and token.map[1] > last:
            return None  # it reaches the section's end: in the whole file it might run on
    front, _ = split_front_matter(new_lines, path)
    walker = Walker(new_lines[:end], path, front.authority)
    walker.walk(tokens)
    if any(d.code in _WHOLE_FILE for d in walker.diags) or too_deep(tokens, path):
        return None
    parts = _split(old.diagnostics, start, stop)
    if parts is None:
        return None
    before = [c for c in old.module.clauses if c.span.line <= start]
    after = [c for c in old.module.clauses if stop is not None and c.span.line > stop]
    clauses = (*before, *freeze(walker.clauses, front), *after)
    if any(_suffixed(c) for c in clauses):
        return None
    if len({c.id for c in clauses}) != len(clauses):
        return None  # duplicate ids: P024 is a whole-file matter
    diags = [*parts[0], *walker.diags, *parts[1]]
    return assemble(path, front, clauses, diags, len(new_lines))


def _split(
    diags: Sequence[Diagnostic], start: int, stop: int | None
) -> tuple[list[Diagnostic], list[Diagnostic]] | None:
    """The previous diagnostics before the section and after it, if they come in that
    order (before, section, after); ``None`` when they do not."""
    parts: tuple[list[Diagnostic], list[Diagnostic]] = ([], [])
    last = 0
    for d in diags:
        where = 0 if d.line <= start else 2 if stop is not None and d.line > stop else 1
        if where < last:
            return None
        last = where
        if where != 1:
            parts[where // 2].append(d)
    return parts


def changed(old: list[str], new: list[str]) -> tuple[int, int]:
    """The first line that differs (0-based) and, in ``old``, the end (exclusive) of the
    changed lines: the lines after it are the same in both."""
    limit = min(len(old), len(new))
    first = 0
    while first < limit and old[first] == new[first]:
        first += 1
    tail = 0
    while tail < limit - first and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return first, len(old) - tail


def _is_break(clause: Clause, lines: list[str]) -> bool:
    row = clause.span.line - 1
    return clause.level == 1 and 0 <= row < len(lines) and _BREAK.match(lines[row]) is not None


def _suffixed(clause: Clause) -> bool:
    """A derived id made unique with a suffix: it depends on other sections' headings."""
    return not clause.id_explicit and clause.id != slugify(clause.title)


def _plain(text: str) -> bool:
    """Text the parser would not normalise (no BOM, no carriage returns)."""
    return not text.startswith("\ufeff") and "\r" not in text
