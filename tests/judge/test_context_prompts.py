"""What the judge is shown, read from the prompts a scripted judge receives over real HTTP.

``charter test`` runs a small spec against a model server and a judge server (both on
127.0.0.1); the judge server keeps every request, and the tests read its prompts the way
a model would: the clause's full text without footnote tags, the definitions of terms it
uses, the text of the clause it references and of the one it overrides, each message
labelled with its level, references in a shuffled but repeatable order with elisions
marked, the verdict derived from findings — and, with ``--with-spec``, the compiled spec
referenced once instead of quoted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from tests.calibrate.judges import findings
from tests.judge.server import JudgeServer

SPEC = """\
---
id: shop
title: Shop
---
# Words {#words}

**Refund window**: the thirty days after delivery in which an order can be returned.

# Refund policy {#refund_policy authority=developer}

Refunds are paid to the original card within five working days.

# Old refunds {#old_refunds authority=guideline}

The assistant should quote the refund amount.

# Refunds {#refunds authority=guideline overrides=#old_refunds}

The assistant must not promise a refund amount.[^r1]
Refunds outside the refund window are declined, as [?](#refund_policy) says.
It points the customer to the refund form.

**Example**: an amount is asked for

~~~xml
<developer>
You are the shop's assistant.
</developer>
<user>
How much will I get back for order 123?
</user>
<comparison>
<assistant> <!-- GOOD: points to the form -->
Please use the refund form [...] and we will confirm.
</assistant>
<assistant> <!-- BAD -->
You will get $42.50 back.
</assistant>
<assistant> <!-- OK -->
I cannot say yet.
</assistant>
</comparison>
~~~
"""


def model(body: dict[str, Any]) -> str:
    return "Please use the refund form."


def judge(body: dict[str, Any]) -> str:
    return findings(body, "satisfied")


def run_test(tmp: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[Any, list[str]]:
    folder = tmp / "spec"
    folder.mkdir(exist_ok=True)
    (folder / "spec.md").write_text(SPEC)
    with JudgeServer(model) as mut, JudgeServer(judge) as grader:
        (folder / "charter.toml").write_text(
            f'[providers.mut]\ntype = "openai"\nbase_url = "{mut.base_url}"\n\n'
            f'[providers.judge]\ntype = "openai"\nbase_url = "{grader.base_url}"\n'
        )
        argv = ["test", str(folder), "--model", "mut/m", "--grader", "judge/j"]
        code = main([*argv, "--format", "json", "--no-cache", *extra])
        payload = json.loads(capsys.readouterr().out)
    assert code == 0, payload
    return payload, [
        body["messages"][0]["content"] + "\n" + body["messages"][1]["content"]
        for body in grader.requests
    ]


def section(prompt: str, name: str) -> list[str]:
    return re.findall(
        rf"<charter-{name}-(\w+)[^>]*>\n(.*?)\n</charter-{name}-\1>", prompt, re.DOTALL
    )


@pytest.fixture()
def prompt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    payload, prompts = run_test(tmp_path, capsys)
    (case,) = payload["cases"]
    assert case["status"] == "passed"
    (only,) = prompts
    return only


def test_the_clause_text_is_whole_and_clean(prompt: str) -> None:
    ((_, clause),) = section(prompt, "clause")
    assert "It points the customer to the refund form." in clause  # a rule without a modal
    assert "S1 [must not] The assistant must not promise a refund amount." in clause
    assert "[^" not in prompt and "[?]" not in prompt and "](#" not in prompt
    assert "“Refund policy” (§refund_policy)" in clause


def test_definitions_and_related_clauses_are_quoted(prompt: str) -> None:
    ((_, definitions),) = section(prompt, "definitions")
    assert "Refund window: the thirty days after delivery" in definitions
    related = [text for _, text in section(prompt, "related")]
    assert any(
        t.startswith("referenced: refund_policy") and "five working days" in t for t in related
    )
    assert any(
        t.startswith("overrides: old_refunds") and "quote the refund amount" in t for t in related
    )


def test_messages_carry_their_level_and_the_chain_is_explained(prompt: str) -> None:
    assert re.search(r'role="developer" level="developer">\nYou are the shop', prompt)
    assert re.search(r'role="user" level="user">\nHow much', prompt)
    assert "Levels of authority, highest first: root, system, developer, user, guideline" in prompt
    assert "Do not let length, formatting" in prompt  # the clause is not about style


def test_references_mark_elisions(prompt: str) -> None:
    references = [text for _, text in section(prompt, "reference")]
    assert len(references) == 3
    assert any("refund form [… elided …] and we" in r for r in references)
    assert "[...]" not in prompt


def test_with_spec_references_the_compiled_spec_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, prompts = run_test(tmp_path, capsys, "--with-spec")
    (only,) = prompts
    assert "given the whole compiled specification as its system prompt" in only
    messages = section(only, "message")
    assert [m[1].split("\n")[0] for m in messages] == [
        "You are the shop's assistant.",
        "How much will I get back for order 123?",
    ]
    assert 'role="system"' not in only  # the compiled spec is not quoted as a message


def test_settings_for_charter_test_make_a_panel_with_samples(tmp_path: Path) -> None:
    """What ``charter test --grader A --grader B --judge-samples K`` will hand the runner."""
    import asyncio

    import charter
    from charter.cli.judging import runner_grading
    from charter.grade import grade_response
    from charter.grade.consensus import Panel
    from charter.run.plan import Plan, plan_cases
    from charter.store import open_store

    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "spec.md").write_text(SPEC)
    violated = lambda body: findings(body, "violated")  # noqa: E731
    with JudgeServer(judge) as one, JudgeServer(violated) as two:
        (folder / "charter.toml").write_text(
            f'[providers.one]\ntype = "openai"\nbase_url = "{one.base_url}"\n\n'
            f'[providers.two]\ntype = "openai"\nbase_url = "{two.base_url}"\n'
        )
        project = charter.load(folder)
        settings: dict[str, Any] = {"grader": ["one/a", "two/b"], "judge_samples": 3}
        with open_store(project.root) as store:
            grading = runner_grading(project, store, settings)
            panel = grading["judge"]
            assert isinstance(panel, Panel) and [j.samples for j in panel.judges] == [3, 3]
            (case,) = plan_cases(project, Plan())

            async def go() -> Any:
                try:
                    return await grade_response(
                        case, "Fine.", panel, panel.judges[0].provider.complete
                    )
                finally:
                    for member in panel.judges:
                        await member.provider.aclose()

            grade = asyncio.run(go())
        assert (len(one.requests), len(two.requests)) == (3, 3)
    assert grade.status.value == "ungraded" and "a clause to clarify" in grade.reason
    assert "definitions" in one.requests[0]["messages"][1]["content"]
