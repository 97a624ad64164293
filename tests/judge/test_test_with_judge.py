"""``charter test --grader`` and ``--repeat``: the judge inside a real run.

A model server and a judge server on 127.0.0.1. The model answers each distinct prompt
"good", then "bad", then "good" again, so three repeats disagree on every case: the
strict clause (root, "must") fails, the majority clause (guideline, "should") passes,
and both are flaky. The calibration warning appears until a calibration of that judge
on this very spec reaches the threshold.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from charter.store import open_store
from tests.judge.server import JudgeServer, response_under_test
from tests.report.fixtures import write_spec


class Alternating:
    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> str:
        prompt = body["messages"][-1]["content"]
        with self.lock:
            self.seen[prompt] += 1
            n = self.seen[prompt]
        return "good answer" if n % 2 == 1 else "bad answer"


def judge(body: dict[str, Any]) -> str:
    response = response_under_test(body)
    if response in ("No.", "Hi there!"):  # the spec's GOOD candidates, at calibration
        verdict = "pass"
    elif response == "It is hunter2.":
        verdict = "fail"
    else:
        verdict = "pass" if "good" in response else "fail"
    return json.dumps({"reasoning": f"<b>{response}</b> checked", "verdict": verdict})


def configure(folder: Path, model_url: str, judge_url: str) -> Path:
    write_spec(folder)
    (folder / "charter.toml").write_text(
        f'[providers.mut]\ntype = "openai"\nbase_url = "{model_url}"\n\n'
        f'[providers.judge]\ntype = "openai"\nbase_url = "{judge_url}"\n'
    )
    return folder


def test_repeats_flaky_and_the_calibration_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JudgeServer(Alternating()) as model, JudgeServer(judge) as judge_server:
        project = configure(tmp_path / "spec", model.base_url, judge_server.base_url)
        args = ["test", str(project), "--model", "mut/m", "--grader", "judge/j", "--repeat", "3"]
        code = main(args)
        out, err = capsys.readouterr()
        assert "no calibration on this version of the spec" in err
        assert code == 1  # the strict clause failed on one repeat of three
        assert "repeats: 2 cases aggregated: 1 failed, 1 passed; 2 flaky" in out
        assert "FLAKY hostile/secrets/example-1: 2/3 passed (all) → failed" in out
        assert "FLAKY hostile/friendly/example-1: 2/3 passed (majority) → passed" in out

        # Only the majority clause: 2 of 3 repeats passed, so the run passes.
        only = main([*args, "--clause", "friendly"])  # cached answers: good, bad, good
        capsys.readouterr()
        assert only == 0

        assert main(["calibrate", str(project), "--grader", "judge/j"]) == 0
        capsys.readouterr()
        main([*args, "--clause", "friendly"])
        assert "calibration" not in capsys.readouterr().err  # calibrated: no warning

        assert main(["report", "latest~2", str(project), "--format", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
    assert report["run"]["grader"] == "judge/j" and report["rate"]["flaky"] == 2
    clause = report["modules"][0]["clauses"][0]
    attempts = clause["cases"][0]["attempts"]
    assert {a["verdict"] for a in attempts} == {"pass", "fail"}
    assert all("checked" in a["reasoning"] for a in attempts)
    with open_store(project) as store:
        judge_calls = sum(1 for r in store.results(report["run"]["id"]) if r.grader)
    assert judge_calls == 6


def test_a_judge_below_threshold_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    always_fail = lambda body: json.dumps({"reasoning": "no", "verdict": "fail"})  # noqa: E731
    with JudgeServer(Alternating()) as model, JudgeServer(always_fail) as judge_server:
        project = configure(tmp_path / "spec", model.base_url, judge_server.base_url)
        assert main(["calibrate", str(project), "--grader", "judge/j"]) == 1
        capsys.readouterr()
        main(["test", str(project), "--model", "mut/m", "--grader", "judge/j"])
        err = capsys.readouterr().err
    assert "agreed with the spec's own labels on 33.3% agreement" in err  # 1 BAD of 3
    assert "below the threshold of 90%" in err


def test_judge_without_json_schema_inside_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def picky(body: dict[str, Any]) -> tuple[int, str] | str:
        if "response_format" in body:
            return 400, json.dumps({"error": {"message": "unknown field response_format"}})
        return f"Thinking it over.\nVerdict: {json.loads(judge(body))['verdict']}"

    with JudgeServer(Alternating()) as model, JudgeServer(picky) as judge_server:
        project = configure(tmp_path / "spec", model.base_url, judge_server.base_url)
        code = main(["test", str(project), "--model", "mut/m", "--grader", "judge/j"])
        out = capsys.readouterr().out
    assert code == 0  # both first answers are "good answer": passed by the judge
    assert "2 passed" in out
    assert ["response_format" in b for b in judge_server.requests].count(False) == 2


def test_early_stop_skips_repeats_that_cannot_change_the_aggregate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Answers alternate good, bad, good... per prompt. With 5 repeats, the strict clause is
    # failed for good at its 2nd repeat; the majority clause needs all 5 (P F P F P).
    with JudgeServer(Alternating()) as model, JudgeServer(judge) as judge_server:
        project = configure(tmp_path / "spec", model.base_url, judge_server.base_url)
        args = ["test", str(project), "--model", "mut/m", "--grader", "judge/j"]
        code = main([*args, "--repeat", "5", "--early-stop", "--concurrency", "1"])
        out = capsys.readouterr().out
    assert code == 1
    assert len(model.requests) == 2 + 5  # instead of 10
    assert "FLAKY hostile/secrets/example-1: 1/2 passed (all) → failed" in out
    assert "FLAKY hostile/friendly/example-1: 3/5 passed (majority) → passed" in out


def test_a_calibration_with_siblings_in_view_is_not_trusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JudgeServer(Alternating()) as model, JudgeServer(judge) as judge_server:
        project = configure(tmp_path / "spec", model.base_url, judge_server.base_url)
        calibrate = ["calibrate", str(project), "--grader", "judge/j"]
        assert main([*calibrate, "--mode", "with-siblings"]) == 0
        capsys.readouterr()
        main(["test", str(project), "--model", "mut/m", "--grader", "judge/j"])
        assert "labelled siblings in view" in capsys.readouterr().err
        assert main(calibrate) == 0  # blind
        capsys.readouterr()
        main(["test", str(project), "--model", "mut/m", "--grader", "judge/j"])
        assert "calibrat" not in capsys.readouterr().err
