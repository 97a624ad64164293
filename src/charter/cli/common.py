"""What several commands share: loading a project and turning diagnostics into exit codes."""

from __future__ import annotations

from collections.abc import Iterable

from charter.diagnostics import Diagnostic, exit_code_for
from charter.spec.codes import FATAL_CODES
from charter.spec.loader import load
from charter.spec.model import Project


def load_project(path: str) -> Project:
    return load(path)


def exit_code(diagnostics: Iterable[Diagnostic]) -> int:
    """2 when the spec could not be read at all, 1 on any error finding, else 0."""
    items = list(diagnostics)
    if any(d.code in FATAL_CODES for d in items):
        return 2
    return exit_code_for(items)
