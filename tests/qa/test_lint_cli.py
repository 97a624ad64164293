"""Usage mistakes with ``charter lint`` exit 2 with a message instead of doing something
silently (QA findings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.helpers import charter


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.md"
    path.write_text("# A {#a authority=user}\n\nThe assistant must answer quickly.\n")
    return path


def test_write_baseline_of_a_missing_path_writes_nothing(tmp_path: Path) -> None:
    # was: exit 0 and an empty baseline, which hides every later finding
    out = tmp_path / "baseline.json"
    result = charter("lint", str(tmp_path / "nope"), "--write-baseline", str(out))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--explain", "L101", "--format", "json"], "--explain prints text only"),
        (["--select", ""], "--select: no rule code given"),
        (["--ignore", " , "], "--ignore: no rule code given"),
        (["--baseline", "a.json", "--write-baseline", "b.json"], "not both"),
    ],
)
def test_contradictory_or_empty_options_are_usage_errors(
    spec: Path, args: list[str], message: str
) -> None:
    result = charter("lint", str(spec), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
