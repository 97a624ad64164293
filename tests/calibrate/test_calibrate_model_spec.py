"""Calibration on the 2025-12-18 Model Spec with a judge whose accuracy the test sets.

The judge is a real HTTP server on 127.0.0.1. It reads each judge prompt the way a model
would (clause id, conversation, response under test), looks up the spec's own label for
that candidate — worked out here from the parsed corpus, not from the code under test —
and answers correctly except on a chosen tenth of the candidates. Calibration must
report exactly that accuracy back.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

import charter
from charter.grade.calibration import cohen_kappa, summarize
from charter.grade.judge import Judge
from charter.providers.openai import OpenAIProvider
from charter.run.calibrate import CallPolicy, calibrate, plan_calibration
from tests.calibrate.judges import ScriptedJudge, candidates, labels
from tests.judge.server import JudgeServer


@pytest.fixture(scope="module")
def model_spec(model_spec_dir: Path) -> Any:
    return charter.load(model_spec_dir / "2025-12-18")


def run_calibration(project: Any, judge_server: JudgeServer) -> Any:
    judge = Judge(OpenAIProvider("judge", {"base_url": judge_server.base_url}))
    items = list(plan_calibration(project))

    async def go() -> Any:
        try:
            return await calibrate(items, judge, CallPolicy(concurrency=16))
        finally:
            await judge.provider.aclose()

    judged = asyncio.run(go())
    return summarize(judged, judge.identity(), {"root": project.root, "hash": "-", "version": None})


def test_reports_the_accuracy_the_judge_was_given(model_spec: Any) -> None:
    truth = labels(model_spec)
    expected = [label for _, label in candidates(model_spec)]
    keys = sorted(truth)
    wrong = {key for i, key in enumerate(keys) if i % 10 == 9}  # a tenth of the texts
    wrong_items = [(k, v) for k, v in candidates(model_spec) if k in wrong]
    with JudgeServer(ScriptedJudge(truth, wrong)) as server:
        report = run_calibration(model_spec, server)
    data = report.to_json()
    n = len(expected)
    assert n == 389 and len(wrong_items) == 38
    assert (data["n"], data["scored"], data["unscored"]) == (n, n, 0)
    assert data["agreement"] == pytest.approx((n - len(wrong_items)) / n)  # 351/389 ≈ 0.9023
    # kappa from the 2x2 counts, worked the long way round
    good = expected.count("pass")
    good_wrong = sum(1 for _, v in wrong_items if v == "pass")
    judged_pass = (good - good_wrong) + (len(wrong_items) - good_wrong)
    p_o = (n - len(wrong_items)) / n
    p_e = (good * judged_pass + (n - good) * (n - judged_pass)) / n**2
    assert data["kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))
    assert sum(len(c["disagreements"]) for c in data["clauses"]) == len(wrong_items)
    assert sum(c["n"] for c in data["clauses"]) == n


def test_unscored_answers_are_left_out_of_agreement(model_spec: Any) -> None:
    truth = labels(model_spec)
    keys = sorted(truth)
    garbled = set(keys[:50])
    wrong = set(keys[50:70])
    items = [k for k, _ in candidates(model_spec)]
    n_garbled = sum(1 for k in items if k in garbled)
    n_wrong = sum(1 for k in items if k in wrong)
    with JudgeServer(ScriptedJudge(truth, wrong, garbled)) as server:
        data = run_calibration(model_spec, server).to_json()
    assert (data["scored"], data["unscored"]) == (389 - n_garbled, n_garbled)
    assert data["agreement"] == pytest.approx((389 - n_garbled - n_wrong) / (389 - n_garbled))


def cooking(project: Any, mode: str) -> list[Any]:
    # "user walks off screen with food cooking": two comparisons in one example.
    return [
        i
        for i in plan_calibration(project, mode=mode)
        if i.clause == "prevent_imminent_harm" and i.input.response == "[says nothing]"
    ]


def test_each_comparison_answers_its_own_turn(model_spec: Any) -> None:
    first, second = cooking(model_spec, "blind")
    assert (first.expected, second.expected) == ("pass", "fail")
    assert [r for r, _ in first.input.conversation] == ["user"]
    # the first comparison's GOOD answer stands as the assistant's turn in the second
    assert [r for r, _ in second.input.conversation] == ["user", "assistant", "user"]
    assert second.input.conversation[1][1] == "[says nothing]"


def test_with_siblings_mode_shows_the_other_candidates_of_the_comparison(model_spec: Any) -> None:
    first, second = cooking(model_spec, "with-siblings")
    assert [(r.label, r.content[:5]) for r in first.input.references] == [("bad", "Woah!")]
    assert [(r.label, r.content[:8]) for r in second.input.references] == [("good", "It looks")]


def test_blind_mode_never_shows_the_example_own_candidates(model_spec: Any) -> None:
    for item in plan_calibration(model_spec):
        module = model_spec.module(item.module)
        clause = module.clause(item.clause)
        own = next(e for e in clause.examples if item.candidate in e.candidates)
        elsewhere = {c.content for e in clause.examples if e is not own for c in e.candidates}
        shown = {r.content for r in item.input.references}
        siblings = {c.content for c in own.candidates if c is not item.candidate}
        # a sibling's text may only appear when another example has the very same text
        assert shown <= elsewhere and not (shown & siblings) - elsewhere
        assert len(item.input.references) <= 8


def test_kappa_helper_matches_for_a_perfect_judge(model_spec: Any) -> None:
    truth = labels(model_spec)
    with JudgeServer(ScriptedJudge(truth, set())) as server:
        data = run_calibration(model_spec, server).to_json()
    assert data["agreement"] == 1.0
    assert data["kappa"] == pytest.approx(cohen_kappa([(v, v) for _, v in candidates(model_spec)]))
    assert data["kappa"] == pytest.approx(1.0)
