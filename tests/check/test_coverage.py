"""Coverage: per module and per level, what has examples, prompt files or test blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter import load
from charter.check.coverage import measure_coverage, render_coverage
from charter.cli.main import main
from tests.check.support import FIXTURES
from tests.lint.helpers import charter


def test_clean_project_counts() -> None:
    coverage = measure_coverage(load(FIXTURES / "clean"))
    total = coverage.total
    # 6 normative clauses; the two abstract ones are interfaces, not testable.
    assert (total.clauses, total.examples, total.prompts, total.tests) == (6, 3, 2, 2)
    assert total.covered == 6 and coverage.untested == []
    assert list(coverage.levels) == ["root", "system", "developer"]
    assert coverage.levels["developer"].clauses == 4
    by_module = {Path(m.path).name: m for m in coverage.modules}
    assert by_module["platform.md"].levels["system"].tests == 1


def test_untested_clauses_are_listed_with_their_level() -> None:
    coverage = measure_coverage(load(FIXTURES / "chain"))
    untested = {(u.clause, u.level) for u in coverage.untested}
    assert ("no_harm", "root") in untested
    assert ("legacy", "root") in untested  # 'platform' is counted as root
    assert ("escalation", "system") not in untested  # abstract: not testable
    assert coverage.total.covered == 0
    text = render_coverage(coverage)
    assert "untested clauses" in text and "#no_harm (root) No harm" in text


def test_model_spec_coverage_against_an_independent_count(model_spec_dir: Path) -> None:
    project = load(model_spec_dir / "2025-12-18")
    (module,) = project.modules
    coverage = measure_coverage(project)
    normative = [c for c in module.clauses if c.authority]
    covered = [c for c in normative if c.examples or project.prompts_for(module, c)]
    assert coverage.total.clauses == len(normative)
    assert coverage.total.covered == len(covered)
    assert {u.clause for u in coverage.untested} == {c.id for c in normative} - {
        c.id for c in covered
    }


def test_cli_coverage_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(FIXTURES / "chain"), "--coverage", "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    assert payload["format"] == 1 and payload["diagnostics"]
    coverage = payload["coverage"]
    assert coverage["clauses"] == len(coverage["untested"]) > 0
    assert {"root", "system", "developer", "user"} <= set(coverage["levels"])
    assert {"id", "path", "levels", "covered"} <= set(coverage["modules"][0])
    assert {"module", "path", "line", "clause", "title", "level"} == set(coverage["untested"][0])


def test_cli_coverage_text_and_sarif_refusal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "clean"), "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "coverage: 6 of 6 testable clauses" in out
    assert main(["check", str(FIXTURES / "clean"), "--coverage", "--format", "sarif"]) == 2


def test_nothing_to_cover_is_not_reported_as_full_coverage(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n\nThe tutor should be kind.\n", encoding="utf-8")
    coverage = measure_coverage(load(tmp_path))
    assert coverage.total.clauses == 0 and coverage.total.percent is None
    assert coverage.total.to_dict()["percent"] is None
    text = render_coverage(coverage)
    assert "100%" not in text and "no testable clause" in text
    assert "0 (n/a)" in text.splitlines()[3]


def test_cli_coverage_json_says_why_nothing_is_testable(tmp_path: Path) -> None:
    # the text form said why; the JSON form had only zeros and "percent": null
    (tmp_path / "notes.md").write_text("# Notes\n\nThe tutor should be kind.\n", encoding="utf-8")
    done = charter("check", str(tmp_path), "--coverage", "--format", "json")
    coverage = json.loads(done.stdout)["coverage"]
    reason = (
        "no testable clause: 1 clause(s) have no authority (add 'authority=LEVEL' to a "
        "heading's {…} block, or 'authority: LEVEL' to the module's front matter)"
    )
    assert coverage["reason"] == coverage["summary"] == reason
    assert coverage["without_authority"] == 1 and coverage["percent"] is None
    text = charter("check", str(tmp_path), "--coverage").stdout
    assert f"coverage: {reason}" in text


def test_cli_coverage_json_summary_when_something_is_testable() -> None:
    done = charter("check", str(FIXTURES / "clean"), "--coverage", "--format", "json")
    coverage = json.loads(done.stdout)["coverage"]
    assert coverage["reason"] is None
    assert coverage["summary"] == (
        "6 of 6 testable clauses have examples, prompt files or test blocks (100%)"
    )
