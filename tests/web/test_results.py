"""Test results on the page: trend per clause, and empirical ambiguity as questions.

A real SQLite store is written with the store's own API (two runs, a flaky case, an
ungraded one, a partial verdict, a response a panel of three judges split on 2–1, a calibration where the judge read a candidate the other
way); the page reads it without writing, and answering a doubt with a precedent writes a
new example into the clause.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import charter
from charter.run.plan import spec_hash
from charter.store import ResultRecord, open_store
from charter.store.judging import JudgeStore
from charter.store.records import JudgeVerdict, JudgeVote
from charter.web.results import read_results
from tests.web.conftest import SPEC_PATH, Served, cookie, request, start, stop

MODULE = "larkspur-support"
HOSTILE = "<img src=x onerror=alert('response')>"


def result(
    case: str, repeat: int, status: str, reason: str = "", response: str = ""
) -> ResultRecord:
    clause = case.split("/")[1]
    return ResultRecord(case, repeat, MODULE, clause, status, reason, response=response)


def split_result(case: str) -> ResultRecord:
    votes = (
        JudgeVote("openai/judge-a", JudgeVerdict.PASS, "polite"),
        JudgeVote("openai/judge-b", JudgeVerdict.FAIL, "too casual"),
        JudgeVote("anthropic/judge-c", JudgeVerdict.PASS, "fine"),
    )
    clause = case.split("/")[1]
    return ResultRecord(
        case,
        0,
        MODULE,
        clause,
        "ungraded",
        "[uncertain] judges disagree",
        response=HOSTILE,
        judge_votes=votes,
    )


def fill_store(root: Path) -> None:
    project = charter.load(root)
    with open_store(root) as store:
        store.create_run("run-1", "scripted/demo", str(root), "old", {"grader": "judge/demo"})
        store.record("run-1", result(f"{MODULE}/order_status/example-1", 0, "failed"))
        store.create_run(
            "run-2", "scripted/demo", str(root), spec_hash(project), {"grader": "judge/demo"}
        )
        for entry in (
            result(f"{MODULE}/order_status/example-1", 0, "passed", response=HOSTILE),
            result(
                f"{MODULE}/order_status/example-1", 1, "failed", "[fail] invented a date", HOSTILE
            ),
            result(f"{MODULE}/product_advice/example-1", 0, "ungraded"),
            result(f"{MODULE}/returns_and_refunds/example-1", 0, "failed", "[partial] half right"),
            split_result(f"{MODULE}/tone/example-1"),
        ):
            store.record("run-2", entry)
        JudgeStore(store).record_calibration(
            {
                "n": 2,
                "scored": 2,
                "agreement": 0.5,
                "kappa": None,
                "judge": {"grader": "judge/demo"},
                "spec": {"root": str(root), "hash": spec_hash(project)},
                "clauses": [
                    {"module": MODULE, "clause": "product_advice", "disagreements": ["c-7"]}
                ],
            }
        )


def test_read_results_trend_and_doubts(shop: Path) -> None:
    fill_store(shop)
    found = read_results(shop, spec_hash(charter.load(shop)))
    assert found.run_id == "run-2"
    order = found.clauses[(MODULE, "order_status")]
    assert order.trend == [0.0, 0.5]
    assert order.counts == {"passed": 1, "failed": 1}
    kinds = {(d.kind, d.clause) for d in found.doubts}
    assert kinds == {
        ("flaky", "order_status"),
        ("uncertain", "product_advice"),
        ("uncertain", "returns_and_refunds"),
        ("judge", "product_advice"),
        ("split", "tone"),
    }
    split = next(d for d in found.doubts if d.kind == "split")
    assert split.reason == ("2–1: openai/judge-a pass, openai/judge-b fail, anthropic/judge-c pass")


def test_serving_never_creates_the_store(served: Served) -> None:
    assert request(served.base + "/", headers=cookie(served))[0] == 200
    # The store is never created by serving (lint may keep its analysis cache in .charter/).
    assert not (served.root / ".charter" / "charter.db").exists()


def test_a_doubt_is_a_question_answered_with_a_precedent(browser: Any, shop: Path) -> None:
    fill_store(shop)
    examples = (shop / SPEC_PATH).read_text(encoding="utf-8").count("**Example**")
    served = start(shop)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(served.url)
        sidebar = page.locator("#questions")
        assert "disagree across repeats (passed, failed)" in sidebar.inner_text()
        assert "The judge and the spec disagree" in sidebar.inner_text()
        assert "The judges split 2–1: openai/judge-a pass" in sidebar.inner_text()
        doubt = page.locator("section.doubt", has_text="flaky").first
        assert HOSTILE in doubt.locator(".response").inner_text()
        assert page.evaluate("document.querySelectorAll('#live img').length") == 0
        assert (
            "results: 1 failed, 1 passed · trend: ▁▅"
            in page.locator("#c-order_status .meta").inner_text()
        )
        doubt.locator("summary").click()
        form = doubt.locator('form[data-kind="precedent"]')
        for name, value in {
            "title": "no date from the tool",
            "user": "When will LK-9 arrive?",
            "good": "The carrier has not given a date yet.",
            "bad": "Tomorrow.",
            "reason": "a date the tool did not give",
        }.items():
            form.locator(f'[name="{name}"]').fill(value)
        form.locator('button[type="submit"]').click()
        form.locator(".write").click()
        page.locator("#status", has_text="order_status/example-2").wait_for()
        clause = charter.load(shop).module(MODULE).clause("order_status")  # type: ignore[union-attr]
        assert clause.examples[-1].title == "no date from the tool"
        assert (shop / SPEC_PATH).read_text(encoding="utf-8").count("**Example**") == examples + 1
        context.close()
    finally:
        stop(served)
