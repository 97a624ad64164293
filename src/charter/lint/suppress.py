"""Inline suppression comments, read from a module's source lines.

```markdown
<!-- charter-disable L101 L105 -->           from here to a matching enable (or the end)
<!-- charter-enable L101 -->
<!-- charter-disable-next-line L203 -- a reason may follow two dashes -->
<!-- charter-disable -->                     every rule
```

Comments inside fenced code blocks are text, not directives. A comment that starts with
``charter-`` but is not one of the three directives, names an unknown rule, or enables
what was never disabled raises :class:`~charter.errors.InputError` (exit code 2) with its
``path:line:col``: a typo in a suppression must not silently suppress nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from charter.errors import InputError

_COMMENT = re.compile(r"<!--\s*charter-([\w-]*)(.*?)-->")
_OPEN_COMMENT = re.compile(r"<!--\s*charter-")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE = re.compile(r"^L\d{0,3}$")
DIRECTIVES = ("disable", "enable", "disable-next-line")


@dataclass(slots=True)
class Suppression:
    """One directive's reach: ``codes`` (empty: every rule) on lines ``first..last``."""

    codes: tuple[str, ...]
    first: int
    last: int
    line: int  # where the comment is
    col: int
    used: bool = False

    def covers(self, code: str, line: int) -> bool:
        if not self.first <= line <= self.last:
            return False
        return not self.codes or any(code.startswith(c) for c in self.codes)


@dataclass(slots=True)
class Suppressions:
    items: list[Suppression] = field(default_factory=list)

    def suppressed(self, code: str, line: int) -> bool:
        hit = False
        for item in self.items:
            if item.covers(code, line):
                item.used = hit = True
        return hit


def _fenced_lines(lines: Sequence[str]) -> set[int]:
    """1-based numbers of lines inside (or opening/closing) fenced code blocks."""
    inside: set[int] = set()
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            inside.add(number)
        elif fence is not None:
            inside.add(number)
            closes = m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)
            if closes and m and not line.strip()[len(m.group(1)) :].strip():
                fence = None
    return inside


def read_suppressions(lines: Sequence[str], path: str, known: Sequence[str]) -> Suppressions:
    """Every directive of a module; raises InputError on a malformed one."""
    out = Suppressions()
    open_: list[Suppression] = []
    fenced = _fenced_lines(lines) if any("```" in x or "~~~" in x for x in lines) else set()
    for number, line in enumerate(lines, start=1):
        if "charter-" not in line or number in fenced:
            continue
        for start in (m.start() for m in _OPEN_COMMENT.finditer(line)):
            m = _COMMENT.match(line, start)
            where = f"{path}:{number}:{start + 1}"
            if m is None:
                raise InputError(f"{where}: suppression comment is not closed on its line ('-->')")
            directive, codes = m.group(1), _codes(m.group(2), where, known)
            if directive == "disable":
                item = Suppression(codes, number, len(lines), number, start + 1)
                out.items.append(item)
                open_.append(item)
            elif directive == "enable":
                _close(out, open_, codes, number, where)
            elif directive == "disable-next-line":
                target = _next_line(lines, number)
                out.items.append(Suppression(codes, target, target, number, start + 1))
            else:
                raise InputError(
                    f"{where}: unknown directive 'charter-{directive}'; expected "
                    + ", ".join(f"charter-{d}" for d in DIRECTIVES)
                )
    return out


def _codes(text: str, where: str, known: Sequence[str]) -> tuple[str, ...]:
    body = text.split("--", 1)[0]  # '-- reason' is a comment for humans
    codes = tuple(c for c in re.split(r"[\s,]+", body.strip()) if c)
    for code in codes:
        if not _CODE.match(code) or not any(k.startswith(code) for k in known):
            raise InputError(
                f"{where}: unknown rule code '{code}' in suppression comment "
                "(expected lint codes such as L101; see 'charter lint --list-rules')"
            )
    return codes


def _close(
    out: Suppressions, open_: list[Suppression], codes: tuple[str, ...], number: int, where: str
) -> None:
    closing = [s for s in open_ if not codes or set(codes) & set(s.codes)]
    if not closing:
        named = " ".join(codes) or "(all)"
        raise InputError(f"{where}: 'charter-enable {named}' has no matching charter-disable")
    for item in closing:
        open_.remove(item)
        end, item.last = item.last, number
        rest = tuple(c for c in item.codes if c not in codes) if codes else ()
        if rest:  # enabling part of a multi-code disable keeps the rest disabled
            again = Suppression(rest, number + 1, end, item.line, item.col)
            out.items.append(again)
            open_.append(again)


def _next_line(lines: Sequence[str], number: int) -> int:
    for k in range(number, len(lines)):
        text = lines[k].strip()
        if text and not (text.startswith("<!--") and text.endswith("-->")):
            return k + 1
    return number + 1


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")


def block_around(lines: Sequence[str], line: int) -> tuple[int, int]:
    """The 1-based first and last line of the paragraph or list holding ``line``.

    A run of non-blank lines; a list goes on across a blank line when the lines on both
    sides are items or indented, so a loose list counts as one block; a fenced block (an
    example's conversation) counts whole, blank lines and all."""
    first = last = min(max(line, 1), len(lines))
    fenced = _fenced_lines(lines)
    while first - 1 in fenced and first in fenced:
        first -= 1
    while last + 1 in fenced and last in fenced:
        last += 1
    while first > 1 and (lines[first - 2].strip() or _inside_list(lines, first - 1)):
        first -= 1
    while last < len(lines) and (lines[last].strip() or _inside_list(lines, last + 1)):
        last += 1
    return first, last


def _listy(text: str) -> bool:
    return bool(_LIST_ITEM.match(text)) or text[:1] in (" ", "\t")


def _inside_list(lines: Sequence[str], blank: int) -> bool:
    """Whether the blank 1-based line ``blank`` sits inside a list (items on both sides)."""
    if not 1 < blank < len(lines) or lines[blank - 1].strip():
        return False
    before, after = lines[blank - 2], lines[blank]
    return bool(before.strip() and after.strip() and _listy(before) and _listy(after))


def placement(
    lines: Sequence[str], line: int, code: str, reason: str = ""
) -> list[tuple[int, str]]:
    """Where to put a suppression of ``code`` for a finding on ``line`` without changing the
    parse: ``(line before which to insert, text)`` pairs.

    An HTML comment on its own line interrupts a paragraph or a list, so a comment is never
    put inside one: a finding in a one-line block gets ``disable-next-line`` above it; in a
    longer paragraph or list, ``disable`` goes above the block and ``enable`` below it, each
    set apart by a blank line."""
    note = f" -- {reason.strip()}" if reason.strip() else ""
    note = note.replace("-->", "- ->").replace("\n", " ")
    first, last = block_around(lines, line)
    gap = "" if first == 1 or not lines[first - 2].strip() else "\n"
    if first == last:
        return [(first, f"{gap}<!-- charter-disable-next-line {code}{note} -->\n")]
    before = "\n\n" if last == len(lines) else "\n"  # at the end of a file without "\n"
    return [
        (first, f"{gap}<!-- charter-disable {code}{note} -->\n\n"),
        (last + 1, f"{before}<!-- charter-enable {code} -->\n"),
    ]


__all__ = [
    "DIRECTIVES",
    "Suppression",
    "Suppressions",
    "block_around",
    "placement",
    "read_suppressions",
]
