"""``charter test --changed-since REV``: the cases a change since a git revision invalidates.

The spec at ``REV`` is read with :func:`charter.diff.gitsource.materialize`, diffed
against the working tree with :func:`charter.diff.diff_projects`, and the case ids of
:func:`charter.diff.impact` (``invalidated``: new or changed cases) are the ones to run.
They are spelled by :func:`charter.diff.cases.case_id`, as the runner's own ids are, so
``charter diff --git REV --impact`` lists exactly the cases this plans.

Guarantees: a bad revision, a path outside a git repository, or either version with a
parse error is an :class:`~charter.errors.InputError` (exit code 2) naming the problem,
never a traceback and never a silent run of everything; cases made obsolete by the
change (removed, renamed away) are not planned, since they no longer exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from charter.diagnostics import Severity
from charter.errors import InputError
from charter.spec.codes import FATAL_CODES
from charter.spec.loader import load
from charter.spec.model import Project


@dataclass(frozen=True, slots=True)
class ChangedSince:
    """What changed between ``rev`` and the working tree, and the case ids to run."""

    rev: str
    changes: int  # clause-level changes found
    cases: frozenset[str]  # invalidated case ids


def changed_since(rev: str, path: str, project: Project) -> ChangedSince:
    """The cases of ``project`` (the working tree at ``path``) that changed since ``rev``."""
    from charter.diff import diff_projects, impact
    from charter.diff.gitsource import materialize

    try:
        with materialize(rev, path) as (folder, _relocate):
            old = load(folder)
    except InputError as exc:
        raise InputError(f"--changed-since {rev}: {exc}") from None
    for side, label in ((old, f"at {rev}"), (project, "in the working tree")):
        blocking = [
            d for d in side.diagnostics if d.severity is Severity.ERROR or d.code in FATAL_CODES
        ]
        if blocking:
            first = blocking[0]
            raise InputError(
                f"--changed-since {rev}: the spec {label} has errors ({first.code} "
                f"{first.message}); see: charter diff --git {rev} {path}"
            )
    diff = diff_projects(old, project)
    found = impact(diff, old, project)
    return ChangedSince(rev, len(diff.changes), frozenset(found.invalidated))
