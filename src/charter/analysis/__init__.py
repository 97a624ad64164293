"""Every analysis over a project, as one sorted list: what ``charter check`` prints and
what the language server shows.

Front ends (the CLI, the language server) call :func:`collect`; adding an analysis to
:data:`ANALYSES` adds it to both. Analyses are imported lazily so that start-up stays
fast. A parse finding that an analysis reports again with more context (related
locations) is dropped when both stand at the same place (:data:`SUPERSEDED_BY`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from charter.collector import collector_paused
from charter.diagnostics import Diagnostic, sort_diagnostics
from charter.errors import CharterError
from charter.spec.model import Project

# (module:function, reads source lines). An analysis that reads source lines (lint, for
# segments and suppression comments) is given the caller's ``sources`` — the editor's
# unsaved buffers — as ``sources=``; the others read the model only.
ANALYSES: tuple[tuple[str, bool], ...] = (
    ("charter.check.checker:check_project", False),
    ("charter.lint.engine:lint_project", True),
    ("charter.run.duplicates:check_duplicate_cases", False),
    ("charter.check.homoglyphs:check_homoglyphs", False),
)

SUPERSEDED_BY: dict[str, str] = {"P024": "C002"}

OnError = Callable[[str, CharterError], Diagnostic]


@collector_paused()
def collect(
    project: Project,
    *,
    sources: Mapping[str, Sequence[str]] | None = None,
    on_error: OnError | None = None,
) -> list[Diagnostic]:
    """Parse diagnostics plus every analysis, sorted, superseded findings dropped.

    ``sources`` maps a path to its lines when they differ from the disk. A failure of one
    analysis (a :class:`CharterError`, e.g. a malformed suppression comment) propagates,
    unless ``on_error`` turns it into a diagnostic so the other analyses still count.
    """
    found: list[Diagnostic] = _parse_findings(project)
    for target, reads_sources in ANALYSES:
        module_name, _, func_name = target.partition(":")
        func: Callable[..., list[Diagnostic]] = getattr(
            importlib.import_module(module_name), func_name
        )
        kwargs: dict[str, Any] = {}
        if reads_sources and sources is not None:
            kwargs["sources"] = _lint_sources(sources)
        try:
            found.extend(func(project, **kwargs))
        except CharterError as exc:
            if on_error is None:
                raise
            found.append(on_error(target, exc))
    return sort_diagnostics(drop_superseded(found))


def _parse_findings(project: Project) -> list[Diagnostic]:
    """Parse diagnostics, with [lint] severities applied to the configurable P codes (P023)."""
    from charter.lint.engine import relevel_parse
    from charter.lint.settings import load_settings

    try:
        return relevel_parse(project.diagnostics, load_settings(project))
    except CharterError:  # a broken [lint] table is reported by lint itself
        return list(project.diagnostics)


def _lint_sources(sources: Mapping[str, Sequence[str]]) -> Any:
    from charter.lint.context import Sources

    return Sources(given={path: list(lines) for path, lines in sources.items()})


def drop_superseded(found: list[Diagnostic]) -> list[Diagnostic]:
    places = {(d.code, d.path, d.line) for d in found}
    return [
        d
        for d in found
        if d.code not in SUPERSEDED_BY or (SUPERSEDED_BY[d.code], d.path, d.line) not in places
    ]
