"""The three Model Spec releases as golden inputs: lint runs, finds things, stays quiet
enough to be useful (no rule fires on more than 10 % of the statements), and the
Model Spec — a sound spec — passes `charter check`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import charter
from charter.diagnostics import Severity
from charter.lint.engine import lint_project
from charter.lint.packs import all_rules
from tests.conftest import RELEASES
from tests.lint.helpers import charter as run_charter


@pytest.fixture(scope="module", params=RELEASES)
def release(request: pytest.FixtureRequest, model_spec_dir: Path) -> tuple[int, Counter[str]]:
    project = charter.load(model_spec_dir / request.param / "model_spec.md")
    statements = sum(len(c.statements) for m in project.modules for c in m.clauses)
    found = lint_project(project)
    assert all(d.severity is not Severity.ERROR for d in found)
    return statements, Counter(d.code for d in found)


def test_no_rule_fires_on_more_than_ten_percent_of_statements(
    release: tuple[int, Counter[str]],
) -> None:
    statements, counts = release
    assert statements > 400
    noisy = {code: n for code, n in counts.items() if n > 0.10 * statements}
    assert noisy == {}, f"rules above 10% of {statements} statements: {noisy}"


def test_lint_finds_language_smells_in_the_model_spec(release: tuple[int, Counter[str]]) -> None:
    _, counts = release
    families = {code[:2] for code in counts}
    assert {"L1", "L2", "L3", "L4"} <= families
    assert sum(counts.values()) > 150
    known = {r.code for r in all_rules()}
    assert set(counts) <= known


def test_lint_adds_no_error_to_the_model_spec(model_spec_dir: Path) -> None:
    path = str(model_spec_dir / "2025-12-18" / "model_spec.md")
    result = run_charter("lint", path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    checked = run_charter("check", path)
    lines = checked.stdout.splitlines()
    assert any(" warning L1" in line for line in lines)  # check runs lint
    assert not any(" error L" in line for line in lines)
