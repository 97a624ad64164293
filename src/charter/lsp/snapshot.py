"""A project as the editor sees it: loaded with the open documents' unsaved text.

:func:`build_snapshot` calls :func:`charter.load` with the open buffers as overrides, so
module discovery, imports, prompt files and config are exactly ``charter check``'s and
an unchanged file is not parsed again (the loader memoises parses). An open ``.md`` file
the loader did not find is added only when the project would load it as a module (it
matches ``modules``, is not ``exclude``d, not a README, not in an examples folder). In a
folder without a Charter config, only files that read as a spec (front matter with
``charter:``, or a heading with a ``{#id}``) are served: the README of any repository
opened in an editor is not a spec.

Known limit: a module that only the *unsaved* text of another newly imports is not loaded
until that text is saved.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from charter.check.symbols import SymbolTable
from charter.config import find_config
from charter.errors import CharterError
from charter.lsp.texts import Texts, absolute
from charter.spec.loader import display_path, load
from charter.spec.model import Module, Project, PromptFile
from charter.spec.parse import parse_module


@dataclass(slots=True)
class Snapshot:
    """One consistent view of a project: model, symbol table and source lines."""

    root: str
    project: Project
    table: SymbolTable
    texts: Texts
    buffers: dict[str, str]  # absolute path → text of the open documents under root
    error: str | None = None  # a configuration problem that stopped loading
    _modules: dict[str, Module] = field(default_factory=dict)

    def module_at(self, path: str) -> Module | None:
        """The module whose file is ``path`` (any spelling of it)."""
        if not self._modules:
            self._modules = {absolute(m.path): m for m in self.project.modules}
        return self._modules.get(absolute(path))

    def prompt_at(self, path: str) -> PromptFile | None:
        key = absolute(path)
        return next((p for p in self.project.prompt_files if absolute(p.path) == key), None)


def project_root(path: str, examples_dir: str = "examples") -> str:
    """The folder whose project ``path`` belongs to: the nearest folder with a charter
    config, else the file's folder (the parent of an ``examples/`` folder for a prompt
    file)."""
    folder = Path(absolute(path)).parent
    for candidate in (folder, *folder.parents):
        if find_config(candidate) is not None:
            return str(candidate)
    if folder.name == examples_dir:
        return str(folder.parent)
    return str(folder)


def build_snapshot(root: str, buffers: Mapping[str, str]) -> Snapshot:
    """Load ``root`` with ``buffers`` (absolute path → text) over it; never raises for a
    bad spec or config (a config problem is kept in ``error``)."""
    own = {k: v for k, v in buffers.items() if inside(k, root)}
    error: str | None = None
    try:
        project = load(root, overrides=own)
    except CharterError as exc:
        error = str(exc)
        project = Project(root, (), (), ())
    texts = Texts(own)
    project = serve_only_specs(add_new_modules(project, root, own), root, texts)
    return Snapshot(root, project, SymbolTable.build(project), texts, own, error)


_SPEC_MARK = re.compile(r"^#{1,6}[ \t].*\{#[A-Za-z0-9_]|\A---\s*\n(?:.*\n)*?charter\s*:", re.M)


def reads_as_spec(text: str) -> bool:
    """Front matter with ``charter:``, or a heading with an explicit ``{#id}``."""
    return _SPEC_MARK.search(text) is not None


def serve_only_specs(project: Project, root: str, texts: Texts) -> Project:
    """Outside a Charter project (no config), drop the modules that are not specs."""
    if find_config(Path(root)) is not None:
        return project
    keep = [m for m in project.modules if reads_as_spec("\n".join(texts.lines(m.path)))]
    if len(keep) == len(project.modules):
        return project
    paths = {absolute(m.path) for m in keep} | {absolute(p.path) for p in project.prompt_files}
    kept = [d for d in project.diagnostics if absolute(d.path) in paths]
    return Project(project.root, tuple(keep), project.prompt_files, tuple(kept), project.config)


def add_new_modules(project: Project, root: str, buffers: Mapping[str, str]) -> Project:
    """``project`` plus the open files it would load as modules but did not find on disk."""
    known = {absolute(m.path) for m in project.modules}
    known |= {absolute(p.path) for p in project.prompt_files}
    new = [k for k in sorted(buffers) if k not in known and would_load(k, root, project.config)]
    if not new:
        return project
    modules, diags = list(project.modules), list(project.diagnostics)
    for key in new:
        module, found = parse_module(buffers[key], _display(key))
        modules.append(module)
        diags.extend(found)
    return Project(project.root, tuple(modules), project.prompt_files, tuple(diags), project.config)


def would_load(path: str, root: str, config: Any) -> bool:
    """Whether the loader would take ``path`` as a module of the project at ``root``."""
    if config is None or not path.endswith(".md"):
        return False
    rel = PurePosixPath(Path(os.path.relpath(path, absolute(root))).as_posix())
    if rel.parts[:1] == ("..",) or config.examples_dir in rel.parts[:-1]:
        return False
    if any(p.startswith(".") for p in rel.parts) or any(rel.match(x) for x in config.exclude):
        return False
    return any(_glob(p).fullmatch(str(rel)) for p in config.modules)


def _glob(pattern: str) -> re.Pattern[str]:
    """A ``Path.glob`` pattern as a regular expression over a relative POSIX path: ``*``
    and ``?`` stay inside one folder, ``**/`` spans any number of folders (none too)."""
    out = []
    for part in re.split(r"(\*\*/|\*|\?)", pattern):
        out.append({"**/": "(?:.*/)?", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part)))
    return re.compile("".join(out))


def _display(key: str) -> str:
    """A path as the loader shows it: relative to the working directory when close."""
    return display_path(key)


def inside(path: str, root: str) -> bool:
    root = absolute(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
