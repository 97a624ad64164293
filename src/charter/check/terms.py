"""Defined terms (``**Term**: meaning`` in informative clauses) across modules (C005).

Two definitions of one term conflict when their meanings differ and they sit in two
different modules that see each other (one imports the other, directly or not): a
reader of either module would otherwise take the word in two senses. Definitions in
unrelated modules may differ freely, and one module defining a word twice (the Model
Spec defines "Developer" as a level and as a role) is its author's choice, left to lint.
"""

from __future__ import annotations

from collections import defaultdict

from charter.check import codes
from charter.check.diag import make, related
from charter.check.symbols import SymbolTable
from charter.diagnostics import Diagnostic
from charter.spec.model import Definition, Module


def check_terms(table: SymbolTable) -> list[Diagnostic]:
    by_term: dict[str, list[tuple[Module, Definition]]] = defaultdict(list)
    for module in table.project.modules:
        for clause in module.clauses:
            for definition in clause.definitions:
                by_term[definition.term.casefold()].append((module, definition))
    found: list[Diagnostic] = []
    for entries in by_term.values():
        for i, (module, definition) in enumerate(entries):
            for earlier_module, earlier in entries[:i]:
                if earlier_module.path == module.path or _same(definition, earlier):
                    continue
                if table.related_modules(module, earlier_module):
                    found.append(_conflict(module, definition, earlier_module, earlier))
                    break
    return found


def _same(a: Definition, b: Definition) -> bool:
    return " ".join(a.meaning.casefold().split()) == " ".join(b.meaning.casefold().split())


def _conflict(
    module: Module, definition: Definition, other: Module, earlier: Definition
) -> Diagnostic:
    message = (
        f"'{definition.term}' is defined in '{module.path}' differently from its definition "
        f"in '{other.path}' (line {earlier.span.line}); use one meaning or another term"
    )
    others = [related(f"'{earlier.term}' defined here: {earlier.meaning[:80]}", earlier.span)]
    return make(codes.C005, message, definition.span, others=others)
