"""Syntax-aware reading of statements for lint: which statements are rules.

Each statement of a module is read once per run with :mod:`charter.nlp.reading` (cached per
text in ``<project root>/.charter/``). A statement *instructs* — and the vagueness rules read
it — when it binds an agent with a deontic modal, is an imperative, is a gerund item or a
bold-lead item (``**Forthright**: …``) in a clause with authority, or when the older word
test finds an imperative the parser missed ("If asked, refuse."). Epistemic modals ("the
public version may not include every detail") do not make a statement a rule.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from charter.lint.grammar import is_imperative
from charter.nlp.reading import Reading, ReadingCache, read
from charter.spec.model import Clause, Project, Statement

_BOLD_LEAD = re.compile(r"^\s*\*\*[^*\n]{1,60}\*\*\s*:|^\s*\*\*[^*\n]{1,60}:\*\*")
_caches: dict[str, ReadingCache] = {}


def cache_for(project: Project) -> ReadingCache:
    """The reading cache of ``project`` (one per root per process); no folder when
    ``CHARTER_NO_CACHE`` is set."""
    root = project.root
    cache = _caches.get(root)
    if cache is None:
        folder = None if os.environ.get("CHARTER_NO_CACHE") else Path(root) / ".charter"
        if folder is not None and not Path(root).is_dir():
            folder = None
        cache = _caches[root] = ReadingCache(folder)
    return cache


def readings(project: Project, statements: list[Statement]) -> list[Reading]:
    return read([s.text for s in statements], cache_for(project))


def save(project: Project) -> None:
    cache = _caches.get(project.root)
    if cache is not None:
        cache.save()


def instructs(clause: Clause | None, statement: Statement, reading: Reading) -> bool:
    """Is ``statement`` a rule? (see the module docstring)."""
    if reading.instructs:
        return True
    bound = clause is not None and clause.authority is not None
    if reading.force == "gerund" and statement.list_item and bound:
        return True
    if _BOLD_LEAD.match(statement.text) and bound:
        return True
    return reading.force == "none" and is_imperative(statement.text)


__all__ = ["cache_for", "instructs", "readings", "save"]
