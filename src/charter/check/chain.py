"""Chain-of-command checks: unknown levels (C020) and ``overrides=`` the chain forbids.

Rules, from the spec format:

- every ``authority=`` must name a level of the module's chain (aliases such as
  ``platform`` for ``root`` allowed); otherwise C020, suggesting the closest level;
- ``overrides=#x`` must resolve (C001/C003) to a clause of the module itself or of a
  module it imports (C022);
- the top level of the chain (``root`` by default) can never be overridden, and a clause
  may override only clauses at its own level or below (C021). Levels are compared in the
  overriding module's chain, which is the one its author reasons in.
"""

from __future__ import annotations

import difflib

from charter.check import codes
from charter.check.diag import make, related
from charter.check.levels import Chain
from charter.check.references import unresolved
from charter.check.symbols import Symbol, SymbolTable
from charter.diagnostics import Diagnostic, Fix
from charter.spec.model import Clause, Module, Reference, Span


def check_levels(table: SymbolTable) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in table.project.modules:
        chain = table.chain(module)
        for clause in module.clauses:
            level = clause.own_authority
            if level is not None and chain.canonical(level) is None:
                found.append(_unknown_level(table, module, clause, level, chain))
    return found


def _unknown_level(
    table: SymbolTable, module: Module, clause: Clause, level: str, chain: Chain
) -> Diagnostic:
    span = _attribute_span(table, clause, f"authority={level}")
    close = difflib.get_close_matches(level, chain.levels, n=1, cutoff=0.4)
    hint = f"did you mean '{close[0]}'? " if close else ""
    message = (
        f"clause #{clause.id} ('{clause.title}') has authority '{level}', which is not a "
        f"level of the chain of command of '{module.path}' ({chain.describe()}, from "
        f"{chain.source}); {hint}"
    ).rstrip("; ")
    fix = None
    if close and span is not clause.span:
        fix = Fix(
            f"use level '{close[0]}'",
            f"authority={close[0]}",
            span.line,
            span.col,
            span.end_line,
            span.end_col,
        )
    return make(codes.C020, message, span, clause=clause.id, fix=fix)


def _attribute_span(table: SymbolTable, clause: Clause, needle: str) -> Span:
    span = clause.span
    found = table.sources.find(span.path, span.line, span.line, needle, span.col)
    return found or span


def check_overrides(table: SymbolTable) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in table.project.modules:
        for clause in module.clauses:
            for ref in clause.overrides:
                found.extend(_check_override(table, module, clause, ref))
    return found


def _check_override(
    table: SymbolTable, module: Module, clause: Clause, ref: Reference
) -> list[Diagnostic]:
    res = table.resolve(module, ref)
    target = res.found
    if target is None and res.elsewhere and not res.ambiguous:
        return [not_imported(module, clause, ref, res.elsewhere[0], "override")]
    if target is None:
        return [unresolved(table, module, clause, ref, res)]
    if not res.imported:
        return [not_imported(module, clause, ref, target, "override")]
    problem = _forbidden(table.chain(module), clause, table.chain(target.module), target.clause)
    if problem is None:
        return []
    message = f"#{clause.id} ('{clause.title}') cannot override #{target.clause.id}: {problem}"
    other = related(f"#{target.clause.id} ('{target.clause.title}') is here", target.clause.span)
    return [make(codes.C021, message, ref.span, clause=clause.id, others=[other])]


def _forbidden(chain: Chain, clause: Clause, target_chain: Chain, target: Clause) -> str | None:
    """Why the chain forbids ``clause`` overriding ``target``, or None if it allows it."""
    target_level = target_chain.canonical(target.authority) if target.authority else None
    if target_level is None:
        return None  # an informative clause has no authority to protect
    if target_level == target_chain.top:
        return f"it is a {target_level} clause, and {target_level} can never be overridden"
    own = chain.rank(clause.authority)
    theirs = chain.rank(target_level)
    if own is None:
        return (
            f"#{clause.id} has no known level of authority, and only a clause at level "
            f"'{target_level}' or above may override a {target_level} clause"
        )
    if theirs is None:
        return f"level '{target_level}' is not in this module's chain ({chain.describe()})"
    if own > theirs:
        return (
            f"#{clause.id} is at level '{chain.levels[own]}', below '{target_level}' "
            f"({chain.describe()}); a clause may override only its own level or below"
        )
    return None


def not_imported(
    module: Module, clause: Clause, ref: Reference, target: Symbol, verb: str
) -> Diagnostic:
    """C022: ``overrides=``/``implements=`` names a clause of a module not imported."""
    message = (
        f"#{clause.id} ('{clause.title}') cannot {verb} #{ref.target}: it is defined in "
        f"'{target.module.path}', which '{module.path}' does not import"
    )
    other = related(f"#{target.clause.id} is defined here", target.clause.span)
    return make(codes.C022, message, ref.span, clause=clause.id, others=[other])
