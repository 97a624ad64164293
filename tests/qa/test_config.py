"""Configuration mistakes are ConfigErrors (exit 2) with the file named, never tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from charter import load
from charter.errors import ConfigError
from charter.lint.settings import load_settings


def _project(tmp_path: Path, toml: str) -> Path:
    (tmp_path / "a.md").write_text("# A {#a authority=root}\n\nThe assistant must greet.\n")
    (tmp_path / "charter.toml").write_text(toml)
    return tmp_path


def test_an_absolute_module_pattern_is_a_config_error(tmp_path: Path) -> None:
    # was: NotImplementedError("Non-relative patterns are unsupported") from pathlib
    root = _project(tmp_path, '[project]\nmodules = ["/etc/*.md"]\n')
    with pytest.raises(ConfigError, match="relative to the project folder"):
        load(root)
    result = subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "charter.toml: 'modules' patterns are relative" in result.stderr


def test_a_misspelt_project_key_is_a_config_error(tmp_path: Path) -> None:
    # was: silently ignored, so `exlude = ["drafts/**"]` linted the drafts
    root = _project(tmp_path, '[project]\nexlude = ["drafts/**"]\n')
    with pytest.raises(ConfigError, match=r"\[project\]: unknown key\(s\) exlude; expected"):
        load(root)


def test_pyproject_tool_charter_is_validated_the_same_way(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A {#a authority=root}\n\nThe assistant must greet.\n")
    (tmp_path / "pyproject.toml").write_text('[tool.charter.project]\nmodule = ["*.md"]\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.charter.project\]: unknown key"):
        load(tmp_path)


def test_pyproject_messages_name_the_tool_charter_table(tmp_path: Path) -> None:
    # a pyproject's own [project] table is PEP 621's: the message must not send users there
    (tmp_path / "a.md").write_text("# A {#a authority=root}\n\nThe assistant must greet.\n")
    (tmp_path / "pyproject.toml").write_text('[tool.charter.lint]\nignor = ["L1"]\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: \[tool.charter.lint\]: unknown"):
        load_settings(load(tmp_path))


def test_a_broken_pyproject_with_a_charter_table_is_reported(tmp_path: Path) -> None:
    # was: the TOML error was swallowed and the project silently used the defaults
    (tmp_path / "a.md").write_text("# A {#a authority=root}\n\nThe assistant must greet.\n")
    (tmp_path / "pyproject.toml").write_text("[tool.charter.project\nmodules = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: invalid TOML"):
        load(tmp_path)


def test_a_broken_pyproject_without_charter_settings_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A {#a authority=root}\n\nThe assistant must greet.\n")
    (tmp_path / "pyproject.toml").write_text("[project\n")
    assert [m.id for m in load(tmp_path).modules] == ["a"]
