"""Findings as values: the :class:`Diagnostic` every analysis returns.

A diagnostic is immutable and self-contained: code, severity, message, location
(1-based line and column, end exclusive), the clause it concerns, an optional clarifying
question and fix, and related locations. Renderers live in :mod:`charter.diagnostics.render`.
"""

from __future__ import annotations

from charter.diagnostics.model import (
    Diagnostic,
    Fix,
    Related,
    Severity,
    exit_code_for,
    sort_diagnostics,
)
from charter.diagnostics.registry import CodeInfo, describe, known_codes, register

__all__ = [
    "CodeInfo",
    "Diagnostic",
    "Fix",
    "Related",
    "Severity",
    "describe",
    "exit_code_for",
    "known_codes",
    "register",
    "sort_diagnostics",
]
