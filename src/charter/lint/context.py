"""What a rule sees while it runs over one module: text, settings, and a finding factory.

:class:`ModuleContext` builds segments lazily (only the scopes some active rule reads),
knows each rule's effective severity for this module, the accepted terms that silence
vagueness rules, and turns offsets in a segment into a :class:`Diagnostic` with the exact
span, the filled-in question and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from charter.diagnostics import Diagnostic, Fix, Related, Severity
from charter.lint.packs import token_regex
from charter.lint.rules import Phrase, Rule, Scope
from charter.lint.settings import LintSettings
from charter.lint.text import (
    Segment,
    example_segments,
    module_segments,
    words_after,
    words_before,
)
from charter.nlp.reading import Reading, syntax_phrase
from charter.spec.model import Clause, Module, Project, PromptFile
from charter.spec.parse import source_lines

_BOLD = re.compile(r"\*\*([^*\n]{2,60}?)\*\*")


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, fields: dict[str, Any]) -> str:
    return " ".join(template.format_map(_Fields(fields)).split())


@dataclass(slots=True)
class Sources:
    """Source lines of every file read during one lint run, read once each."""

    given: dict[str, list[str]] = field(default_factory=dict)

    def lines(self, path: str) -> list[str]:
        cached = self.given.get(path)
        if cached is None:
            cached = self.given[path] = source_lines(path)
        return cached


# The last project's defined terms, keyed by (id(project), glossary) and holding the project
# so the id stays its own: every module of a project shares one scan of all its clauses.
_TERMS: dict[tuple[int, tuple[str, ...]], tuple[Project, dict[str, str]]] = {}


@dataclass
class ModuleContext:
    """One module of a project, as the rules see it."""

    project: Project
    module: Module
    sources: Sources
    settings: LintSettings
    levels: dict[str, Severity]
    _segments: dict[Scope, list[Segment]] = field(default_factory=dict)
    readings: dict[int, Reading] = field(default_factory=dict)  # id(statement) -> reading
    only: Clause | None = None  # segments of this clause only (lint.clause_cache)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return self.module.clauses if self.only is None else (self.only,)

    @property
    def lines(self) -> list[str]:
        return self.sources.lines(self.module.path)

    def segments(self, scope: Scope) -> list[Segment]:
        if scope not in self._segments:
            module = (
                self.module if self.only is None else replace(self.module, clauses=self.clauses)
            )
            built = module_segments(
                module, self.lines, frozenset({scope}), informative=self.settings.informative
            )
            found = built[scope]
            if scope is Scope.STATEMENT:
                found = self._read(found)
            if scope in (Scope.PROMPT, Scope.RESPONSE):
                found.extend(self._prompt_file_segments(scope))
            self._segments[scope] = found
        return self._segments[scope]

    def _read(self, found: list[Segment]) -> list[Segment]:
        """Statement segments with ``instructs`` read from syntax (see lint.language)."""
        from charter.lint.language import instructs, readings
        from charter.lint.packs import syntax_words

        statements = [s.statement for s in found if s.statement is not None]
        by_id = readings(self.project, statements, syntax_words())
        self.readings.update(by_id)
        return [
            replace(s, instructs=instructs(s.clause, s.statement, by_id.get(id(s.statement))))
            if s.statement is not None
            else s
            for s in found
        ]

    def reading(self, segment: Segment) -> Reading | None:
        return self.readings.get(id(segment.statement)) if segment.statement else None

    def prompts_for(self, clause: Clause) -> tuple[PromptFile, ...]:
        return self.project.prompts_for(self.module, clause)  # indexed once per project

    def _prompt_file_segments(self, scope: Scope) -> list[Segment]:
        out: list[Segment] = []
        for clause in self.clauses:
            for prompt in self.prompts_for(clause):
                lines = self.sources.lines(prompt.path)
                for example in prompt.examples:
                    out.extend(example_segments(example, lines, clause, frozenset({scope})))
        return out

    # -- accepted terms -----------------------------------------------------------------
    @cached_property
    def defined_terms(self) -> dict[str, str]:
        """Terms the project defines (definitions, bold introductions, clause titles) and
        the glossary, keyed by their case-folded form (built once per project and
        glossary, shared read-only by every module's context)."""
        key = (id(self.project), self.settings.glossary)
        kept = _TERMS.get(key)
        if kept is None or kept[0] is not self.project:
            _TERMS.clear()  # one project at a time: an edited project is a new object
            kept = _TERMS[key] = (self.project, self._project_terms())
        return kept[1]

    def _project_terms(self) -> dict[str, str]:
        terms: dict[str, str] = {}
        for module in self.project.modules:
            for clause in module.clauses:
                terms.setdefault(clause.title.casefold(), clause.title)
                for definition in clause.definitions:
                    terms.setdefault(definition.term.casefold(), definition.term)
                for statement in clause.statements:
                    for m in _BOLD.finditer(statement.text):
                        term = m.group(1).strip().rstrip(":").strip()
                        terms.setdefault(term.casefold(), term)
        for term in self.settings.glossary:
            terms.setdefault(term.casefold(), term)
        return terms

    @cached_property
    def glossary(self) -> re.Pattern[str] | None:
        terms = [t for t in self.settings.glossary] + [
            d.term for c in self.module.clauses for d in c.definitions
        ]
        if not terms:
            return None
        body = "|".join(token_regex(t) for t in sorted(set(terms), key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)

    def accepted(self, segment: Segment, start: int, end: int) -> bool:
        """True when the words at start..end lie inside a glossary or defined term."""
        if self.glossary is None:
            return False
        return any(
            m.start() <= start and end <= m.end() for m in self.glossary.finditer(segment.masked)
        )

    # -- findings -----------------------------------------------------------------------
    def at(
        self,
        rule: Rule,
        segment: Segment,
        start: int,
        end: int,
        *,
        key: str | None = None,
        **extra: Any,
    ) -> Diagnostic:
        """A finding on ``segment.text[start:end]``; ``key`` picks a per-word question."""
        match = segment.text[start:end]
        fields = self.fields(rule, segment, start, end)
        fields.update(extra)
        line, col = segment.index.position(start)
        end_line, end_col = segment.index.position(end)
        fix = None
        if rule.fix is not None:
            replacement = extra.get("replacement")
            fix = Fix(fill(rule.fix, fields), replacement, line, col, end_line, end_col)
        question = rule.question_for(key if key is not None else match)
        return Diagnostic(
            rule.code,
            self.levels[rule.code],
            fill(rule.message, fields),
            segment.path,
            line,
            col,
            end_line,
            end_col,
            segment.clause.id if segment.clause else None,
            fill(question, fields),
            fix,
        )

    def fields(self, rule: Rule, segment: Segment, start: int, end: int) -> dict[str, Any]:
        match = " ".join(segment.text[start:end].split())
        before = words_before(segment.masked, start)
        after = words_after(segment.masked, end)
        phrase = match
        if rule.phrase is Phrase.BEFORE and before:
            phrase = f"{before.split()[-1]} {match}"
        elif rule.phrase is Phrase.AFTER and after:
            phrase = f"{match} {' '.join(after.split()[:2])}"
        reading = self.reading(segment)
        if reading is not None and rule.params.get("pos"):
            phrase = syntax_phrase(reading, start, end, segment.masked) or phrase
        clause = segment.clause
        return {
            "match": match,
            "phrase": phrase,
            "before": before,
            "after": after,
            "clause": clause.title if clause else "",
            "clause_id": clause.id if clause else "",
        }

    def at_clause(
        self,
        rule: Rule,
        clause: Clause,
        *,
        line: int | None = None,
        col: int | None = None,
        end_line: int | None = None,
        end_col: int | None = None,
        path: str | None = None,
        related: Sequence[Related] = (),
        fix: Fix | None = None,
        **extra: Any,
    ) -> Diagnostic:
        """A finding about a clause (at its heading unless a position is given)."""
        span = clause.span
        fields: dict[str, Any] = {"clause": clause.title, "clause_id": clause.id}
        fields.update(extra)
        line = line if line is not None else span.line
        col = col if col is not None else span.col
        if end_line is None and line == span.line:
            end_line, end_col = span.end_line or span.line, span.end_col or None
        return Diagnostic(
            rule.code,
            self.levels[rule.code],
            fill(rule.message, fields),
            path or span.path,
            line,
            col,
            end_line,
            end_col,
            clause.id,
            fill(rule.question_for(str(extra.get("key", ""))), fields),
            fix,
            tuple(related),
        )


Check = Callable[[ModuleContext, Rule], "list[Diagnostic]"]

__all__ = ["Check", "ModuleContext", "Sources", "fill"]
