"""Build parse diagnostics from registered codes (so severity comes from one place)."""

from __future__ import annotations

from collections.abc import Sequence

from charter.diagnostics import CodeInfo, Diagnostic, Fix, Related


def make(
    info: CodeInfo,
    message: str,
    path: str,
    line: int = 1,
    col: int = 1,
    *,
    end_line: int | None = None,
    end_col: int | None = None,
    clause: str | None = None,
    fix: Fix | None = None,
    related: Sequence[Related] = (),
) -> Diagnostic:
    """A diagnostic whose code and severity come from the registry; positions clamped to 1."""
    return Diagnostic(
        info.code,
        info.severity,
        message,
        path,
        max(line, 1),
        max(col, 1),
        end_line,
        end_col,
        clause,
        None,
        fix,
        tuple(related),
    )
