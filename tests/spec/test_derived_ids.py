"""Headings without ``{#id}`` that share a title: prose documents repeat "Scope",
"Examples" or "Notes" under every section. Their derived ids are made unique in the file
the same way ``charter fix --ids`` makes them (``scope``, ``scope-2``), so a document with
no ids at all is not a duplicate-id error, and the id P023 suggests is the one
``fix --ids`` writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from charter.spec.incremental import reparse
from charter.spec.parse import parse_module

PROSE = (
    "# Returns\n\n## Scope\n\nReturns within 30 days.\n\n"
    "# Exchanges\n\n## Scope\n\nExchanges within 60 days.\n\n"
    "# Refunds\n\n## Scope\n\nRefunds to the card.\n"
)


def test_repeated_titles_without_ids_get_distinct_ids_and_no_error() -> None:
    module, diags = parse_module(PROSE, "p.md")
    assert [c.id for c in module.clauses] == [
        "returns",
        "scope",
        "exchanges",
        "scope-2",
        "refunds",
        "scope-3",
    ]
    assert not [d for d in diags if d.code == "P024"]
    suggested = [d.message for d in diags if d.code == "P023" and d.line == 9]
    assert len(suggested) == 1 and "'{#scope-2}'" in suggested[0]


def test_a_derived_id_gives_way_to_an_explicit_one_anywhere_in_the_file() -> None:
    text = "# Scope\n\nA.\n\n# Limits {#scope}\n\nB.\n"
    module, diags = parse_module(text, "p.md")
    assert [c.id for c in module.clauses] == ["scope-2", "scope"]
    assert not [d for d in diags if d.code == "P024"]


def test_two_explicit_ids_are_still_a_duplicate() -> None:
    _, diags = parse_module("# A {#a}\n\n# Scope\n\n# B {#a}\n", "d.md")
    assert [(d.code, d.line) for d in diags if d.code == "P024"] == [("P024", 5)]


def test_incremental_reparse_agrees_when_a_repeated_title_is_removed() -> None:
    new = PROSE.replace("# Exchanges\n\n## Scope\n\n", "# Exchanges\n\n")
    old, old_diags = parse_module(PROSE, "p.md")
    from charter.spec.parse import Parsed

    got = reparse(PROSE, Parsed(old, tuple(old_diags)), new, "p.md")
    whole, _ = parse_module(new, "p.md")
    if got is not None:
        assert [c.id for c in got.module.clauses] == [c.id for c in whole.clauses]
    assert [c.id for c in whole.clauses] == ["returns", "scope", "exchanges", "refunds", "scope-2"]


def test_check_is_clean_and_fix_ids_writes_what_p023_announced(tmp_path: Path) -> None:
    spec = tmp_path / "p.md"
    spec.write_text(PROSE, encoding="utf-8")
    charter = [sys.executable, "-m", "charter.cli.main"]
    checked = subprocess.run(
        [*charter, "check", str(spec)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout
    assert "P024" not in checked.stdout and "C002" not in checked.stdout
    fixed = subprocess.run(
        [*charter, "fix", "--ids", str(spec)], capture_output=True, text=True, check=False
    )
    assert fixed.returncode == 0, fixed.stderr
    after, diags = parse_module(spec.read_text(encoding="utf-8"), "p.md")
    assert [c.id for c in after.clauses] == [
        "returns",
        "scope",
        "exchanges",
        "scope-2",
        "refunds",
        "scope-3",
    ]
    assert all(c.id_explicit for c in after.clauses) and not diags


def test_incremental_reparse_agrees_when_an_edit_keeps_the_line_count() -> None:
    # the section after the edit is reused by the incremental parser: its suffixed id
    # depends on the edited section, so the result must still equal a whole-file parse
    new = PROSE.replace("# Exchanges\n\n## Scope\n", "# Exchanges\n\n## Scopes\n")
    old, old_diags = parse_module(PROSE, "p.md")
    from charter.spec.parse import Parsed

    got = reparse(PROSE, Parsed(old, tuple(old_diags)), new, "p.md")
    whole, whole_diags = parse_module(new, "p.md")
    assert [c.id for c in whole.clauses][-1] == "scope-2"
    if got is not None:
        assert [c.id for c in got.module.clauses] == [c.id for c in whole.clauses]
        assert list(got.diagnostics) == list(whole_diags)


def test_the_preamble_gives_way_to_an_explicit_preamble_id() -> None:
    text = "Intro text.\n\n# Other {#preamble}\n\nx\n"
    module, diags = parse_module(text, "p.md")
    assert [c.id for c in module.clauses] == ["preamble-2", "preamble"]
    assert not [d for d in diags if d.code == "P024"]
