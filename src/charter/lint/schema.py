"""The schema of a rule in a YAML pack: validation, and building the :class:`Rule`.

Every field is checked; a problem raises :class:`~charter.errors.ConfigError` naming the
pack, the rule code and the field. Literal ``tokens`` become one word-bounded,
case-insensitive regular expression (any run of spaces, either apostrophe); ``hints``
are words one of which every match must contain, so a text without any of them is
skipped without running the expression.
"""

from __future__ import annotations

import re
import string
from typing import Any

from charter.diagnostics import Severity
from charter.errors import ConfigError
from charter.lint.rules import TEMPLATE_FIELDS, Phrase, Rule, RuleType, Scope

_CODE = re.compile(r"^L\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_REGEX_CHARS = re.compile(r"[()|\\\[\]?+*]")  # a swap key with these is a regex, not a phrase
_KEYS = frozenset(
    {
        "code",
        "name",
        "title",
        "type",
        "severity",
        "scope",
        "vague",
        "tokens",
        "patterns",
        "case",
        "exceptions",
        "exception_patterns",
        "unless",
        "swap",
        "pairs",
        "limit",
        "phrase",
        "message",
        "question",
        "questions",
        "fix",
        "check",
        "params",
        "explanation",
        "sources",
        "examples",
        "family",
        "hints",
        "normative_only",
    }
)


class _Reader:
    """Typed access to one rule's mapping, with errors that name the rule and field."""

    def __init__(self, raw: Any, pack: str) -> None:
        if not isinstance(raw, dict):
            raise ConfigError(f"rule pack {pack}: every rule must be a mapping")
        self.raw = raw
        self.where = f"rule pack {pack}, rule {raw.get('code', '?')}"
        unknown = sorted(set(raw) - _KEYS)
        if unknown:
            self.fail(f"unknown field(s) {', '.join(unknown)}")

    def fail(self, problem: str) -> None:
        raise ConfigError(f"{self.where}: {problem}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key, default)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"'{key}' must be a non-empty string")
        return " ".join(str(value).split()) if key != "explanation" else str(value).strip()

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(f"'{key}' must be a list of strings")
        return tuple(value)

    def template(self, key: str, default: str | None = None) -> str:
        value = self.text(key, default)
        check_template(value, self.where, key)
        return value


def check_template(value: str, where: str, key: str) -> None:
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
    except ValueError as exc:
        raise ConfigError(f"{where}: '{key}' is not a valid template: {exc}") from exc
    bad = sorted(n for n in names if n not in TEMPLATE_FIELDS)
    if bad:
        raise ConfigError(f"{where}: '{key}' uses unknown field(s) {', '.join(bad)}")


def build_rule(raw: Any, pack: str, family: str) -> Rule:
    r = _Reader(raw, pack)
    code = r.text("code")
    if not _CODE.match(code):
        r.fail("'code' must look like L123")
    name = r.text("name")
    if not _NAME.match(name):
        r.fail("'name' must be lower-case words joined by '-'")
    kind = _enum(r, "type", RuleType, None)
    swap = _swap(r)
    literal = tuple(k for k in swap if not _REGEX_CHARS.search(k)) + r.strings("tokens")
    regexes = tuple(k for k in swap if _REGEX_CHARS.search(k)) + r.strings("patterns")
    pattern = _pattern(r, literal, r.strings("patterns"))
    _require_pattern(r, kind, pattern)
    examples = raw.get("examples", {}) or {}
    if not isinstance(examples, dict) or set(examples) - {"flag", "accept"}:
        r.fail("'examples' must be a mapping with 'flag' and/or 'accept' lists")
    return Rule(
        code=code,
        name=name,
        title=r.text("title"),
        family=str(raw.get("family", family)),
        type=kind,
        severity=_enum(r, "severity", Severity, "warning"),
        scopes=_scopes(r),
        message=r.template("message"),
        question=r.template("question"),
        explanation=r.text("explanation"),
        pack=pack,
        sources=r.strings("sources"),
        fix=r.template("fix") if "fix" in raw else None,
        pattern=pattern,
        exceptions=_pattern(r, r.strings("exceptions"), r.strings("exception_patterns")),
        unless=_pattern(r, (), r.strings("unless"), bounded=False),
        questions=_questions(r),
        swap=swap,
        pairs=_pairs(r),
        limit=_limit(r),
        phrase=_enum(r, "phrase", Phrase, "match"),
        vague=bool(raw.get("vague", False)),
        normative_only=bool(raw.get("normative_only", False)),
        check=_check(r, kind),
        params=_params(r),
        hints=_hints(literal, regexes, r.strings("hints")),
        flag=tuple(_example_list(r, examples, "flag")),
        accept=tuple(_example_list(r, examples, "accept")),
    )


def _enum(r: _Reader, key: str, enum: Any, default: str | None) -> Any:
    value = r.raw.get(key, default)
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(e.value for e in enum)
        r.fail(f"'{key}' must be one of {choices}, not {value!r}")
        raise  # unreachable: fail raises


def _scopes(r: _Reader) -> tuple[Scope, ...]:
    names = r.strings("scope") or ("statement",)
    try:
        return tuple(Scope(n) for n in names)
    except ValueError:
        r.fail(f"'scope' entries must be among {', '.join(s.value for s in Scope)}")
        raise


def token_regex(token: str) -> str:
    """A literal word or phrase as a regex: any run of spaces, either apostrophe."""
    parts = [re.escape(word).replace("'", "['’]") for word in token.split()]
    return r"\s+".join(parts)


def _pattern(
    r: _Reader, tokens: tuple[str, ...], patterns: tuple[str, ...], *, bounded: bool = True
) -> re.Pattern[str] | None:
    if not tokens and not patterns:
        return None
    alternatives = [token_regex(t) for t in sorted(set(tokens), key=len, reverse=True)]
    alternatives += list(patterns)
    body = "|".join(alternatives)
    source = rf"(?<![\w'’-])(?:{body})(?![\w-])" if bounded else body
    flags = 0 if r.raw.get("case", False) else re.IGNORECASE
    try:
        return re.compile(source, flags)
    except re.error as exc:
        r.fail(f"invalid regular expression: {exc}")
        raise


_HINT_WORD = re.compile(r"[a-z]+")


def hint_for(token: str) -> str | None:
    """The longest word of a literal token: every match of the token contains it."""
    words = _HINT_WORD.findall(token.lower())
    return max(words, key=len) if words else None


def _hints(
    literal: tuple[str, ...], regexes: tuple[str, ...], given: tuple[str, ...]
) -> frozenset[str] | None:
    """Words one of which every match contains (a cheap prefilter), or None: always run."""
    if regexes and not given:
        return None
    found = {hint_for(t) for t in literal} | {w.lower() for w in given}
    if None in found or not found:
        return None
    return frozenset(w for w in found if w is not None)


def _require_pattern(r: _Reader, kind: RuleType, pattern: re.Pattern[str] | None) -> None:
    needs = {RuleType.EXISTENCE, RuleType.SUBSTITUTION, RuleType.CONDITIONAL}
    if kind in needs and pattern is None:
        r.fail(f"a {kind.value} rule needs 'tokens', 'patterns' or 'swap'")
    if kind is RuleType.CONDITIONAL and "unless" not in r.raw:
        r.fail("a conditional rule needs 'unless' (the companion pattern)")
    if kind is RuleType.SUBSTITUTION and "swap" not in r.raw:
        r.fail("a substitution rule needs 'swap'")


def _swap(r: _Reader) -> dict[str, tuple[str, ...]]:
    raw = r.raw.get("swap", {})
    if not isinstance(raw, dict):
        r.fail("'swap' must map a phrase to its replacement(s)")
    out: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        options = [value] if isinstance(value, str) else value
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            r.fail(f"'swap' value for {key!r} must be a string or a list of strings")
        out[" ".join(str(key).lower().split())] = tuple(options)
    return out


def _questions(r: _Reader) -> dict[str, str]:
    raw = r.raw.get("questions", {})
    if not isinstance(raw, dict):
        r.fail("'questions' must map a word to a question template")
    out: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            r.fail(f"'questions' value for {key!r} must be a string")
        check_template(value, r.where, f"questions[{key}]")
        out[" ".join(str(key).lower().split())] = " ".join(value.split())
    return out


def _pairs(r: _Reader) -> tuple[tuple[str, str], ...]:
    raw = r.raw.get("pairs", [])
    ok = isinstance(raw, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in raw
    )
    if not ok:
        r.fail("'pairs' must be a list of [spelling, other spelling]")
    if r.raw.get("type") == "consistency" and not raw:
        r.fail("a consistency rule needs 'pairs'")
    return tuple((a, b) for a, b in raw)


def _limit(r: _Reader) -> int:
    value = r.raw.get("limit", 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        r.fail("'limit' must be a non-negative integer")
    if r.raw.get("type") == "occurrence" and value <= 0:
        r.fail("an occurrence rule needs a positive 'limit'")
    return int(value)


def _check(r: _Reader, kind: RuleType) -> str | None:
    value = r.raw.get("check")
    if kind is RuleType.PYTHON:
        if not isinstance(value, str) or ":" not in value:
            r.fail("a python rule needs 'check: module:function'")
        return str(value)
    if value is not None:
        r.fail("'check' is only for python rules")
    return None


def _params(r: _Reader) -> dict[str, Any]:
    value = r.raw.get("params", {})
    if not isinstance(value, dict):
        r.fail("'params' must be a mapping")
    return dict(value)


def _example_list(r: _Reader, examples: dict[str, Any], key: str) -> list[str]:
    value = examples.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        r.fail(f"'examples.{key}' must be a list of strings")
    return [v.strip("\n") for v in value]


__all__ = ["build_rule", "check_template", "hint_for", "token_regex"]
