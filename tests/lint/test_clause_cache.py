"""The per-clause lint cache gives exactly the findings of a run without it.

On the three Model Spec releases, cold and warm; then on random edits of the latest
release (words changed, lines added and removed, a definition added: the glossary
changes every clause's context), each linted with the cache of the previous version and
compared, in order, with a run that reuses nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import charter
from charter.diagnostics import Diagnostic
from charter.lint.clause_cache import ClauseCache
from charter.lint.context import Sources
from charter.lint.engine import lint_project
from charter.spec.model import Project
from tests.conftest import RELEASES

EDITS = (
    ("should", "must"),
    ("must", "may"),
    ("appropriate", "reasonable"),
    (".\n", ".\n\nThe assistant should probably answer as needed.\n"),  # lines added
    ("\n\n", "\n"),  # a line removed
    ("\n\n", "\n\n**appropriate contexts**: where it fits.\n\n"),  # glossary changes
)


def lint(project: Project, text: str, cache: ClauseCache | None) -> list[Diagnostic]:
    """Lint ``project`` with ``text`` as its module's source lines (as the editor does)."""
    (module,) = project.modules
    sources = Sources(given={module.path: text.split("\n")})
    return lint_project(project, sources=sources, cache=cache)


@pytest.fixture(scope="module")
def latest(model_spec_dir: Path) -> Path:
    return model_spec_dir / RELEASES[-1] / "model_spec.md"


@pytest.mark.parametrize("release", RELEASES)
def test_cold_and_warm_runs_equal_an_uncached_run(
    model_spec_dir: Path, release: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = model_spec_dir / release
    monkeypatch.chdir(folder)
    project = charter.load(folder)
    plain = lint_project(project, cache=None)
    cache = ClauseCache()
    assert lint_project(project, cache=cache) == plain
    assert lint_project(project, cache=cache) == plain
    assert len(plain) > 100  # the corpus really has findings to compare


def edit(text: str, choice: int, nth: int) -> str:
    old, new = EDITS[choice]
    at = -1
    for _ in range(nth + 1):
        found = text.find(old, at + 1)
        if found < 0:
            break
        at = found
    return text if at < 0 else text[:at] + new + text[at + len(old) :]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.integers(0, len(EDITS) - 1), st.integers(0, 400)), min_size=1, max_size=3
    )
)
def test_edits_relinted_with_the_cache_equal_an_uncached_run(
    latest: Path, steps: list[tuple[int, int]]
) -> None:
    cwd = os.getcwd()
    os.chdir(latest.parent)
    try:
        text = latest.read_text(encoding="utf-8")
        cache = ClauseCache()
        lint(charter.load(latest.parent), text, cache)
        for choice, nth in steps:
            text = edit(text, choice, nth)
            project = charter.load(latest.parent, overrides={str(latest): text})
            assert lint(project, text, cache) == lint(project, text, None)
    finally:
        os.chdir(cwd)


def count_narrowed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the clauses the cache re-lints from now on (each narrowed context built)."""
    import charter.lint.clause_cache as module

    made: list[str] = []
    real = module.narrowed

    def counting(ctx: module.ModuleContext, clause: module.Clause) -> module.ModuleContext:
        made.append(clause.id)
        return real(ctx, clause)

    monkeypatch.setattr(module, "narrowed", counting)
    return made


def test_a_cached_clause_is_not_linted_again(latest: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the edited clause is re-linted: count the narrowed contexts built."""
    monkeypatch.chdir(latest.parent)
    made = count_narrowed(monkeypatch)
    cache = ClauseCache()
    text = latest.read_text(encoding="utf-8")
    lint(charter.load(latest.parent), text, cache)
    assert made == []  # a first run reads the whole module at once, as without a cache

    changed = edit(text, 0, 10)  # one word in one clause, no line added or removed
    lint(charter.load(latest.parent, overrides={str(latest): changed}), changed, cache)
    assert len(made) == 1


def test_a_new_definition_changes_the_findings_of_other_clauses(
    latest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The glossary is part of every clause's key: a definition added in one clause
    accepts its term everywhere, and the cached run sees it as the uncached one does."""
    monkeypatch.chdir(latest.parent)
    text = latest.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("**Assistant**:"))
    lines[at] = "**appropriate contexts**: where it fits."  # no line added: nothing moves
    changed = "\n".join(lines)
    cache = ClauseCache()
    before = lint(charter.load(latest.parent), text, cache)
    project = charter.load(latest.parent, overrides={str(latest): changed})
    after = lint(project, changed, cache)
    assert after == lint(project, changed, None)
    assert len(after) < len(before)  # a finding on 'appropriate contexts' is accepted now


def test_clauses_moved_by_an_added_line_are_not_linted_again(
    latest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line added near the top moves every later clause: their findings are reused,
    shifted, and equal those of an uncached run."""
    monkeypatch.chdir(latest.parent)
    made = count_narrowed(monkeypatch)
    cache = ClauseCache()
    text = latest.read_text(encoding="utf-8")
    lint(charter.load(latest.parent), text, cache)
    lines = text.split("\n")
    lines.insert(lines.index("# Definitions {#definitions}") - 1, "The assistant must obey.")
    changed = "\n".join(lines)
    project = charter.load(latest.parent, overrides={str(latest): changed})
    found = lint(project, changed, cache)
    assert len(made) == 1  # the clause that gained the line
    assert found == lint(project, changed, None)
    assert any(d.line > 1000 for d in found)  # later findings did move


def test_same_but_moved_sees_any_other_difference() -> None:
    from charter.lint.clause_cache import same_but_moved
    from charter.spec.parse import parse_module

    text = "# A {#a}\n\nThe assistant must answer.\n\n# B {#b}\n\nIt should be brief.\n"
    before = parse_module(text, "m.md").module.clauses[1]
    moved = parse_module("\n\n" + text, "m.md").module.clauses[1]
    assert same_but_moved(before, moved, 2)
    assert not same_but_moved(before, moved, 1)
    reworded = parse_module("\n\n" + text.replace("brief", "short"), "m.md").module.clauses[1]
    assert not same_but_moved(before, reworded, 2)
