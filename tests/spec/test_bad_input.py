"""Bad input never raises: it gives P-diagnostics at path:line:col and the right exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from charter import load, parse_module


def _codes(path: Path) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in load(path).diagnostics]


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_non_utf8_file(tmp_path: Path) -> None:
    f = tmp_path / "bad.md"
    f.write_bytes(b"# Title {#t}\n\ncaf\xe9 au lait\n")
    assert _codes(f) == [("P002", 3, 4)]


def test_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "bin.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    assert [c for c, _, _ in _codes(f)] == ["P003"]


def test_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "empty.md"
    f.write_text("")
    assert _codes(f) == [("P004", 1, 1)]


def test_unclosed_front_matter() -> None:
    module, diags = parse_module("---\nid: x\n# Heading {#h}\n", "f.md")
    assert [(d.code, d.line) for d in diags] == [("P010", 1)]
    # the rest is still read; the unclosed block's text, before any heading, is a preamble
    assert [c.id for c in module.clauses] == ["preamble", "h"]


def test_invalid_yaml_front_matter() -> None:
    _, diags = parse_module("---\nid: [unclosed\ntitle: x\n---\n# H {#h}\n", "f.md")
    assert [d.code for d in diags] == ["P011"]
    assert diags[0].line >= 2


def test_front_matter_wrong_types() -> None:
    _, diags = parse_module("---\nimports: 3\ncharter: one\n---\n# H {#h}\n", "f.md")
    assert sorted((d.code, d.line) for d in diags) == [("P013", 2), ("P013", 3)]


def test_unterminated_xml_block() -> None:
    text = "# A {#a authority=user}\n\n**Example**: x\n\n~~~xml\n<user>\nhi\n</user>\n\n# B {#b}\n"
    _, diags = parse_module(text, "u.md")
    p030 = [d for d in diags if d.code == "P030"]
    assert len(p030) == 1 and (p030[0].line, p030[0].col) == (5, 1)
    assert "1 heading" in p030[0].message


def test_candidate_without_verdict() -> None:
    text = (
        "# A {#a authority=user}\n\n**Example**: x\n\n~~~xml\n<user>\nq\n</user>\n"
        "<comparison>\n<assistant>\nanswer\n</assistant>\n</comparison>\n~~~\n"
    )
    module, diags = parse_module(text, "v.md")
    assert [(d.code, d.line, d.col, d.severity.value) for d in diags] == [("P036", 10, 1, "error")]
    (cand,) = module.clauses[0].examples[0].candidates
    assert cand.verdict is None


def test_malformed_verdict() -> None:
    text = (
        "# A {#a authority=user}\n\n**Example**: x\n\n~~~xml\n<comparison>\n"
        "<assistant> <!-- GREAT -->\nx\n</assistant>\n</comparison>\n~~~\n"
    )
    _, diags = parse_module(text, "v.md")
    assert [(d.code, d.line, d.col) for d in diags] == [("P037", 7, 18)]


@pytest.mark.parametrize(
    ("heading", "code", "col"),
    [
        ("# T {#t authority=}", "P020", 9),
        ('# T {#t authority="root}', "P020", 9),
        ("# T {#t #u}", "P020", 9),
        ("# T {#t", "P020", 5),
        ("# T {#t status=sometimes}", "P022", 9),
        ("# T {#t colour=red}", "P021", 9),
    ],
)
def test_malformed_attribute_block(heading: str, code: str, col: int) -> None:
    _, diags = parse_module(heading + "\n", "h.md")
    assert [(d.code, d.line, d.col) for d in diags if d.code != "P023"] == [(code, 1, col)]


def test_unclosed_message_and_comparison() -> None:
    text = "# A {#a authority=user}\n\n**Example**: x\n\n~~~xml\n<comparison>\n<assistant> <!-- GOOD -->\nhi\n~~~\n"
    _, diags = parse_module(text, "m.md")
    assert sorted(d.code for d in diags) == ["P033", "P038"]


def test_invalid_test_blocks() -> None:
    text = (
        "# A {#a authority=user}\n\n```yaml test\nprompt: [\n```\n\n"
        "```yaml test\nexpect: []\n```\n\n```yaml test\nprompt: hi\nexpect:\n  - resembles: x\n```\n"
    )
    _, diags = parse_module(text, "t.md")
    # P052 points at the expectation itself, not the fence
    assert [(d.code, d.line) for d in diags] == [("P050", 5), ("P051", 7), ("P052", 14)]


def test_duplicate_ids() -> None:
    _, diags = parse_module("# A {#a}\n\n## B {#a}\n", "d.md")
    assert [(d.code, d.line, d.col) for d in diags] == [("P024", 3, 4)]


def test_folder_without_markdown(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = _cli("check", str(tmp_path))
    assert result.returncode == 2
    assert "P070" in result.stdout and "Traceback" not in result.stderr


def test_missing_path(tmp_path: Path) -> None:
    result = _cli("check", str(tmp_path / "nope"))
    assert result.returncode == 2
    # was "PATH:1:1: error P001 ...": a line and column of a file that is not there
    assert result.stdout == ""
    assert f"charter: error: no such file or folder: {tmp_path / 'nope'}" in result.stderr


def test_ten_megabyte_file(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_text("# Big {#big authority=user}\n\n" + "The assistant should reply. " * 380_000)
    assert big.stat().st_size > 10_000_000
    result = _cli("check", str(big), "--format", "json")
    assert result.returncode == 2
    (diag,) = json.loads(result.stdout)["diagnostics"]
    assert diag["code"] == "P005" and diag["line"] == 1


def test_bad_files_do_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Good {#good authority=user}\n\nYou must help.\n")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00")
    project = load(tmp_path)
    assert [m.id for m in project.modules] == ["good"]
    assert [d.code for d in project.diagnostics] == ["P003"]


def test_cli_exit_code_1_on_spec_errors(tmp_path: Path) -> None:
    (tmp_path / "s.md").write_text("# A {#a}\n\n## B {#a}\n")
    result = _cli("check", str(tmp_path))
    assert result.returncode == 1
    assert "s.md:3:4: error C002" in result.stdout or "s.md:3:4: error P024" in result.stdout


def test_a_broken_import_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "bad.bin.md").write_bytes(b"\x00\x01")
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(
            f"---\nimports: [bad.bin.md]\n---\n# {name} {{#{name}}}\n", encoding="utf-8"
        )
    project = load(tmp_path)
    assert [d.code for d in project.diagnostics] == ["P003"]
    assert sorted(m.id for m in project.modules) == ["a", "b"]


def test_empty_comparison() -> None:
    text = (
        "# A {#a authority=user}\n\n**Example**: x\n\n~~~xml\n<user>\nBonjour\n</user>\n"
        "<comparison>\n</comparison>\n~~~\n"
    )
    _, diags = parse_module(text, "c.md")
    assert [(d.code, d.line) for d in diags] == [("P041", 9)]


def test_display_path_counts_parent_folders_not_dots(tmp_path: Path) -> None:
    from charter.spec.loader import display_path

    inside = tmp_path / "a..b..c..d.md"
    assert display_path(inside, str(tmp_path)) == "a..b..c..d.md"
    far = tmp_path / "x.md"
    deep = tmp_path / "1" / "2" / "3"
    assert display_path(far, str(deep)) == str(far)
    assert display_path(far, str(tmp_path / "1" / "2")) == "../../x.md"
