"""Interfaces between modules: ``abstract`` clauses and the clauses that ``implements=`` them.

An abstract clause states an obligation without its concrete policy ("each product
defines its escalation path"). Rules:

- a module that imports an abstract clause must implement it with a clause carrying
  ``implements=#id`` (C030), unless the module is itself marked ``abstract: true`` — then
  the obligation passes on to whoever imports *that* module;
- ``implements=`` must resolve (C001/C003), to a module imported (C022), and name a clause
  that is abstract (C031).
"""

from __future__ import annotations

from charter.check import codes
from charter.check.chain import not_imported
from charter.check.diag import make, related
from charter.check.references import unresolved
from charter.check.symbols import Symbol, SymbolTable
from charter.diagnostics import Diagnostic
from charter.spec.model import Clause, Module, Reference

Key = tuple[str, str]  # (module path, clause id)


def check_interfaces(table: SymbolTable) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    implemented: dict[str, set[Key]] = {}
    for module in table.project.modules:
        keys: set[Key] = set()
        for clause in module.clauses:
            for ref in clause.implements:
                found.extend(_check_implements(table, module, clause, ref, keys))
        implemented[module.path] = keys
    exposed = _Exposed(table, implemented)
    for module in table.project.modules:
        if not module.abstract:
            found.extend(_unimplemented(table, module, implemented[module.path], exposed))
    return found


def _check_implements(
    table: SymbolTable, module: Module, clause: Clause, ref: Reference, keys: set[Key]
) -> list[Diagnostic]:
    res = table.resolve(module, ref)
    target = res.found or _through_abstract_imports(table, module, res.elsewhere)
    if target is None and res.elsewhere and not res.ambiguous:
        return [not_imported(module, clause, ref, res.elsewhere[0], "implement")]
    if target is None:
        return [unresolved(table, module, clause, ref, res)]
    if res.found is not None and not res.imported:
        return [not_imported(module, clause, ref, target, "implement")]
    keys.add((target.module.path, target.clause.id))
    if target.clause.abstract:
        return []
    message = (
        f"#{clause.id} ('{clause.title}') implements #{target.clause.id} "
        f"('{target.clause.title}'), which is not abstract; mark it 'abstract' or use "
        "'overrides=' instead"
    )
    other = related(f"#{target.clause.id} is declared here, without 'abstract'", target.clause.span)
    return [make(codes.C031, message, ref.span, clause=clause.id, others=[other])]


def _through_abstract_imports(
    table: SymbolTable, module: Module, elsewhere: tuple[Symbol, ...]
) -> Symbol | None:
    """An abstract clause passed on by an abstract module this one imports indirectly."""
    reach = table.reachable(module)
    hits = [s for s in elsewhere if s.module.path in reach and s.clause.abstract]
    return hits[0] if len(hits) == 1 else None


class _Exposed:
    """Abstract clauses a module passes on to its importers (memoised, cycle-safe)."""

    def __init__(self, table: SymbolTable, implemented: dict[str, set[Key]]) -> None:
        self.table = table
        self.implemented = implemented
        self.memo: dict[str, list[Symbol]] = {}

    def of(self, module: Module) -> list[Symbol]:
        cached = self.memo.get(module.path)
        if cached is not None:
            return cached
        self.memo[module.path] = []  # a cycle back here adds nothing new
        own = [Symbol(module, c) for c in module.clauses if c.abstract]
        if module.abstract:
            done = self.implemented.get(module.path, set())
            for imported in self.table.imports(module):
                own.extend(s for s in self.of(imported) if _key(s) not in done)
        self.memo[module.path] = _unique(own)
        return self.memo[module.path]


def _unimplemented(
    table: SymbolTable, module: Module, done: set[Key], exposed: _Exposed
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for edge in table.edges.get(module.path, ()):
        if edge.module is None or edge.module.path == module.path:
            continue
        for symbol in exposed.of(edge.module):
            if _key(symbol) in done:
                continue
            span = table.sources.import_span(module, edge.spec)
            message = (
                f"module '{module.path}' imports '{edge.spec}' but does not implement its "
                f"abstract clause #{symbol.clause.id} ('{symbol.clause.title}', in "
                f"'{symbol.module.path}'); add a clause with 'implements=#{symbol.clause.id}' "
                "or mark the module 'abstract: true'"
            )
            other = related(
                f"abstract clause #{symbol.clause.id} is declared here", symbol.clause.span
            )
            found.append(make(codes.C030, message, span, others=[other]))
    return found


def _key(symbol: Symbol) -> Key:
    return (symbol.module.path, symbol.clause.id)


def _unique(symbols: list[Symbol]) -> list[Symbol]:
    return list({_key(s): s for s in symbols}.values())
