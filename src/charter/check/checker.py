"""``check_project``: every cross-module check over one loaded project, in one call.

This is the function ``charter check`` runs (it is listed in ``charter.analysis.ANALYSES``).
It builds the symbol table once and hands it to each check in turn. The checks only
read the project; a missing import, an unreadable file or a cycle leaves a hole in the
symbol table that later checks step around, so one problem never hides the others.

The cyclic garbage collector is paused while the checks run (:mod:`charter.collector`):
they allocate many small objects next to a large, long-lived project, and each full
collection would walk the whole project again.
"""

from __future__ import annotations

from collections.abc import Callable

from charter.check.chain import check_levels, check_overrides
from charter.check.contradictions import check_contradictions
from charter.check.examples import check_examples
from charter.check.footnotes import check_footnotes
from charter.check.imports import check_imports
from charter.check.interfaces import check_interfaces
from charter.check.references import check_references
from charter.check.symbols import SymbolTable
from charter.check.terms import check_terms
from charter.collector import collector_paused
from charter.diagnostics import Diagnostic, sort_diagnostics
from charter.spec.model import Project

Check = Callable[[SymbolTable], list[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    check_imports,
    check_references,
    check_levels,
    check_overrides,
    check_interfaces,
    check_footnotes,
    check_examples,
    check_terms,
    check_contradictions,
)


def check_project(project: Project) -> list[Diagnostic]:
    """Every ``C…`` diagnostic for ``project``, sorted; never raises on a bad spec."""
    with collector_paused():
        table = SymbolTable.build(project)
        found: list[Diagnostic] = []
        for check in CHECKS:
            found.extend(check(table))
        return sort_diagnostics(found)
