"""A panel's per-judge verdicts travel from ``charter test`` (``--grader`` repeated) into
the store (``results.judge_votes``) and out of ``charter report --format json``: two
real judge servers on 127.0.0.1 that disagree, so the report can say "the judges split"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from charter.store import open_project_store
from charter.store.records import JudgeVerdict, JudgeVote
from tests.judge.server import JudgeServer
from tests.judge.test_cli_panel import configure, verdict


def test_each_judges_verdict_is_stored_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (
        JudgeServer(lambda body: "an answer") as model,
        JudgeServer(verdict("pass")) as first,
        JudgeServer(verdict("fail")) as second,
    ):
        project = configure(tmp_path / "spec", model.base_url, first.base_url, second.base_url)
        args = ["test", str(project), "--model", "mut/m", "--grader", "j1/a", "--grader", "j2/b"]
        main(args)
        capsys.readouterr()
    with open_project_store(str(project)) as store:
        run = store.latest_run()
        assert run is not None
        run_id = run.id
        judged = [r for r in store.results(run_id) if r.grader and r.grader.startswith("panel")]
    assert judged, "no result was graded by the panel"
    for result in judged:
        assert result.verdict is JudgeVerdict.UNCERTAIN
        assert result.judge_votes == (
            JudgeVote("openai/a", JudgeVerdict.PASS, "checked"),
            JudgeVote("openai/b", JudgeVerdict.FAIL, "checked"),
        )
    out = tmp_path / "report.json"
    assert main(["report", run_id, str(project), "--format", "json", "-o", str(out)]) == 0
    attempts = [a for c in _cases(json.loads(out.read_text())) for a in c["attempts"]]
    voted = [a["judge_votes"] for a in attempts if a["judge_votes"] is not None]
    assert len(voted) == len(judged)
    assert voted[0] == [
        {"judge": "openai/a", "verdict": "pass", "reason": "checked"},
        {"judge": "openai/b", "verdict": "fail", "reason": "checked"},
    ]


def _cases(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        case
        for module in report["modules"]
        for clause in module["clauses"]
        for case in clause["cases"]
    ]
