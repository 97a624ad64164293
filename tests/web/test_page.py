"""The page in Chromium: answer one question of each kind, and check the file on disk.

Each test answers through the browser (preview the diff, then write) and compares the
file with the original text edited by hand at the expected place: every other byte must
be unchanged. A precedent must parse as a new example with a case id; a file edited on
disk after the page showed it must not be overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import charter
from charter.analysis import collect
from charter.run.plan import Plan, plan_cases
from tests.web.conftest import Served

SPEC = Path("support") / "assistant.md"


def finding(page: Any, code: str) -> Any:
    box = page.locator(".finding", has_text=code).first
    box.locator("summary").click()
    return box


def answer(box: Any, kind: str, fields: dict[str, str]) -> Any:
    form = box.locator(f'form[data-kind="{kind}"]')
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('button[type="submit"]').click()
    diff = form.locator(".diff")
    diff.wait_for(state="visible")
    return form


def write(page: Any, form: Any) -> None:
    form.locator(".write").click()
    page.locator("#status", has_text="Written").wait_for()


def test_pick_a_reading_rewrites_only_the_words(page: Any, served: Served) -> None:
    path = served.root / SPEC
    before = path.read_text(encoding="utf-8")
    page.evaluate("window.marker = 'no reload'")
    form = answer(finding(page, "L112"), "reading", {"reading": "within one message"})
    assert "-" in form.locator(".diff").inner_text()
    assert path.read_text(encoding="utf-8") == before  # a preview writes nothing
    write(page, form)
    assert path.read_text(encoding="utf-8") == before.replace(
        "reply promptly and", "reply within one message and", 1
    )
    # re-checked without a reload: the question is gone from the sidebar
    page.locator("#questions", has_text="L112").wait_for(state="detached")
    assert page.evaluate("window.marker") == "no reload"


def test_define_the_term_after_the_module_definitions(page: Any, served: Served) -> None:
    path = served.root / SPEC
    before = path.read_text(encoding="utf-8")
    meaning = "a customer with more than ten orders in a year"
    write(page, answer(finding(page, "L205"), "define", {"meaning": meaning}))
    last = "conversation.\n"  # the end of the module's last definition, **Catalogue**
    at = before.index("**Catalogue**")
    at = before.index(last, at) + len(last)
    assert path.read_text(encoding="utf-8") == before[:at] + f"\n**VIP**: {meaning}\n" + before[at:]
    module = charter.load(path).modules[0]
    terms = [d.term for c in module.clauses for d in c.definitions]
    assert "VIP" in terms


def test_add_a_precedent_becomes_a_case(page: Any, served: Served) -> None:
    path = served.root / SPEC
    before = path.read_text(encoding="utf-8")
    fields = {
        "title": "a customer in a hurry",
        "user": "Quick, where is LK-2?",
        "good": "Let me check the order tool for LK-2.",
        "bad": "It arrives tomorrow.",
        "reason": "invents a date",
    }
    form = answer(finding(page, "L112"), "precedent", fields)
    assert "larkspur-support/order_status/example-2" in form.locator(".diff").inner_text()
    write(page, form)
    after = path.read_text(encoding="utf-8")
    end = before.index("</comparison>\n~~~\n") + len("</comparison>\n~~~\n")
    assert after.startswith(before[:end]) and after.endswith(before[end:])
    inserted = after[end : len(after) - len(before) + end]
    assert inserted.startswith("\n**Example**: a customer in a hurry\n\n~~~xml\n<user>\n")
    project = charter.load(served.root)
    clause = project.module("larkspur-support").clause("order_status")  # type: ignore[union-attr]
    assert [e.title for e in clause.examples][-1] == "a customer in a hurry"
    assert clause.examples[-1].candidates[1].reason == "invents a date"
    ids = {case.id for case in plan_cases(project, Plan())}
    assert "larkspur-support/order_status/example-2" in ids


def test_dismiss_keeps_the_paragraph_whole(page: Any, served: Served) -> None:
    path = served.root / SPEC
    before = path.read_text(encoding="utf-8")
    count = len(
        charter.load(served.root).module("larkspur-support").clause("order_status").statements
    )  # type: ignore[union-attr]
    write(page, answer(finding(page, "L112"), "dismiss", {"reason": "latency is an SLA matter"}))
    after = path.read_text(encoding="utf-8")
    start = before.index("The assistant must take every status")
    end = before.index("customers.\n", start) + len("customers.\n")
    assert after == (
        before[:start]
        + "<!-- charter-disable L112 -- latency is an SLA matter -->\n\n"
        + before[start:end]
        + "\n<!-- charter-enable L112 -->\n"
        + before[end:]
    )
    project = charter.load(served.root)
    clause = project.module("larkspur-support").clause("order_status")  # type: ignore[union-attr]
    assert len(clause.statements) == count
    assert not [d for d in collect(project) if d.code in ("L112", "L901")]


def test_undo_restores_the_bytes(page: Any, served: Served) -> None:
    path = served.root / SPEC
    before = path.read_bytes()
    write(page, answer(finding(page, "L112"), "reading", {"reading": "at once"}))
    assert path.read_bytes() != before
    page.locator("#undo").click()
    page.locator("#status", has_text="Undone").wait_for()
    assert path.read_bytes() == before


def test_a_concurrent_edit_is_never_overwritten(page: Any, served: Served) -> None:
    path = served.root / SPEC
    form = answer(finding(page, "L112"), "reading", {"reading": "at once"})
    edited = path.read_text(encoding="utf-8") + "\nAn edit made in another editor.\n"
    path.write_text(edited, encoding="utf-8")
    form.locator(".write").click()
    page.locator("#stale").wait_for()
    assert "changed on disk" in page.locator("#stale").inner_text()
    assert path.read_text(encoding="utf-8") == edited


def test_keyboard_only_main_flow(page: Any, served: Served) -> None:
    """Tab to the first question's answer, open it, type a reading, preview, write."""
    path = served.root / SPEC
    before = path.read_text(encoding="utf-8")
    keyboard = page.keyboard
    for _ in range(200):
        keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert "promptly" in page.evaluate("document.activeElement.textContent")
    keyboard.press("Enter")  # opens the answer panel, whose forms are then fetched
    page.locator('.finding form[data-kind="reading"]').first.wait_for()
    for _ in range(20):
        keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "reading":
            break
    keyboard.press("Control+A")
    keyboard.type("within a minute")
    keyboard.press("Enter")  # submits the form: the diff is shown, "Write" gets the focus
    page.locator(".write:visible").wait_for()
    assert page.evaluate("document.activeElement.className") == "write"
    keyboard.press("Enter")
    page.locator("#status", has_text="Written").wait_for()
    assert path.read_text(encoding="utf-8") == before.replace("promptly", "within a minute", 1)


def test_screenshot(browser: Any, served: Served, tmp_path: Path) -> None:
    """The page answering a question. ``CHARTER_SCREENSHOT=docs/serve.png`` writes the
    README's picture (1280x900, the reading's diff shown before it is written)."""
    import os

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served.url)
    form = finding(page, "L112").locator('form[data-kind="reading"]')
    form.locator('[name="reading"]').fill("within one message")
    form.locator('button[type="submit"]').click()
    form.locator(".diff").wait_for(state="visible")
    page.evaluate(
        "window.scrollTo(0, document.querySelector('#c-order_status')"
        ".getBoundingClientRect().top + window.scrollY - 10)"
    )
    shot = Path(os.environ.get("CHARTER_SCREENSHOT") or tmp_path / "serve.png")
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.close()


def test_a_written_precedent_is_picked_up_by_changed_since(shop: Path, tmp_path: Path) -> None:
    """The precedent written by the page is a case ``charter test --changed-since`` runs."""
    import json
    import subprocess
    import sys

    from charter.spec.writer import digest
    from charter.web.writes import Writer

    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run([*git, *args], cwd=shop, check=True, capture_output=True)
    rel = "support/assistant.md"
    form = {
        "kind": "precedent",
        "path": rel,
        "hash": digest((shop / rel).read_bytes()),
        "key": "clause:order_status",
        "title": "a late parcel",
        "user": "Is LK-3 late?",
        "good": "The tool shows LK-3 in transit with no date yet.",
        "bad": "It is two days late.",
        "reason": "a delay the tool did not report",
    }
    prepared, _ = Writer(str(shop)).write(form)
    assert prepared.case_id == "larkspur-support/order_status/example-2"
    out = tmp_path / "run.json"
    done = subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "test", ".", "--changed-since", "HEAD",
         "--model", "scripted/responses.yaml", "--format", "json", "-o", str(out)],
        cwd=shop, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    cases = [c["id"] for c in json.loads(out.read_text())["cases"]]
    assert cases == ["larkspur-support/order_status/example-2"]


def test_new_findings_appear_without_a_reload(page: Any, served: Served) -> None:
    page.evaluate("window.marker = 'no reload'")
    assert "sparingly" not in page.locator("#questions").inner_text()
    write(page, answer(finding(page, "L112"), "reading", {"reading": "sparingly"}))
    page.locator("#questions li", has_text="sparingly").wait_for()  # the new vague adverb
    assert "L112" not in page.locator("#questions").inner_text()
    assert "promptly" not in page.locator("#questions").inner_text()
    assert page.evaluate("window.marker") == "no reload"
