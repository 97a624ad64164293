"""A setext heading may span several lines ("Two line\\nsetext title\\n===="). Its title
reads as one line (CommonMark renders the break as a space), its span ends on its last
line, messages naming it stay on one output line, and ``charter fix --ids`` puts the id
at the end of the last line, where the attribute block is read."""

from __future__ import annotations

from pathlib import Path

from charter.spec.parse import parse_module
from tests.lint.helpers import charter

TEXT = "Two line\nsetext title\n============\n\nText.\n"


def test_title_is_one_line_and_span_covers_both_lines() -> None:
    module, diags = parse_module(TEXT, "m.md")
    (clause,) = module.clauses
    assert clause.title == "Two line setext title"
    assert (clause.span.line, clause.span.col) == (1, 1)
    assert (clause.span.end_line, clause.span.end_col) == (2, 13)
    (p023,) = [d for d in diags if d.code == "P023"]
    assert "\n" not in p023.message
    assert (p023.line, p023.col, p023.end_line, p023.end_col) == (1, 1, 2, 13)


def test_check_prints_one_line_per_finding(tmp_path: Path) -> None:
    spec = tmp_path / "m.md"
    spec.write_text(TEXT, encoding="utf-8")
    out = charter("check", "m.md", cwd=tmp_path).stdout
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0].startswith("m.md:1:1: warning P023 heading 'Two line setext title'")
    assert lines[-1] == "0 errors, 1 warning, 0 infos"
    assert len(lines) == 2


def test_fix_ids_writes_the_id_on_the_last_line(tmp_path: Path) -> None:
    spec = tmp_path / "m.md"
    spec.write_text(TEXT + "\nOther\n  title {authority=user}\n-----\n\nMore.\n", encoding="utf-8")
    result = charter("fix", "--ids", str(spec))
    assert result.returncode == 0, result.stderr
    text = spec.read_text(encoding="utf-8")
    assert text.startswith("Two line\nsetext title {#two_line_setext_title}\n====")
    assert "Other\n  title {#other_title authority=user}\n-----" in text
    module, diags = parse_module(text, "m.md")
    assert [(c.id, c.title, c.id_explicit) for c in module.clauses] == [
        ("two_line_setext_title", "Two line setext title", True),
        ("other_title", "Other title", True),
    ]
    assert module.clauses[1].authority == "user"
    assert not [d for d in diags if d.code in ("P020", "P023")]
