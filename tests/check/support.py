"""Helpers for the check tests: run the checker on a fixture, locate planted errors.

Expected locations are found by searching the fixture's text for a needle (independently
of the parser and the checker), so a test reads "C001 at the '[?](#nowhere)' in main.md"
rather than a bare line number.
"""

from __future__ import annotations

from pathlib import Path

from charter import load
from charter.check import check_project
from charter.diagnostics import Diagnostic, Severity

FIXTURES = Path(__file__).resolve().parent / "fixtures"

Place = tuple[str, str, int, int]  # code, file relative to the fixture, line, col


def check(name: str, base: Path = FIXTURES) -> list[Diagnostic]:
    """Parse diagnostics plus the checker's, for fixture ``name`` (under ``base``)."""
    project = load(base / name)
    return list(project.diagnostics) + check_project(project)


def rel(name: str, path: str, base: Path = FIXTURES) -> str:
    return Path(path).resolve().relative_to((base / name).resolve()).as_posix()


def places(
    name: str, diagnostics: list[Diagnostic], family: str = "C", base: Path = FIXTURES
) -> set[Place]:
    """(code, file, line, col) of every diagnostic of ``family`` except infos."""
    return {
        (d.code, rel(name, d.path, base), d.line, d.col)
        for d in diagnostics
        if d.code.startswith(family) and d.severity is not Severity.INFO
    }


def at(name: str, file: str, needle: str, nth: int = 1, col_offset: int = 0) -> tuple[int, int]:
    """1-based (line, col) of the ``nth`` occurrence of ``needle`` in a fixture file."""
    lines = (FIXTURES / name / file).read_text(encoding="utf-8").split("\n")
    seen = 0
    for number, line in enumerate(lines, start=1):
        start = 0
        while (col := line.find(needle, start)) >= 0:
            seen += 1
            if seen == nth:
                return number, col + 1 + col_offset
            start = col + 1
    raise AssertionError(f"{needle!r} occurs {seen} times in {file}, not {nth}")


def expect(
    name: str, code: str, file: str, needle: str, nth: int = 1, col_offset: int = 0
) -> Place:
    line, col = at(name, file, needle, nth, col_offset)
    return (code, file, line, col)


def line_start(name: str, code: str, file: str, needle: str, nth: int = 1) -> Place:
    """A place at column 1 of the line holding ``needle`` (statements, prompt headers)."""
    line, _col = at(name, file, needle, nth)
    return (code, file, line, 1)


def one(diagnostics: list[Diagnostic], code: str, needle: str = "") -> Diagnostic:
    hits = [d for d in diagnostics if d.code == code and needle in d.message]
    assert len(hits) == 1, [d.message for d in hits]
    return hits[0]


PAIR_BASE = "# Base {#base}\n\n## Rule A {#rule_a authority=developer}\n\n"
PAIR_TEAM = (
    "---\nimports: [base.md]\n---\n\n# Team {#team}\n\n## Rule B {#rule_b authority=developer}\n\n"
)


def pair_errors(tmp_path: Path, a: str, b: str) -> list[str]:
    """The C040 messages for statement ``a`` in base.md and ``b`` in team.md (which imports
    base.md), both clauses at level developer, no override: the benchmark's pair shape."""
    (tmp_path / "base.md").write_text(PAIR_BASE + a + "\n", encoding="utf-8")
    (tmp_path / "team.md").write_text(PAIR_TEAM + b + "\n", encoding="utf-8")
    return [d.message for d in check_project(load(tmp_path)) if d.code == "C040"]
