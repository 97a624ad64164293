"""Build check diagnostics from registered codes, with related locations from spans."""

from __future__ import annotations

from collections.abc import Sequence

from charter.diagnostics import CodeInfo, Diagnostic, Fix, Related
from charter.spec.diag import make as spec_make
from charter.spec.model import Clause, Span


def related(message: str, span: Span) -> Related:
    """The other end of a finding, at ``span``."""
    return Related(
        message,
        span.path,
        max(span.line, 1),
        max(span.col, 1),
        span.end_line or None,
        span.end_col or None,
    )


def make(
    info: CodeInfo,
    message: str,
    span: Span,
    *,
    clause: str | None = None,
    others: Sequence[Related] = (),
    fix: Fix | None = None,
) -> Diagnostic:
    """A diagnostic at ``span``; severity and code come from the registry entry."""
    return spec_make(
        info,
        message,
        span.path,
        span.line,
        span.col,
        end_line=span.end_line or None,
        end_col=span.end_col or None,
        clause=clause,
        fix=fix,
        related=others,
    )


def describe(clause: Clause, module_path: str | None = None) -> str:
    """``#id ('Title')`` or ``file.md#id ('Title')`` for messages."""
    where = f"{module_path}#" if module_path else "#"
    return f"{where}{clause.id} ('{clause.title}')"
