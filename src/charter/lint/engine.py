"""Run every active rule over every module of a project and return sorted findings.

``lint_project(project)`` is the analysis ``charter check`` runs: it reads the project's
``[lint]`` settings, applies per-path severities, inline suppressions and the configured
baseline, and returns lint diagnostics only (parse diagnostics stay with the project).
It never raises for problems in the spec; a broken configuration, suppression comment or
baseline raises a :class:`~charter.errors.CharterError` with a clear message.

Segment-local rules run clause by clause through :data:`CLAUSES`, which reuses a
clause's findings from the previous run while nothing they depend on changed (see
:mod:`charter.lint.clause_cache`): a language server re-lints only the edited clause.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from charter.diagnostics import Diagnostic, Severity, sort_diagnostics
from charter.lint.clause_cache import CLAUSES, LOCAL, ClauseCache
from charter.lint.context import ModuleContext, Sources, fill
from charter.lint.matching import RUNNERS
from charter.lint.packs import all_rules, rules_by_code
from charter.lint.rules import Rule, RuleType
from charter.lint.settings import LintSettings, load_settings
from charter.lint.suppress import Suppressions, read_suppressions
from charter.spec.model import Project

UNUSED_SUPPRESSION = "L901"


def lint_project(
    project: Project,
    *,
    settings: LintSettings | None = None,
    sources: Sources | None = None,
    baseline: Path | bool | None = True,
    cache: ClauseCache | None = CLAUSES,
) -> list[Diagnostic]:
    """Lint findings of ``project``. ``baseline``: True uses the configured one (if any),
    False none, a path that file. ``cache``: where segment-local findings are kept by
    clause (None: every rule runs over the whole module; the findings are the same)."""
    settings = settings if settings is not None else load_settings(project)
    run = _Run(project, settings, sources or Sources(), cache)
    for module in project.modules:
        run.lint_module(module)
    found = run.finish()
    from charter.lint.language import save

    save(project)
    path = settings.baseline if baseline is True else (baseline or None)
    if isinstance(path, Path):
        from charter.lint.baseline import read_baseline, subtract_baseline

        found = subtract_baseline(found, read_baseline(path), settings.relative)
    return found


def relevel_parse(diagnostics: Iterable[Diagnostic], settings: LintSettings) -> list[Diagnostic]:
    """Parse diagnostics with the project's [lint] select/ignore/severity applied to the
    configurable parse codes (P023 heading without id, P021 unknown attribute)."""
    from dataclasses import replace

    from charter.lint.settings import PARSE_CODES, parse_levels

    out: list[Diagnostic] = []
    for d in diagnostics:
        if d.code not in PARSE_CODES:
            out.append(d)
            continue
        level = parse_levels(settings, d.code, d.severity, settings.relative(d.path))
        if level is not None:
            out.append(d if level is d.severity else replace(d, severity=level))
    return out


def check_function(rule: Rule) -> Callable[[ModuleContext, Rule], Iterable[Diagnostic]]:
    assert rule.check is not None
    module_name, _, name = rule.check.partition(":")
    func: Any = getattr(importlib.import_module(module_name), name)
    return func  # type: ignore[no-any-return]


def run_rule(ctx: ModuleContext, rule: Rule) -> Iterable[Diagnostic]:
    if rule.type is RuleType.PYTHON:
        return check_function(rule)(ctx, rule)
    return RUNNERS[rule.type](ctx, rule)


class _Run:
    """State of one lint run: sources read, suppressions per file, findings so far."""

    def __init__(
        self, project: Project, settings: LintSettings, sources: Sources, cache: ClauseCache | None
    ) -> None:
        self.project = project
        self.cache = cache
        self.settings = settings
        self.sources = sources
        self.rules = all_rules()
        self.defaults = {rule.code: rule.severity for rule in self.rules}
        self.known = sorted(rules_by_code())
        self.suppressions: dict[str, Suppressions] = {}
        self.levels_by_path: dict[str, dict[str, Severity]] = {}
        self.found: list[Diagnostic] = []

    def lint_module(self, module: Any) -> None:
        levels = self.settings.levels(self.defaults, self.settings.relative(module.path))
        self.levels_by_path[module.path] = levels
        ctx = ModuleContext(self.project, module, self.sources, self.settings, levels)
        active = [r for r in self.rules if r.code in levels and r.code != UNUSED_SUPPRESSION]
        local = {}
        if self.cache is not None:
            local = self.cache.findings(ctx, [r for r in active if r.type in LOCAL], run_rule)
        for rule in active:
            found = local[rule.code] if rule.code in local else run_rule(ctx, rule)
            self.found.extend(d for d in found if not self._suppressed(d))

    def _suppressed(self, d: Diagnostic) -> bool:
        table = self.suppressions.get(d.path)
        if table is None:
            lines = self.sources.lines(d.path)
            table = self.suppressions[d.path] = read_suppressions(lines, d.path, self.known)
        return table.suppressed(d.code, d.line)

    def finish(self) -> list[Diagnostic]:
        for module in self.project.modules:  # files without findings still get checked
            if module.path not in self.suppressions:
                lines = self.sources.lines(module.path)
                self.suppressions[module.path] = read_suppressions(lines, module.path, self.known)
        self.found.extend(self._unused())
        return sort_diagnostics(self.found)

    def _unused(self) -> Iterable[Diagnostic]:
        rule = rules_by_code()[UNUSED_SUPPRESSION]
        for path, table in self.suppressions.items():
            levels = self.levels_by_path.get(path, {})
            severity = levels.get(UNUSED_SUPPRESSION)
            if severity is None:
                continue
            for item in table.items:
                active = not item.codes or any(
                    code.startswith(c) for c in item.codes for code in levels
                )
                if not item.used and active:
                    fields = {"term": " ".join(item.codes) or "every rule", "detail": item.line}
                    yield Diagnostic(
                        rule.code,
                        severity,
                        fill(rule.message, fields),
                        path,
                        item.line,
                        item.col,
                        question=fill(rule.question, fields),
                    )


__all__ = ["check_function", "lint_project", "relevel_parse", "run_rule"]
