"""A project as the editor sees it: loaded from disk, with open documents laid over it.

The overlay: :func:`charter.load` reads the project from disk (module discovery, imports,
prompt files, config exactly as ``charter check`` does), then every module or prompt file
that is open in the editor is parsed again from its unsaved buffer with
:func:`charter.parse_module` / ``parse_prompt_file``, replacing the disk version and the
disk version's parse diagnostics. An open ``.md`` file the loader did not find (a new
file, or one no module reaches) is added as a module. The result is an ordinary
:class:`~charter.spec.model.Project`, so every analysis runs on it unchanged.

Known limit: a module that only the *unsaved* text of another newly imports is not loaded
until that text is saved.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from charter.check.symbols import SymbolTable
from charter.config import find_config
from charter.diagnostics import Diagnostic
from charter.errors import CharterError
from charter.lsp.texts import Texts, absolute
from charter.spec.loader import display_path, load
from charter.spec.model import Module, Project, PromptFile
from charter.spec.parse import parse_module
from charter.spec.prompts import parse_prompt_file


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
    """Load ``root`` and lay ``buffers`` (absolute path → text) over it; never raises for
    a bad spec or config (a config problem is kept in ``error``)."""
    own = {k: v for k, v in buffers.items() if inside(k, root)}
    error: str | None = None
    try:
        project = overlay(load(root), own)
    except CharterError as exc:
        error = str(exc)
        project = overlay(Project(root, (), (), ()), own)
    return Snapshot(root, project, SymbolTable.build(project), Texts(own), own, error)


def overlay(project: Project, buffers: Mapping[str, str]) -> Project:
    """``project`` with every module and prompt file in ``buffers`` parsed from there."""
    replaced: set[str] = set()
    diags: list[Diagnostic] = []
    modules: list[Module] = []
    for module in project.modules:
        key = absolute(module.path)
        if key in buffers:
            replaced.add(key)
            module, found = parse_module(buffers[key], module.path)
            diags.extend(found)
        modules.append(module)
    prompts = _overlay_prompts(project, buffers, replaced, diags)
    examples_dir = getattr(project.config, "examples_dir", "examples")
    for key in sorted(set(buffers) - replaced):
        if key.endswith(".md") and Path(key).parent.name != examples_dir:
            module, found = parse_module(buffers[key], _display(key))
            modules.append(module)
            diags.extend(found)
            replaced.add(key)
    kept = [d for d in project.diagnostics if absolute(d.path) not in replaced]
    return Project(
        project.root, tuple(modules), tuple(prompts), tuple(kept + diags), project.config
    )


def _overlay_prompts(
    project: Project, buffers: Mapping[str, str], replaced: set[str], diags: list[Diagnostic]
) -> list[PromptFile]:
    prompts: list[PromptFile] = []
    for prompt in project.prompt_files:
        key = absolute(prompt.path)
        if key in buffers:
            replaced.add(key)
            prompt, found = parse_prompt_file(buffers[key], prompt.path)
            diags.extend(found)
        prompts.append(prompt)
    return prompts


def _display(key: str) -> str:
    """A path as the loader shows it: relative to the working directory when close."""
    return display_path(key)


def inside(path: str, root: str) -> bool:
    root = absolute(root)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
