"""The rule model: what one lint rule is, whether it is data (YAML) or Python.

A :class:`Rule` is immutable and fully validated by :mod:`charter.lint.packs`; the
runners in :mod:`charter.lint.matching` and the Python checks only read it. Message,
question and fix texts are ``str.format`` templates over the fields in
:data:`TEMPLATE_FIELDS`, filled from the matched words and the clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from charter.diagnostics import Severity


class Scope(StrEnum):
    """Which text of a spec a rule reads."""

    STATEMENT = "statement"  # sentences and list items of clause bodies (the default)
    HEADING = "heading"  # clause titles
    PROMPT = "prompt"  # system/developer/user/tool messages of examples and prompt files
    RESPONSE = "response"  # candidate responses inside <comparison>
    COMMENTARY = "commentary"  # !!! admonition bodies


class RuleType(StrEnum):
    EXISTENCE = "existence"  # any match is a finding
    SUBSTITUTION = "substitution"  # a match has a preferred replacement (a fix)
    OCCURRENCE = "occurrence"  # too many matches in one piece of text
    CONSISTENCY = "consistency"  # two spellings of one thing in one module
    CONDITIONAL = "conditional"  # a match without a companion pattern nearby
    PYTHON = "python"  # a function over the spec's structure


class Phrase(StrEnum):
    """How the quoted phrase of a finding extends the matched words."""

    MATCH = "match"
    BEFORE = "before"  # the word before: 'respond quickly'
    AFTER = "after"  # the words after: 'adequate warning'


TEMPLATE_FIELDS = frozenset(
    {
        "match",  # the matched words, as written
        "phrase",  # the match with its neighbouring word(s), see Phrase
        "before",  # up to three words before the match
        "after",  # up to three words after the match
        "clause",  # the clause title
        "clause_id",
        "replacement",  # substitution: the preferred wording
        "options",  # substitution: every alternative, quoted and joined
        "count",  # occurrence: how many; consistency: uses of the other spelling
        "limit",  # occurrence: the maximum
        "other",  # consistency: the other spelling; python rules: a related thing
        "term",  # python rules: a term, a title, a tag...
        "detail",  # python rules: free text computed by the check
    }
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule, from a YAML pack."""

    code: str
    name: str
    title: str
    family: str
    type: RuleType
    severity: Severity
    scopes: tuple[Scope, ...]
    message: str
    question: str
    explanation: str
    pack: str
    sources: tuple[str, ...] = ()
    fix: str | None = None
    pattern: re.Pattern[str] | None = None
    exceptions: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None  # conditional: the companion pattern
    questions: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    swap: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    pairs: tuple[tuple[str, str], ...] = ()  # consistency: (one spelling, the other)
    limit: int = 0  # occurrence
    phrase: Phrase = Phrase.MATCH
    vague: bool = False  # vagueness: silenced on glossary terms and defined terms
    normative_only: bool = False  # statements: only those that instruct (modal, imperative)
    check: str | None = None  # python: "module:function"
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    hints: frozenset[str] | None = None  # every match contains one of these words
    flag: tuple[str, ...] = ()  # examples the rule must flag (docs and tests)
    accept: tuple[str, ...] = ()  # examples the rule must not flag

    def question_for(self, key: str) -> str:
        """The question template for a matched word: a per-word override for the whole
        match, else for its first word ('too' for 'too ambiguous'), else the default."""
        words = key.lower().split()
        found = self.questions.get(" ".join(words))
        if found is None and len(words) > 1:
            found = self.questions.get(words[0])
        return found if found is not None else self.question

    def replacements_for(self, key: str) -> tuple[str, ...]:
        return self.swap.get(" ".join(key.lower().split()), ())


__all__ = ["TEMPLATE_FIELDS", "Phrase", "Rule", "RuleType", "Scope"]
