"""The spec in the judge's context: what a court reads before it rules on one clause.

:class:`SpecContexts` builds, for a clause of a loaded project, a :class:`SpecContext`:

- the clause's **full normative text** — every rule sentence in order, not only the
  modal ones — and the numbered statements (``S1``…) the judge reports a finding on
  (the modal ones; every sentence when the clause has none);
- the **definitions** of terms the clause uses (defined anywhere in the project, matched
  as whole words, case-insensitively), except those the clause itself defines;
- the text of the clauses it **references** (``[?](#id)``, ``[text](#id)``, other files)
  and of those it **overrides** or **implements**;
- its **commentary**, and the module's **levels of authority** (the chain of command).

Text is cleaned for a reader: footnote tags (``[^abcd]``) are removed and every
reference is resolved to the target's title (``“Title” (§id)``) — never left raw.

The context is held to a token budget (estimated as characters / 4). When it is over,
parts are dropped in this stated order, and each drop is listed in
:attr:`SpecContext.dropped`: (1) commentary; (2) referenced clauses, last referenced
first; (3) overridden / implemented clauses; (4) definitions, last first. The clause's
own text, statements and the chain of command are never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from charter.spec.inline import find_footnotes, find_references
from charter.spec.model import DEFAULT_LEVELS, Clause, Module, Project, RefKind

DEFAULT_BUDGET = 6000  # tokens of spec context per judge call
CHARS_PER_TOKEN = 4
_SPACES = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True, slots=True)
class SpecStatement:
    """A statement the judge reports on: ``S1``, its modality, its cleaned text."""

    id: str
    modality: str
    text: str


@dataclass(frozen=True, slots=True)
class RelatedClause:
    relation: str  # "referenced", "overrides", "implements"
    id: str
    title: str
    authority: str | None
    text: str


@dataclass(frozen=True, slots=True)
class SpecContext:
    """Everything the judge reads about the spec for one clause."""

    rules: str = ""
    statements: tuple[SpecStatement, ...] = ()
    definitions: tuple[tuple[str, str], ...] = ()
    related: tuple[RelatedClause, ...] = ()
    commentary: tuple[str, ...] = ()
    levels: tuple[str, ...] = DEFAULT_LEVELS
    dropped: tuple[str, ...] = ()

    def tokens(self) -> int:
        """Estimated tokens of the context's text."""
        parts = [self.rules, *(s.text for s in self.statements)]
        parts += [t + m for t, m in self.definitions] + [r.text for r in self.related]
        return sum(len(p) for p in [*parts, *self.commentary]) // CHARS_PER_TOKEN

    @property
    def modalities(self) -> dict[str, str]:
        return {s.id: s.modality for s in self.statements}


def minimal_context(statements: Iterable[str], modality: str = "should") -> SpecContext:
    """A context from bare statement texts (no project at hand): one modality for all."""
    texts = tuple(statements)
    numbered = tuple(SpecStatement(f"S{n}", modality, t) for n, t in enumerate(texts, 1))
    return SpecContext(rules="\n".join(texts), statements=numbered)


def clause_context(clause: Clause) -> SpecContext:
    """A clause's own text and statements, without a project (no definitions, related
    clauses or titles of references: those are spelled from their ids)."""
    rules, statements = own_text(clause, {})
    commentary = tuple(clean(c.text, {}) for c in clause.commentary)
    return SpecContext(rules=rules, statements=statements, commentary=commentary)


def own_text(clause: Clause, titles: dict[str, str]) -> tuple[str, tuple[SpecStatement, ...]]:
    """The clause's full text (every sentence, cleaned) and its numbered statements."""
    texts = [_cleaned(s.text, titles, s.list_item) for s in clause.statements]
    normative = [s for s in clause.statements if s.modality.normative] or list(clause.statements)
    statements = tuple(
        SpecStatement(f"S{n}", s.modality.value, clean(s.text, titles))
        for n, s in enumerate(normative, 1)
    )
    return "\n".join(texts), statements


def _cleaned(text: str, titles: dict[str, str], list_item: bool = False) -> str:
    cleaned = clean(text, titles)
    return f"- {cleaned}" if list_item else cleaned


def clean(text: str, titles: dict[str, str]) -> str:
    """``text`` without footnote tags, every reference resolved to its target's title."""
    edits: list[tuple[int, int, str]] = [
        (_space_before(text, t.start, t.end), t.end, "") for t in find_footnotes(text)
    ]
    for ref in find_references(text):
        title = titles.get(ref.target, ref.target.replace("_", " "))
        label = f"“{title}”" if ref.kind is RefKind.SECTION else ref.text
        edits.append((ref.start, ref.end, f"{label} (§{ref.target})"))
    out, last = [], 0
    for start, end, new in sorted(edits):
        if start >= last:
            out += [text[last:start], new]
            last = end
    out.append(text[last:])
    return _SPACES.sub(" ", "".join(out)).strip()


def _space_before(text: str, start: int, end: int) -> int:
    """Where a removed footnote tag starts, with the blanks before it when punctuation or
    the end follows (``word [^ab], more`` reads ``word, more``)."""
    if end < len(text) and text[end] not in ",.;:!?)":
        return start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


class SpecContexts:
    """Contexts of a project's clauses, built once each; see the module docstring."""

    def __init__(self, project: Project, budget: int = DEFAULT_BUDGET) -> None:
        self.project, self.budget = project, budget
        self._clauses: dict[str, tuple[Module, Clause]] = {}
        for module in project.modules:
            for clause in module.clauses:
                self._clauses.setdefault(clause.id, (module, clause))
        self.titles = {cid: c.title for cid, (_, c) in self._clauses.items()}
        self._definitions = [
            (cid, d.term, d.meaning) for cid, (_, c) in self._clauses.items() for d in c.definitions
        ]
        self._cache: dict[tuple[str, str], SpecContext] = {}

    def for_clause(self, module_id: str, clause: Clause) -> SpecContext:
        key = (module_id, clause.id)
        if key not in self._cache:
            self._cache[key] = fit(self._build(module_id, clause), self.budget)
        return self._cache[key]

    def _build(self, module_id: str, clause: Clause) -> SpecContext:
        module = self.project.module(module_id)
        rules, statements = own_text(clause, self.titles)
        return SpecContext(
            rules=rules,
            statements=statements,
            definitions=self._terms(clause, rules),
            related=self._related(clause),
            commentary=tuple(self._text(c.text) for c in clause.commentary),
            levels=module.levels if module is not None else DEFAULT_LEVELS,
        )

    def _text(self, text: str, list_item: bool = False) -> str:
        return _cleaned(text, self.titles, list_item)

    def _terms(self, clause: Clause, text: str) -> tuple[tuple[str, str], ...]:
        found: dict[str, tuple[str, str]] = {}
        haystack = f"{clause.title}\n{text}".lower()
        for owner, term, meaning in self._definitions:
            if owner == clause.id or term.lower() in found:
                continue
            if re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", haystack):
                found[term.lower()] = (term, self._text(meaning))
        return tuple(found.values())

    def _related(self, clause: Clause) -> tuple[RelatedClause, ...]:
        wanted: dict[str, str] = {}
        for ref in (*clause.overrides, *clause.implements):
            wanted.setdefault(ref.target, ref.kind.value)
        refs = [*clause.references, *(r for s in clause.statements for r in s.references)]
        for ref in refs:
            if ref.kind is not RefKind.CANDIDATE and ref.target != clause.id:
                wanted.setdefault(ref.target, "referenced")
        out = []
        for target, relation in wanted.items():
            if target in self._clauses:
                _, other = self._clauses[target]
                text = "\n".join(self._text(s.text, s.list_item) for s in other.statements)
                out.append(RelatedClause(relation, target, other.title, other.authority, text))
        return tuple(out)


def fit(context: SpecContext, budget: int) -> SpecContext:
    """``context`` within ``budget`` tokens, parts dropped in the stated order."""
    dropped = list(context.dropped)
    while context.tokens() > budget:
        smaller = _drop_one(context)
        if smaller is None:
            break  # only what is never dropped is left
        context, what = smaller
        dropped.append(what)
    return replace(context, dropped=tuple(dropped))


def _drop_one(context: SpecContext) -> tuple[SpecContext, str] | None:
    if context.commentary:
        return replace(context, commentary=context.commentary[:-1]), "commentary"
    for relation in ("referenced", "overrides", "implements"):
        positions = [i for i, r in enumerate(context.related) if r.relation == relation]
        if positions:
            gone = context.related[positions[-1]]
            kept = tuple(r for i, r in enumerate(context.related) if i != positions[-1])
            return replace(context, related=kept), f"{relation} clause {gone.id}"
    if context.definitions:
        term = context.definitions[-1][0]
        return replace(context, definitions=context.definitions[:-1]), f"definition {term}"
    return None
