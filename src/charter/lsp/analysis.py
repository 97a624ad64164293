"""Every finding of ``charter check`` for a snapshot: parse, type check and lint.

The same :func:`charter.analysis.collect` that ``charter check`` runs, given the open
documents' unsaved buffers as sources (lint reads source lines for segments and
suppression comments; check reads them through :func:`charter.check.source.buffers`,
so its columns and quick fixes match the buffer, not the saved file).

A bad spec never raises: a malformed suppression comment, which lint reports by raising
``InputError`` with ``path:line:col``, becomes one diagnostic at that place.
"""

from __future__ import annotations

import re

from charter.analysis import collect
from charter.check.source import buffers
from charter.diagnostics import Diagnostic, Severity
from charter.errors import CharterError
from charter.lsp.snapshot import Snapshot

_WHERE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$", re.S)


def analyse(snapshot: Snapshot) -> list[Diagnostic]:
    """Parse diagnostics plus type-check and lint findings, sorted, superseded dropped."""
    project = snapshot.project
    given = {m.path: snapshot.texts.lines(m.path) for m in project.modules}
    given.update({p.path: snapshot.texts.lines(p.path) for p in project.prompt_files})

    def failure(target: str, exc: CharterError) -> Diagnostic:
        return _failure("lint" if "lint" in target else "check", str(exc), snapshot)

    with buffers(given):
        return collect(project, sources=given, on_error=failure)


def _failure(code: str, text: str, snapshot: Snapshot) -> Diagnostic:
    """A failure message, placed at its ``path:line:col`` when it starts with one."""
    m = _WHERE.match(text)
    if m is None:
        first = snapshot.project.modules[0].path if snapshot.project.modules else snapshot.root
        return Diagnostic(code, Severity.ERROR, text, first)
    line, col = int(m["line"]), int(m["col"])
    return Diagnostic(code, Severity.ERROR, m["message"], m["path"], line, col)


def config_failure(error: str | None, path: str) -> Diagnostic | None:
    """A snapshot's configuration error, shown on the document at ``path``."""
    if error is None:
        return None
    return Diagnostic("config", Severity.ERROR, error, path)
