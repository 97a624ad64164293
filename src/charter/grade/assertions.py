"""Fixed assertions of test blocks: ``contains``, ``icontains``, ``regex``, ``equals``,
``is-json``, ``json-schema``, ``max-length``, each with a ``not-`` form.

Each check returns a :class:`Check` whose reason says what was looked for and what was
found, so a failure reads on its own. A malformed assertion (bad regex, invalid schema)
raises :class:`AssertionSpecError`: the case is ``errored``, not failed. ``judge``
criteria are not fixed assertions and are skipped here.

Bounded time (:mod:`charter.spec.assertvalues`): ``regex`` runs on the ``regex`` engine
with a time limit (``REGEX_TIME_LIMIT_S``), so a backtracking pattern errors its case
after about that long instead of blocking the run; :func:`run_assertions_async` runs the
checks in a worker thread (the regex search releases the GIL), so the event loop, the
run's deadline and Ctrl-C go on meanwhile. ``json-schema`` is full JSON Schema (draft
2020-12 by default) through ``jsonschema``; the same schema was already checked at parse
time (P053), so a schema error here means the spec changed under a run.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from charter.grade.base import Check
from charter.spec.assertvalues import (
    RegexTimeout,
    regex_problem,
    schema_mismatch,
    schema_problem,
    search,
)
from charter.spec.model import Expectation

JUDGE = "judge"


class AssertionSpecError(ValueError):
    """An assertion that cannot be evaluated as written."""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def _contains(value: Any, text: str) -> tuple[bool, str]:
    found = str(value) in text
    return found, "found" if found else "not found"


def _icontains(value: Any, text: str) -> tuple[bool, str]:
    found = str(value).casefold() in text.casefold()
    return found, "found (ignoring case)" if found else "not found (ignoring case)"


def _regex_check(value: Any, text: str) -> tuple[bool, str]:
    pattern = str(value)
    problem = regex_problem(pattern)
    if problem is not None:
        raise AssertionSpecError(problem)
    try:
        match = search(pattern, text)
    except RegexTimeout as exc:
        raise AssertionSpecError(str(exc)) from None
    if match is None:
        return False, "no match"
    return True, f"matched {_short(match.group(0))} at offset {match.start()}"


def _equals(value: Any, text: str) -> tuple[bool, str]:
    same = text.strip() == str(value).strip()
    return same, "equal" if same else f"got {_short(text.strip())}"


def _is_json(value: Any, text: str) -> tuple[bool, str]:
    try:
        json.loads(text)
    except ValueError as exc:
        return False, f"not JSON ({exc.args[0] if exc.args else exc})"
    return True, "valid JSON"


def _json_schema(value: Any, text: str) -> tuple[bool, str]:
    try:
        data = json.loads(text)
    except ValueError:
        return False, "not JSON"
    problem = schema_problem(value)
    if problem is not None:
        raise AssertionSpecError(problem)
    try:
        mismatch = schema_mismatch(data, value)
    except RegexTimeout as exc:
        raise AssertionSpecError(str(exc)) from None
    return mismatch is None, mismatch or "matches the schema"


def _max_length(value: Any, text: str) -> tuple[bool, str]:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise AssertionSpecError(f"max-length needs a non-negative integer, got {value!r}")
    return len(text) <= value, f"{len(text)} characters"


CHECKS: dict[str, Callable[[Any, str], tuple[bool, str]]] = {
    "contains": _contains,
    "icontains": _icontains,
    "regex": _regex_check,
    "equals": _equals,
    "is-json": _is_json,
    "json-schema": _json_schema,
    "max-length": _max_length,
}


def describe(expectation: Expectation) -> str:
    name = ("not-" if expectation.negate else "") + expectation.kind
    if expectation.kind in ("is-json",) and expectation.value in (None, True):
        return name
    value = expectation.value
    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    return f"{name}: {_short(shown)}"


def check(expectation: Expectation, response: str) -> Check:
    """Evaluate one fixed assertion against ``response``."""
    run = CHECKS.get(expectation.kind)
    if run is None:
        raise AssertionSpecError(f"unknown assertion {expectation.kind!r}")
    ok, detail = run(expectation.value, response)
    if expectation.negate:
        ok = not ok
    return Check(describe(expectation), ok, detail)


def run_assertions(expectations: tuple[Expectation, ...], response: str) -> list[Check]:
    return [check(e, response) for e in expectations if e.kind != JUDGE]


async def run_assertions_async(expectations: tuple[Expectation, ...], response: str) -> list[Check]:
    """:func:`run_assertions` in a worker thread, so the event loop is never held."""
    return await asyncio.to_thread(run_assertions, expectations, response)
