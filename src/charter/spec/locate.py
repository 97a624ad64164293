"""The one project locator: which project a PATH given on the command line belongs to.

Every command that loads a spec or opens the store asks :func:`project_root`, so a PATH
finds the same project, and so the same ``.charter/charter.db``, everywhere:

- a folder: the nearest folder at or above it that holds a charter configuration (as git
  finds ``.git``: ``proj/sub`` belongs to ``proj/charter.toml``), else the folder itself;
- a ``charter.toml`` / ``pyproject.toml`` file: its folder;
- any other file (a module, a prompt file): the nearest folder at or above it that holds
  a charter configuration, else the file's own folder.

Locating never creates anything; a PATH that does not exist is ``None``.
"""

from __future__ import annotations

import os
from pathlib import Path

from charter.config import find_config


def project_root(path: str | os.PathLike[str]) -> Path | None:
    """The root folder of the project ``path`` belongs to (see the module docstring)."""
    given = Path(path)
    if given.is_dir():
        return config_root(given) or given
    if not given.exists():
        return None
    if given.suffix == ".toml":
        return given.parent
    return config_root(given.parent) or given.parent


def config_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding a charter configuration."""
    for candidate in (folder, *folder.resolve().parents):
        if find_config(candidate) is not None:
            return candidate
    return None
