"""Planted import errors (fixture ``imports``): missing, outside the root, unreadable, cycles.

None of them stops the checker: the unresolved reference in ``main.md`` is still found.
The unreadable module (not UTF-8) is written at test time, into a copy of the fixture,
so that no tool in the repository trips over it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charter.diagnostics import Diagnostic
from tests.check.support import FIXTURES, expect, one, places
from tests.check.support import check as check_fixture

NAME = "imports"


@pytest.fixture
def base(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / NAME, tmp_path / NAME)
    (tmp_path / NAME / "broken.md").write_bytes(b"# Broken {#broken}\n\nNot UTF-8: \xff\xfe.\n")
    return tmp_path


def check(base: Path) -> list[Diagnostic]:
    return check_fixture(NAME, base)


def test_every_planted_import_error_and_the_rest_still_checked(base: Path) -> None:
    found = places(NAME, check(base), base=base)
    e = lambda code, file, needle: expect(NAME, code, file, needle)  # noqa: E731
    assert found == {
        e("C010", "main.md", "missing.md"),
        e("C012", "main.md", "../clean/org/safety.md"),
        e("C012", "main.md", "/etc/hostname"),
        e("C013", "main.md", "broken.md"),
        e("C011", "cycle_a.md", "cycle_b.md"),
        e("C011", "itself.md", "itself.md"),
        e("C001", "main.md", "[?](#not_defined_anywhere)"),
    }


def test_the_cycle_is_printed_with_every_edge_related(base: Path) -> None:
    cycle = one(check(base), "C011", "cycle_a.md")
    names = [part.rsplit("/", 1)[-1] for part in cycle.message.split(": ", 1)[1].split(" → ")]
    assert names == ["cycle_a.md", "cycle_b.md", "cycle_c.md", "cycle_a.md"]
    assert [r.path.rsplit("/", 1)[-1] for r in cycle.related] == ["cycle_b.md", "cycle_c.md"]


def test_references_resolve_through_a_cycle(base: Path) -> None:
    messages = [d.message for d in check(base) if d.code == "C001"]
    assert not any("step_" in m for m in messages)


def test_unreadable_import_points_at_the_file(base: Path) -> None:
    diagnostics = check(base)
    unloaded = one(diagnostics, "C013")
    assert unloaded.related[0].path.endswith("broken.md")
    assert any(d.code == "P002" and d.path.endswith("broken.md") for d in diagnostics)
