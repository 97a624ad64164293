"""Runs and calibrations of one spec are found as such from any working folder.

The same spec is calibrated from inside its folder, tested from its parent, then tested
again from inside: the calibration is found (no warning), and the report of the last run
compares it with the one before, although each was started from a different folder.
Model and judge are real HTTP servers on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from charter.store import open_store
from tests.judge.server import JudgeServer, response_under_test
from tests.report.fixtures import write_spec


def model(body: dict[str, Any]) -> str:
    return "No." if "password" in body["messages"][-1]["content"] else "Hi there!"


def judge(body: dict[str, Any]) -> str:
    verdict = "fail" if response_under_test(body) == "It is hunter2." else "pass"
    return json.dumps({"reasoning": "checked", "verdict": verdict})


def test_runs_and_calibrations_match_from_any_working_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write_spec(tmp_path / "spec")
    with JudgeServer(model) as mut, JudgeServer(judge) as judge_server:
        (spec / "charter.toml").write_text(
            f'[providers.mut]\ntype = "openai"\nbase_url = "{mut.base_url}"\n\n'
            f'[providers.judge]\ntype = "openai"\nbase_url = "{judge_server.base_url}"\n'
        )
        monkeypatch.chdir(spec)
        assert main(["calibrate", ".", "--grader", "judge/j"]) == 0
        capsys.readouterr()

        monkeypatch.chdir(tmp_path)
        assert main(["test", "spec", "--model", "mut/m", "--grader", "judge/j"]) == 0
        assert "calibration" not in capsys.readouterr().err  # found from the parent folder

        monkeypatch.chdir(spec)
        assert main(["test", ".", "--model", "mut/m", "--grader", "judge/j"]) == 0
        capsys.readouterr()
        assert main(["report", "latest", ".", "--format", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
    with open_store(spec) as store:
        first, last = store.run(report["comparison"]["before"]), store.latest_run()
    assert first is not None and last is not None and first.id != last.id
    assert first.spec_root == last.spec_root == os.path.realpath(spec)
    assert report["run"]["spec_root"] == os.path.realpath(spec)
    assert first.spec_hash == last.spec_hash  # the same files, whatever the working folder
