"""``charter fix --ids`` (and the language server's "Add the id", which makes the same
edit) on ATX headings with a closing sequence: ``## Tone ##`` gets ``## Tone {#tone} ##``,
so the title stays "Tone" (appending after the closing '#'s made them part of the title)."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.spec.parse import parse_module
from tests.lint.helpers import charter


@pytest.mark.parametrize(
    ("heading", "fixed", "title"),
    [
        ("# Rules ##", "# Rules {#rules} ##", "Rules"),
        ("## Tone ###   ", "## Tone {#tone} ###   ", "Tone"),
        ("## Use `x` #", "## Use `x` {#use_x} #", "Use `x`"),
        ("## C# programming", "## C# programming {#c_programming}", "C# programming"),
        ("## Ends with hash#", "## Ends with hash# {#ends_with_hash}", "Ends with hash#"),
        ("## Safe {authority=root} ##", "## Safe {#safe authority=root} ##", "Safe"),
    ],
)
def test_closing_sequence_stays_a_closing_sequence(
    tmp_path: Path, heading: str, fixed: str, title: str
) -> None:
    spec = tmp_path / "a.md"
    spec.write_bytes(f"{heading}\r\n\r\nText.\r\n".encode())
    before, _ = parse_module(f"{heading}\n\nText.\n", "a.md")
    assert before.clauses[0].title == title
    result = charter("fix", "--ids", str(spec))
    assert result.returncode == 0, result.stderr
    assert spec.read_bytes() == f"{fixed}\r\n\r\nText.\r\n".encode()
    after, diags = parse_module(spec.read_text(encoding="utf-8"), "a.md")
    assert after.clauses[0].title == title and after.clauses[0].id_explicit
    assert not [d for d in diags if d.code == "P023"]


def test_a_bom_does_not_shift_the_insertion(tmp_path: Path) -> None:
    spec = tmp_path / "a.md"
    spec.write_bytes("\ufeff# Rules ##\n\n## Safe {authority=root} #\n\nText.\n".encode())
    assert charter("fix", "--ids", str(spec)).returncode == 0
    assert spec.read_bytes().decode() == (
        "\ufeff# Rules {#rules} ##\n\n## Safe {#safe authority=root} #\n\nText.\n"
    )
