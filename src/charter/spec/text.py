"""Small helpers for positions in source text: offsets to (line, col) and back."""

from __future__ import annotations

import bisect

from charter.spec.model import Span


class LineIndex:
    """Maps character offsets in a text to 1-based (line, col), for one block of lines.

    ``first_line`` is the 1-based line number of the text's first line, and
    ``first_col`` the 1-based column of its first character, so that a block cut out of
    a file reports positions in the file.
    """

    __slots__ = ("_cols", "_first_line", "_starts", "path")

    def __init__(
        self,
        text: str,
        path: str,
        first_line: int = 1,
        first_col: int = 1,
        line_cols: list[int] | None = None,
    ) -> None:
        self.path = path
        self._first_line = first_line
        # 1-based column of each line's first character (list items, quotes are indented).
        self._cols = line_cols if line_cols is not None else [first_col]
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self._starts, offset) - 1
        col = offset - self._starts[row] + 1
        cols = self._cols
        col += (cols[row] if row < len(cols) else 1) - 1
        return self._first_line + row, col

    def span(self, start: int, end: int) -> Span:
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(self.path, line, col, end_line, end_col)


def slugify(title: str) -> str:
    """The id a heading without ``{#id}`` gets: lower case, words joined by '_'."""
    out: list[str] = []
    pending_sep = False
    for ch in title.lower():
        if ch.isalnum():
            if pending_sep and out:
                out.append("_")
            out.append(ch)
            pending_sep = False
        else:
            pending_sep = True
    return "".join(out) or "section"
