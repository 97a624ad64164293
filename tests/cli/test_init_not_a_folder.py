"""``charter init PATH`` where PATH (or a folder above it) is a file: exit 2 with a
message naming that file, and nothing written; it said only "cannot write the project:
File exists"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("below", ["", "sub"])
def test_init_on_a_file_names_it(tmp_path: Path, below: str) -> None:
    existing = tmp_path / "policy.md"
    existing.write_text("# Policy\n", encoding="utf-8")
    target = existing / below if below else existing
    done = subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "init", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert f"{existing} is a file, not a folder" in done.stderr, done.stderr
    assert existing.read_text(encoding="utf-8") == "# Policy\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["policy.md"]
