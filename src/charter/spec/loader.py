"""Load a spec project: find its modules and prompt files, parse them, link them.

``load(path)`` accepts a folder, a ``charter.toml`` / ``pyproject.toml``, or one Markdown
file. It never raises for problems in the spec itself — those are diagnostics on the
returned Project; only unusable configuration raises :class:`ConfigError`.

``overrides`` (absolute path → text) stands in for files on disk: an editor's unsaved
buffers. The last parse of each file is kept, so loading again after one file changed
re-parses that file only, and of it only the edited section when that is safe
(:mod:`charter.spec.incremental`); a file on disk whose metadata did not change is not
read again (:mod:`charter.spec.readcache`).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath

from charter.collector import collector_paused
from charter.config import ProjectConfig, find_config, load_config
from charter.diagnostics import Diagnostic
from charter.spec import codes
from charter.spec.diag import make
from charter.spec.incremental import reparse
from charter.spec.locate import project_root
from charter.spec.model import Module, Project, PromptFile
from charter.spec.parse import Parsed, parse_module
from charter.spec.prompts import parse_prompt_file
from charter.spec.readcache import RealPaths, read_text
from charter.spec.readcache import display_path as display_path  # re-exported


@collector_paused()
def load(path: str | os.PathLike[str], overrides: Mapping[str, str] | None = None) -> Project:
    """Load the project at ``path``; see the module docstring."""
    texts = {_absolute(k): v for k, v in (overrides or {}).items()}
    given = Path(path)
    if not given.exists() and not given.is_symlink():
        diag = make(codes.P001, "no such file or folder", str(given))
        return Project(str(given), (), (), (diag,))
    if given.is_file() and given.suffix == ".toml":
        config = load_config(given.parent, given)
        return _load_folder(given.parent, config, texts)
    if given.is_dir():
        root = project_root(given) or given
        if root != given:  # a subfolder of a project: its modules, the project's settings
            return _load_folder(root, load_config(root), texts, within=given)
        return _load_folder(given, load_config(given), texts)
    return _load_file(given, texts)


# The last parse of each file, by displayed path: loading again after an edit re-parses
# the edited file only, and memory holds one version per file (not one per keystroke).
_MODULES: dict[str, tuple[str, tuple[Module, tuple[Diagnostic, ...]]]] = {}
_PROMPTS: dict[str, tuple[str, tuple[PromptFile, tuple[Diagnostic, ...]]]] = {}


def _parse_module(text: str, shown: str) -> tuple[Module, tuple[Diagnostic, ...]]:
    kept = _MODULES.get(shown)
    if kept is not None and kept[0] == text:
        return kept[1]
    parsed = None
    if kept is not None:  # only the edited section (charter.spec.incremental)
        parsed = reparse(kept[0], Parsed(*kept[1]), text, shown)
    module, diags = parsed if parsed is not None else parse_module(text, shown)
    _MODULES[shown] = (text, (module, tuple(diags)))
    return module, tuple(diags)


def _parse_prompt(text: str, shown: str) -> tuple[PromptFile, tuple[Diagnostic, ...]]:
    kept = _PROMPTS.get(shown)
    if kept is not None and kept[0] == text:
        return kept[1]
    prompt, diags = parse_prompt_file(text, shown)
    _PROMPTS[shown] = (text, (prompt, tuple(diags)))
    return prompt, tuple(diags)


def _load_file(file: Path, texts: dict[str, str]) -> Project:
    root = project_root(file) or file.parent  # the one locator (charter.spec.locate)
    config = load_config(root)
    loader = _Loader(config, root=root, texts=texts)
    loader.add_module(file, given=True)
    return loader.finish()


def _config_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.resolve().parents):
        if find_config(candidate) is not None:
            return candidate
    return None


def _load_folder(
    folder: Path, config: ProjectConfig, texts: dict[str, str], within: Path | None = None
) -> Project:
    """The modules of project ``folder``; only those below ``within`` when it is given."""
    loader = _Loader(config, root=folder, texts=texts)
    files = _module_files(folder, config)
    if within is not None:
        files = [f for f in files if _inside(str(_absolute(f)), _absolute(within))]
    if not files:
        where = "" if within is None else f" below {within} (project {loader.display(folder)})"
        loader.diags.append(
            make(
                codes.P070,
                f"no Markdown module found{where} (looked for {', '.join(config.modules)})",
                str(within or folder),
            )
        )
    for file in files:
        loader.add_module(file)
    return loader.finish()


def _module_files(folder: Path, config: ProjectConfig) -> list[Path]:
    found: dict[Path, None] = {}
    for pattern in config.modules:
        for file in sorted(folder.glob(pattern)):
            rel = PurePosixPath(file.relative_to(folder).as_posix())
            # a broken or looping link is kept: reading it gives the diagnostic saying why
            if (file.is_file() or file.is_symlink()) and not _excluded(rel, config):
                found[file] = None
    return list(found)


def _excluded(rel: PurePosixPath, config: ProjectConfig) -> bool:
    parts = rel.parts
    if config.examples_dir in parts[:-1] or any(p.startswith(".") for p in parts):
        return True
    return any(rel.match(pattern) for pattern in config.exclude)


class _Loader:
    def __init__(self, config: ProjectConfig, root: Path, texts: dict[str, str]) -> None:
        self.texts = texts  # absolute path → text standing in for the file on disk
        self.config = config
        self.given_root = root
        self.root = _absolute(root)
        self.real_root = os.path.realpath(root)
        self.real = RealPaths()  # folders resolved once per load
        self.cwd = os.getcwd()
        self.modules: dict[str, Module] = {}
        self.seen: set[str] = set()
        self.trusted: set[str] = set()
        self.prompt_dirs: dict[str, None] = {}
        self.diags: list[Diagnostic] = []

    def display(self, file: Path | str) -> str:
        """Paths in diagnostics are relative to the working directory, like a compiler's.

        Pure string work (no ``resolve``): loading 1,000 files must not cost 1,000 walks
        of the file system.
        """
        return display_path(file, self.cwd)

    def add_module(self, file: Path, *, given: bool = False) -> None:
        """Parse ``file`` and, breadth first, every module it imports inside the root.
        A file named on the command line (``given``) is read even when it is a link to
        a file elsewhere; every other file must really be inside the root."""
        queue = deque([_absolute(file)])
        if given:
            self.trusted.add(os.path.realpath(file))
        while queue:
            key = queue.popleft()
            real = self.real.of(key)
            if real in self.seen:
                continue
            self.seen.add(real)  # a file imported twice (or by two links) is read once
            if not self._held(key, real):
                continue
            module = self._parse(key)
            if module is None:
                continue
            self.modules[key] = module
            folder = os.path.dirname(key)
            self.prompt_dirs[os.path.join(folder, self.config.examples_dir)] = None
            for spec in module.imports:
                target = os.path.normpath(os.path.join(folder, spec))
                if _inside(target, self.root) and os.path.isfile(target):
                    queue.append(target)

    def _held(self, key: str, real: str) -> bool:
        """A file whose real path (links resolved) leaves the project is not read."""
        if real in self.trusted or _inside(real, self.real_root):
            return True
        message = (
            f"'{self.display(key)}' is a symbolic link to {real}, outside the project root "
            f"'{self.display(self.root)}'; it is not loaded"
        )
        self.diags.append(make(codes.P007, message, self.display(key)))
        return False

    def _parse(self, key: str) -> Module | None:
        shown = self.display(key)
        text, problems = self.read(Path(key), shown)
        self.diags.extend(problems)
        if text is None:
            return None
        module, diags = _parse_module(text, shown)
        self.diags.extend(diags)
        if "id" not in module.front_matter:
            module = replace(module, id=self.module_id(key, module.id))
        return module

    def module_id(self, key: str, default: str) -> str:
        """The path below the root without '.md' ('support/assistant'): two files named
        alike in two folders get two ids, so their case ids cannot collide."""
        if not _inside(key, self.root) or key == self.root:
            return default
        rel = PurePosixPath(Path(os.path.relpath(key, self.root)).as_posix())
        return str(rel.with_suffix("")) if rel.suffix == ".md" else str(rel)

    def read(self, file: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
        given = self.texts.get(_absolute(file))
        if given is not None:
            return given, []
        return read_text(file, shown, self.config.max_file_bytes)  # unchanged: not re-read

    def prompt_files(self) -> list[PromptFile]:
        out: list[PromptFile] = []
        for name in self.prompt_dirs:
            folder = Path(name)
            if not folder.is_dir():
                continue
            for file in sorted(folder.glob("*.md")):
                if not self._held(str(file), self.real.of(str(file))):
                    continue
                text, problems = self.read(file, self.display(file))
                self.diags.extend(problems)
                if text is not None:
                    prompt, diags = _parse_prompt(text, self.display(file))
                    self.diags.extend(diags)
                    out.append(prompt)
        return out

    def finish(self) -> Project:
        prompts = self.prompt_files()
        self.diags.extend(duplicate_module_ids(self.modules.values()))
        return Project(
            self.display(self.given_root),
            tuple(self.modules.values()),
            tuple(prompts),
            tuple(self.diags),
            self.config,
        )


def duplicate_module_ids(modules: Iterable[Module]) -> list[Diagnostic]:
    """P026 for each module whose id an earlier module already has."""
    first: dict[str, Module] = {}
    found: list[Diagnostic] = []
    for module in modules:
        earlier = first.setdefault(module.id, module)
        if earlier is not module:
            message = (
                f"module id '{module.id}' is already the id of {earlier.path}: case ids "
                "would collide; give one of them another 'id' in its front matter"
            )
            found.append(make(codes.P026, message, module.path))
    return found


def _absolute(path: Path | str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
