"""The values of ``regex`` and ``json-schema`` expectations: checked once, run with limits.

Used twice: at parse time (``yaml test`` blocks report a bad value as P053, so ``charter
check`` finds it before any model call) and at grading time (``charter.grade.assertions``).

- **Regexes** are compiled by the ``regex`` package (Python ``re`` syntax, Unicode classes)
  and always searched with a time limit (:data:`REGEX_TIME_LIMIT_S`): a catastrophically
  backtracking pattern such as ``^(a|aa)+$`` raises :class:`RegexTimeout` after about that
  long instead of blocking a run; the search releases the GIL, so it can also run in a
  worker thread while the event loop goes on.
- **JSON schemas** are checked against their meta-schema with ``jsonschema`` (draft
  2020-12 unless ``$schema`` names another draft): every keyword of the draft, ``$defs``,
  ``$ref``, ``anyOf``... Every ``$ref`` must resolve inside the schema (nothing is fetched).
  ``format`` is checked for the formats ``jsonschema`` knows; ``pattern``,
  ``patternProperties`` and ``additionalProperties`` match with the time-limited engine
  above (only ``unevaluatedProperties`` next to ``patternProperties`` still matches
  property names with Python's ``re``, inside ``jsonschema``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex  # imported where used: a spec without regex expectations never pays for it

REGEX_TIME_LIMIT_S = 0.5
_MAX_REFS = 1000
_CLASSES: dict[Any, Any] = {}  # draft validator class -> its extension with a safe pattern


class RegexTimeout(ValueError):
    """A regex search ran past its time limit (catastrophic backtracking)."""


@lru_cache(maxsize=1024)
def compile_regex(pattern: str) -> regex.Pattern[str]:
    """The compiled pattern; ``regex.error`` when it does not compile."""
    import regex

    return regex.compile(pattern)


def regex_problem(pattern: str) -> str | None:
    import regex

    try:
        compile_regex(pattern)
    except regex.error as exc:
        return f"invalid regex {pattern!r}: {exc}"
    return None


def search(pattern: str, text: str, limit: float = REGEX_TIME_LIMIT_S) -> regex.Match[str] | None:
    """``pattern`` searched in ``text`` within about ``limit`` seconds, else RegexTimeout."""
    try:
        return compile_regex(pattern).search(text, timeout=limit, concurrent=True)
    except TimeoutError:
        raise RegexTimeout(
            f"regex {pattern!r} took longer than {limit:g} s on a {len(text)}-character "
            "text (nested repetition backtracks); rewrite it without nested quantifiers"
        ) from None


def schema_problem(schema: Any) -> str | None:
    """Why ``schema`` is not a usable JSON Schema, or None."""
    import jsonschema

    if isinstance(schema, bool):
        return None
    if not isinstance(schema, dict):
        return "needs a JSON schema (a mapping)"
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.path) or "(top)"
        return f"invalid JSON Schema at {where}: {exc.message}"
    return _ref_problem(schema, cls) or _pattern_problem(schema)


def _walk(node: Any, key: str) -> Iterator[Any]:
    if isinstance(node, dict):
        if key in node:
            yield node[key]
        for value in node.values():
            yield from _walk(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, key)


def _ref_problem(schema: dict[str, Any], cls: Any) -> str | None:
    from referencing.exceptions import Unresolvable

    resolver = cls(schema)._resolver  # the validator's own resolver, as validation uses it
    for count, ref in enumerate(_walk(schema, "$ref")):
        if count > _MAX_REFS:
            return f"more than {_MAX_REFS} $ref"
        if not isinstance(ref, str):
            continue
        try:
            resolver.lookup(ref)
        except Unresolvable:
            return f"$ref {ref!r} does not resolve inside the schema (nothing is fetched)"
    return None


def _pattern_problem(schema: dict[str, Any]) -> str | None:
    for pattern in _walk(schema, "pattern"):
        if isinstance(pattern, str) and (problem := regex_problem(pattern)):
            return problem
    return None


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and search(pattern, instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: dict[str, Any], instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if search(pattern, key) is not None:
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(
    validator: Any, extra_schema: Any, instance: Any, schema: Any
) -> Iterator[Any]:
    from jsonschema import ValidationError

    if not validator.is_type(instance, "object"):
        return
    known = schema.get("properties", {})
    patterns = tuple(schema.get("patternProperties", {}))
    extras = [
        key
        for key in instance
        if key not in known and not any(search(p, key) is not None for p in patterns)
    ]
    if validator.is_type(extra_schema, "object"):
        for key in extras:
            yield from validator.descend(instance[key], extra_schema, path=key)
    elif extra_schema is False and extras:
        shown = ", ".join(repr(key) for key in sorted(extras))
        yield ValidationError(f"Additional properties are not allowed ({shown} was unexpected)")


_SAFE_KEYWORDS = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}


def validator(schema: Any) -> Any:
    """A ready validator for ``schema`` (checked with :func:`schema_problem` first)."""
    import jsonschema

    base = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    if base not in _CLASSES:
        _CLASSES[base] = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
            base, _SAFE_KEYWORDS
        )
    return _CLASSES[base](schema, format_checker=base.FORMAT_CHECKER)


def schema_mismatch(instance: Any, schema: Any) -> str | None:
    """None when ``instance`` matches ``schema``, else the most relevant problem and where."""
    from jsonschema.exceptions import best_match

    error = best_match(validator(schema).iter_errors(instance))
    if error is None:
        return None
    return f"{_path(error.path)}: {error.message}"


def _path(parts: Iterable[Any]) -> str:
    """A JSONPath-like location: ``$.items[0].name``."""
    out = "$"
    for part in parts:
        if isinstance(part, str) and part.isidentifier():
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out
