"""Blind calibration, read from the prompts a scripted judge receives over real HTTP.

The whole 2025-12-18 Model Spec is calibrated against a judge server on 127.0.0.1 that
keeps every request. Each prompt is matched to its candidate in the corpus (parsed here,
not by the code under test), and the references it shows are compared with that
candidate's siblings — the other candidates of its own example. Blind mode must never
show one; the old ``with-siblings`` mode does, which proves the check can fail. The
references' order is shuffled, and the same case always gets the same order.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

import charter
from charter.grade.judge import Judge
from charter.grade.judge_prompt import mark_elisions
from charter.providers.openai import OpenAIProvider
from charter.run.calibrate import CallPolicy, calibrate, plan_calibration
from tests.calibrate.judges import INSTRUCTING, ScriptedJudge, labels, read_prompt
from tests.judge.server import JudgeServer


@pytest.fixture(scope="module")
def model_spec(model_spec_dir: Path) -> Any:
    return charter.load(model_spec_dir / "2025-12-18")


def prompts(project: Any, mode: str) -> list[dict[str, Any]]:
    with JudgeServer(ScriptedJudge(labels(project), set())) as server:
        judge = Judge(OpenAIProvider("judge", {"base_url": server.base_url}))
        items = list(plan_calibration(project, mode=mode))

        async def go() -> None:
            try:
                await calibrate(items, judge, CallPolicy(concurrency=16))
            finally:
                await judge.provider.aclose()

        asyncio.run(go())
    assert len(server.requests) == len(items)
    return server.requests


def siblings(project: Any) -> dict[Any, tuple[set[str], set[str]]]:
    """Per candidate key: its siblings' texts, and every text of the clause's other examples."""
    found: dict[Any, tuple[set[str], set[str]]] = {}
    for module in project.modules:
        for clause in module.clauses:
            for example in clause.examples:
                others = {
                    c.content for e in clause.examples if e is not example for c in e.candidates
                }
                for candidate in example.candidates:
                    conversation = tuple(
                        m.content
                        for m in example.messages
                        if m.span.line < candidate.span.line and m.role in INSTRUCTING
                    )
                    own = {c.content for c in example.candidates if c is not candidate}
                    found[(clause.id, conversation, candidate.content)] = (own, others)
    return found


def references(body: dict[str, Any]) -> list[str]:
    user = body["messages"][-1]["content"]
    shown = re.findall(
        r"<charter-reference-(\w+) label=\"\w+\">\n(.*?)\n</charter-reference-\1>", user, re.DOTALL
    )
    return [re.sub(r"\n\n\(why \w+: .*\)\Z", "", text, flags=re.DOTALL) for _, text in shown]


def shown_siblings(project: Any, requests: list[dict[str, Any]]) -> int:
    table = siblings(project)
    count = 0
    for body in requests:
        own, others = table[read_prompt(body)]
        leaked = {r for r in references(body)} & {mark_elisions(t) for t in own - others}
        count += len(leaked)
    return count


def test_blind_calibration_never_shows_a_candidate_its_siblings(model_spec: Any) -> None:
    blind = prompts(model_spec, "blind")
    assert shown_siblings(model_spec, blind) == 0
    assert sum(1 for body in blind if references(body)) > 300  # references, just not siblings


def test_with_siblings_mode_does_show_them(model_spec: Any) -> None:
    assert shown_siblings(model_spec, prompts(model_spec, "with-siblings")) > 300


def test_reference_order_is_shuffled_and_repeatable(model_spec: Any) -> None:
    first = prompts(model_spec, "blind")
    again = prompts(model_spec, "blind")
    key = lambda body: body["messages"][-1]["content"]  # noqa: E731
    assert sorted(map(key, first)) == sorted(map(key, again))  # same bytes for the same case
    items = {
        (
            i.clause,
            tuple(c for r, c in i.input.conversation if r in INSTRUCTING),
            i.input.response,
        ): i
        for i in plan_calibration(model_spec)
    }
    moved = kept = 0
    for body in first:
        planned = [mark_elisions(r.content) for r in items[read_prompt(body)].input.references]
        shown = references(body)
        assert sorted(shown) == sorted(planned)
        if len(planned) >= 3:
            moved += shown != planned
            kept += shown == planned
    assert moved > 3 * kept  # most orders differ from the document's
