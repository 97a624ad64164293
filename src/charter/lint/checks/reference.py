"""Reference rules: ambiguous pronouns, undefined terms, terms defined twice, acronyms.

These are heuristics over one statement at a time, tuned to stay quiet unless the text
itself offers the competing readings: a pronoun is flagged only when at least two nouns
of the right kind come before it in the same statement; a term only when its
capitalisation (a Title Case phrase, or a capitalised word after an article) marks it as
a term of art and nothing in the project defines it. The word lists live in the rules'
``params`` in the YAML pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from charter.diagnostics import Diagnostic, Related
from charter.lint.context import ModuleContext
from charter.lint.rules import Rule, Scope
from charter.lint.text import Segment

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MODAL = re.compile(r"(?<![\w-])(?:must|shall|should|may|can|will|never|always)(?![\w-])", re.I)
_SUBJECT_VERB = re.compile(  # used with .match(text, pos) just after a word
    # starts only where a white-space run starts, and never gives back white space: a
    # search over a long run is linear (the regex audit times it)
    r"(?<!\s)\s++(?:must|shall|should|may|might|can|cannot|could|will|would|is|was|has|does|did"
    r"|needs|seems|appears|[a-z]+s)(?![\w-])",
    re.I,
)


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def _base(word: str) -> str:
    w = word.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w.rstrip("'")


class _Lexicon:
    def __init__(self, params: dict[str, Any]) -> None:
        self.things = frozenset(str(w) for w in params.get("things", []))
        self.persons = frozenset(str(w) for w in params.get("persons", []))
        self.agents = frozenset(str(w) for w in params.get("agents", []))

    def kind(self, word: str) -> str | None:
        w = _base(word)
        if w in self.agents:
            return "agent"
        if w in self.things:
            return "thing"
        if w in self.persons:
            return "person"
        if w.endswith("s") and (w[:-1] in self.things or w[:-1] in self.persons):
            return "plural"
        if w.endswith("ies") and w[:-3] + "y" in self.things:
            return "plural"
        return None


def _agent_subject(masked: str, lex: _Lexicon) -> bool:
    """The statement's first modal verb has the assistant (or model) as its subject."""
    m = _MODAL.search(masked)
    if m is None:
        return False
    head = masked[: m.start()]
    head = head[max(head.rfind(","), head.rfind(";")) + 1 :]
    # 'It must …' at the start of a statement continues the previous sentence's subject,
    # in a behaviour spec the assistant; a later subject 'it' is the same
    return any(lex.kind(w) == "agent" or w == "It" for w, _, _ in _words(head)[-4:])


class _Antecedents:
    """Nouns seen so far in a statement, kept incrementally (first occurrence order) so that
    a long statement is read in linear time, however many pronouns it holds."""

    def __init__(self) -> None:
        self.things: dict[str, None] = {}
        self.things_agents: dict[str, None] = {}
        self.persons: dict[str, None] = {}
        self.plurals: dict[str, None] = {}

    def add(self, kind: str, base: str) -> None:
        if kind in ("thing", "agent"):
            self.things_agents.setdefault(base)
            if kind == "thing":
                self.things.setdefault(base)
        if kind == "person" or _is_people(base):
            self.persons.setdefault(base)
        if kind == "plural":
            self.plurals.setdefault(base)

    def candidates(self, pronoun: str, subject: bool) -> list[str]:
        if pronoun == "it":
            chosen = self.things_agents if subject else self.things
            return list(chosen) if len(chosen) >= 2 else []
        if self.persons:
            return list(self.persons) if len(self.persons) >= 2 else []
        return list(self.plurals) if len(self.plurals) >= 2 else []


def _is_people(base: str) -> bool:
    return base in ("users", "developers", "people", "customers", "operators", "humans")


_PRONOUNS = frozenset({"it", "they", "them"})


def _ambiguous(segment: Segment, lex: _Lexicon) -> tuple[int, int, list[str]] | None:
    """The first pronoun with two or more candidate antecedents before it; one pass."""
    masked = segment.masked
    words = _words(masked)
    agent_subject = _agent_subject(masked, lex)  # 'the assistant must …, it …'
    seen = _Antecedents()
    for i, (word, start, end) in enumerate(words):
        pronoun = word.lower()
        if pronoun in _PRONOUNS:  # possessives ('its', 'their') follow the subject
            subject = pronoun == "it" and bool(_SUBJECT_VERB.match(masked, end))
            if not (subject and agent_subject):
                names = seen.candidates(pronoun, subject)
                if names:
                    return start, end, names
            continue
        kind = lex.kind(word)
        if kind is None:
            continue
        if kind == "agent" and _SUBJECT_VERB.match(masked, end):
            agent_subject = True  # a subject 'it' prefers a subject antecedent
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if nxt and lex.kind(nxt) is not None and not word.endswith(("'s", "’s")):
            continue  # a noun that modifies the next one ('tool call')
        seen.add(kind, _base(word))
    return None


def ambiguous_pronoun(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    lex = _Lexicon(rule.params)
    for segment in ctx.segments(Scope.STATEMENT):
        statement = segment.statement
        if statement is None or not statement.modality.normative:
            continue  # a description's pronoun is not a requirement's ambiguity
        if segment.words.isdisjoint(_PRONOUNS):
            continue
        found = _ambiguous(segment, lex)
        if found is not None:
            start, end, names = found
            options = " or ".join(f"the {n}" for n in names[-3:])
            yield ctx.at(rule, segment, start, end, other=options, key="")


# -- terms ------------------------------------------------------------------------------
_CAPS = re.compile(
    r"(?<![\w'’-])[A-Z][a-z][\w’'-]*(?:\s+(?:(?:of|for|the|to|in|on)\s+)?[A-Z][a-z][\w’'-]*)*"
)
_LOWER = re.compile(r"(?<![\w-])[a-z][a-z]+")
_DETERMINER_WORDS = "the a an any every each no this that these those our its their your his her"
_DETERMINERS = frozenset(_DETERMINER_WORDS.split())
_SENTENCE_START = re.compile(r"(?:^|[.:;!?(\[\"“—–-]|^\s*[-*+]|\d\.)\s*$")


def _strip_possessive(term: str) -> str:
    return re.sub(r"['’]s$", "", term)


def _defined(ctx: ModuleContext, term: str, allowed: frozenset[str]) -> bool:
    folded = term.casefold()
    terms = ctx.defined_terms
    variants = {folded, folded.rstrip("s"), folded + "s", folded.removesuffix("es")}
    return bool(variants & terms.keys()) or folded in allowed


def _term_candidates(segment: Segment, lowered: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    """Title Case phrases of two or more words, and a capitalised word after an article
    when the module also writes it in lower case ('the User' beside 'the user')."""
    masked = _mask_links(segment)
    for m in _CAPS.finditer(masked):
        start, words = m.start(), m.group(0).split()
        if _in_proper_name(masked, start, m.end()):
            continue  # '988 Suicide & Crisis Lifeline': a name, not a term to define
        if _SENTENCE_START.search(masked[max(0, start - 200) : start]):
            if len(words) < 3:
                continue  # 'The Assistant' at a sentence start: the first word is no signal
            start = masked.index(words[1], start + len(words[0]))
            words = words[1:]
        before = masked[max(0, start - 40) : start].split()
        determiner = bool(before) and before[-1].lower() in _DETERMINERS
        single = len(words) == 1 and determiner and words[0].lower() in lowered
        if len(words) >= 2 or single:
            term = _strip_possessive(" ".join(words))
            yield term, start, start + len(term)


def _in_proper_name(masked: str, start: int, end: int) -> bool:
    """Part of a longer name: joined by '&', or led by a number ('988 Suicide …')."""
    before = masked[max(0, start - 12) : start].rstrip()
    after = masked[end : end + 4].lstrip()
    return before.endswith("&") or after.startswith("&") or before[-1:].isdigit()


def _mask_links(segment: Segment) -> str:
    text = segment.masked
    for start, end in segment.links:  # a linked term is defined by its target
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def undefined_term(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """A capitalised term of art that no definition, heading or glossary entry explains."""
    allowed = frozenset(str(w).casefold() for w in rule.params.get("proper_nouns", []))
    segments = ctx.segments(Scope.STATEMENT)
    lowered = frozenset(w for s in segments for w in _LOWER.findall(s.masked))
    seen: set[str] = set()
    for segment in segments:
        for term, start, end in _term_candidates(segment, lowered):
            key = term.casefold()
            if key in seen or _defined(ctx, term, allowed):
                continue
            seen.add(key)
            yield ctx.at(rule, segment, start, end, term=term, key="")


def duplicate_definition(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """A term defined twice in one module (the second definition is flagged). Conflicting
    definitions in two modules that see each other are ``charter check``'s C005."""
    first: dict[str, tuple[str, int, int]] = {}
    for clause in ctx.module.clauses:
        for d in clause.definitions:
            key = d.term.casefold()
            if key not in first:
                first[key] = (d.span.path, d.span.line, d.span.col)
                continue
            path, line, col = first[key]
            yield ctx.at_clause(
                rule,
                clause,
                line=d.span.line,
                col=d.span.col,
                end_line=d.span.end_line or d.span.line,
                end_col=d.span.end_col or None,
                term=d.term,
                detail=f"line {line}",
                related=(Related(f"'{d.term}' is first defined here", path, line, col),),
            )


_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]{1,6})s?(?![\w-])")


def unexpanded_acronym(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """An acronym that the module never spells out (``Full Name (ACR)``) or defines."""
    known = frozenset(str(w) for w in rule.params.get("known", []))
    source = "\n".join(ctx.lines)
    segments = ctx.segments(Scope.STATEMENT)
    lowered = frozenset(w for s in segments for w in _LOWER.findall(s.masked))
    seen: set[str] = set()
    for segment in segments:
        for m in _ACRONYM.finditer(segment.masked):
            acronym = m.group(1)
            if acronym in seen or acronym in known or acronym.casefold() in ctx.defined_terms:
                continue
            if acronym.lower() in lowered:
                continue  # 'ANY', 'MUST': an English word in capitals for emphasis
            seen.add(acronym)
            if re.search(rf"\(\s*{acronym}s?\s*\)|{acronym}\s*\(", source):
                continue
            yield ctx.at(rule, segment, m.start(1), m.end(1), term=acronym, key="")


__all__ = ["ambiguous_pronoun", "duplicate_definition", "undefined_term", "unexpanded_acronym"]
