"""``charter diff`` and ``charter changelog`` end to end, through ``main``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.conftest import MODEL_SPEC
from tests.diff.support import BASE, PROMPT, write_spec


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _pair(tmp_path: Path, new_text: str, old_text: str = BASE) -> tuple[str, str]:
    old = write_spec(tmp_path / "old", {"s.md": old_text, "examples/rf01.md": PROMPT})
    new = write_spec(tmp_path / "new", {"s.md": new_text, "examples/rf01.md": PROMPT})
    return str(old), str(new)


def test_self_diff_prints_no_change(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(MODEL_SPEC / "2025-12-18")
    code, out, _ = _run(capsys, "diff", path, path, "--exit-code")
    assert code == 0 and out.strip().endswith("no change")


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    old, new = str(MODEL_SPEC / "2025-04-11"), str(MODEL_SPEC / "2025-09-12")
    code, out, _ = _run(capsys, "diff", old, new, "--format", "json", "--impact")
    data = json.loads(out)
    assert code == 0 and data["format"] == 1
    for change in data["changes"]:
        assert {"kind", "clause", "old_id", "new_id", "old", "new", "path", "line"} <= set(change)
        assert set(change["impact"]) == {"invalidated", "obsolete"}
    rename = next(c for c in data["changes"] if c["old_id"] == "protect_privileged_messages")
    assert (rename["kind"], rename["new_id"]) == ("renamed", "protect_privileged_information")
    assert data["version"]["bump"] == "major"


def test_text_output_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _pair(tmp_path, BASE.replace("should link", "must link"))
    code, out, _ = _run(capsys, "diff", old, new, "--exit-code")
    assert code == 1
    assert "! modality   #refunds" in out and "[-should-] {+must+}" in out
    assert "suggested version bump: minor" in out


def test_version_from_front_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = "---\nversion: 1.2.0\n---\n"
    old, new = _pair(
        tmp_path, head + BASE.replace(" It must not promise an amount.", ""), head + BASE
    )
    _, out, _ = _run(capsys, "diff", old, new)
    assert "suggested version bump: major (1.2.0 → 2.0.0)" in out


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_parse_error_on_either_side_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], side: str
) -> None:
    broken = BASE + "\n~~~xml\n<user>\nnever closed\n"
    old, new = _pair(tmp_path, broken) if side == "new" else _pair(tmp_path, BASE, broken)
    code, out, err = _run(capsys, "diff", old, new)
    assert code == 2 and "P030" in err and "Traceback" not in err
    code, out, err = _run(capsys, "diff", old, new, "--format", "json")
    assert code == 2 and json.loads(out)["diagnostics"][0]["code"] == "P030"
    code, out, err = _run(capsys, "changelog", old, new)
    assert code == 2 and "P030" in err


def test_missing_path_and_bad_usage_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "diff", str(tmp_path / "nope"), str(MODEL_SPEC / "2025-12-18"))
    assert code == 2 and f"no such file or folder: {tmp_path / 'nope'}" in err
    code, _, err = _run(capsys, "diff", str(tmp_path))
    assert code == 2 and "two versions" in err


def test_changelog_sections_and_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = str(MODEL_SPEC / "2025-04-11"), str(MODEL_SPEC / "2025-09-12")
    code, out, _ = _run(
        capsys,
        "changelog",
        old,
        new,
        "--links",
        "https://example.org/new.html#{id}",
        "--old-links",
        "https://example.org/old.html#{id}",
    )
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings[:5] == [
        "## Authority changes",
        "## Removed clauses",
        "## New clauses",
        "## Renamed clauses",
        "## Moved clauses",
    ]
    assert headings.index("## Reworded clauses") < headings.index("## Examples and prompt files")
    assert "[Be approachable](https://example.org/old.html#approachable)" in out
    assert "(https://example.org/new.html#protect_privileged_information)" in out
    assert "**level renamed** `platform` → `root`" in out
    assert "Versioning rule" in out


def test_changelog_bad_template(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(MODEL_SPEC / "2025-12-18")
    old = str(MODEL_SPEC / "2025-09-12")
    code, _, err = _run(capsys, "changelog", old, path, "--links", "{nope}")
    assert code == 2 and "link template" in err


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.org")
    _git(tmp_path, "config", "user.name", "t")
    write_spec(tmp_path / "spec", {"s.md": BASE, "examples/rf01.md": PROMPT})
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "v1")
    _git(tmp_path, "tag", "v1")
    text = BASE.replace("{#tone ", "{#voice ").replace("should link", "must link")
    write_spec(tmp_path / "spec", {"s.md": text})
    _git(tmp_path, "commit", "-qam", "v2")
    _git(tmp_path, "tag", "v2")
    return tmp_path


def test_git_revisions(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = _run(capsys, "diff", "--git", "v1..v2", "spec", "--format", "json")
    data = json.loads(out)
    kinds = {(c["kind"], c["clause"]) for c in data["changes"]}
    assert code == 0 and kinds == {
        ("renamed", "voice"),
        ("modality", "refunds"),
        ("reworded", "refunds"),
    }
    assert {c["path"] for c in data["changes"]} == {"v2:spec/s.md"}
    code, out, _ = _run(capsys, "diff", "--git", "v2", "spec")  # v2 against the working tree
    assert code == 0 and "no change" in out
    code, out, _ = _run(capsys, "diff", "--git", "v1..v1", "spec/s.md")
    assert "no change" in out


def test_git_errors_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, _, err = _run(capsys, "diff", "--git", "nope..v2", "spec")
    assert code == 2 and "unknown git revision 'nope'" in err
    code, _, err = _run(capsys, "diff", "--git", "v1..v2", "elsewhere")
    assert code == 2 and "does not exist at revision" in err
    code, _, err = _run(capsys, "diff", "--git", "v1..v2", "a", "b")
    assert code == 2 and "at most one" in err


def test_git_single_file_brings_its_prompt_files(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_spec(repo / "spec", {"examples/rf01.md": PROMPT.replace("order 123", "order 7")})
    _git(repo, "commit", "-qam", "v3")
    monkeypatch.chdir(repo / "spec")
    code, out, _ = _run(capsys, "diff", "--git", "v2..HEAD", "s.md", "--format", "json")
    changes = json.loads(out)["changes"]
    assert code == 0 and [(c["kind"], c["clause"]) for c in changes] == [("prompts", "refunds")]


@pytest.mark.parametrize("revs", ["v1...v2", "v1.."])
def test_git_range_spellings(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, revs: str
) -> None:
    monkeypatch.chdir(repo)
    code, out, _ = _run(capsys, "diff", "--git", revs, "spec", "--brief")
    assert code == 0 and "renamed" in out and "#voice" in out


def test_two_files_of_one_spec_are_one_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `charter diff v1.md v2.md`: the file names differ, the module is the same one, so
    # an unchanged clause is not "moved" from module v1 to module v2.
    (tmp_path / "v1.md").write_text(BASE, encoding="utf-8")
    (tmp_path / "v2.md").write_text(BASE.replace("should link", "must link"), encoding="utf-8")
    code, out, _ = _run(capsys, "diff", str(tmp_path / "v1.md"), str(tmp_path / "v2.md"))
    assert code == 0 and "moved" not in out
    assert "! modality   #refunds" in out and "1 change" in out
