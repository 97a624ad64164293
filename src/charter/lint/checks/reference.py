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
_SUBJECT_VERB = re.compile(
    r"^\s+(?:must|shall|should|may|might|can|cannot|could|will|would|is|was|has|does|did"
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


def _nouns(words: list[tuple[str, int, int]], lex: _Lexicon) -> list[tuple[str, str]]:
    """(kind, base) of lexicon nouns, skipping a noun that modifies the next ('tool call')."""
    out: list[tuple[str, str]] = []
    for i, (word, _, _) in enumerate(words):
        kind = lex.kind(word)
        if kind is None:
            continue
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if nxt and lex.kind(nxt) is not None and not word.endswith(("'s", "’s")):
            continue
        out.append((kind, _base(word)))
    return out


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


def _agent_clause(masked: str, words: list[tuple[str, int, int]], lex: _Lexicon) -> bool:
    """The assistant is itself the subject of a clause of the statement ('If the
    assistant errs, it must say so.'): a subject pronoun prefers a subject antecedent."""
    return any(
        lex.kind(word) == "agent" and _SUBJECT_VERB.match(masked[end:]) for word, _, end in words
    )


def _candidates(pronoun: str, subject: bool, nouns: list[tuple[str, str]]) -> list[str]:
    if pronoun == "it":
        kinds = ("thing", "agent") if subject else ("thing",)
        return list(dict.fromkeys(base for kind, base in nouns if kind in kinds))
    persons = list(dict.fromkeys(b for k, b in nouns if k == "person" or _is_people(b)))
    if persons:
        return persons if len(persons) >= 2 else []
    return list(dict.fromkeys(b for k, b in nouns if k == "plural"))


def _is_people(base: str) -> bool:
    return base in ("users", "developers", "people", "customers", "operators", "humans")


_PRONOUNS = frozenset({"it", "they", "them"})


def _ambiguous(segment: Segment, lex: _Lexicon) -> tuple[int, int, list[str]] | None:
    # Linear in the statement: the nouns before each pronoun, and whether an agent was a
    # subject before it, are carried forward instead of recomputed from the start
    # (25 KB of 'it ' took 18 s). Nouns are kept once per (kind, base), first use first,
    # which is all _candidates reads.
    masked = segment.masked
    words = _words(masked)
    nouns: dict[tuple[str, str], None] = {}
    done, agent_clause, agent_subject = 0, False, None
    for i, (word, start, end) in enumerate(words):
        pronoun = word.lower()
        if pronoun not in ("it", "they", "them"):
            continue  # possessives ('its', 'their') follow the subject in practice
        nouns.update(dict.fromkeys(_nouns(words[done:i], lex)))
        agent_clause = agent_clause or _agent_clause(masked, words[done:i], lex)
        done = i
        subject = pronoun == "it" and bool(_SUBJECT_VERB.match(masked[end:]))
        if subject and agent_subject is None:
            agent_subject = _agent_subject(masked, lex)
        if subject and (agent_subject or agent_clause):
            continue
        names = _candidates(pronoun, subject, list(nouns))
        if len(names) >= 2:
            return start, end, names
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
_STARTERS = '.:;!?(["“—–-'  # what ends the text before a sentence's first word


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
    indent = len(masked) - len(masked.lstrip())
    for m in _CAPS.finditer(masked):
        start, words = m.start(), m.group(0).split()
        if _sentence_start(masked, start, indent):
            if len(words) < 3:
                continue  # 'The Assistant' at a sentence start: the first word is no signal
            start = masked.index(words[1], start + len(words[0]))
            words = words[1:]
        before = masked[max(0, start - 200) : start].split()  # a window: linear, and exact
        determiner = bool(before) and before[-1].lower() in _DETERMINERS
        single = len(words) == 1 and determiner and words[0].lower() in lowered
        if len(words) >= 2 or single:
            term = _strip_possessive(" ".join(words))
            yield term, start, start + len(term)


def _sentence_start(masked: str, start: int, indent: int) -> bool:
    """``masked[:start]`` is blank, ends with a sentence stop or opening mark, or is a
    bullet; read backwards over white space only (a regex search of the whole prefix per
    candidate was quadratic)."""
    k = start
    while k > 0 and masked[k - 1].isspace():
        k -= 1
    if k == 0:
        return True
    return masked[k - 1] in _STARTERS or (k - 1 == indent and masked[k - 1] in "*+")


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
