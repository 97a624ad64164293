"""Commands that read the store refuse a project folder that does not exist, instead of
creating ``<typo>/.charter/charter.db`` and answering "no runs yet" with exit 0."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "charter.cli.main"]


@pytest.mark.parametrize(
    "args",
    [
        ["runs"],
        ["cache", "stats"],
        ["cache", "clear"],
        ["report", "latest"],
        ["compare", "latest~1", "latest"],
    ],
)
def test_a_missing_project_folder_is_exit_2_and_creates_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    missing = tmp_path / "typo"
    result = subprocess.run([*CLI, *args, str(missing)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert f"no such file or folder: {missing}" in result.stderr
    assert not missing.exists()
