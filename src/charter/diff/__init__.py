"""Clause-level diffs between two versions of a spec, and what they mean.

- :func:`diff_projects` compares two loaded projects and returns a :class:`Diff`: added,
  removed, renamed, moved, reworded clauses; authority, modality, attribute, example and
  prompt file changes; and a semantic version suggestion (:mod:`charter.diff.semver`).
- :func:`case_id` is the one place that spells test case ids; :func:`impact` maps each
  change to the case ids it invalidates.
- :mod:`charter.diff.changelog` and :mod:`charter.diff.render` turn a diff into a
  Markdown release note and terminal text; :mod:`charter.diff.gitsource` reads a
  project as it was at a git revision.
"""

from __future__ import annotations

from charter.diff.cases import CaseRef, case_id, clause_cases
from charter.diff.engine import diff_projects
from charter.diff.impact import Impact, impact
from charter.diff.match import RENAME_THRESHOLD
from charter.diff.model import Bump, Change, ChangeKind, Diff, VersionSuggestion

__all__ = [
    "RENAME_THRESHOLD",
    "Bump",
    "CaseRef",
    "Change",
    "ChangeKind",
    "Diff",
    "Impact",
    "VersionSuggestion",
    "case_id",
    "clause_cases",
    "diff_projects",
    "impact",
]
