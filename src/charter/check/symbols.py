"""The symbol table of a project: every clause id, import edge and chain of command.

Built once per check from a loaded :class:`~charter.spec.model.Project`; every check
reads it and none mutates it. Modules are identified by their resolved file path, so a
module reached through two different relative imports is one module.

Resolution (:meth:`SymbolTable.resolve`) follows the rule of the spec format: an
unqualified ``#id`` resolves in its own module first, then in the modules it imports
directly; a qualified ``file.md#id`` names its module by path, relative to the module
that writes it. Resolution never raises; what it cannot resolve it describes.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from charter.check.levels import Chain, chain_for
from charter.check.source import Sources
from charter.spec.model import Clause, Module, Project, Reference


@dataclass(frozen=True, slots=True)
class Symbol:
    """A clause together with the module that defines it."""

    module: Module
    clause: Clause


@dataclass(frozen=True, slots=True)
class ImportEdge:
    """One ``imports`` entry: where it points and whether that module was loaded."""

    importer: Module
    spec: str
    target: Path
    module: Module | None
    problem: str | None  # None, "missing", "outside", "unloaded"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of resolving one reference from one module."""

    found: Symbol | None = None
    ambiguous: tuple[Symbol, ...] = ()
    elsewhere: tuple[Symbol, ...] = ()  # defined only in modules not imported
    missing_module: str | None = None  # a 'file.md' part that names no loaded module
    imported: bool = True  # the found module is the referrer itself or one it imports


@dataclass(slots=True)
class SymbolTable:
    project: Project
    sources: Sources = field(default_factory=Sources)
    by_path: dict[Path, Module] = field(default_factory=dict)
    by_id: dict[str, list[Symbol]] = field(default_factory=dict)
    edges: dict[str, list[ImportEdge]] = field(default_factory=dict)  # by module path
    chains: dict[str, Chain] = field(default_factory=dict)
    _imports: dict[str, list[Module]] = field(default_factory=dict)
    _reach: dict[str, frozenset[str]] = field(default_factory=dict)
    _dirs: dict[str, Path] = field(default_factory=dict)
    _targets: dict[tuple[str, str], Path] = field(default_factory=dict)

    @classmethod
    def build(cls, project: Project) -> SymbolTable:
        table = cls(project)
        for module in project.modules:
            table.by_path.setdefault(_key(module.path), module)
            table.chains[module.path] = chain_for(module, project.config)
            for clause in _unique_clauses(module):
                table.by_id.setdefault(clause.id, []).append(Symbol(module, clause))
        root = Path(project.root).resolve()
        for module in project.modules:
            table.edges[module.path] = [table._edge(module, spec, root) for spec in module.imports]
        return table

    def folder(self, path: str) -> Path:
        """The resolved folder holding the file ``path`` (cached: resolving is a syscall)."""
        parent = os.path.dirname(path) or "."
        found = self._dirs.get(parent)
        if found is None:
            found = self._dirs[parent] = Path(parent).resolve()
        return found

    def target(self, module: Module, relative: str) -> Path:
        """``relative`` (an import or a 'file.md' part) resolved against ``module``'s folder."""
        key = (module.path, relative)
        found = self._targets.get(key)
        if found is None:
            found = self._targets[key] = (self.folder(module.path) / relative).resolve()
        return found

    def _edge(self, module: Module, spec: str, root: Path) -> ImportEdge:
        target = self.target(module, spec)
        loaded = self.by_path.get(target)
        if not target.is_relative_to(root):
            return ImportEdge(module, spec, target, None, "outside")
        if loaded is not None:
            return ImportEdge(module, spec, target, loaded, None)
        problem = "unloaded" if target.is_file() else "missing"
        return ImportEdge(module, spec, target, None, problem)

    # -- queries ---------------------------------------------------------------------
    def chain(self, module: Module) -> Chain:
        return self.chains[module.path]

    def imports(self, module: Module) -> list[Module]:
        """Modules ``module`` imports directly and that were loaded, without repeats."""
        cached = self._imports.get(module.path)
        if cached is None:
            seen: dict[str, Module] = {}
            for edge in self.edges.get(module.path, ()):
                if edge.module is not None and edge.module.path != module.path:
                    seen.setdefault(edge.module.path, edge.module)
            cached = self._imports[module.path] = list(seen.values())
        return cached

    def imports_module(self, importer: Module, target: Module) -> bool:
        return importer.path == target.path or any(
            m.path == target.path for m in self.imports(importer)
        )

    def reachable(self, module: Module) -> frozenset[str]:
        """Paths of every module ``module`` imports, directly or not (cycles are fine)."""
        cached = self._reach.get(module.path)
        if cached is None:
            seen: set[str] = set()
            queue = deque(self.imports(module))
            while queue:
                current = queue.popleft()
                if current.path not in seen:
                    seen.add(current.path)
                    queue.extend(self.imports(current))
            cached = self._reach[module.path] = frozenset(seen)
        return cached

    def related_modules(self, a: Module, b: Module) -> bool:
        """True when one module is the other or depends on it through imports."""
        return a.path == b.path or b.path in self.reachable(a) or a.path in self.reachable(b)

    # -- resolution ------------------------------------------------------------------
    def resolve(self, module: Module, ref: Reference) -> Resolution:
        if ref.file:
            return self._resolve_qualified(module, ref.file, ref.target)
        return self.resolve_id(module, ref.target)

    def resolve_id(self, module: Module, target: str) -> Resolution:
        own = module.clause(target)
        if own is not None:
            return Resolution(found=Symbol(module, own))
        hits = [
            Symbol(imported, clause)
            for imported in self.imports(module)
            if (clause := imported.clause(target)) is not None
        ]
        if len(hits) == 1:
            return Resolution(found=hits[0])
        if hits:
            return Resolution(ambiguous=tuple(hits))
        elsewhere = tuple(s for s in self.by_id.get(target, ()) if s.module.path != module.path)
        return Resolution(elsewhere=elsewhere)

    def _resolve_qualified(self, module: Module, file: str, target: str) -> Resolution:
        other = self.by_path.get(self.target(module, file))
        if other is None:
            return Resolution(missing_module=file)
        clause = other.clause(target)
        if clause is None:
            return Resolution()
        return Resolution(found=Symbol(other, clause), imported=self.imports_module(module, other))

    def loader_path(self, target: Path) -> str:
        """``target`` as the loader displays paths (relative to the working directory)."""
        try:
            return target.relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return str(target)

    def visible_ids(self, module: Module) -> list[str]:
        """Ids an unqualified reference in ``module`` can name (for suggestions)."""
        ids = [c.id for c in module.clauses]
        for imported in self.imports(module):
            ids.extend(c.id for c in imported.clauses)
        return ids


def _key(path: str) -> Path:
    return Path(path).resolve()


def _unique_clauses(module: Module) -> list[Clause]:
    """The first clause of each id (a duplicate is reported, never resolved to)."""
    seen: dict[str, Clause] = {}
    for clause in module.clauses:
        seen.setdefault(clause.id, clause)
    return list(seen.values())
