"""A PATH that does not exist is bad input: one plain line and exit 2, from every command
that reads a spec (it was ``/nonexistent:1:1: error P001 no such file or folder``, a
line and column of a file that is not there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.helpers import charter


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "--format", "json"],
        ["lint"],
        ["parse", "--format", "json"],
        ["compile", "--target", "prompt"],
        ["test", "--model", "scripted/none.yaml"],
        ["diff", "."],
    ],
)
def test_a_missing_path_is_one_plain_line_and_exit_2(tmp_path: Path, argv: list[str]) -> None:
    missing = tmp_path / "nonexistent"
    done = charter(*argv, str(missing), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == f"charter: error: no such file or folder: {missing}"
    assert ":1:1" not in done.stderr and "P001" not in done.stderr


def test_a_dangling_link_still_says_why_it_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "spec.md").symlink_to(tmp_path / "gone.md")
    done = charter("check", "spec.md", cwd=tmp_path)
    assert done.returncode == 2 and "P001" in done.stdout
