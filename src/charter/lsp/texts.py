"""Source lines of spec files for position work: open buffers first, then the disk.

Every path is keyed by its absolute, normalised form, so a module's display path (the
loader's, relative to the working directory) and a document URI's path meet. Text is
normalised the way the parser normalises it (BOM dropped, CRLF and CR as LF), so the
1-based line and column of a span index these lines directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def absolute(path: str) -> str:
    """The key of a file: absolute and normalised (no symlink resolution: cheap)."""
    return os.path.normpath(os.path.abspath(path))


def split_lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class Texts:
    """Lines of files, from ``buffers`` (absolute path → text) or read once from disk."""

    def __init__(self, buffers: Mapping[str, str]) -> None:
        self._buffers = buffers
        self._lines: dict[str, list[str]] = {}
        self._crlf: dict[str, bool] = {}

    def lines(self, path: str) -> list[str]:
        key = absolute(path)
        cached = self._lines.get(key)
        if cached is None:
            text = self._buffers.get(key)
            if text is None:
                text = _read(key)
            self._crlf[key] = "\r\n" in text
            cached = self._lines[key] = split_lines(text)
        return cached

    def newline(self, path: str) -> str:
        """The line ending text inserted into ``path`` should use: CRLF in a file that
        has one, else LF (the lines themselves are normalised)."""
        self.lines(path)
        return "\r\n" if self._crlf.get(absolute(path)) else "\n"

    def line(self, path: str, number: int) -> str:
        """Line ``number`` (1-based) of ``path``; empty when there is no such line."""
        lines = self.lines(path)
        return lines[number - 1] if 1 <= number <= len(lines) else ""


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
