"""Findings, samples and panels against scripted judges over real HTTP (127.0.0.1)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from charter.grade.base import Status
from charter.grade.consensus import Panel, PanelOutcome
from charter.grade.judge import Judge, JudgeOutcome, MemoryVerdictCache, parse_reason, reason_of
from charter.grade.judge_prompt import JudgeInput
from charter.grade.spec_context import SpecContext, SpecStatement
from charter.providers.base import ChatMessage
from charter.providers.openai import OpenAIProvider
from charter.spec.model import Clause, Expectation, Span
from tests.judge.server import JudgeServer

CONTEXT = SpecContext(
    "The assistant must not promise an amount. It should point to the refund form.",
    (SpecStatement("S1", "must_not", "must not promise"), SpecStatement("S2", "should", "form")),
)


def item(kind: str | None = "example") -> JudgeInput:
    return JudgeInput(
        "refunds",
        "Refunds",
        "guideline",
        ("must not promise", "form"),
        (("user", "How much?"),),
        "You get $40.",
        context=CONTEXT,
        kind=kind,
    )


def answer(s1: str, s2: str, stated: str | None = None) -> str:
    found = [
        {"statement": "S1", "outcome": s1, "evidence": "$40"},
        {"statement": "S2", "outcome": s2, "evidence": ""},
    ]
    data: dict[str, Any] = {"reasoning": "scripted", "findings": found}
    if stated:
        data["verdict"] = stated
    return json.dumps(data)


def judge_once(server: JudgeServer, data: JudgeInput, **kwargs: Any) -> JudgeOutcome:
    judge = Judge(OpenAIProvider("j", {"base_url": server.base_url}), **kwargs)

    async def go() -> JudgeOutcome:
        try:
            return await judge.judge(data)
        finally:
            await judge.provider.aclose()

    return asyncio.run(go())


def test_the_verdict_is_derived_not_taken_from_the_judge() -> None:
    with JudgeServer(lambda body: answer("violated", "satisfied", stated="pass")) as server:
        outcome = judge_once(server, item())
    assert (outcome.verdict, outcome.stated, outcome.rule) == ("fail", "pass", 1)
    assert outcome.status is Status.FAILED
    assert 'S1 violated: "$40"' in reason_of(outcome)


def test_a_violated_should_in_a_guideline_clause_is_partial() -> None:
    with JudgeServer(lambda body: answer("satisfied", "violated")) as server:
        outcome = judge_once(server, item())
    assert (outcome.verdict, outcome.status) == ("partial", Status.FAILED)


def test_unclear_is_uncertain_and_never_a_pass() -> None:
    with JudgeServer(lambda body: answer("satisfied", "unclear")) as server:
        outcome = judge_once(server, item())
    assert (outcome.verdict, outcome.status) == ("uncertain", Status.UNGRADED)
    assert parse_reason(reason_of(outcome)) is not None
    assert reason_of(outcome).startswith("[uncertain]")


def test_n_a_on_an_example_case_is_a_reported_defect() -> None:
    with JudgeServer(lambda body: answer("not_applicable", "not_applicable")) as server:
        on_example = judge_once(server, item("example"))
        on_test = judge_once(server, item("test"))
    assert on_example.verdict == "n/a" and on_example.defect
    assert "judge defect" in reason_of(on_example)
    assert on_test.verdict == "n/a" and not on_test.defect


def by_seed(*answers: str) -> Any:
    """Answers chosen by the request's seed, so concurrent samples get fixed answers."""

    def behaviour(body: dict[str, Any]) -> str:
        return answers[body["seed"] % len(answers)]

    return behaviour


def test_samples_keep_the_majority_with_its_agreement() -> None:
    script = by_seed(answer("violated", "satisfied"), answer("satisfied", "satisfied"))
    with JudgeServer(script) as server:
        outcome = judge_once(server, item(), samples=3, seed=4, cache=MemoryVerdictCache())
    assert sorted(b["seed"] for b in server.requests) == [4, 5, 6]
    assert {b["temperature"] for b in server.requests} == {0.7}
    assert outcome.samples == ("fail", "pass", "fail")
    assert (outcome.verdict, outcome.agreement) == ("fail", 2 / 3)
    assert "67% agree" in reason_of(outcome)


def test_samples_without_a_majority_are_uncertain() -> None:
    script = by_seed(answer("violated", "satisfied"), answer("satisfied", "satisfied"), "garbage")
    with JudgeServer(script) as server:
        outcome = judge_once(server, item(), samples=3, params={"temperature": 0.2})
    assert {b["temperature"] for b in server.requests} == {0.2}
    assert outcome.samples == ("fail", "pass", None)
    assert outcome.verdict == "uncertain" and outcome.status is Status.UNGRADED


CLAUSE = Clause("refunds", "Refunds", 2, Span("s.md", 1), 3, authority="guideline")


@dataclass(frozen=True)
class Case:
    id: str = "shop/refunds/example-1"
    module: str = "shop"
    clause: Clause = CLAUSE
    kind: str = "example"
    messages: tuple[ChatMessage, ...] = (ChatMessage("user", "How much?"),)
    references: tuple[Any, ...] = ()
    expectations: tuple[Expectation, ...] = ()


def panel_of(*servers: JudgeServer) -> Panel:
    return Panel(
        [Judge(OpenAIProvider(f"j{n}", {"base_url": s.base_url})) for n, s in enumerate(servers)]
    )


def run_panel(panel: Panel) -> tuple[PanelOutcome, Any]:
    async def go() -> tuple[PanelOutcome, Any]:
        try:
            outcome = await panel.judge(Case(), "You get $40.")
            return outcome, await panel.grade(
                Case(), "You get $40.", panel.judges[0].provider.complete
            )
        finally:
            for judge in panel.judges:
                await judge.provider.aclose()

    return asyncio.run(go())


def servers(*answers: str) -> Iterator[JudgeServer]:
    for text in answers:
        yield JudgeServer(lambda body, text=text: text)


def test_a_panel_that_disagrees_flags_the_clause() -> None:
    fails, passes = servers(
        json.dumps({"reasoning": "no", "verdict": "fail"}),
        json.dumps({"reasoning": "ok", "verdict": "pass"}),
    )
    with fails, passes:
        outcome, grade = run_panel(panel_of(fails, passes))
    assert outcome.disagreed and outcome.verdict == "uncertain" and outcome.agreement == 0.5
    assert grade.status is Status.UNGRADED
    assert "judges disagree — a clause to clarify" in grade.reason
    assert "judge:openai/j0" in grade.reason and "judge:openai/j1" in grade.reason


def test_a_panel_that_agrees_decides() -> None:
    first, second = servers(
        json.dumps({"reasoning": "no", "verdict": "fail"}),
        json.dumps({"reasoning": "no", "verdict": "partial"}),
    )
    with first, second:
        outcome, grade = run_panel(panel_of(first, second))
    assert not outcome.disagreed and outcome.verdict == "fail" and grade.status is Status.FAILED


def test_generation_settings_come_from_the_mapping() -> None:
    settings = {"temperature": 0.3, "seed": 11, "reasoning_effort": "high", "max_tokens": 900}
    with JudgeServer(lambda body: answer("satisfied", "satisfied")) as server:
        outcome = judge_once(server, item(), params=settings)
        plain = judge_once(server, item(), params={"seed": None})
    first, second = server.requests
    assert {k: first[k] for k in settings} == settings
    assert (second["temperature"], second["seed"]) == (0, 0)  # defaults; None leaves them
    assert "reasoning_effort" not in second and "max_tokens" not in second
    assert outcome.verdict == plain.verdict == "pass"


def test_findings_survive_the_verdict_cache() -> None:
    cache = MemoryVerdictCache()
    with JudgeServer(lambda body: answer("violated", "satisfied")) as server:
        first = judge_once(server, item(), cache=cache)
        second = judge_once(server, item(), cache=cache)
    assert len(server.requests) == 1 and second.cached and not first.cached
    assert second.findings == first.findings and second.verdict == "fail"
    assert second.rule == 1 and reason_of(second) == reason_of(first)
