"""``charter fix --ids``: derived ids written into headings by span-based insertion, every
other byte of the file unchanged (CRLF, BOM, trailing spaces, attribute blocks)."""

from __future__ import annotations

from pathlib import Path

from charter.lint.ids import id_edits
from charter.spec.parse import parse_module
from charter.spec.writer import apply_edits
from tests.lint.helpers import charter


def _fixed(text: str) -> str:
    module, diags = parse_module(text.replace("\r\n", "\n").lstrip("\ufeff"), "m.md")
    taken = [c.id for c in module.clauses if c.id_explicit]
    return apply_edits(text, id_edits(text, diags, taken))


def _removed(after: str) -> str:
    """``after`` with each inserted id taken out again: must give ``before`` back."""
    import re

    return re.sub(r" \{#[a-z0-9-]+\}|#[a-z0-9-]+ (?=authority)", "", after)


def test_ids_are_appended_or_put_into_the_attribute_block() -> None:
    text = "# Tone\n\nBe kind.\n\n## Safety {authority=root}\n\nRefuse.\n"
    fixed = _fixed(text)
    assert "# Tone {#tone}\n" in fixed and "## Safety {#safety authority=root}\n" in fixed
    assert _removed(fixed) == text


def test_bytes_outside_the_edits_are_unchanged() -> None:
    text = "\ufeff# Tone  \r\n\r\nBe kind.\r\n\r\n# Tone\r\n\r\nText. \r\n"
    assert _fixed(text) == (
        "\ufeff# Tone {#tone}  \r\n\r\nBe kind.\r\n\r\n# Tone {#tone-2}\r\n\r\nText. \r\n"
    )


def test_a_heading_with_an_id_is_left_alone() -> None:
    text = "# Tone {#tone}\n\nBe kind.\n"
    assert _fixed(text) == text


def test_cli_writes_ids_and_the_spec_then_lints_without_p023(tmp_path: Path) -> None:
    spec = tmp_path / "guide.md"
    spec.write_text("Answer briefly.\n\n# Tone\n\nBe kind.\n\n# Safety\n\nRefuse.\n")
    dry = charter("fix", "--ids", "--dry-run", str(tmp_path))
    assert dry.returncode == 0 and "would write 2 id(s)" in dry.stdout
    assert "{#" not in spec.read_text()
    done = charter("fix", "--ids", str(tmp_path))
    assert done.returncode == 0 and "wrote 2 id(s)" in done.stdout
    assert spec.read_text() == (
        "Answer briefly.\n\n# Tone {#tone}\n\nBe kind.\n\n# Safety {#safety}\n\nRefuse.\n"
    )
    assert "P023" not in charter("lint", str(tmp_path)).stdout
    again = charter("fix", "--ids", str(tmp_path))
    assert again.returncode == 0 and "nothing to do" in again.stdout


def test_cli_without_a_choice_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "g.md").write_text("# T\n")
    assert charter("fix", str(tmp_path)).returncode == 2
