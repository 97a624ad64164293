"""Structural rules: empty clauses and duplicate example titles."""

from __future__ import annotations

from collections.abc import Iterator

from charter.diagnostics import Diagnostic, Related
from charter.lint.context import ModuleContext
from charter.lint.rules import Rule
from charter.spec.model import Clause


def _body_is_blank(ctx: ModuleContext, clause: Clause) -> bool:
    lines = ctx.lines
    for number in range(clause.span.line + 1, min(clause.body_end_line, len(lines)) + 1):
        text = lines[number - 1].strip()
        if text and not (text.startswith("<!--") and text.endswith("-->")):
            return False
    return True


def empty_clause(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """A heading with nothing under it: no text, no example, no sub-clause."""
    for clause in ctx.module.clauses:
        if clause.children or clause.statements or clause.examples or clause.test_blocks:
            continue
        if clause.commentary or clause.definitions or not _body_is_blank(ctx, clause):
            continue
        yield ctx.at_clause(rule, clause)


def duplicate_example_title(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """Two examples of one clause with the same title: test ids and reports collide."""
    for clause in ctx.module.clauses:
        seen: dict[str, int] = {}
        for example in clause.examples:
            key = " ".join(example.title.casefold().split())
            if not key:
                continue
            span = example.span
            if key in seen:
                first = seen[key]
                yield ctx.at_clause(
                    rule,
                    clause,
                    line=span.line,
                    col=span.col,
                    term=example.title,
                    detail=str(first),
                    related=(Related("first example with this title", span.path, first),),
                )
            else:
                seen[key] = span.line


def no_op(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """L901 is reported by the engine after suppressions are applied; nothing here."""
    return iter(())
