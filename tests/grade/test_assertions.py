"""Fixed assertions and the grading order a judge plugs into."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import pytest

from charter.grade import Grade, GradeItem, ModelCall, Status, grade_response
from charter.grade.assertions import AssertionSpecError, check
from charter.providers.base import ChatMessage
from charter.spec.model import Candidate, Clause, Expectation, Span

SCHEMA = {
    "type": "object",
    "required": ["amount"],
    "properties": {"amount": {"type": "number"}},
    "additionalProperties": False,
}


@pytest.mark.parametrize(
    ("kind", "value", "negate", "response", "ok", "reason"),
    [
        ("contains", "refund form", False, "Use the refund form.", True, "found"),
        ("contains", "Refund", False, "use the refund form", False, "not found"),
        ("icontains", "REFUND", False, "use the refund form", True, "ignoring case"),
        ("regex", r"\$\d+", True, "You get $50 back", False, "matched '$50' at offset 8"),
        ("regex", r"\$\d+", True, "You get it back", True, "no match"),
        ("equals", "yes", False, " yes \n", True, "equal"),
        ("equals", "yes", False, "no", False, "got 'no'"),
        ("is-json", None, False, '{"a": 1}', True, "valid JSON"),
        ("is-json", None, False, "{a: 1}", False, "not JSON"),
        ("json-schema", SCHEMA, False, '{"amount": 5}', True, "matches"),
        (
            "json-schema",
            SCHEMA,
            False,
            '{"amount": "5"}',
            False,
            "$.amount: '5' is not of type 'number'",
        ),
        ("json-schema", SCHEMA, False, '{"amount": 5, "x": 1}', False, "('x' was unexpected)"),
        ("max-length", 5, False, "123456", False, "6 characters"),
        ("max-length", 5, True, "123456", True, "6 characters"),
    ],
)
def test_assertion_kinds(
    kind: str, value: Any, negate: bool, response: str, ok: bool, reason: str
) -> None:
    result = check(Expectation(kind, value, negate), response)
    assert result.ok is ok
    assert reason in result.reason


@pytest.mark.parametrize(
    "expectation",
    [
        Expectation("regex", "(unclosed"),
        Expectation("json-schema", {"oneOf": []}),
        Expectation("max-length", "ten"),
    ],
)
def test_malformed_assertions_raise(expectation: Expectation) -> None:
    response = '{"a": 1}'
    with pytest.raises(AssertionSpecError):
        check(expectation, response)


CLAUSE = Clause("c", "C", 2, Span("m.md", 1), 2, authority="root")


@dataclass(frozen=True)
class Item:
    expectations: tuple[Expectation, ...]
    id: str = "m/c/test-1"
    module: str = "m"
    clause: Clause = CLAUSE
    messages: tuple[ChatMessage, ...] = (ChatMessage("user", "hi"),)
    references: tuple[Candidate, ...] = ()


@dataclass
class RecordingJudge:
    """A Grader implementation: what a judge model plugs in as."""

    verdict: Status
    name: str = "judge/test"
    seen: list[str] = field(default_factory=list)

    def identity(self) -> dict[str, str]:
        return {"judge": self.name}

    async def grade(self, item: GradeItem, response: str, call: ModelCall) -> Grade:
        self.seen.append(item.id)
        return Grade(self.verdict, "judge says so", self.name)


async def _no_call(request: Any) -> Any:
    raise AssertionError("no model call expected")


def _grade(item: Item, response: str, judge: RecordingJudge | None = None) -> Grade:
    return asyncio.run(grade_response(item, response, judge, _no_call if judge else None))


def test_a_failing_assertion_decides_alone() -> None:
    judge = RecordingJudge(Status.PASSED)
    item = Item((Expectation("contains", "form"), Expectation("judge", "is polite")))
    grade = _grade(item, "no", judge)
    assert grade.status is Status.FAILED and "contains: 'form': not found" in grade.reason
    assert judge.seen == []


def test_judge_decides_what_assertions_leave_open() -> None:
    judge = RecordingJudge(Status.FAILED)
    item = Item((Expectation("contains", "form"), Expectation("judge", "is polite")))
    assert _grade(item, "the form", judge).status is Status.FAILED
    assert judge.seen == ["m/c/test-1"]
    assert _grade(Item(()), "anything", RecordingJudge(Status.PASSED)).status is Status.PASSED


def test_nothing_is_passed_that_no_check_looked_at() -> None:
    open_criterion = _grade(Item((Expectation("contains", "x"), Expectation("judge", "ok"))), "x")
    assert open_criterion.status is Status.UNGRADED and "need a grader" in open_criterion.reason
    nothing = _grade(Item(()), "x")
    assert nothing.status is Status.UNGRADED and nothing.reason == "no assertion and no judge"
    only_fixed = _grade(Item((Expectation("contains", "x"),)), "x")
    assert only_fixed.status is Status.PASSED


def test_a_bad_assertion_is_errored_not_failed() -> None:
    grade = _grade(Item((Expectation("regex", "(x"),)), "x")
    assert grade.status is Status.ERRORED and "invalid regex" in grade.reason
