"""``charter check`` end to end: exit codes, and related locations in JSON and SARIF."""

from __future__ import annotations

import json

import pytest

from charter.cli.main import main
from tests.check.support import FIXTURES


def test_errors_exit_one_and_json_carries_related(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "chain"), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    root = next(
        d for d in payload["diagnostics"] if d["code"] == "C021" and "no_harm" in d["message"]
    )
    assert root["related"][0]["path"].endswith("org.md") and root["related"][0]["line"] == 3


def test_sarif_carries_related_locations_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(FIXTURES / "contradictions"), "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["C040"]["defaultConfiguration"]["level"] == "error"
    assert rules["C041"]["defaultConfiguration"]["level"] == "note"
    contradiction = next(r for r in run["results"] if r["ruleId"] == "C040")
    (other,) = contradiction["relatedLocations"]
    assert other["physicalLocation"]["region"]["startLine"] > 0


def test_text_output_shows_related_notes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "imports")]) == 1
    out = capsys.readouterr().out
    assert "error C011 import cycle:" in out
    assert "note: " in out and "imports 'cycle_c.md' here" in out
