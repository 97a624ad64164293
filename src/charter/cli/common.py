"""What several commands share: loading a project and turning diagnostics into exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from charter.cli.terminal import printable
from charter.diagnostics import Diagnostic, exit_code_for
from charter.spec.codes import FATAL_CODES
from charter.spec.loader import display_path, load
from charter.spec.model import Project


def load_project(path: str) -> Project:
    project = load(path)
    say_which_project(path, project)
    return project


def say_which_project(path: str, project: Project) -> None:
    """A folder inside a project (``proj/sub``) is read with the settings of the project
    above it, as git finds ``.git``: say which one, on standard error."""
    config = project.config
    source = getattr(config, "source", None)
    given = Path(path)
    if source is None or not given.is_dir() or given.resolve() == Path(config.root).resolve():
        return
    message = (
        f"charter: {path} is inside the project at {project.root}; using {display_path(source)}"
    )
    print(printable(message), file=sys.stderr)


def exit_code(diagnostics: Iterable[Diagnostic]) -> int:
    """2 when the spec could not be read at all, 1 on any error finding, else 0."""
    items = list(diagnostics)
    if any(d.code in FATAL_CODES for d in items):
        return 2
    return exit_code_for(items)
