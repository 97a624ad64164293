"""A small JSON Schema validator for the ``json-schema`` assertion.

Supports the keywords test blocks need — ``type``, ``properties``, ``required``,
``additionalProperties`` (boolean or schema), ``items``, ``enum``, ``const``,
``minLength``/``maxLength``, ``minimum``/``maximum``, ``minItems``/``maxItems``,
``pattern`` — and rejects any other keyword with :class:`SchemaError` rather than
silently ignoring it (a check that cannot fail would be worse than an error).
"""

from __future__ import annotations

import re
from typing import Any

_ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "examples", "$comment"}
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


class SchemaError(ValueError):
    """The schema itself is unusable."""


def _is_type(value: Any, name: str) -> bool:
    if name not in _TYPES:
        raise SchemaError(f"unknown JSON type {name!r}")
    if isinstance(value, bool) and name in ("number", "integer"):
        return False
    return isinstance(value, _TYPES[name])


def validate(value: Any, schema: Any, path: str = "$") -> str | None:
    """None when ``value`` matches ``schema``, else the first problem, with its path."""
    if schema is True or schema == {}:
        return None
    if schema is False:
        return f"{path}: no value is allowed here"
    if not isinstance(schema, dict):
        raise SchemaError("a JSON schema must be a mapping")
    unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
    if unknown:
        raise SchemaError(f"unsupported JSON Schema keyword(s): {', '.join(sorted(unknown))}")
    for keyword, rule in _KEYWORDS.items():
        if keyword in schema:
            problem: str | None = rule(value, schema[keyword], schema, path)
            if problem:
                return problem
    return None


def _type(value: Any, expected: Any, _s: dict[str, Any], path: str) -> str | None:
    names = expected if isinstance(expected, list) else [expected]
    if any(_is_type(value, str(n)) for n in names):
        return None
    return f"{path}: expected {' or '.join(map(str, names))}, got {type(value).__name__}"


def _enum(value: Any, options: Any, _s: dict[str, Any], path: str) -> str | None:
    if value in list(options):
        return None
    return f"{path}: {value!r} is not one of {options!r}"


def _const(value: Any, const: Any, _s: dict[str, Any], path: str) -> str | None:
    return None if value == const else f"{path}: expected {const!r}"


def _required(value: Any, names: Any, _s: dict[str, Any], path: str) -> str | None:
    if not isinstance(value, dict):
        return None
    missing = [n for n in names if n not in value]
    return f"{path}: missing {', '.join(map(str, missing))}" if missing else None


def _properties(value: Any, props: Any, _s: dict[str, Any], path: str) -> str | None:
    if not isinstance(value, dict):
        return None
    for name, sub in dict(props).items():
        if name in value:
            problem = validate(value[name], sub, f"{path}.{name}")
            if problem:
                return problem
    return None


def _additional(value: Any, rule: Any, schema: dict[str, Any], path: str) -> str | None:
    if not isinstance(value, dict):
        return None
    known = set(schema.get("properties", {}))
    for name in value:
        if name not in known:
            problem = validate(value[name], rule, f"{path}.{name}")
            if problem:
                return f"{path}: unexpected property {name!r}" if rule is False else problem
    return None


def _items(value: Any, sub: Any, _s: dict[str, Any], path: str) -> str | None:
    if not isinstance(value, list):
        return None
    for index, item in enumerate(value):
        problem = validate(item, sub, f"{path}[{index}]")
        if problem:
            return problem
    return None


def _bound(kind: str, measure: Any) -> Any:
    def rule(value: Any, limit: Any, _s: dict[str, Any], path: str) -> str | None:
        size = measure(value)
        if size is None:
            return None
        bad = size < limit if kind == "min" else size > limit
        return f"{path}: {size} is {'below' if kind == 'min' else 'above'} {limit}" if bad else None

    return rule


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str) else None


def _count(value: Any) -> int | None:
    return len(value) if isinstance(value, list) else None


def _number(value: Any) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else None


def _pattern(value: Any, pattern: Any, _s: dict[str, Any], path: str) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        found = re.search(str(pattern), value)
    except re.error as exc:
        raise SchemaError(f"invalid pattern {pattern!r}: {exc}") from None
    return None if found else f"{path}: does not match {pattern!r}"


_KEYWORDS: dict[str, Any] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "minLength": _bound("min", _length),
    "maxLength": _bound("max", _length),
    "minItems": _bound("min", _count),
    "maxItems": _bound("max", _count),
    "minimum": _bound("min", _number),
    "maximum": _bound("max", _number),
    "pattern": _pattern,
}
