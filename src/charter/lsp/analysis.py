"""Every finding of ``charter check`` for a snapshot: parse, type check and lint.

This is ``charter.cli.cmd_check.collect`` for a project whose open documents are unsaved:
the lint rules read source lines (for segments and suppression comments), so they are
given the buffers instead of the disk. ``collect`` lives in the CLI layer, which this
package may not import; the same analyses and the same rule (a ``P024`` the checker
reports again as ``C002`` is dropped) apply here.

A bad spec never raises: a malformed suppression comment, which lint reports by raising
``InputError`` with ``path:line:col``, becomes one diagnostic at that place.
"""

from __future__ import annotations

import re

from charter.check.checker import check_project
from charter.diagnostics import Diagnostic, Severity, sort_diagnostics
from charter.errors import CharterError
from charter.lint.context import Sources
from charter.lint.engine import lint_project
from charter.lsp.snapshot import Snapshot

SUPERSEDED_BY: dict[str, str] = {"P024": "C002"}
_WHERE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$", re.S)


def analyse(snapshot: Snapshot) -> list[Diagnostic]:
    """Parse diagnostics plus type-check and lint findings, sorted, superseded dropped."""
    project = snapshot.project
    found = list(project.diagnostics)
    found.extend(check_project(project))
    given = {m.path: snapshot.texts.lines(m.path) for m in project.modules}
    given.update({p.path: snapshot.texts.lines(p.path) for p in project.prompt_files})
    try:
        found.extend(lint_project(project, sources=Sources(given=given)))
    except CharterError as exc:
        found.append(_failure("lint", str(exc), snapshot))
    return sort_diagnostics(_drop_superseded(found))


def _failure(code: str, text: str, snapshot: Snapshot) -> Diagnostic:
    """A failure message, placed at its ``path:line:col`` when it starts with one."""
    m = _WHERE.match(text)
    if m is None:
        first = snapshot.project.modules[0].path if snapshot.project.modules else snapshot.root
        return Diagnostic(code, Severity.ERROR, text, first)
    line, col = int(m["line"]), int(m["col"])
    return Diagnostic(code, Severity.ERROR, m["message"], m["path"], line, col)


def config_failure(snapshot: Snapshot, path: str) -> Diagnostic | None:
    """The configuration error of a snapshot, shown on the document at ``path``."""
    if snapshot.error is None:
        return None
    return Diagnostic("config", Severity.ERROR, snapshot.error, path)


def _drop_superseded(found: list[Diagnostic]) -> list[Diagnostic]:
    places = {(d.code, d.path, d.line) for d in found}
    return [
        d
        for d in found
        if d.code not in SUPERSEDED_BY or (SUPERSEDED_BY[d.code], d.path, d.line) not in places
    ]
