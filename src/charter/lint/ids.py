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
        edits.append(id_edit(lines[d.line - 1], d.line, d.col, slug))
    return edits


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def id_edit(raw: str, line: int, col: int, slug: str) -> Edit:
    """Insert into the heading on ``raw`` (its content starts at column ``col``)."""
    body = raw.rstrip("\r").rstrip()
    content = body[col - 1 :] if col >= 1 else body
    attrs = split_heading(content)
    if attrs.block_offset is not None:
        at = col + attrs.block_offset + 1  # just after '{'
        return Edit(line, at, line, at, f"#{slug} ")
    at = len(body) + 1
    return Edit(line, at, line, at, f" {{#{slug}}}")


__all__ = ["id_edit", "id_edits"]
