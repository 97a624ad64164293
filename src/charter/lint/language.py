"""Syntax-aware reading of statements for lint: which statements are rules.

Each statement of a module is read once per run with :mod:`charter.nlp.reading` (cached per
text in ``<root>/.charter/``, see :func:`cache_folder`). A statement *instructs* — and the
vagueness rules read
it — when it binds an agent with a deontic modal, is an imperative, is a gerund item or a
bold-lead item (``**Forthright**: …``) in a clause with authority, extends the rule before it
("This is especially important when …"), or when the older word test finds an imperative
the parser missed ("If asked, refuse."). "Note that …" points out a fact to the reader: a
rule only when the fact binds someone ("Note that the assistant should …"). Epistemic modals ("the
public version may not include every detail") do not make a statement a rule.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from charter.config import find_config
from charter.lint.grammar import is_imperative, statement_instructs
from charter.nlp.reading import Reading, ReadingCache, read, tells_what_it_does
from charter.spec.model import Clause, Module, Project, Statement

# "This is especially important when …" extends the rule before it to a condition: a rule.
_EXTENDS_RULE = re.compile(
    r"^\s*(?:this|that|it)\s+is\s+(?:especially|particularly|all\s+the\s+more)\s+"
    r"(?:important|crucial|critical)\s+(?:when|if|where|for)\b",
    re.I,
)
# "Note that …": a fact pointed out to the reader of the spec. Context, not a rule, unless
# the fact itself binds someone ("Note that the assistant should …"). ("Keep in mind that
# …" / "Remember that …" stay imperatives: L114 asks what they change in a response.)
_READER_NOTE = re.compile(r"^\s*(?:please\s+)?(?:note|notice)\s*(?:,\s*)?that\b", re.I)
_BOLD_LEAD = re.compile(r"^\s*\*\*[^*\n]{1,60}\*\*\s*:|^\s*\*\*[^*\n]{1,60}:\*\*")
_caches: dict[str, ReadingCache] = {}


def cache_folder(root: Path) -> Path | None:
    """Where readings are cached: ``<root>/.charter/`` for a project (a ``charter.toml`` or
    ``[tool.charter]``, or an existing ``.charter/``), else the user's cache folder (keys are
    text hashes, so one cache serves every loose file); none when ``CHARTER_NO_CACHE`` is set.
    A folder of Markdown that is not a project is never written to."""
    if os.environ.get("CHARTER_NO_CACHE"):
        return None
    if root.is_dir() and ((root / ".charter").is_dir() or find_config(root) is not None):
        return root / ".charter"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "charter"


def cache_for(project: Project) -> ReadingCache:
    """The reading cache of ``project`` (one per root per process)."""
    cache = _caches.get(project.root)
    if cache is None:
        cache = _caches[project.root] = ReadingCache(cache_folder(Path(project.root)))
    return cache


MAX_PARSE_CHARS = 5_000  # the longest Model Spec statement has under 500 characters
_POSSIBILITY = re.compile(r"\b(?:may|can|could|might)\b", re.I)
_FIRST_WORD = re.compile(r"^[\s*_>`\[(-]*([A-Za-z]+)")


def needs_parse(statement: Statement, candidates: frozenset[str]) -> bool:
    """Whether the word test alone could misjudge ``statement``: it has a modal of
    possibility, opens with a gerund or a bold lead, or holds a word that a syntax-aware
    rule may flag (``candidates``). Only these are parsed, which keeps a cold run short."""
    text = statement.text
    if len(text) > MAX_PARSE_CHARS:
        return False  # hostile or runaway input stays linear: the word test decides
    if _POSSIBILITY.search(text) or _BOLD_LEAD.match(text):
        return True
    first = _FIRST_WORD.match(text)
    if first and first.group(1).lower().endswith("ing"):
        return True
    return not candidates.isdisjoint(w.lower() for w in re.findall(r"[A-Za-z]+", text))


def readings(
    project: Project, statements: list[Statement], candidates: frozenset[str]
) -> dict[int, Reading]:
    """Readings of the statements that need one, keyed by ``id(statement)``."""
    chosen = [s for s in statements if needs_parse(s, candidates)]
    found = read([s.text for s in chosen], cache_for(project))
    return dict(zip(map(id, chosen), found, strict=True))


def save(project: Project) -> None:
    cache = _caches.get(project.root)
    if cache is not None:
        cache.save()


def instructs(clause: Clause | None, statement: Statement, reading: Reading | None) -> bool:
    """Is ``statement`` a rule? (see the module docstring). Without a reading (a statement
    :func:`needs_parse` let through) the word test decides."""
    if _EXTENDS_RULE.match(statement.text):
        return True
    if _READER_NOTE.match(statement.text):
        return statement.modality.normative or (reading is not None and reading.force == "deontic")
    if reading is None:
        return statement_instructs(statement)
    if reading.instructs:
        return True
    bound = clause is not None and clause.authority is not None
    if reading.force == "gerund" and statement.list_item and bound:
        return True
    if _BOLD_LEAD.match(statement.text) and bound:
        return True
    return reading.force == "none" and is_imperative(statement.text)


def only_describes(project: Project, clause: Clause) -> bool:
    """Every statement of ``clause``, and its title, only describes: no modal, no
    instruction, no norm told as what the assistant does ('The assistant offers …'). An
    overview paragraph ('This module describes how refunds work.'). Parses the clause's
    statements (cached per text): ask it of the few clauses a rule would otherwise flag.
    A statement too long to parse is not known to describe: False."""
    texts = [clause.title, *(s.text for s in clause.statements)]
    if not clause.statements or any(statement_instructs(s) for s in clause.statements):
        return False
    if any(len(text) > MAX_PARSE_CHARS for text in texts):
        return False
    title, *found = read(texts, cache_for(project))
    if title.instructs or title.force == "imperative":
        return False
    return not any(
        instructs(clause, s, r) or tells_what_it_does(r)
        for s, r in zip(clause.statements, found, strict=True)
    )


def module_authority_only(module: Module, clause: Clause) -> bool:
    """``clause`` has authority only from the module's front matter (``authority: …``):
    neither its heading nor an ancestor's names a level."""
    by_id = {c.id: c for c in module.clauses}
    current: Clause | None = clause
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        if current.own_authority is not None:
            return False
        seen.add(current.id)
        current = by_id.get(current.parent) if current.parent else None
    return clause.authority is not None


__all__ = [
    "cache_folder",
    "cache_for",
    "instructs",
    "module_authority_only",
    "needs_parse",
    "only_describes",
    "readings",
    "save",
]
