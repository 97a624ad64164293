"""charter init: the scaffold is a clean project, and nothing is ever overwritten."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_scaffold_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "new-spec"
    assert run("init", str(target)).returncode == 0
    result = run("check", str(target), "--format", "json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["diagnostics"] == []
    parsed = json.loads(run("parse", str(target), "--format", "json").stdout)
    (module,) = parsed["modules"]
    clause = module["clauses"][1]
    assert clause["authority"] == "developer" and clause["examples"] and clause["test_blocks"]
    assert [p["tag"] for p in clause["prompts"]] == ["lang"]


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text("mine")
    result = run("init", str(tmp_path))
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr
    assert (tmp_path / "spec.md").read_text() == "mine"
    assert not (tmp_path / "charter.toml").exists()


def test_a_dangling_config_link_is_not_written_through(tmp_path: Path) -> None:
    target, outside = tmp_path / "proj", tmp_path / "outside.toml"
    target.mkdir()
    (target / "charter.toml").symlink_to(outside)  # dangling: outside.toml does not exist
    result = run("init", str(target))
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr
    assert not outside.exists() and not (target / "spec.md").exists()


def test_a_linked_examples_folder_is_refused(tmp_path: Path) -> None:
    target, elsewhere = tmp_path / "proj", tmp_path / "elsewhere"
    target.mkdir()
    elsewhere.mkdir()
    (target / "examples").symlink_to(elsewhere, target_is_directory=True)
    result = run("init", str(target))
    assert result.returncode == 2 and "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_folder_that_is_a_link_loop_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = run("init", str(loop))
    assert result.returncode == 2 and "Traceback" not in result.stderr
