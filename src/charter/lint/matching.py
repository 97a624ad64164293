"""Runners for the data rule types: existence, substitution, conditional, occurrence and
consistency.

Patterns run over each segment's masked text (quotations, code and link targets
blanked), so a finding is always on the author's own words, and offsets map back to the
exact source span. A match inside one of the rule's ``exceptions`` is skipped, and for
vagueness rules a match inside a glossary or defined term is accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from charter.diagnostics import Diagnostic
from charter.lint.context import ModuleContext
from charter.lint.packs import hint_for, token_regex
from charter.lint.rules import Rule, RuleType
from charter.lint.text import Segment
from charter.nlp.reading import describes, explains, only_permits, permission
from charter.nlp.standard import open_threshold


def _excepted(rule: Rule, segment: Segment, start: int, end: int) -> bool:
    if rule.exceptions is None:
        return False
    return any(
        m.start() <= start and end <= m.end() for m in rule.exceptions.finditer(segment.masked)
    )


def _matches(ctx: ModuleContext, rule: Rule) -> Iterator[tuple[Segment, re.Match[str]]]:
    assert rule.pattern is not None
    for scope in rule.scopes:
        for segment in ctx.segments(scope):
            if not segment.may_contain(rule.hints):
                continue
            if rule.normative_only and not segment.instructs:
                continue
            for m in rule.pattern.finditer(segment.masked):
                start, end = m.span()
                if start == end or _excepted(rule, segment, start, end):
                    continue
                if rule.vague and ctx.accepted(segment, start, end):
                    continue
                if not _syntax_allows(ctx, rule, segment, *_span(m)):
                    continue
                yield segment, m


def _syntax_allows(ctx: ModuleContext, rule: Rule, segment: Segment, start: int, end: int) -> bool:
    """``params.pos``: the matched word's part of speech must be one of these (so 'lower
    the likelihood', a verb, is not the adjective 'lower'; with ``params.pos_at: end``, the
    last word of the match: 'too' + any adjective or adverb); ``params.modal: permission``:
    the matched modal must bind an agent; ``params.latitude: permission``: not in a
    statement that only permits ('it can also provide ranges when appropriate': latitude,
    not a threshold a test fails on); ``params.described: permission``: not a word of a
    description glued to a permission ('the assistant may answer briefly, and it usually
    does': what happens, not when the permission holds). Without a reading, allowed."""
    wanted, modal = rule.params.get("pos"), rule.params.get("modal")
    latitude = rule.params.get("latitude") == "permission"
    described = rule.params.get("described") == "permission"
    reading = ctx.reading(segment) if (wanted or modal or latitude or described) else None
    if reading is None:
        return True
    if latitude and only_permits(reading):
        return False
    at = end - 1 if rule.params.get("pos_at") == "end" else start
    token = next((t for t in reading.tokens if t.start <= at < t.end), None)
    if token is None or token.end > end:
        return True  # glued to what follows ('high[^y7v1'): its tag is unreliable
    if latitude and explains(reading, reading.tokens.index(token)):
        return False  # a reason given for the rule is not a threshold a test turns on
    if described and only_permits(reading) and describes(reading, reading.tokens.index(token)):
        return False  # a report of what usually happens, beside a permission
    if rule.params.get("threshold") == "open" and not open_threshold(
        reading, reading.tokens.index(token)
    ):
        return False  # outside what the rule binds, or a standard given ('most', 'than', e.g.)
    if modal == "permission" and not permission(reading, token):
        return False  # 'the public version may not include…': a possibility, not a rule
    return not wanted or token.pos in wanted


def _span(m: re.Match[str]) -> tuple[int, int]:
    """The reported words: the group named 'w' when the pattern has one (context before
    it is matched but not reported), else the whole match."""
    if "w" in m.re.groupindex and m.start("w") >= 0:
        return m.start("w"), m.end("w")
    return m.start(), m.end()


def run_existence(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    for segment, m in _matches(ctx, rule):
        yield ctx.at(rule, segment, *_span(m))


def run_conditional(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """A match is a finding unless the companion pattern occurs in the same text."""
    assert rule.unless is not None
    within_clause = rule.params.get("within") == "clause"
    for segment, m in _matches(ctx, rule):
        texts = [segment.text]
        if within_clause and segment.clause is not None:
            texts = [s.text for s in segment.clause.statements] or texts
        if not any(rule.unless.search(text) for text in texts):
            yield ctx.at(rule, segment, *_span(m))


def _keep_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def run_substitution(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    for segment, m in _matches(ctx, rule):
        original = segment.text[m.start() : m.end()]
        options = rule.replacements_for(original) or _regex_options(rule, original)
        replacement = _keep_case(original, options[0]) if options else None
        yield ctx.at(
            rule,
            segment,
            m.start(),
            m.end(),
            replacement=replacement,
            options=" or ".join(f"'{o}'" for o in options),
        )


def _regex_options(rule: Rule, original: str) -> tuple[str, ...]:
    """Swap keys may be regexes (``the (assistant|model) will``): try each."""
    for key, options in rule.swap.items():
        try:
            if re.fullmatch(key, original, re.IGNORECASE):
                return options
        except re.error:
            continue
    return ()


def run_occurrence(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """More than ``limit`` matches (or words, with ``params.count: words``) in one text."""
    count_words = rule.params.get("count") == "words"
    word = re.compile(r"[A-Za-z0-9][\w'’-]*")
    for scope in rule.scopes:
        for segment in ctx.segments(scope):
            if count_words and len(segment.masked) < rule.limit * 2:
                continue  # too short to hold limit+1 words
            found = list((word if count_words else rule.pattern or word).finditer(segment.masked))
            if len(found) > rule.limit:
                start, end = (0, len(segment.text)) if count_words else found[rule.limit].span()
                yield ctx.at(rule, segment, start, end, count=len(found), limit=rule.limit)


@lru_cache(maxsize=256)
def _variant(spelling: str) -> tuple[re.Pattern[str], frozenset[str] | None]:
    pattern = re.compile(rf"(?<![\w-])(?:{token_regex(spelling)})(?![\w-])", re.IGNORECASE)
    hint = hint_for(spelling)
    return pattern, frozenset({hint}) if hint else None


def run_consistency(ctx: ModuleContext, rule: Rule) -> Iterator[Diagnostic]:
    """Both spellings of a pair in one module: flag the rarer (the later one on a tie)."""
    for one, other in rule.pairs:
        hits_a = _hits(ctx, rule, *_variant(one))
        hits_b = _hits(ctx, rule, *_variant(other))
        if not hits_a or not hits_b:
            continue
        rare, common, name = (
            (hits_a, hits_b, other) if len(hits_a) < len(hits_b) else (hits_b, hits_a, one)
        )
        for segment, m in rare:
            yield ctx.at(rule, segment, m.start(), m.end(), other=name, count=len(common))


def _hits(
    ctx: ModuleContext, rule: Rule, pattern: re.Pattern[str], hints: frozenset[str] | None
) -> list[tuple[Segment, re.Match[str]]]:
    return [
        (segment, m)
        for scope in rule.scopes
        for segment in ctx.segments(scope)
        if segment.may_contain(hints)
        for m in pattern.finditer(segment.masked)
    ]


RUNNERS = {
    RuleType.EXISTENCE: run_existence,
    RuleType.CONDITIONAL: run_conditional,
    RuleType.SUBSTITUTION: run_substitution,
    RuleType.OCCURRENCE: run_occurrence,
    RuleType.CONSISTENCY: run_consistency,
}

__all__ = ["RUNNERS"]
