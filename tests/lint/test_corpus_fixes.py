"""Questions and fixes on real text: over the three Model Spec releases, every question
names words (no empty slot) and every fix keeps the force and polarity of what it replaces
(the same modal and negation words, case aside) — no 'may not' turned into 'must not'.
Insertions (L401's example scaffold) replace no words and are not held to it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import charter
from charter.diagnostics import Diagnostic
from charter.lint.engine import lint_project
from charter.lint.settings import LintSettings
from charter.spec.parse import source_lines

RELEASES = ("2025-04-11", "2025-09-12", "2025-12-18")
FORCE = re.compile(
    r"(?<![\w-])(?:must|shall|should|ought|may|might|can|could|will|would|need|needs|"
    r"not|never|no|none|nothing|always|avoid|cannot|n't)(?![\w-])",
    re.I,
)


def _findings(folder: Path) -> list[Diagnostic]:
    project = charter.load(folder / "model_spec.md")
    return lint_project(project, settings=LintSettings(), baseline=False)


def _words(d: Diagnostic) -> str:
    lines = source_lines(d.path)
    fix = d.fix
    assert fix is not None and fix.line is not None and fix.end_line is not None
    chunk = lines[fix.line - 1 : fix.end_line]
    chunk[-1] = chunk[-1][: (fix.end_col or 1) - 1]
    chunk[0] = chunk[0][(fix.col or 1) - 1 :]
    return "\n".join(chunk)


def _force(text: str) -> Counter[str]:
    return Counter(m.group(0).lower() for m in FORCE.finditer(text))


@pytest.mark.parametrize("release", RELEASES)
def test_questions_have_no_empty_slot(model_spec_dir: Path, release: str) -> None:
    for d in _findings(model_spec_dir / release):
        assert d.question, d
        assert "''" not in d.question and "{" not in d.question.replace("{#", ""), d.question


@pytest.mark.parametrize("release", RELEASES)
def test_every_fix_keeps_force_and_polarity(model_spec_dir: Path, release: str) -> None:
    checked = 0
    for d in _findings(model_spec_dir / release):
        if d.fix is None or d.fix.replacement is None:
            continue
        original = _words(d)
        if not original:
            continue  # an insertion (an example scaffold) rewords nothing
        assert _force(original) == _force(d.fix.replacement), (d.code, original, d.fix)
        checked += 1
    assert checked >= 1  # the corpus does exercise some fix


def test_the_check_itself_catches_a_polarity_change() -> None:
    assert _force("may not") != _force("must not")
    assert _force("and/or") == _force("or")
