"""The loader's file-system answers are the same with the read cache as without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import charter
from charter.spec.parse import read_source
from charter.spec.readcache import RealPaths, display_path, read_text

SPEC = "# Rules {#rules}\n\nThe assistant must answer.[^t]\n"
PROMPT = "---\ntag: t\n---\n\n**Example**: one\n\n~~~xml\n<user>hi</user>\n~~~\n"


def project(tmp_path: Path) -> Path:
    (tmp_path / "charter.toml").write_text('[project]\nmodules = ["*.md"]\n')
    (tmp_path / "spec.md").write_text(SPEC)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "t.md").write_text(PROMPT)
    return tmp_path


def test_a_file_rewritten_with_the_same_size_is_read_again(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_text("alpha\n")
    assert read_text(file, "a.md", 1000) == ("alpha\n", [])
    file.write_text("omega\n")  # same size; the change time moves
    assert read_text(file, "a.md", 1000) == ("omega\n", [])


def test_a_file_that_becomes_unusable_gets_its_diagnostic(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_text("alpha\n")
    read_text(file, "a.md", 1000)
    file.write_bytes(b"al\x00ha\n")
    text, problems = read_text(file, "a.md", 1000)
    assert text is None and [d.code for d in problems] == ["P003"]
    assert (text, problems) == read_source(file, "a.md", 1000)
    file.unlink()
    assert [d.code for d in read_text(file, "a.md", 1000)[1]] == ["P001"]


def test_a_smaller_limit_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_text("x" * 50)
    assert read_text(file, "a.md", 1000)[0] == "x" * 50
    assert [d.code for d in read_text(file, "a.md", 10)[1]] == ["P005"]


def test_real_paths_agree_with_realpath_through_links(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("x")
    os.symlink(tmp_path / "real", tmp_path / "linked")
    os.symlink(tmp_path / "real" / "a.md", tmp_path / "real" / "b.md")
    paths = RealPaths()
    for name in ("linked/a.md", "linked/b.md", "real/a.md", "real/b.md", "linked/none.md"):
        path = str(tmp_path / name)
        assert paths.of(path) == os.path.realpath(path), name


def test_display_paths_follow_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    assert display_path("sub/a.md") == "sub/a.md"
    monkeypatch.chdir(tmp_path / "sub")
    assert display_path(tmp_path / "sub" / "a.md") == "a.md"
    assert display_path("a.md") == "a.md"


def test_a_reload_sees_a_prompt_file_edited_on_disk(tmp_path: Path) -> None:
    root = project(tmp_path)
    first = charter.load(root)
    assert [e.title for p in first.prompt_files for e in p.examples] == ["one"]
    (root / "examples" / "t.md").write_text(PROMPT.replace("one", "two"))
    again = charter.load(root)
    assert [e.title for p in again.prompt_files for e in p.examples] == ["two"]
