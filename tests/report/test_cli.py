"""``charter runs``, ``charter report`` and ``charter compare`` on a store with two runs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.report.fixtures import FRIENDLY, SECRETS, build_store


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return build_store(tmp_path / "spec")


def test_runs_lists_newest_first(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["runs", str(project), "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert [r["id"] for r in runs] == ["run-2", "run-1"]
    assert runs[0]["counts"] == {"passed": 4, "failed": 2, "errored": 0, "ungraded": 0}
    assert runs[0]["grader"] == "openai/judge-1"
    assert main(["runs", str(project)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("run-2 ") and "4 passed, 2 failed" in lines[0]


def test_report_formats(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = tmp_path / "out.html"
    assert main(["report", "latest", str(project), "--output", str(html)]) == 0
    assert "Never reveal secrets" in html.read_text()
    assert main(["report", "run-1", str(project), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["run"]["id"] == "run-1" and data["comparison"] is None
    assert main(["report", "latest~0", str(project), "--format", "junit"]) == 0
    assert ET.fromstring(capsys.readouterr().out).get("failures") == "1"
    assert main(["report", "run-", str(project)]) == 2  # an ambiguous prefix
    assert "no run 'run-'" in capsys.readouterr().err


def test_compare(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "run-1", "run-2", str(project)]) == 1  # a regression
    out = capsys.readouterr().out
    assert f"regressions:\n  {SECRETS}: passed → failed" in out
    assert f"improvements:\n  {FRIENDLY}: failed → passed" in out
    assert "hostile/secrets: 100.0% → 0.0%" in out
    assert main(["compare", "run-2", "run-1", str(project), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [c["case"] for c in data["regressions"]] == [FRIENDLY]
    assert main(["compare", "run-1", "run-1", str(project)]) == 0
