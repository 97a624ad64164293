"""Build parse diagnostics from registered codes (so severity comes from one place)."""

from __future__ import annotations

from charter.diagnostics import CodeInfo, Diagnostic, Fix


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
) -> Diagnostic:
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
    )
