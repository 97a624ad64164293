"""``charter test`` wires repeated ``--grader`` (a panel), ``--judge-samples`` and a
provider's ``judge_params`` into the judge, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from tests.judge.server import JudgeServer
from tests.report.fixtures import write_spec


def verdict(value: str) -> Any:
    return lambda body: json.dumps({"reasoning": "checked", "verdict": value})


def configure(folder: Path, model: str, first: str, second: str, extra: str = "") -> Path:
    write_spec(folder)
    (folder / "charter.toml").write_text(
        f'[providers.mut]\ntype = "openai"\nbase_url = "{model}"\n\n'
        f'[providers.j1]\ntype = "openai"\nbase_url = "{first}"\n{extra}\n'
        f'[providers.j2]\ntype = "openai"\nbase_url = "{second}"\n'
    )
    return folder


def test_a_panel_that_disagrees_grades_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (
        JudgeServer(lambda body: "an answer") as model,
        JudgeServer(verdict("pass")) as first,
        JudgeServer(verdict("fail")) as second,
    ):
        project = configure(tmp_path / "spec", model.base_url, first.base_url, second.base_url)
        code = main(
            ["test", str(project), "--model", "mut/m", "--grader", "j1/a", "--grader", "j2/b"]
        )
        out, _ = capsys.readouterr()
    assert first.requests and second.requests  # both judges were asked
    assert code == 1  # nothing graded is not a success
    assert "2 judge uncertain" in out  # counted by reason, never a pass


def test_samples_and_judge_params_reach_the_wire(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = 'judge_params = {reasoning_effort = "high"}\n'
    with (
        JudgeServer(lambda body: "an answer") as model,
        JudgeServer(verdict("pass")) as first,
        JudgeServer(verdict("pass")) as second,
    ):
        project = configure(
            tmp_path / "spec", model.base_url, first.base_url, second.base_url, extra
        )
        code = main(
            ["test", str(project), "--model", "mut/m", "--grader", "j1/a", "--judge-samples", "3"]
        )
        capsys.readouterr()
    assert code == 0
    cases = len(model.requests)
    assert len(first.requests) == 3 * cases  # three samples per case
    for body in first.requests:  # the configured set is the whole set
        assert body.get("reasoning_effort") == "high"
        assert "temperature" not in body and "seed" not in body
    assert not second.requests


def test_judge_samples_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    write_spec(tmp_path / "spec")
    args = ["test", str(tmp_path / "spec"), "--model", "scripted/x.yaml", "--judge-samples", "0"]
    assert main(args) == 2
