"""Planted reference errors (fixture ``refs``): every one found, at its place, and nothing else."""

from __future__ import annotations

from pathlib import Path

from tests.check.support import check, expect, line_start, one, places, rel

NAME = "refs"


def test_every_planted_reference_error_and_only_those() -> None:
    found = places(NAME, check(NAME))
    e = lambda code, file, needle, **kw: expect(NAME, code, file, needle, **kw)  # noqa: E731
    assert found == {
        e("C001", "main.md", "[?](#nowhere)"),
        e("C001", "main.md", "[the tone rules](#tone_rulez)"),
        e("C003", "main.md", "[the shared rule](#shared)"),
        e("C004", "main.md", "[the other rule](other.md#elsewhere_only)"),
        e("C001", "main.md", "[a missing clause](a.md#not_there)"),
        e("C001", "main.md", "[a missing file](gone.md#anything)"),
        e("C001", "main.md", "[?](#elsewhere_only)"),
        e("C060", "main.md", "[^dg01]"),
        e("C050", "main.md", "#no_such_clause"),
        line_start(NAME, "C051", "main.md", "**Example**: two bad answers"),
        e("C002", "main.md", "Tone rules, again"),
        e("C005", "main.md", "**Agent**"),
        line_start(NAME, "C061", "examples/orph.md", "Examples for [^orph]"),
        line_start(NAME, "C062", "examples/tk01.md", "Examples for [^tk01]"),
        line_start(NAME, "C062", "examples/br01.md", "Examples for [^br01]"),
        line_start(NAME, "C050", "examples/pf01.md", "<assistant> <!-- BAD[#ghost_clause]"),
    }


def test_messages_name_both_ends_with_related_locations() -> None:
    diagnostics = check(NAME)
    ambiguous = one(diagnostics, "C003")
    assert "a.md" in ambiguous.message and "b.md" in ambiguous.message
    assert {(rel(NAME, r.path), r.line) for r in ambiguous.related} == {("a.md", 5), ("b.md", 3)}
    duplicate = one(diagnostics, "C002")
    assert [(r.line, r.col) for r in duplicate.related] == [(52, 4)]
    typo = one(diagnostics, "C001", "tone_rulez")
    assert "did you mean '#tone_rules'" in typo.message
    elsewhere = one(diagnostics, "C001", "[?](#elsewhere_only)")
    assert "other.md" in elsewhere.message
    assert rel(NAME, elsewhere.related[0].path) == "other.md"
    renamed = one(diagnostics, "C062", "br01")
    assert "renamed" in renamed.message and "#answer" in renamed.message
    other_clause = one(diagnostics, "C062", "tk01")
    assert "#tone_rules" in other_clause.message
    assert len(other_clause.related) == 2


def test_duplicate_id_replaces_the_parser_finding_in_charter_check(tmp_path: Path) -> None:
    from charter import load
    from charter.cli.cmd_check import collect
    from tests.check.support import FIXTURES

    codes = [d.code for d in collect(load(FIXTURES / NAME))]
    assert codes.count("C002") == 1 and "P024" not in codes
