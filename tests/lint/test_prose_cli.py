"""A folder of prose Markdown with no ids, as a user runs Charter on it: lint, check,
check --coverage, diff and changelog give useful output and honest exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.helpers import charter

V1 = """Our assistant helps people plan trips. It should keep answers short.

# Tone

The assistant should be polite, and it should reply in the language of the user.

# Safety

The assistant must refuse to help with smuggling.
"""
V2 = """Our assistant helps people plan trips. It should keep answers short.

# Tone

The assistant must be polite, and it should reply in the language of the user.

# Privacy

The assistant must not repeat a traveller's passport number.
"""


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    one, two = tmp_path / "v1", tmp_path / "v2"
    for folder, text in ((one, V1), (two, V2)):
        folder.mkdir()
        (folder / "guide.md").write_text(text)
    return one, two


def test_lint_reads_the_preamble_and_warns_about_missing_ids(folders: tuple[Path, Path]) -> None:
    result = charter("lint", str(folders[0]))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert ":1:" in out and "L102" in out and "'short'" in out  # the preamble is linted
    assert out.count("warning P023") == 2 and "'{#tone}'" in out


def test_check_passes_and_coverage_says_why_it_is_empty(folders: tuple[Path, Path]) -> None:
    assert charter("check", str(folders[0])).returncode == 0
    covered = charter("check", "--coverage", str(folders[0]))
    assert covered.returncode == 0
    assert "no testable clause: 3 clause(s) have no authority" in covered.stdout
    assert "0 of 0" not in covered.stdout


def test_a_default_authority_makes_the_prose_testable(folders: tuple[Path, Path]) -> None:
    guide = folders[0] / "guide.md"
    guide.write_text("---\nauthority: guideline\n---\n" + V1)
    covered = charter("check", "--coverage", str(folders[0]))
    assert "0 of 3 testable clauses" in covered.stdout
    assert "#preamble (guideline)" in covered.stdout


def test_diff_and_changelog_work_on_prose(folders: tuple[Path, Path]) -> None:
    one, two = folders
    diff = charter("diff", str(one), str(two))
    assert diff.returncode == 0, diff.stderr
    assert "should → must" in diff.stdout and "#safety" in diff.stdout
    assert "#privacy" in diff.stdout and "P023" not in diff.stdout + diff.stderr
    log = charter("changelog", str(one), str(two))
    assert log.returncode == 0, log.stderr
    assert "## Removed clauses" in log.stdout and "`#safety`" in log.stdout
