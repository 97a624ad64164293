"""Span-based edits of spec files: the writer behind ``charter fix`` and the page.

An :class:`Edit` replaces the text between two 1-based (line, column) positions — the
same coordinates as :class:`~charter.spec.model.Span`, end exclusive, columns counted in
characters — with new text. :func:`apply_edits` applies several at once and guarantees
that every character outside the edited regions is unchanged (line endings included).
:func:`write_guarded` writes a file only if its bytes still hash to what the caller read,
so an edit prepared against an old view of a file never overwrites a newer one.
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from charter.errors import InputError
from charter.hashing import digest as _digest
from charter.spec.model import Clause


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``line:col`` up to ``end_line:end_col`` (exclusive) with ``text``.
    ``line == end_line and col == end_col`` inserts."""

    line: int
    col: int
    end_line: int
    end_col: int
    text: str


class StaleFileError(InputError):
    """The file changed on disk since the edit was prepared; nothing was written."""


def digest(data: bytes) -> str:
    """The hash that guards a file's content (BLAKE2b, 16 bytes, hex)."""
    return _digest(data, 16)


def offset_of(text: str, line: int, col: int) -> int:
    """The character offset of 1-based ``line``/``col`` in ``text``; positions past the end
    of a line or of the text are clamped to it."""
    start = 0
    for _ in range(line - 1):
        newline = text.find("\n", start)
        if newline < 0:
            return len(text)
        start = newline + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return min(start + max(col, 1) - 1, end)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with every edit applied. Overlapping edits are refused (``ValueError``);
    insertions at the same position keep their given order."""
    ranges = [
        (offset_of(text, e.line, e.col), offset_of(text, e.end_line, e.end_col), i)
        for i, e in enumerate(edits)
    ]
    ranges.sort()
    for (_, end, _), (start, _, _) in itertools.pairwise(ranges):
        if start < end:
            raise ValueError("overlapping edits")
    out: list[str] = []
    position = 0
    for start, end, index in ranges:
        if end < start:
            raise ValueError("an edit ends before it starts")
        out.append(text[position:start])
        out.append(edits[index].text)
        position = end
    out.append(text[position:])
    return "".join(out)


def write_guarded(path: str | Path, expected: str, text: str) -> str:
    """Write ``text`` (UTF-8) to ``path`` if its bytes still hash to ``expected``; return the
    new hash. The write goes through a temporary file and a rename, so a reader never
    sees half a file. Raises :class:`StaleFileError` when the file changed."""
    target = Path(path)
    if target.is_symlink() or not target.is_file():
        raise InputError(f"{target}: not a regular file; nothing written")
    if digest(target.read_bytes()) != expected:
        raise StaleFileError(f"{target}: changed on disk since it was read; nothing written")
    data = text.encode("utf-8")
    mode = target.stat().st_mode & 0o7777
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest(data)


_XML_FENCE = re.compile(r"^(~{3,}|`{3,})xml\s*$")


def fence_of(lines: Sequence[str]) -> str:
    """The fence a module writes conversations with (``~~~`` unless it uses backticks)."""
    for line in lines:
        m = _XML_FENCE.match(line)
        if m:
            return m.group(1)
    return "~~~"


def content_end(lines: Sequence[str], clause: Clause) -> int:
    """The last non-blank line of the clause's own body (before a child heading)."""
    last = min(clause.body_end_line, len(lines))
    while last > clause.span.line and not lines[last - 1].strip():
        last -= 1
    return last


def example_edit(
    lines: Sequence[str], clause: Clause, title: str, user: str, good: str, bad: str, reason: str
) -> Edit:
    """Insert an ``**Example**`` (a user message, a GOOD and a BAD answer with its reason)
    after the last line of the clause's body, in the module's own fence, set apart by
    blank lines. The caller vouches that the texts hold no fence or conversation tag."""
    fence = fence_of(lines)
    block = [
        f"**Example**: {title}",
        "",
        f"{fence}xml",
        "<user>",
        user,
        "</user>",
        "<comparison>",
        "<assistant> <!-- GOOD -->",
        good,
        "</assistant>",
        f"<assistant> <!-- BAD: {reason.replace('-->', '- ->')} -->",
        bad,
        "</assistant>",
        "</comparison>",
        fence,
    ]
    at = content_end(lines, clause) + 1
    return Edit(at, 1, at, 1, "\n" + "\n".join(block) + "\n")
