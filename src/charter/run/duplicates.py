"""Case ids must be unique before a run starts (issue 11, item 3).

Results are stored by case id, so two cases with one id cannot both be kept: the run
used to crash on ``UNIQUE constraint failed`` halfway through. :func:`blocking` lists
what makes ids collide — a duplicate clause id inside a module (``P024``, which
``charter check`` reports as ``C002`` at the same place) and a case id shared by two
modules (``T003``, reported by ``charter check`` too through
:func:`check_duplicate_cases`) — and ``charter test`` stops on any of them before a
model call.
"""

from __future__ import annotations

from charter.diagnostics import Diagnostic
from charter.run.codes import T003
from charter.run.plan import Filters, Plan, plan_cases
from charter.spec.model import Project

_CLAUSE_DUPLICATES = frozenset({"P024"})


def check_duplicate_cases(project: Project) -> list[Diagnostic]:
    """``T003`` for every case whose id an earlier case of another module already has
    (collisions inside one module are the duplicate clause id findings)."""
    first: dict[str, tuple[str, str]] = {}  # case id -> (module path, where)
    found: list[Diagnostic] = []
    if len(project.modules) < 2:
        return found  # no other module to collide with: spare planning every case
    for module in project.modules:
        for case in plan_cases(project, Plan(Filters(modules=(module.path,)))):
            where = f"{case.span.path}:{case.span.line}"
            earlier = first.setdefault(case.id, (module.path, where))
            if earlier[0] == module.path:
                continue  # inside one module: a duplicate clause id, reported as such
            message = (
                f"case id '{case.id}' is also the id of a case at {earlier[1]}: both "
                f"modules have the id '{case.module}'; give one another id in its front matter"
            )
            span = case.span
            found.append(
                Diagnostic(
                    T003.code,
                    T003.severity,
                    message,
                    span.path,
                    span.line,
                    span.col,
                    clause=case.clause.id,
                )
            )
    return found


def blocking(project: Project) -> list[Diagnostic]:
    """Findings that would give two cases one id: ``charter test`` stops on these."""
    clauses = [d for d in project.diagnostics if d.code in _CLAUSE_DUPLICATES]
    return clauses + check_duplicate_cases(project)
