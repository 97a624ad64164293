"""Renderers: text lines, JSON fields and a SARIF 2.1.0 log with related locations."""

from __future__ import annotations

import json

from charter.diagnostics import Diagnostic, Fix, Related, Severity, exit_code_for, sort_diagnostics
from charter.diagnostics.render import render_json, render_sarif, render_text

D1 = Diagnostic(
    "P024",
    Severity.ERROR,
    "duplicate clause id 'a'",
    "s.md",
    3,
    4,
    3,
    8,
    "a",
    related=(Related("first used here", "s.md", 1, 3),),
)
D2 = Diagnostic(
    "L999",
    Severity.WARNING,
    "vague word 'quickly'",
    "s.md",
    2,
    10,
    2,
    17,
    "b",
    question="'quickly': within how many seconds?",
    fix=Fix("say 'within 2 s'"),
)


def test_text() -> None:
    text = render_text([D1, D2])
    assert text.splitlines()[0] == "s.md:3:4: error P024 duplicate clause id 'a'"
    assert "    s.md:1:3: note: first used here" in text
    assert "question: 'quickly': within how many seconds?" in text


def test_json_fields() -> None:
    data = json.loads(render_json([D2]))
    assert data["format"] == 1
    (d,) = data["diagnostics"]
    assert {
        k: d[k] for k in ("code", "severity", "path", "line", "col", "end_line", "end_col")
    } == {
        "code": "L999",
        "severity": "warning",
        "path": "s.md",
        "line": 2,
        "col": 10,
        "end_line": 2,
        "end_col": 17,
    }
    assert d["question"] and d["fix"]["description"] == "say 'within 2 s'"


def test_sarif_structure() -> None:
    log = json.loads(render_sarif([D1, D2], tool_version="9.9"))
    assert log["version"] == "2.1.0" and "$schema" in log
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["L999", "P024"]
    first = run["results"][0]
    assert first["ruleId"] == "P024" and rules[first["ruleIndex"]]["id"] == "P024"
    assert first["level"] == "error"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 8}
    assert first["relatedLocations"][0]["message"]["text"] == "first used here"
    assert run["results"][1]["level"] == "warning"


def test_sort_and_exit_code() -> None:
    assert sort_diagnostics([D1, D2, D1]) == [D2, D1]
    assert exit_code_for([D2]) == 0 and exit_code_for([D1, D2]) == 1


def test_json_and_sarif_hold_one_item_a_line_and_parse_back() -> None:
    many = [D1, D2] * 3
    text = render_json(many)
    data = json.loads(text)
    assert len(data["diagnostics"]) == 6 and data["diagnostics"][1] == D2.to_dict()
    assert len(text.splitlines()) == 6 + 5  # envelope lines around one line per item
    assert json.loads(render_json([]))["diagnostics"] == []
    log = json.loads(render_sarif(many, tool_version="9.9"))
    assert len(log["runs"][0]["results"]) == 6
    assert "@@" not in render_sarif(many, tool_version="9.9")
