"""``--model``: readings and challenging prompts from a model (the scripted provider).

The author picks a suggestion, it fills the forms as text, and nothing is written until
the author previews and writes; asking again is answered from the cache at no cost.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

import charter
from tests.web.conftest import SPEC_PATH, start, stop

READINGS = [
    {
        "reading": "in the first reply",
        "user": "Where is LK-5?",
        "good": "LK-5 is in transit; here is the tracking link.",
        "bad": "I will get back to you about LK-5 later.",
        "reason": "puts the answer off to a later message",
    },
    {
        "reading": "within one minute",
        "user": "Still there?",
        "good": "Yes, here is your order status.",
        "bad": "(no answer for five minutes)",
        "reason": "keeps the customer waiting",
    },
]


def script(tmp_path: Path) -> Path:
    path = tmp_path / "model.yaml"
    rules = [
        {"match": "concrete readings", "reply": "\n".join(json.dumps(r) for r in READINGS)},
        {"match": "probe the edges", "reply": "- Is a parcel late if it says 'in transit'?\n- x"},
    ]
    path.write_text(yaml.safe_dump({"model": "demo-1", "responses": rules}), encoding="utf-8")
    return path


def test_readings_fill_the_forms_and_write_nothing_until_asked(
    browser: Any, shop: Path, tmp_path: Path
) -> None:
    served = start(shop, "--model", f"scripted/{script(tmp_path)}")
    spec = shop / SPEC_PATH
    before = spec.read_text(encoding="utf-8")
    try:
        page = browser.new_context().new_page()
        page.goto(served.url)
        box = page.locator(".finding", has_text="L112").first
        box.locator("summary").click()
        reading = box.locator('form[data-kind="reading"]')
        reading.locator("button.suggest").click()
        picks = reading.locator(".suggestion")
        picks.first.wait_for()
        assert picks.count() == 2
        assert "no price known" in reading.locator(".cost").inner_text()
        picks.nth(1).click()
        assert reading.locator('[name="reading"]').input_value() == "within one minute"
        precedent = box.locator('form[data-kind="precedent"]')
        assert precedent.locator('[name="bad"]').input_value() == "(no answer for five minutes)"
        assert spec.read_text(encoding="utf-8") == before  # nothing written by suggesting
        precedent.locator('[name="title"]').fill("a customer waiting")  # the author edits
        precedent.locator('button[type="submit"]').click()
        precedent.locator(".write").click()
        page.locator("#status", has_text="example-2").wait_for()
        clause = charter.load(shop).module("larkspur-support").clause("order_status")  # type: ignore[union-attr]
        assert clause.examples[-1].title == "a customer waiting"
        assert clause.examples[-1].candidates[1].reason == "keeps the customer waiting"
    finally:
        stop(served)


def test_challenging_prompts_for_a_clause_are_cached(
    browser: Any, shop: Path, tmp_path: Path
) -> None:
    served = start(shop, "--model", f"scripted/{script(tmp_path)}")
    try:
        page = browser.new_context().new_page()
        page.goto(served.url)
        meta = page.locator("#c-returns_and_refunds .meta")
        meta.locator("button.suggest").click()
        meta.locator(".suggestion").first.wait_for()
        texts = meta.locator(".suggestion").all_inner_texts()
        assert texts == ["Is a parcel late if it says 'in transit'?", "x"]
        assert "tokens" in meta.locator(".cost").inner_text()
        meta.locator("button.suggest").click()
        meta.locator(".cost", has_text="cached").wait_for()
    finally:
        stop(served)
