"""Edits that write derived ids into headings without one (``charter fix --ids``).

For every P023 diagnostic of a file, :func:`id_edits` builds one insertion: ``{#slug}`` at
the end of the heading, or ``#slug`` at the start of an existing attribute block
(``{authority=root}`` becomes ``{#slug authority=root}``). The slug is the id the parser
already derived, made unique within the file. Only insertions are made, so with
:func:`charter.spec.writer.apply_edits` every byte outside them is unchanged (line endings,
BOM and trailing spaces included).
"""

from __future__ import annotations

from collections.abc import Iterable

from charter.diagnostics import Diagnostic
from charter.spec.attributes import split_heading
from charter.spec.writer import Edit


def id_edits(text: str, diagnostics: Iterable[Diagnostic], taken: Iterable[str]) -> list[Edit]:
    """One insertion per heading without an id (P023) in ``text``; ``taken``: ids already
    used in the file, so a derived id never duplicates one."""
    lines = text.split("\n")
    used = set(taken)
    edits: list[Edit] = []
    for d in sorted(diagnostics, key=lambda x: x.line):
        if d.code != "P023" or not d.clause or not 0 < d.line <= len(lines):
            continue
        slug = _unique(d.clause, used)
        line, col, end = id_position(d, lines)
        raw = lines[line - 1]
        # the parser's columns do not count a BOM; the edit is applied to the raw text
        shift = 1 if line == 1 and raw.startswith("\ufeff") else 0
        end = None if end is None else end + shift
        edits.append(id_edit(raw, line, col + shift, slug, end))
    return edits


def id_position(d: Diagnostic, lines: list[str]) -> tuple[int, int, int | None]:
    """The line the id goes on, where the heading's text starts and ends on it: the last
    line of a heading of several lines (setext), where its attribute block is read."""
    last = d.end_line or d.line
    if last == d.line or not 0 < last <= len(lines):
        return d.line, d.col, d.end_col
    raw = lines[last - 1]
    return last, len(raw) - len(raw.lstrip()) + 1, d.end_col


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def id_edit(raw: str, line: int, col: int, slug: str, end_col: int | None = None) -> Edit:
    """Insert into the heading on ``raw``: its content starts at column ``col`` and ends
    before ``end_col`` (the P023 span; the end of the line when unknown). Inserting at
    the content's end, not the line's, keeps an ATX closing sequence (``## Tone ##``)
    closing: ``## Tone {#tone} ##``, not a title "Tone ##"."""
    body = raw.rstrip("\r").rstrip()
    start = max(col, 1)
    end = len(body) + 1 if end_col is None else min(max(end_col, start), len(body) + 1)
    content = body[start - 1 : end - 1]
    attrs = split_heading(content)
    if attrs.block_offset is not None:
        at = start + attrs.block_offset + 1  # just after '{'
        return Edit(line, at, line, at, f"#{slug} ")
    return Edit(line, end, line, end, f" {{#{slug}}}")


__all__ = ["id_edit", "id_edits", "id_position"]
