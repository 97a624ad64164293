"""Baseline fingerprints: code, clause, matched words and occurrence index only — stable
when lines move or a message's wording or count changes; a second copy is new."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from charter.diagnostics import Diagnostic, Severity
from charter.lint.baseline import fingerprint_v1, fingerprints, subtract_baseline


def _d(line: int, message: str = "m", col: int = 5) -> Diagnostic:
    return Diagnostic("L101", Severity.WARNING, message, "s.md", line, col, line, col + 7, "c")


def _same(path: str) -> str:
    return path


def test_lines_and_messages_do_not_change_the_fingerprint() -> None:
    words = {1: "quickly", 9: "quickly"}
    first = fingerprints([_d(1, "'x' (3 times)")], _same, lambda d: words[d.line])
    moved = fingerprints([_d(9, "'x' (4 times)")], _same, lambda d: words[d.line])
    assert first == moved


def test_other_words_or_a_second_copy_are_new() -> None:
    def read(d: Diagnostic) -> str:
        return "gently" if d.line == 2 else "quickly"

    one, two = fingerprints([_d(1), _d(3)], _same, read)
    assert one != two  # same words twice: occurrence 0 and 1
    assert fingerprints([_d(2)], _same, read) != [one]


def test_words_are_read_from_the_source(tmp_path: Path) -> None:
    spec = tmp_path / "s.md"
    spec.write_text("# C {#c}\n\nAnswer  QUICKLY now.\n")
    d = replace(_d(3, col=9), path=str(spec), end_col=16)
    before = fingerprints([d], _same)
    spec.write_text("# C {#c}\n\nAnswer  quickly now.\n")  # case is normalised
    assert fingerprints([d], _same) == before
    spec.write_text("# C {#c}\n\nAnswer  gently! now.\n")
    assert fingerprints([d], _same) != before


def test_format_one_baselines_are_still_subtracted() -> None:
    d = _d(1, "old message")
    known = Counter([fingerprint_v1(d, _same)])
    assert subtract_baseline([d], (1, known), _same) == []
    assert subtract_baseline([d], (2, known), _same) == [d]
