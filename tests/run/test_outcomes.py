"""Honest outcomes (issue 10, item 4): a run that graded nothing is not a success, ungraded
results are counted by reason, the pass rate is over graded results next to the share
graded, calls are those made in this invocation, and cases are cases, not case × repeat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli.main import main
from charter.run.outcome import UngradedReason, ungraded_reason
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project

UNGRADED_SPEC = """---
id: bare
---
# Bare {#bare authority=root}

Overview.

## Greets {#greets}

The assistant must greet.

```yaml test
prompt: hello one
```

```yaml test
prompt: hello two
expect:
  - judge: it greets
```
"""


def _write(root: Path, text: str, base_url: str) -> Path:
    root.mkdir(parents=True)
    (root / "bare.md").write_text(text, encoding="utf-8")
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{base_url}"\n', encoding="utf-8"
    )
    return root


def test_a_run_that_graded_nothing_exits_1_and_says_what_to_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = _write(tmp_path / "p", UNGRADED_SPEC, server.base_url)
        code = main(["test", str(root), "--model", "local/m", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 1
    assert "no result was graded" in captured.err and "--grader" in captured.err
    summary = json.loads(captured.out)["summary"]
    assert summary["graded"] == 0 and summary["pass_rate"] is None
    assert summary["graded_share"] == 0.0
    assert summary["ungraded_by_reason"] == {"no assertion": 1, "no judge": 1}


def test_summary_counts_cases_not_repeats_and_calls_of_this_invocation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=3, base_url=server.base_url)
        code = main(["test", str(root), "--model", "local/m", "--repeat", "3"])
        out = capsys.readouterr().out
        assert code == 0
        assert "6 cases × 3 repeats: 18 of 18 results" in out
        assert "graded 18 of 18 (100.0 %); pass rate over graded 100.0 %" in out
        server.script["c001-t001 say something"] = ["500"] * 10
        argv = ["test", str(root), "--model", "local/m", "--no-cache", "--retries", "0"]
        assert main([*argv, "--format", "json"]) == 3
        first = json.loads(capsys.readouterr().out)
        run_id = first["run"]
        assert first["summary"]["calls"] == 6 and first["summary"]["errored"] == 1
        # resume after deleting the errored result: only that case is asked again
        from charter.store import open_store

        with open_store(root) as store:
            store._db.execute("DELETE FROM results WHERE status = 'errored'")
        server.script.clear()
        assert main([*argv, "--resume", run_id, "--format", "json"]) == 0
        resumed = json.loads(capsys.readouterr().out)["summary"]
    assert resumed["calls"] == 1 and resumed["calls_total"] == 7
    assert resumed["cases"] == 6 and resumed["pass_rate"] == 1.0


def test_no_case_to_run_exits_2_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        code = main(["test", str(root), "--model", "local/m", "--clause", "nope"])
    assert code == 2
    out, err = capsys.readouterr()
    assert "no case to run (no testable clause matches --clause" in err
    assert "run " not in out  # no run id is announced, and no empty run is kept:
    assert main(["runs", str(root)]) == 0 and "no runs yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("grader", "reason", "expected"),
    [
        ("none", "no assertion and no judge", UngradedReason.NO_ASSERTION),
        ("none", "1 judge criterion(s) need a grader (--grader)", UngradedReason.NO_JUDGE),
        ("none", "its GOOD/BAD references need a grader (--grader)", UngradedReason.NO_JUDGE),
        ("panel:openai/a+openai/b", "[uncertain] judges disagree", UngradedReason.JUDGE_UNCERTAIN),
        ("judge:openai/j", "[n/a] the clause does not apply", UngradedReason.JUDGE_NA),
        ("judge:openai/j", "[unscored] garbled", UngradedReason.JUDGE_UNREADABLE),
    ],
)
def test_ungraded_reasons(grader: str, reason: str, expected: UngradedReason) -> None:
    assert ungraded_reason(grader, reason) is expected


def test_one_junit_writer_for_test_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import xml.etree.ElementTree as ET

    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        spec = root / "bench.md"
        spec.write_text(spec.read_text().replace("icontains: echo", "icontains: nowhere", 1))
        junit = tmp_path / "out.xml"
        code = main(["test", str(root), "--model", "local/m", "--junit-xml", str(junit)])
        assert code == 1
        run_id = capsys.readouterr().out.split()[1].rstrip(":")
        assert main(["report", run_id, str(root), "--format", "junit"]) == 0
        reported = capsys.readouterr().out
    assert junit.read_text(encoding="utf-8") == reported
    cases = ET.fromstring(reported).findall(".//testcase")
    assert len(cases) == 3
    assert all(Path(c.get("file") or "").resolve() == spec.resolve() for c in cases)
    assert all(float(c.get("time") or -1) >= 0 for c in cases)
    failure = cases[0].find("failure")
    assert failure is not None and "ECHO: c001-t001 say something" in (failure.text or "")
