"""A subfolder without its own ``charter.toml`` belongs to the project above it, as git
finds ``.git``: ``charter check proj/sub`` reads ``proj/charter.toml`` and says so (it was
read as a bare project of its own, with the default chain of command)."""

from __future__ import annotations

import json
from pathlib import Path

from charter.spec.loader import load
from charter.spec.locate import project_root
from tests.lint.helpers import charter


def _project(tmp: Path) -> Path:
    root = tmp / "proj"
    (root / "sub").mkdir(parents=True)
    (root / "charter.toml").write_text('[project]\nlevels = ["root", "boss", "user"]\n')
    (root / "sub" / "a.md").write_text(
        "# Spec {#spec authority=boss}\n\nThe assistant must answer.\n"
    )
    (root / "other.md").write_text("# Other {#other authority=root}\n\nThe assistant must wait.\n")
    return root


def test_check_of_a_subfolder_uses_the_projects_charter_toml(tmp_path: Path) -> None:
    _project(tmp_path)
    done = charter("check", "proj/sub", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    codes = {d["code"] for d in json.loads(done.stdout)["diagnostics"]}
    assert "C020" not in codes  # 'boss' is a level of proj/charter.toml
    assert "charter: proj/sub is inside the project at proj; using proj/charter.toml" in (
        done.stderr
    )
    paths = {d["path"] for d in json.loads(done.stdout)["diagnostics"]}
    assert paths <= {"proj/sub/a.md"}  # only the subfolder's modules are read


def test_a_subfolder_loads_its_modules_with_the_projects_settings(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert project_root(root / "sub") == root
    project = load(root / "sub")
    assert [m.id for m in project.modules] == ["sub/a"]  # the id below the project folder
    assert project.config.levels == ("root", "boss", "user")
    assert project.config.source == root / "charter.toml"


def test_a_folder_with_its_own_config_is_its_own_project(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sub" / "charter.toml").write_text("")
    assert project_root(root / "sub") == root / "sub"
    done = charter("check", "proj/sub", cwd=tmp_path)
    assert "C020" in done.stdout and "inside the project" not in done.stderr


def test_an_empty_subfolder_says_which_project_it_looked_in(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "empty").mkdir()
    done = charter("check", "proj/empty", cwd=tmp_path)
    assert done.returncode == 2
    assert "no Markdown module found below proj/empty (project proj)" in done.stdout
