"""Reference checks: unresolved (C001), duplicate ids (C002), ambiguous (C003), a
qualified reference into a module not imported (C004), unresolved ``BAD[#id]`` (C050).

Every message names both ends: the reference as written, the clause that writes it, and
the clause it resolves to — or, when it resolves to nothing, the nearest id this module
can see (``did you mean``) and any module that defines the id but is not imported.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from charter.check import codes
from charter.check.diag import make, related
from charter.check.symbols import Resolution, SymbolTable
from charter.diagnostics import CodeInfo, Diagnostic, Related
from charter.spec.model import Clause, Module, Reference, RefKind


def written(ref: Reference) -> str:
    """The reference roughly as the author wrote it, for messages."""
    target = f"{ref.file or ''}#{ref.target}"
    if ref.kind is RefKind.SECTION:
        return f"[?]({target})"
    if ref.kind in (RefKind.LINK, RefKind.FILE):
        label = ref.text if len(ref.text) <= 40 else ref.text[:37] + "..."
        return f"[{label}]({target})"
    if ref.kind is RefKind.CANDIDATE:
        return f"BAD[{target}]"
    return f"{ref.kind.value}={target}"


def check_references(table: SymbolTable) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for module in table.project.modules:
        found.extend(_duplicates(module))
        for clause in module.clauses:
            for ref in clause.references:
                found.extend(_check_one(table, module, clause, ref))
    return found


def _duplicates(module: Module) -> list[Diagnostic]:
    first: dict[str, Clause] = {}
    found: list[Diagnostic] = []
    for clause in module.clauses:
        earlier = first.setdefault(clause.id, clause)
        if earlier is clause:
            continue
        message = (
            f"clause id '{clause.id}' ('{clause.title}') is already used in {module.path} "
            f"by '{earlier.title}' at line {earlier.span.line}; ids must be unique in a module"
        )
        other = related(f"first clause with id '{clause.id}'", earlier.span)
        found.append(make(codes.C002, message, clause.span, clause=clause.id, others=[other]))
    return found


def _check_one(
    table: SymbolTable, module: Module, clause: Clause, ref: Reference
) -> list[Diagnostic]:
    res = table.resolve(module, ref)
    where = f"{written(ref)} in #{clause.id} ('{clause.title}')"
    if res.found is not None:
        if res.imported or not ref.file:
            return []
        target = res.found
        message = (
            f"{where} points into module '{target.module.path}', which '{module.path}' "
            "does not import; add it to 'imports'"
        )
        other = related(f"#{target.clause.id} is defined here", target.clause.span)
        return [make(codes.C004, message, ref.span, clause=clause.id, others=[other])]
    info = codes.C050 if ref.kind is RefKind.CANDIDATE else codes.C001
    return [unresolved(table, module, clause, ref, res, info)]


def unresolved(
    table: SymbolTable,
    module: Module,
    clause: Clause,
    ref: Reference,
    res: Resolution,
    info: CodeInfo = codes.C001,
) -> Diagnostic:
    """A C001/C003 (or ``info``) diagnostic explaining why ``ref`` did not resolve."""
    where = f"{written(ref)} in #{clause.id} ('{clause.title}')"
    if res.ambiguous:
        names = ", ".join(f"'{s.module.path}'" for s in res.ambiguous)
        message = (
            f"{where} is ambiguous: '{ref.target}' is defined by {names}, all imported by "
            f"'{module.path}'; write it as 'file.md#{ref.target}'"
        )
        others = [related(f"'{ref.target}' defined here", s.clause.span) for s in res.ambiguous]
        return make(codes.C003, message, ref.span, clause=clause.id, others=others)
    message, others = _why_missing(table, module, ref, res)
    return make(
        info, f"{where} does not resolve: {message}", ref.span, clause=clause.id, others=others
    )


def _why_missing(
    table: SymbolTable, module: Module, ref: Reference, res: Resolution
) -> tuple[str, list[Related]]:
    if res.missing_module is not None:
        return f"no module '{res.missing_module}' is loaded in this project", []
    if ref.file:
        return f"module '{ref.file}' has no clause '{ref.target}'", []
    if res.elsewhere:
        home = res.elsewhere[0]
        text = (
            f"'{ref.target}' is defined in '{home.module.path}', which '{module.path}' does "
            f"not import; add it to 'imports' or write '{_relative(module, home.module)}"
            f"#{ref.target}'"
        )
        return text, [related(f"'{ref.target}' defined here", home.clause.span)]
    text = f"no clause '{ref.target}' in '{module.path}' or the modules it imports"
    close = difflib.get_close_matches(ref.target, table.visible_ids(module), n=1, cutoff=0.75)
    if not close:
        return text, []
    res_close = table.resolve_id(module, close[0])
    others = (
        [related(f"did you mean '#{close[0]}'?", res_close.found.clause.span)]
        if (res_close.found is not None)
        else []
    )
    return f"{text}; did you mean '#{close[0]}'?", others


def _relative(module: Module, other: Module) -> str:
    """``other``'s path as written from ``module``'s folder (how imports are written)."""
    return Path(os.path.relpath(other.path, os.path.dirname(module.path) or ".")).as_posix()
