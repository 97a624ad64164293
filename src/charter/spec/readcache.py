"""What the loader asks of the file system, answered without repeating work on a reload.

A language server loads its project again after every edit: the Model Spec's 114 prompt
files would each be opened, read, decoded, resolved (``realpath``) and given a display
path every time. This module answers the same questions with the same results, cheaper:

- :func:`read_text`: a regular file's text, read again only when its identity or
  metadata changed (device, inode, size, modification and change times in nanoseconds:
  a write always moves the change time, which no user can set back). A file that could
  not be used (missing, too large, binary, not UTF-8, not regular) is never remembered,
  so its diagnostic is produced afresh by :func:`~charter.spec.parse.read_source`.
- :class:`RealPaths`: ``os.path.realpath`` of files, resolving each folder once per load
  (a file that is not itself a link resolves to its resolved folder plus its name).
- :func:`display_path`: the loader's display form of a path, memoised (pure strings).
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import Path

from charter.diagnostics import Diagnostic
from charter.spec.parse import read_source

_Stamp = tuple[int, int, int, int, int, int]  # dev, ino, size, mtime_ns, ctime_ns, limit
_TEXTS: dict[str, tuple[_Stamp, str]] = {}


def read_text(path: Path, shown: str, max_bytes: int) -> tuple[str | None, list[Diagnostic]]:
    """:func:`read_source`, with the text of an unchanged regular file remembered."""
    key = str(path)
    try:
        info = os.stat(path)
    except OSError:
        _TEXTS.pop(key, None)
        return read_source(path, shown, max_bytes)
    stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, max_bytes)
    kept = _TEXTS.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1], []
    text, problems = read_source(path, shown, max_bytes)
    if text is not None and not problems and stat.S_ISREG(info.st_mode):
        _TEXTS[key] = (stamp, text)
    else:
        _TEXTS.pop(key, None)
    return text, problems


class RealPaths:
    """``os.path.realpath`` for the files of one load, each folder resolved once."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def of(self, path: str) -> str:
        folder, name = os.path.split(path)
        if not folder or name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)


def display_path(file: Path | str, cwd: str | None = None) -> str:
    """``file`` relative to ``cwd`` (default: the working directory) when it is at most two
    folders up, else absolute: what diagnostics and the JSON show."""
    return _display(absolute(file), cwd or os.getcwd())


@lru_cache(maxsize=8192)
def _display(absolute: str, cwd: str) -> str:
    rel = os.path.relpath(absolute, cwd)
    if Path(rel).parts.count("..") > 2:
        return absolute
    return Path(rel).as_posix()


def absolute(path: Path | str) -> str:
    return os.path.normpath(os.path.abspath(path))
