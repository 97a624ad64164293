"""``charter regrade``: stored responses graded again; the model under test is never called.

A 1,000-case spec is run with ``charter test`` against a model server on 127.0.0.1, then
regraded with a judge server. The model server's request count must not move; the
judge's verdicts (a deterministic function of each response) must land in a new run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from charter.store import open_store
from charter.store.history import History
from tests.judge.server import JudgeServer, response_under_test

CLAUSES, BLOCKS = 50, 20


def write_spec(folder: Path, model_url: str, judge_url: str) -> None:
    folder.mkdir()
    lines = ["---", "id: big", "---", "# Big spec {#overview}", ""]
    for n in range(CLAUSES):
        lines += [
            f"## Clause {n} {{#c{n} authority=developer}}",
            "",
            "The assistant must be polite.",
            "",
        ]
        for k in range(BLOCKS):
            lines += [
                "```yaml test",
                f"prompt: question {n}-{k}",
                "expect:",
                "  - judge: The response is polite.",
                "```",
                "",
            ]
    (folder / "big.md").write_text("\n".join(lines), encoding="utf-8")
    (folder / "charter.toml").write_text(
        f'[providers.mut]\ntype = "openai"\nbase_url = "{model_url}"\n\n'
        f'[providers.judge]\ntype = "openai"\nbase_url = "{judge_url}"\n'
    )


def model(body: dict[str, Any]) -> str:
    """Polite to even-numbered questions only."""
    question = body["messages"][-1]["content"]
    k = int(question.rsplit("-", 1)[1])
    return "Certainly, please see below." if k % 2 == 0 else "No."


def judge(body: dict[str, Any]) -> str:
    polite = "please" in response_under_test(body)
    return json.dumps({"reasoning": "checked", "verdict": "pass" if polite else "fail"})


def test_regrading_1000_cases_calls_only_the_judge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "big"
    with JudgeServer(model) as model_server, JudgeServer(judge) as judge_server:
        write_spec(project, model_server.base_url, judge_server.base_url)
        main(["test", str(project), "--model", "mut/m1", "--concurrency", "32", "--format", "json"])
        run = json.loads(capsys.readouterr().out)["run"]
        assert len(model_server.requests) == CLAUSES * BLOCKS == 1000
        code = main(["regrade", run, str(project), "--grader", "judge/j1", "--format", "json"])
        first = json.loads(capsys.readouterr().out)
        again = main(["regrade", run, str(project), "--grader", "judge/j1", "--format", "json"])
        second = json.loads(capsys.readouterr().out)
    assert len(model_server.requests) == 1000  # not one more call to the model under test
    assert len(judge_server.requests) == 1000 and first["judge_calls"] == 1000
    assert code == again == 1  # half of the responses fail the judge
    assert first["summary"] == {"passed": 500, "failed": 500, "errored": 0, "ungraded": 0}
    assert second["summary"] == first["summary"] and second["judge_calls"] == 0  # verdict cache
    with open_store(project) as store:
        history = History(store)
        regraded = history.run(first["run"])
        assert regraded is not None and regraded.options["regraded_from"] == run
        assert regraded.grader == "judge/j1" and regraded.counts["passed"] == 500
        results = {r.case_id: r for r in store.results(first["run"])}
        original = {r.case_id: r for r in store.results(run)}
    assert results.keys() == original.keys() and len(results) == 1000
    sample = results["big/c3/test-5"]  # test blocks count from 1: question 3-4
    assert sample.response == original["big/c3/test-5"].response == "Certainly, please see below."
    assert sample.status == "passed" and sample.cached
    assert sample.grader == "judge:openai/j1@judge-model-2025-01-01"  # the version that answered
    assert results["big/c3/test-4"].status == "failed"
