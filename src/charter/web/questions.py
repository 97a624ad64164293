"""The page's view of a project: modules, clauses, findings in place, and open questions.

:func:`build_view` loads the project fresh (so the page always shows the disk), runs
every analysis ``charter check`` runs, reads test results from the store, and returns
plain values for the templates. Questions are ordered by what matters: errors first,
then findings on normative clauses of higher authority, then the rest in file order.
Each question names the kinds of answer that fit it (see :mod:`charter.web.answers`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from charter.analysis import collect
from charter.diagnostics import Diagnostic, Severity
from charter.errors import CharterError
from charter.run.plan import spec_hash
from charter.spec.loader import load
from charter.spec.model import Clause, Module, Project
from charter.spec.parse import source_lines
from charter.spec.writer import digest
from charter.web.results import ClauseResults, Doubt, Results, read_results


@dataclass(slots=True)
class Question:
    key: str  # code:path:line:col, stable while the file does not change around it
    finding: Diagnostic
    module: Module
    clause: Clause | None
    path: str  # relative to the project root, with '/'
    kinds: tuple[str, ...]
    readings: tuple[tuple[str, str], ...]  # (label, text) pairs offered
    words: str  # the flagged words
    rank: tuple[int, int, int, str, int]


@dataclass(slots=True)
class ClauseView:
    clause: Clause
    lines: list[tuple[int, str]]  # (number, text) of the heading and body
    questions: list[Question] = field(default_factory=list)
    results: ClauseResults | None = None


@dataclass(slots=True)
class ModuleView:
    module: Module
    path: str
    hash: str
    clauses: list[ClauseView]


@dataclass(slots=True)
class View:
    root: str
    modules: list[ModuleView]
    questions: list[Question]
    doubts: list[Doubt]
    results: Results
    other: list[Diagnostic]  # findings outside any module shown (config, prompt files)


class Views:
    """The last view, kept while nothing it was built from changed.

    Its key is the state on disk of every file the view reads: the project's modules and
    prompt files, the config, the store (size and modification time of each). Loading to
    learn the module list is cheap, as the loader memoises parses; the analyses are not,
    so an unchanged project is not analysed again."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._key: tuple[tuple[str, int, int], ...] = ()
        self._view: View | None = None

    def current(self) -> View:
        project = load(self.root)
        key = _state(self.root, project)
        if self._view is None or key != self._key:
            self._view, self._key = build_view(self.root, project), key
        return self._view


def _state(root: str, project: Project) -> tuple[tuple[str, int, int], ...]:
    paths = [m.path for m in project.modules] + [p.path for p in project.prompt_files]
    paths += [os.path.join(root, name) for name in ("charter.toml", "pyproject.toml")]
    paths += [os.path.join(root, ".charter", f"charter.db{x}") for x in ("", "-wal")]
    out = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        out.append((os.path.abspath(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def build_view(root: str, project: Project | None = None) -> View:
    project = project if project is not None else load(root)
    try:
        found = collect(project)
    except CharterError as exc:  # a malformed suppression comment: shown, not raised
        found = [*project.diagnostics, Diagnostic("lint", Severity.ERROR, str(exc), root)]
    results = read_results(root, spec_hash(project))
    modules = [_module_view(root, project, m, found, results) for m in project.modules]
    shown = {id(q.finding) for mv in modules for cv in mv.clauses for q in cv.questions}
    questions = sorted(
        (q for mv in modules for cv in mv.clauses for q in cv.questions), key=lambda q: q.rank
    )
    other = [d for d in found if id(d) not in shown]
    return View(root, modules, questions, results.doubts, results, other)


def relative(root: str, path: str) -> str:
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def _module_view(
    root: str, project: Project, module: Module, found: list[Diagnostic], results: Results
) -> ModuleView:
    lines = source_lines(module.path)
    data = Path(module.path).read_bytes() if os.path.isfile(module.path) else b""
    rel = relative(root, module.path)
    views: list[ClauseView] = []
    for clause in module.clauses:
        body = range(clause.span.line, min(clause.body_end_line, len(lines)) + 1)
        view = ClauseView(clause, [(n, lines[n - 1]) for n in body])
        view.results = results.clauses.get((module.id, clause.id))
        views.append(view)
    mine = [d for d in found if os.path.abspath(d.path) == os.path.abspath(module.path)]
    for d in mine:
        target = _clause_view_at(views, d)
        if target is not None:
            target.questions.append(_question(d, module, target.clause, rel, lines))
    return ModuleView(module, rel, digest(data), views)


def _clause_view_at(views: list[ClauseView], d: Diagnostic) -> ClauseView | None:
    for view in views:
        if view.clause.span.line <= d.line <= view.clause.body_end_line:
            return view
    return None


def _question(
    d: Diagnostic, module: Module, clause: Clause, rel: str, lines: list[str]
) -> Question:
    words = ""
    one_line = (d.end_line or d.line) == d.line and (d.end_col or 0) > d.col
    if one_line and d.line <= len(lines):
        words = lines[d.line - 1][d.col - 1 : (d.end_col or d.col) - 1]
    kinds = [k for k, ok in (("reading", bool(words)), ("define", True)) if ok]
    kinds.append("precedent")
    if d.code.startswith("L"):
        kinds.append("dismiss")
    readings: list[tuple[str, str]] = []
    if d.fix is not None and d.fix.replacement is not None:
        readings.append((d.fix.description, d.fix.replacement))
    if words:
        readings.append((f"drop '{words}'", ""))
    return Question(
        f"{d.code}:{rel}:{d.line}:{d.col}",
        d,
        module,
        clause,
        rel,
        tuple(kinds),
        tuple(readings),
        words,
        _rank(d, module, clause),
    )


def _rank(d: Diagnostic, module: Module, clause: Clause) -> tuple[int, int, int, str, int]:
    levels = list(module.levels)
    authority = levels.index(clause.authority) if clause.authority in levels else len(levels)
    return (d.severity.rank, 0 if clause.normative else 1, authority, d.path, d.line)
