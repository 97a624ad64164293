"""An empty heading (``##`` alone, or ``## {#id}`` with only attributes) is one clear
parse warning, P029, at the heading, saying what to write (it was a P023 "heading ''
has no id" and lint findings about clause '')."""

from __future__ import annotations

from pathlib import Path

from charter.spec.parse import parse_module
from tests.lint.helpers import charter

SPEC = (
    "# Spec {#spec authority=user}\n\nThe assistant must answer.\n\n"
    "##\n\nThe assistant should be kind.\n\n"
    "## {#empty authority=root}\n\nThe assistant may joke.\n"
)


def test_empty_headings_are_p029_with_what_to_write() -> None:
    _, diags = parse_module(SPEC, "spec.md")
    found = [(d.code, d.line, d.col, d.message) for d in diags if d.code in ("P023", "P029")]
    assert found == [
        (
            "P029",
            5,
            1,
            "empty heading: '##' has no title and no id; write a title and an id after it, "
            "e.g. '## Refund policy {#refund-policy}'",
        ),
        (
            "P029",
            9,
            4,
            "heading '## {#empty authority=root}' has no title, only attributes; write a "
            "title before them, e.g. '## Refund policy {#empty authority=root}'",
        ),
    ]


def test_check_prints_path_line_col_and_exit_code_is_unchanged(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(SPEC)
    done = charter("check", "spec.md", cwd=tmp_path)
    assert done.returncode == 0  # a warning: the clause is still read
    assert "spec.md:5:1: warning P029 empty heading: '##' has no title" in done.stdout
    assert "spec.md:9:4: warning P029 heading '## {#empty authority=root}'" in done.stdout
    assert "heading '' has no id" not in done.stdout
    explained = charter("lint", "--explain", "P029")
    assert explained.returncode == 0 and "heading without title" in explained.stdout


def test_a_titled_heading_gets_no_p029() -> None:
    _, diags = parse_module("# Title\n\nText.\n\n## Sub {#sub}\n\nMore.\n", "spec.md")
    assert "P029" not in {d.code for d in diags}
    assert "P023" in {d.code for d in diags}  # the titled heading without id: as before
