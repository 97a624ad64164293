"""Speed fixes for large projects (issue 13): the project's defined terms are scanned once
and shared by every module's context, and the clause-cache context key hashes once.
Correctness against uncached runs is in test_clause_cache.py; here, the sharing itself."""

from __future__ import annotations

from pathlib import Path

import pytest

import charter
from charter.lint import context as context_module
from charter.lint.clause_cache import _Context
from charter.lint.context import ModuleContext, Sources
from charter.lint.settings import LintSettings

A = "# A {#a}\n\n## Refunds {#refunds}\n\n**Store credit**: money kept for a later order.\n"
B = "---\nimports: [a.md]\n---\n\n# B {#b}\n\n## Tone {#tone}\n\nThe assistant must be polite.\n"


def contexts(folder: Path) -> list[ModuleContext]:
    project = charter.load(folder)
    settings, sources = LintSettings(), Sources()
    return [ModuleContext(project, m, sources, settings, {}) for m in project.modules]


def test_modules_of_one_project_share_one_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text(A, encoding="utf-8")
    (tmp_path / "b.md").write_text(B, encoding="utf-8")
    scans: list[int] = []
    real = ModuleContext._project_terms

    def counting(self: ModuleContext) -> dict[str, str]:
        scans.append(1)
        return real(self)

    monkeypatch.setattr(ModuleContext, "_project_terms", counting)
    first = contexts(tmp_path)
    assert first[0].defined_terms is first[1].defined_terms
    assert "store credit" in first[1].defined_terms  # a term of a.md, seen from b.md
    assert len(scans) == 1
    (tmp_path / "a.md").write_text(A.replace("Store credit", "Gift balance"), encoding="utf-8")
    again = contexts(tmp_path)  # a new project: scanned anew, never the old terms
    assert "gift balance" in again[0].defined_terms
    assert "store credit" not in again[0].defined_terms
    assert len(scans) == 2 and len(context_module._TERMS) == 1


def test_context_keys_compare_by_value() -> None:
    one, same, other = _Context((1, ("x",))), _Context((1, ("x",))), _Context((2, ("x",)))
    assert one == same and hash(one) == hash(same)
    assert one != other and one != (1, ("x",))


def test_a_one_shot_process_keeps_no_clause_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`charter check` runs once and exits: the clause cache is skipped, same findings."""
    from charter import collector
    from charter.lint.clause_cache import ClauseCache
    from charter.lint.engine import lint_project

    text = "# A {#a}\n\n## Hints {#hints}\n\nThe assistant should answer appropriately.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    project = charter.load(tmp_path)
    kept = ClauseCache()
    expected = lint_project(project, cache=kept)
    assert kept._kept  # an ordinary process files findings by clause
    monkeypatch.setattr(collector, "_ONE_SHOT_PROCESS", [True])
    skipped = ClauseCache()
    assert lint_project(project, cache=skipped) == expected
    assert not skipped._kept
