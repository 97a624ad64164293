"""``spec_gain``: per clause, the compliance a spec prompt gained and its token cost per
call, from two runs in a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.report.compare import SpecGain, render_spec_gain, spec_gain
from charter.store import ResultRecord, Store, open_store


def _result(
    case: str, clause: str, status: str, tokens: int | None, repeat: int = 0
) -> ResultRecord:
    return ResultRecord(case, repeat, "m", clause, status, input_tokens=tokens)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path)
    s.create_run("plain", "openai/x", str(tmp_path), "h", {})
    s.create_run("spec", "openai/x", str(tmp_path), "h", {"with_spec": True})
    plain = [
        _result("m/rude/1", "rude", "failed", 40),
        _result("m/rude/2", "rude", "failed", 60),
        _result("m/safe/1", "safe", "passed", 50),
        _result("m/safe/2", "safe", "failed", 50),
        _result("m/safe/3", "safe", "errored", None),  # not graded: left out
        _result("m/only_plain/1", "only_plain", "passed", 10),
    ]
    spec = [
        _result("m/rude/1", "rude", "passed", 1040),
        _result("m/rude/2", "rude", "passed", 1060),
        _result("m/safe/1", "safe", "passed", 1050),
        _result("m/safe/2", "safe", "failed", 1050, repeat=0),
        _result("m/safe/2", "safe", "passed", 1050, repeat=1),  # strict clause: still failed
        _result("m/safe/3", "safe", "passed", 1050),
    ]
    for run_id, rows in (("plain", plain), ("spec", spec)):
        for row in rows:
            s.record(run_id, row)
    return s


def test_gain_and_cost_per_clause(store: Store) -> None:
    with store:
        gains = spec_gain(
            store.results("plain"), store.results("spec"), lambda module, clause: clause == "safe"
        )
    assert [g.clause for g in gains] == ["rude", "safe"]  # largest gain first
    rude, safe = gains
    assert rude == SpecGain("m", "rude", 2, 0.0, 1.0, 1000.0)
    assert rude.gain == 1.0
    assert (safe.cases, safe.without, safe.with_spec, safe.gain) == (2, 0.5, 0.5, 0.0)
    assert safe.tokens_per_call == pytest.approx(1050 - 50)


def test_render(store: Store) -> None:
    with store:
        text = render_spec_gain(
            spec_gain(store.results("plain"), store.results("spec"), lambda m, c: False)
        )
    first, rude = text.splitlines()[:2]
    assert "tokens/call" in first
    assert rude.startswith("m/rude") and "+100.0pt" in rude and "+1000" in rude


def test_no_tokens_reported_is_none() -> None:
    rows = [_result("a/1", "a", "passed", None)]
    (gain,) = spec_gain(rows, rows, lambda m, c: False)
    assert gain.tokens_per_call is None and gain.gain == 0.0


def test_compare_cli_spec_gain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from charter.cli.main import main
    from tests.report.fixtures import build_store

    project = build_store(tmp_path / "spec")
    assert main(["compare", "run-1", "run-2", str(project), "--spec-gain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("hostile/friendly") and "+100.0pt" in lines[1]
    assert lines[2].startswith("hostile/secrets") and "-100.0pt" in lines[2]
    assert main(["compare", "run-1", "run-2", str(project), "--spec-gain", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(c["clause"], c["gain"]) for c in data["clauses"]] == [
        ("friendly", 1.0),
        ("secrets", -1.0),
    ]
