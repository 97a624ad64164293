"""json-schema is full JSON Schema (2020-12), checked when the spec is parsed (P053);
author regexes run with a time limit and off the event loop."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path
from typing import Any

import pytest

from charter import parse_module
from charter.grade.assertions import AssertionSpecError, check, run_assertions_async
from charter.spec.assertvalues import REGEX_TIME_LIMIT_S
from charter.spec.model import Expectation

ORDER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "money": {
            "type": "object",
            "required": ["amount", "currency"],
            "properties": {
                "amount": {"type": "number", "minimum": 0},
                "currency": {"enum": ["EUR", "USD"]},
            },
        },
        "refusal": {
            "type": "object",
            "required": ["refused"],
            "properties": {"refused": {"const": True}},
        },
    },
    "anyOf": [{"$ref": "#/$defs/money"}, {"$ref": "#/$defs/refusal"}],
}


@pytest.mark.parametrize(
    ("reply", "ok"),
    [
        ('{"amount": 5, "currency": "EUR"}', True),
        ('{"refused": true}', True),
        ('{"amount": -1, "currency": "EUR"}', False),
        ('{"amount": 5, "currency": "GBP"}', False),
        ('{"refused": false}', False),
    ],
)
def test_defs_ref_any_of(reply: str, ok: bool) -> None:
    assert check(Expectation("json-schema", ORDER), reply).ok is ok


def test_other_2020_12_keywords() -> None:
    schema = {
        "type": "array",
        "prefixItems": [{"type": "string"}],
        "items": {"type": "integer"},
        "contains": {"const": 3},
        "unevaluatedItems": False,
    }
    assert check(Expectation("json-schema", schema), '["a", 1, 3]').ok
    assert not check(Expectation("json-schema", schema), '["a", 1, 2]').ok
    email = {"type": "string", "format": "email"}
    assert not check(Expectation("json-schema", email), '"not an address"').ok


def _p053(expectation: str) -> list[str]:
    text = (
        f"# C {{#c authority=user}}\n\n```yaml test\nprompt: hi\nexpect:\n  - {expectation}\n```\n"
    )
    result = parse_module(text, "spec.md")
    return [d.message for d in result.diagnostics if d.code == "P053"]


@pytest.mark.parametrize(
    ("expectation", "message"),
    [
        ("json-schema: {type: objekt}", "invalid JSON Schema"),
        ("json-schema: {anyOf: []}", "invalid JSON Schema"),
        ('json-schema: {"$ref": "#/$defs/missing"}', "does not resolve"),
        ('json-schema: {"$ref": "https://example.com/s.json"}', "does not resolve"),
        ('json-schema: {type: string, pattern: "(unclosed"}', "regex"),
        ("json-schema: [1, 2]", "needs a JSON schema"),
        ('regex: "(unclosed"', "invalid regex"),
    ],
)
def test_bad_values_are_p053_at_parse_time(expectation: str, message: str) -> None:
    problems = _p053(expectation)
    assert problems and message in problems[0]


def test_good_schema_parses_clean() -> None:
    assert _p053('json-schema: {"$defs": {"a": {type: string}}, "$ref": "#/$defs/a"}') == []


CATASTROPHIC = r"^(a|aa)+$"


def test_issue_regex_on_a_46_character_reply_is_fast() -> None:
    reply = "This reply has exactly forty-six characters..!"
    assert len(reply) == 46
    started = time.perf_counter()
    result = check(Expectation("regex", r"^(\w+\s?)+$"), reply)
    assert not result.ok and time.perf_counter() - started < 1.0


def test_backtracking_regex_errors_within_its_limit() -> None:
    started = time.perf_counter()
    with pytest.raises(AssertionSpecError, match="took longer than"):
        check(Expectation("regex", CATASTROPHIC), "a" * 60 + "b")
    # the engine checks its clock periodically: allow a few limits, never an unbounded wait
    assert time.perf_counter() - started < 10 * REGEX_TIME_LIMIT_S


def test_schema_pattern_is_time_limited_too() -> None:
    schema = {"type": "string", "pattern": CATASTROPHIC}
    with pytest.raises(AssertionSpecError, match="took longer than"):
        check(Expectation("json-schema", schema), '"' + "a" * 60 + 'b"')


@pytest.mark.parametrize(
    ("schema", "reply", "ok"),
    [
        ({"patternProperties": {"^x-": {"type": "integer"}}}, '{"x-a": 1, "b": "s"}', True),
        ({"patternProperties": {"^x-": {"type": "integer"}}}, '{"x-a": "1"}', False),
        ({"patternProperties": {"^x-": {}}, "additionalProperties": False}, '{"x-a": 1}', True),
        ({"patternProperties": {"^x-": {}}, "additionalProperties": False}, '{"y": 1}', False),
        (
            {"properties": {"a": {}}, "additionalProperties": {"type": "string"}},
            '{"a": 1, "b": "s"}',
            True,
        ),
        ({"properties": {"a": {}}, "additionalProperties": {"type": "string"}}, '{"b": 2}', False),
    ],
)
def test_property_patterns(schema: dict[str, Any], reply: str, ok: bool) -> None:
    assert check(Expectation("json-schema", schema), reply).ok is ok


def test_property_name_patterns_are_time_limited() -> None:
    schema = {"patternProperties": {CATASTROPHIC: {}}, "additionalProperties": False}
    with pytest.raises(AssertionSpecError, match="took longer than"):
        check(Expectation("json-schema", schema), '{"' + "a" * 60 + 'b": 1}')


def test_async_checks_leave_the_event_loop_free() -> None:
    ticks: list[float] = []

    async def ticker(stop: asyncio.Event) -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            await asyncio.sleep(0.01)

    async def go() -> Any:
        stop = asyncio.Event()
        task = asyncio.create_task(ticker(stop))
        await asyncio.sleep(0)
        try:
            await run_assertions_async((Expectation("regex", CATASTROPHIC),), "a" * 60 + "b")
        except AssertionSpecError as exc:
            result: Any = exc
        stop.set()
        await task
        return result

    assert isinstance(asyncio.run(go()), AssertionSpecError)
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 10 and max(gaps) < 0.25  # the loop kept ticking during the search


def test_charter_check_reports_the_schema_before_any_call(tmp_path: Path) -> None:
    from charter.cli.main import main

    spec = tmp_path / "spec.md"
    spec.write_text(
        "# Money {#money authority=user}\n\nThe assistant must answer in JSON.\n\n"
        '```yaml test\nprompt: refund please\nexpect:\n  - json-schema: {"$ref": "#/$defs/amount"}\n```\n',
        encoding="utf-8",
    )
    assert main(["check", str(tmp_path)]) == 1


def test_a_run_with_a_backtracking_regex_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from charter.cli.main import main
    from tests.providers.capture import CaptureServer

    (tmp_path / "spec.md").write_text(
        "# R {#r authority=user}\n\nThe assistant must answer.\n\n"
        f"```yaml test\nprompt: hi\nexpect:\n  - regex: '{CATASTROPHIC}'\n```\n"
        "```yaml test\nprompt: hello\nexpect:\n  - contains: a\n```\n",
        encoding="utf-8",
    )
    with CaptureServer(reply="a" * 60 + "b") as server:
        (tmp_path / "charter.toml").write_text(
            f'[providers.cap]\ntype = "openai"\nbase_url = "http://{server.address}/v1"\n',
            encoding="utf-8",
        )
        started = time.perf_counter()
        main(["test", str(tmp_path), "--model", "cap/m", "--format", "json", "--deadline", "30"])
        elapsed = time.perf_counter() - started
    cases = {c["id"].rsplit("/", 1)[-1]: c for c in json.loads(capsys.readouterr().out)["cases"]}
    assert elapsed < 10, cases
    assert (
        cases["test-1"]["status"] == "errored" and "took longer than" in cases["test-1"]["reason"]
    )
    assert cases["test-2"]["status"] == "passed"  # the other case was graded as usual
