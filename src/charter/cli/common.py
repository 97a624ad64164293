"""What several commands share: loading a project and turning diagnostics into exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from charter.cli.terminal import printable
from charter.diagnostics import Diagnostic, exit_code_for
from charter.errors import InputError
from charter.spec.codes import FATAL_CODES
from charter.spec.loader import display_path, load
from charter.spec.model import Project


def require_path(path: str) -> None:
    """A PATH that does not exist is bad input (exit 2) with a plain message, not a
    diagnostic at a line and column of a file that is not there. A dangling link does
    exist, as a link: loading it gives the diagnostic saying why it cannot be read."""
    if not os.path.lexists(path):
        raise InputError(f"no such file or folder: {path}")


def load_project(path: str) -> Project:
    require_path(path)
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
