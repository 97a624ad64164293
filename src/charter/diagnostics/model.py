"""The Diagnostic value and helpers over collections of diagnostics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_RANKS = {"error": 0, "warning": 1, "info": 2}


class Severity(StrEnum):
    """How serious a finding is; only ``error`` fails a command."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self.value]


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a diagnostic (the other end of a contradiction...)."""

    message: str
    path: str
    line: int
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested edit: replace the text between two positions with ``replacement``."""

    description: str
    replacement: str | None = None
    line: int | None = None
    col: int | None = None
    end_line: int | None = None
    end_col: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "replacement": self.replacement,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about a spec, located at ``path:line:col`` (1-based)."""

    code: str
    severity: Severity
    message: str
    path: str
    line: int = 1
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None
    clause: str | None = None
    question: str | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default_factory=tuple)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.line, self.col, self.severity.rank, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "clause": self.clause,
            "question": self.question,
            "fix": self.fix.to_dict() if self.fix else None,
            "related": [r.to_dict() for r in self.related],
        }


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable order for output: by file, position, severity, code; duplicates dropped."""
    unique = dict.fromkeys(diagnostics)
    return sorted(unique, key=Diagnostic.sort_key)


def exit_code_for(diagnostics: Iterable[Diagnostic]) -> int:
    """Exit code of DESIGN §4 for a finished analysis: 1 if any error, else 0."""
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0
