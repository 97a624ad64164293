"""Judge calls inside ``charter test`` are recorded: role ``judge`` in the ``calls`` table,
with tokens, latency, model version and cost, and counted in the run's summary.

A model server and a judge server, both real HTTP on 127.0.0.1; the judge's endpoint has a
price in charter.toml, the model's has none, so every cent in the summary is the judge's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from charter.store import open_store
from tests.judge.server import JudgeServer
from tests.report.fixtures import FRIENDLY, SECRETS, write_spec

PRICE = (3.0, 15.0)  # USD per million input, output tokens
PER_CALL = (100 * PRICE[0] + 20 * PRICE[1]) / 1e6  # the judge server reports 100 in, 20 out


def good(body: dict[str, Any]) -> str:
    return "good answer"


def passing(body: dict[str, Any]) -> str:
    return json.dumps({"reasoning": "fine", "verdict": "pass"})


def configure(folder: Path, model_url: str, judge_url: str) -> Path:
    write_spec(folder)
    (folder / "charter.toml").write_text(
        f'[providers.mut]\ntype = "openai"\nbase_url = "{model_url}"\n\n'
        f'[providers.judge]\ntype = "openai"\nbase_url = "{judge_url}"\n'
        f"price = {{input = {PRICE[0]}, output = {PRICE[1]}}}\n"
    )
    return folder


def _test(capsys: pytest.CaptureFixture[str], project: Path, *extra: str) -> tuple[int, Any]:
    argv = ["test", str(project), "--model", "mut/m", "--grader", "judge/j", "--format", "json"]
    code = main([*argv, *extra])
    return code, json.loads(capsys.readouterr().out)


def test_judge_calls_are_stored_and_priced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JudgeServer(good) as model, JudgeServer(passing) as judge:
        project = configure(tmp_path / "spec", model.base_url, judge.base_url)
        code, payload = _test(capsys, project)
        _, again = _test(capsys, project)  # model answers and verdicts both cached
        assert len(judge.requests) == 2
    assert code == 0
    summary = payload["summary"]
    assert (summary["calls"], summary["judge_calls"]) == (2, 2)
    assert (summary["judge_input_tokens"], summary["judge_output_tokens"]) == (200, 40)
    assert summary["judge_cost"] == pytest.approx(2 * PER_CALL)
    assert summary["cost"] == pytest.approx(2 * PER_CALL)  # the model has no price
    assert (summary["input_tokens"], summary["output_tokens"]) == (200, 40)  # the model's own
    with open_store(project) as store:
        for case in (SECRETS, FRIENDLY):
            calls = store.calls(payload["run"], case)
            assert [c.role for c in calls] == ["model", "judge"]
            judged = calls[1]
            assert (judged.status, judged.error, judged.attempt) == (200, None, 1)
            assert judged.model_version == "judge-model-2025-01-01"
            assert (judged.input_tokens, judged.output_tokens) == (100, 20)
            assert judged.latency_s is not None and judged.latency_s > 0
            assert judged.cost == pytest.approx(PER_CALL)
            assert calls[0].cost is None  # no price for the model under test
    assert again["summary"]["judge_calls"] == 0 and again["summary"]["cost"] is None


def test_a_rejected_schema_and_a_failing_judge_are_recorded_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def picky(body: dict[str, Any]) -> tuple[int, str] | str:
        if "response_format" in body:
            return 400, json.dumps({"error": {"message": "unknown field response_format"}})
        if "Hello" in json.dumps(body):  # the friendly clause's judge prompt
            return 500, json.dumps({"error": {"message": "judge is down"}})
        return "Looks fine.\nVerdict: pass"

    with JudgeServer(good) as model, JudgeServer(picky) as judge:
        project = configure(tmp_path / "spec", model.base_url, judge.base_url)
        code, payload = _test(capsys, project, "--concurrency", "1", "--retries", "1")
    assert code == 3  # the friendly case errored: its judge never answered
    statuses = {c["id"]: c["status"] for c in payload["cases"]}
    assert statuses == {SECRETS: "passed", FRIENDLY: "errored"}
    with open_store(project) as store:
        secrets = [(c.role, c.status) for c in store.calls(payload["run"], SECRETS)]
        friendly = [(c.role, c.status) for c in store.calls(payload["run"], FRIENDLY)]
        assert store.calls(payload["run"], SECRETS)[1].error is not None  # the 400's message
    assert secrets == [("model", 200), ("judge", 400), ("judge", 200)]
    assert friendly == [("model", 200), ("judge", 500), ("judge", 500)]  # first try, 1 retry
    summary = payload["summary"]
    assert (summary["calls"], summary["judge_calls"]) == (2, 4)
    assert summary["judge_cost"] == pytest.approx(PER_CALL)  # only the 200 answer is priced
