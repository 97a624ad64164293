"""Modality rules that need more than a pattern: clauses without a normative statement,
statements mixing obligation strengths, the authority policy, RFC 2119 capitals mixed
with lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from charter.diagnostics import Diagnostic
from charter.lint.context import ModuleContext
from charter.lint.grammar import instructs, statement_instructs
from charter.lint.language import module_authority_only, only_describes
from charter.lint.rules import Rule, Scope
from charter.spec.model import Modality
from charter.spec.statements import read_modality

_STRENGTHS = (
    ("must", re.compile(r"(?<![\w-])(?P<m>must|shall|(?:is|are) required to)(?![\w-])", re.I)),
    ("should", re.compile(r"(?<![\w-])(?P<m>should|ought to)(?![\w-])", re.I)),
    # 'may' as the assistant's permission has it as subject; 'the user may perceive' and
    # 'which may lead to' are possibilities
    (
        "may",
        re.compile(
            r"(?<![\w-])(?:assistant|model|it|you)"
            r"\s+(?P<m>may)(?!\s+not)(?![\w-])",
            re.I,
        ),
    ),
)
_RFC_UPPER = re.compile(
    r"(?<![\w-])(?:MUST|SHALL|SHOULD|REQUIRED|RECOMMENDED|MAY|OPTIONAL)(?![\w-])"
)
_RFC_LOWER = re.compile(r"(?<![\w-])(?:must|shall|should|may)(?![\w-])")
_KEYWORDS = frozenset({"must", "shall", "should", "may", "required", "recommended", "optional"})


def no_normative_statement(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """A clause with authority whose title and statements all describe, none instructs."""
    for clause in ctx.module.clauses:
        if not clause.normative or clause.abstract or not clause.statements:
            continue
        if instructs(clause.title) or any(statement_instructs(s) for s in clause.statements):
            continue
        if module_authority_only(ctx.module, clause) and only_describes(ctx.project, clause):
            continue  # an overview under 'authority:' of the front matter, not a clause left empty
        yield ctx.at_clause(rule, clause, count=len(clause.statements))


def _strengths(masked: str) -> list[tuple[str, re.Match[str]]]:
    found = []
    for name, pattern in _STRENGTHS:
        m = pattern.search(masked)
        if m:
            found.append((name, m))
    return sorted(found, key=lambda item: item[1].start("m"))


def mixed_strength(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """Two obligation strengths (must / should / may) in one statement."""
    for segment in ctx.segments(Scope.STATEMENT):
        found = _strengths(segment.masked)
        if len(found) < 2:
            continue
        (first, m1), (second, m2) = found[0], found[1]
        yield ctx.at(
            rule, segment, m2.start("m"), m2.end("m"), term=first, other=second,
            detail=m1.group("m"),
        )  # fmt: skip


def authority_policy(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """A statement's modality is not among those the project allows at its clause's level."""
    if not ctx.settings.authority:
        return
    for segment in ctx.segments(Scope.STATEMENT):
        clause, statement = segment.clause, segment.statement
        if clause is None or statement is None or not statement.modality.normative:
            continue
        allowed = ctx.settings.policy(clause.authority)
        if allowed is None or statement.modality in allowed:
            continue
        modality, _, where = read_modality(statement.text)
        start, end = where or (0, len(statement.text))
        names = ", ".join(sorted(m.value for m in allowed)) or "none"
        yield ctx.at(
            rule, segment, start, end, term=clause.authority or "", other=names,
            detail=Modality(modality).value,
        )  # fmt: skip


_RFC_DECLARED = re.compile(r"RFC\s*2119|RFC\s*8174|BCP\s*14")


def rfc_case(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """RFC 8174: only capitals carry the RFC 2119 meaning, so a module should use one
    form. The minority form is flagged: lower case once per clause when the module
    declares RFC 2119 (or writes capitals more often), else each capitalised key word."""
    segments = [s for s in ctx.segments(Scope.STATEMENT) if not s.words.isdisjoint(_KEYWORDS)]
    upper = [(s, m) for s in segments for m in _RFC_UPPER.finditer(s.masked)]
    if not upper:
        return
    lower = [(s, m) for s in segments for m in _RFC_LOWER.finditer(s.masked)]
    declared = any(_RFC_DECLARED.search(line) for line in ctx.lines)
    if declared or len(upper) >= len(lower):
        first = str(upper[0][0].index.position(upper[0][1].start())[0])
        seen: set[str] = set()
        for segment, m in lower:
            key = segment.clause.id if segment.clause else ""
            if key not in seen:
                seen.add(key)
                word = m.group(0)
                yield ctx.at(
                    rule,
                    segment,
                    m.start(),
                    m.end(),
                    replacement=word.upper(),
                    other=word.upper(),
                    detail=first,
                    count=len(upper),
                    key="lower",
                )
        return
    for segment, m in upper:
        word = m.group(0)
        same = sum(1 for _, low in lower if low.group(0) == word.lower())
        yield ctx.at(
            rule,
            segment,
            m.start(),
            m.end(),
            replacement=word.lower(),
            other=word.lower(),
            count=same,
            key="upper",
        )


__all__ = ["authority_policy", "mixed_strength", "no_normative_statement", "rfc_case"]
