"""The semantic version a spec change calls for, and the rule behind it.

The rule (also printed in every changelog, from :data:`RULE`):

- **major** — something the old version guaranteed or named is gone or inverted: a clause
  removed; a clause id renamed (references, ``overrides=``, and test ids that name it
  break); an authority lowered (more levels may now override the rule) or dropped (the
  clause became informative); a statement's modality weakened (``must`` → ``should``,
  ``should`` → ``may``) or inverted (``should`` → ``should not``); a normative statement
  dropped without its words living on elsewhere in the clause; an example response
  flipped between GOOD and BAD.
- **minor** — something was added or tightened: a new clause; an authority raised, or a
  clause that became normative; a level of the chain of command renamed (modules that
  name the old level must follow); a modality strengthened; a new normative statement;
  an attribute changed (``overrides``, ``implements``, ``status``, ``abstract``, ``tags``).
- **patch** — the same rules, said or illustrated differently: rewordings, moves within
  the tree, examples, test blocks and prompt files added, removed or edited.

The largest bump of any change wins. Below 1.0.0 a major change bumps the minor number
(semver §4: anything may change in 0.y.z). Typographic edits that render the same are
not changes at all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from charter.diff.model import Bump, Change, VersionSuggestion
from charter.spec.model import Project

RULE = (
    "major: a clause removed or its id renamed, an authority lowered or dropped, a modality "
    "weakened or inverted, a normative statement dropped, an example response flipped "
    "between GOOD and BAD; minor: a clause added, an authority raised or a level renamed, "
    "a modality strengthened, a normative statement added, an attribute changed; patch: "
    "rewordings, moves, examples, tests and prompt files. The largest bump wins; below "
    "1.0.0 a major change bumps the minor number."
)
_VERSION = re.compile(r"^(v?)(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$")
_SHOWN = 5


def next_version(version: str | None, bump: Bump) -> str | None:
    """``version`` bumped; None when it is unknown or not ``MAJOR.MINOR.PATCH``."""
    m = _VERSION.match(version or "")
    if m is None:
        return None
    prefix, major, minor, patch = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
    if bump is Bump.MAJOR and major == 0:
        bump = Bump.MINOR
    if bump is Bump.MAJOR:
        return f"{prefix}{major + 1}.0.0"
    if bump is Bump.MINOR:
        return f"{prefix}{major}.{minor + 1}.0"
    if bump is Bump.PATCH:
        return f"{prefix}{major}.{minor}.{patch + 1}"
    return version


def project_version(project: Project) -> str | None:
    """The version its modules declare, when they agree on one."""
    versions = {m.version for m in project.modules if m.version}
    return versions.pop() if len(versions) == 1 else None


def suggest(changes: Sequence[Change], old: Project) -> VersionSuggestion:
    bump = max((c.bump for c in changes), default=Bump.NONE)
    old_version = project_version(old)
    return VersionSuggestion(
        bump, old_version, next_version(old_version, bump), _reasons(changes, bump)
    )


def _reasons(changes: Sequence[Change], bump: Bump) -> tuple[str, ...]:
    """The changes that decide the bump, grouped by why, with a few clause ids each."""
    groups: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        if change.bump is bump and bump is not Bump.NONE:
            groups[change.reason].append(f"#{change.clause}" if change.clause else "")
    out: list[str] = []
    for key, ids in groups.items():
        shown = ", ".join(i for i in ids[:_SHOWN] if i)
        more = f", … {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
        out.append(f"{key}: {len(ids)} ({shown}{more})" if shown else f"{key}: {len(ids)}")
    return tuple(out)
