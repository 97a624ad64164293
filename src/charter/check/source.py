"""Exact columns for findings the spec model keeps only to the line (tags, imports, attributes).

The model records a statement's start and a heading's text, not where a footnote tag or
an ``authority=`` sits inside them, nor the line of each ``imports`` entry. This cache
re-reads a module's file once, on demand, to place those findings precisely. A file that
can no longer be read yields no lines, and callers fall back to the coarser span.

An editor's unsaved text wins over the disk: inside ``with buffers(lines_by_path):`` (a
context variable, so threads and tasks each keep their own) every lookup of a path given
there reads the buffer's lines, and columns and quick fixes match what the author sees.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from charter.spec.model import Module, Span
from charter.spec.parse import source_lines

_BUFFERS: ContextVar[Mapping[str, Sequence[str]] | None] = ContextVar(
    "charter_buffers", default=None
)


@contextmanager
def buffers(lines: Mapping[str, Sequence[str]]) -> Iterator[None]:
    """Within the block, :class:`Sources` reads ``lines`` (path → lines) before the disk."""
    token = _BUFFERS.set({os.path.abspath(k): v for k, v in lines.items()})
    try:
        yield
    finally:
        _BUFFERS.reset(token)


class Sources:
    """Lines of source files, read lazily and at most once each."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        cached = self._lines.get(path)
        if cached is None:
            given = (_BUFFERS.get() or {}).get(os.path.abspath(path))
            cached = self._lines[path] = list(given) if given is not None else source_lines(path)
        return cached

    def find(
        self, path: str, first: int, last: int, needle: str, start_col: int = 1
    ) -> Span | None:
        """The first ``needle`` between lines ``first`` (from ``start_col``) and ``last``."""
        lines = self.lines(path)
        for number in range(max(first, 1), min(last, len(lines)) + 1):
            skip = start_col - 1 if number == first else 0
            col = lines[number - 1].find(needle, max(skip, 0))
            if col >= 0:
                return Span(path, number, col + 1, number, col + 1 + len(needle))
        return None

    def import_span(self, module: Module, spec: str) -> Span:
        """Where ``spec`` is written in the module's front matter (else line 1)."""
        lines = self.lines(module.path)
        end = 1
        if lines and lines[0].rstrip() == "---":
            end = next(
                (i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")),
                len(lines),
            )
        found = self.find(module.path, 1, end, spec)
        return found or Span(module.path, 1, 1, 1, 4)

    def tag_span(self, statement_span: Span, tag: str) -> Span:
        """Where ``[^tag]`` is written inside a statement (else the statement's start)."""
        last = statement_span.end_line or statement_span.line
        span = statement_span
        found = self.find(span.path, span.line, last, f"[^{tag}]", span.col)
        return found or statement_span
