"""Writing answers: find the finding again, prepare the edit, guard the write, undo it.

A :class:`Writer` holds the project root and the undo records of this server's life.
Every write goes through the same steps: the path must name a module of the project
inside its root (:class:`OutsideError` otherwise, nothing read or written); the file's
bytes must still hash to what the page showed (:class:`~charter.spec.writer.StaleFileError`
otherwise); the finding is looked up again by code and place; the answer's edits are
applied in memory, the result must still parse (a precedent must add exactly one
example); then :func:`~charter.spec.writer.write_guarded` writes it, refusing a file that
changed in between. An undo is itself a guarded write of the text before.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from charter.analysis import collect
from charter.diagnostics import Diagnostic, Severity
from charter.errors import CharterError
from charter.run.plan import case_id
from charter.spec.loader import load
from charter.spec.model import Module, Project
from charter.spec.parse import parse_module
from charter.spec.writer import StaleFileError, digest, write_guarded
from charter.web.answers import AnswerError, apply, edits_for, unified_diff


class OutsideError(CharterError):
    """A path that is not a module of the project inside its root."""


@dataclass(frozen=True, slots=True)
class Prepared:
    path: str  # relative to the root
    before: str
    after: str
    diff: str
    hash: str  # of the bytes the edit was prepared against
    case_id: str | None = None  # the new precedent's case id


@dataclass(slots=True)
class Writer:
    root: str
    undo: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id → (file, text, hash)
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    def module_file(self, project: Project, rel: str) -> tuple[Path, Module]:
        """The absolute file and module of ``rel``; refuses anything else."""
        root = Path(os.path.realpath(self.root))
        target = Path(os.path.realpath(root / rel))
        if root not in target.parents:
            raise OutsideError(f"{rel}: outside the project; nothing written")
        for module in project.modules:
            if Path(os.path.realpath(module.path)) == target:
                return target, module
        raise OutsideError(f"{rel}: not a module of this project; nothing written")

    def prepare(self, form: Mapping[str, str]) -> Prepared:
        project = load(self.root)
        file, module = self.module_file(project, form.get("path", ""))
        data = file.read_bytes()
        if digest(data) != form.get("hash", ""):
            raise StaleFileError(f"{form.get('path')}: changed on disk since it was shown")
        before = data.decode("utf-8")
        finding = self._finding(project, module, form.get("key", ""))
        after = apply(before, edits_for(form.get("kind", ""), before, module, finding, form))
        cid = _check_parse(module, after, form.get("kind", ""), finding)
        rel = form.get("path", "")
        return Prepared(rel, before, after, unified_diff(rel, before, after), digest(data), cid)

    def write(self, form: Mapping[str, str]) -> tuple[Prepared, str]:
        """Write the answer; return what was written and the id that undoes it."""
        prepared = self.prepare(form)
        file, _ = self.module_file(load(self.root), prepared.path)
        new_hash = write_guarded(file, prepared.hash, prepared.after)
        undo_id = str(next(self._ids))
        self.undo[undo_id] = (prepared.path, prepared.before, new_hash)
        return prepared, undo_id

    def revert(self, undo_id: str) -> str:
        """Put back the text before write ``undo_id``, if the file is as that write left it."""
        if undo_id not in self.undo:
            raise AnswerError("nothing to undo under that id")
        rel, before, expected = self.undo[undo_id]
        file, _ = self.module_file(load(self.root), rel)
        write_guarded(file, expected, before)
        del self.undo[undo_id]
        return rel

    def _finding(self, project: Project, module: Module, key: str) -> Diagnostic:
        """The finding ``key`` names; ``clause:ID`` stands for a clause (a precedent for it)."""
        if key.startswith("clause:"):
            clause = module.clause(key[7:])
            if clause is None:
                raise StaleFileError(f"no clause #{key[7:]} in {module.path} any more; reload")
            return Diagnostic(
                "precedent", Severity.INFO, "", module.path, clause.span.line, clause=clause.id
            )
        mine = os.path.realpath(module.path)
        for d in collect(project):
            rel = Path(os.path.relpath(os.path.realpath(d.path), os.path.realpath(self.root)))
            if (
                os.path.realpath(d.path) == mine
                and f"{d.code}:{rel.as_posix()}:{d.line}:{d.col}" == key
            ):
                return d
        raise StaleFileError("that question is no longer asked (the spec changed); reload")


def _check_parse(module: Module, after: str, kind: str, finding: Diagnostic) -> str | None:
    """Refuse a result that does not parse as intended; the new precedent's case id."""
    parsed, _ = parse_module(after, module.path)
    if kind != "precedent":
        return None
    before = module.clause(finding.clause or "")
    now = parsed.clause(finding.clause or "")
    if before is None or now is None or len(now.examples) != len(before.examples) + 1:
        raise AnswerError("the precedent would not parse as one new example; nothing written")
    return case_id(parsed.id, now.id, "example", len(now.examples))
