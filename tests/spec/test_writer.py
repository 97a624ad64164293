"""Span edits change exactly the edited regions; guarded writes refuse a changed file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter.spec.writer import Edit, StaleFileError, apply_edits, digest, write_guarded


def test_replace_insert_and_crlf_kept() -> None:
    text = "one\r\ntwo words\r\nthree\r\n"
    out = apply_edits(text, [Edit(2, 5, 2, 10, "WORDS"), Edit(1, 1, 1, 1, "> ")])
    assert out == "> one\r\ntwo WORDS\r\nthree\r\n"


def test_overlapping_edits_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(1, 1, 1, 4, "x"), Edit(1, 3, 1, 5, "y")])


@given(st.text(), st.integers(0, 200), st.integers(0, 50), st.text(max_size=5))
def test_bytes_outside_the_edit_unchanged(text: str, at: int, length: int, new: str) -> None:
    start = min(at, len(text))
    end = min(start + length, len(text))
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_col = end - (text.rfind("\n", 0, end) + 1) + 1
    out = apply_edits(text, [Edit(line, col, end_line, end_col, new)])
    assert out == text[:start] + new + text[end:]


def test_write_guarded(tmp_path: Path) -> None:
    path = tmp_path / "spec.md"
    path.write_text("# A {#a}\n", encoding="utf-8")
    seen = digest(path.read_bytes())
    new = write_guarded(path, seen, "# B {#a}\n")
    assert path.read_text(encoding="utf-8") == "# B {#a}\n"
    assert new == digest(path.read_bytes())
    with pytest.raises(StaleFileError):
        write_guarded(path, seen, "# C {#a}\n")
    assert path.read_text(encoding="utf-8") == "# B {#a}\n"
