"""Golden tests on three real releases of the OpenAI Model Spec (read from ../shared).

The truth is found here, without the parser: footnote tags by a regular expression over
the raw Markdown (outside fenced blocks), prompt files by listing ``examples/``. The
checker must report exactly the dangling tags (C060, at each occurrence) and orphan
prompt files (C061) that this finds, and nothing else at error severity.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charter import load
from charter.check import check_project
from charter.diagnostics import Diagnostic, Severity
from tests.conftest import RELEASES

TAG = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
FENCE = re.compile(r"^\s*(```|~~~)")
SECTION_REF = re.compile(r"\[\?\]\(#([^)\s]+)\)")


def _raw_lines(folder: Path) -> list[str]:
    """The module's lines, with fenced blocks blanked (tags there are not tags)."""
    out: list[str] = []
    fence: str | None = None
    for line in (folder / "model_spec.md").read_text(encoding="utf-8").split("\n"):
        m = FENCE.match(line)
        if m and (fence is None or m.group(1) == fence):
            fence = None if fence else m.group(1)
            out.append("")
            continue
        out.append("" if fence else line)
    return out


def _tag_occurrences(lines: list[str]) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    for number, line in enumerate(lines, start=1):
        for m in TAG.finditer(line):
            found.setdefault(m.group(1), []).append((number, m.start() + 1))
    return found


def _check(folder: Path) -> list[Diagnostic]:
    return check_project(load(folder))


@pytest.mark.parametrize("release", RELEASES)
def test_dangling_tags_and_orphan_files_exactly(model_spec_dir: Path, release: str) -> None:
    folder = model_spec_dir / release
    tags = _tag_occurrences(_raw_lines(folder))
    files = {p.stem for p in (folder / "examples").glob("*.md")}
    dangling = {pos for tag in set(tags) - files for pos in tags[tag]}
    orphans = files - set(tags)
    diagnostics = _check(folder)
    assert {(d.line, d.col) for d in diagnostics if d.code == "C060"} == dangling
    assert {Path(d.path).stem for d in diagnostics if d.code == "C061"} == orphans
    assert all(d.line == 1 for d in diagnostics if d.code == "C061")
    errors = {(d.code, d.line) for d in diagnostics if d.severity is Severity.ERROR}
    assert errors == {("C060", line) for line, _col in dangling}


def test_the_2025_12_18_release_has_four_dangling_tags_and_two_orphans(
    model_spec_dir: Path,
) -> None:
    diagnostics = _check(model_spec_dir / "2025-12-18")
    dangling = {
        re.search(r"\[\^(\w+)\]", d.message).group(1)  # type: ignore[union-attr]
        for d in diagnostics
        if d.code == "C060"
    }
    assert dangling == {"d0pu", "h82a", "rse0", "t5q0"}
    assert {Path(d.path).stem for d in diagnostics if d.code == "C061"} == {"91ld", "lds1"}


@pytest.mark.parametrize("release", RELEASES)
def test_every_section_reference_resolves(model_spec_dir: Path, release: str) -> None:
    folder = model_spec_dir / release
    raw = "\n".join(_raw_lines(folder))
    ids = set(re.findall(r"\{#([^\s}]+)", raw))
    assert set(SECTION_REF.findall(raw)) <= ids  # the truth: every [?](#id) names a heading
    (module,) = load(folder).modules
    assert sum(1 for c in module.clauses for r in c.references if r.kind == "section") == len(
        SECTION_REF.findall(raw)
    )
    codes = {d.code for d in _check(folder)}
    assert not codes & {"C001", "C002", "C003", "C004", "C050"}


@pytest.mark.parametrize("release", RELEASES)
def test_levels_are_known_and_nothing_contradicts_without_settlement(
    model_spec_dir: Path, release: str
) -> None:
    codes = {d.code for d in _check(model_spec_dir / release)}
    assert "C020" not in codes  # 2025-04-11's 'platform' is the documented alias of root
    assert "C040" not in codes


def test_renamed_clause_header_is_a_warning(model_spec_dir: Path) -> None:
    diagnostics = _check(model_spec_dir / "2025-12-18")
    (stale,) = [d for d in diagnostics if d.code == "C062"]
    assert Path(stale.path).name == "3kvn.md" and stale.severity is Severity.WARNING
    header = (model_spec_dir / "2025-12-18" / "examples" / "3kvn.md").read_text().split("\n")[0]
    assert "Do not encourage self-harm:" in header
