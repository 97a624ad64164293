"""Golden tests on three real releases of the OpenAI Model Spec (read from ../shared).

The expected numbers for 2025-12-18 are the ones stated in the core issue; for every
release the expectations are also recomputed independently of the parser, with simple
line-oriented counting over the raw file, so a parser regression cannot hide.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from charter import load
from charter.spec.model import Project, Verdict
from tests.conftest import RELEASES

HEADING_ID = re.compile(r"^#{1,6} .*\{#([^\s}]+)")
AUTHORITY = re.compile(r"authority=(\w+)")


def _load(model_spec_dir: Path, release: str) -> Project:
    return load(model_spec_dir / release)


def _raw(model_spec_dir: Path, release: str) -> str:
    return (model_spec_dir / release / "model_spec.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("release", RELEASES)
def test_clause_ids_are_the_real_heading_ids(model_spec_dir: Path, release: str) -> None:
    project = _load(model_spec_dir, release)
    (module,) = project.modules
    expected = [
        m.group(1)
        for line in _raw(model_spec_dir, release).splitlines()
        if (m := HEADING_ID.match(line))
    ]
    assert [c.id for c in module.clauses] == expected
    assert all(c.id_explicit for c in module.clauses)


@pytest.mark.parametrize("release", RELEASES)
def test_authority_examples_and_verdicts(model_spec_dir: Path, release: str) -> None:
    raw = _raw(model_spec_dir, release)
    (module,) = _load(model_spec_dir, release).modules
    headings = [line for line in raw.splitlines() if HEADING_ID.match(line)]
    expected_auth = Counter(m.group(1) for h in headings if (m := AUTHORITY.search(h)))
    assert Counter(c.own_authority for c in module.clauses if c.own_authority) == expected_auth
    examples = [e for c in module.clauses for e in c.examples]
    assert len(examples) == sum(1 for line in raw.splitlines() if line.startswith("**Example**:"))
    verdicts = Counter(cand.verdict for e in examples for cand in e.candidates)
    assert verdicts[Verdict.GOOD] == raw.count("<!-- GOOD")
    assert verdicts[Verdict.BAD] == raw.count("<!-- BAD")
    assert verdicts[Verdict.OK] == raw.count("<!-- OK")
    assert None not in verdicts


def test_2025_12_18_exact_numbers(model_spec_dir: Path) -> None:
    project = _load(model_spec_dir, "2025-12-18")
    (module,) = project.modules
    assert len(module.clauses) == 80
    authority = Counter(c.own_authority for c in module.clauses if c.own_authority)
    assert authority == {"root": 22, "system": 3, "developer": 1, "user": 15, "guideline": 18}
    examples = [e for c in module.clauses for e in c.examples]
    assert len(examples) == 183
    verdicts = Counter(cand.verdict for e in examples for cand in e.candidates)
    assert (verdicts[Verdict.GOOD], verdicts[Verdict.BAD]) == (193, 196)
    tags = {t for c in module.clauses for t in c.footnote_tags}
    assert len(tags) == 116
    linked = {p.tag for c in module.clauses for p in project.prompts_for(module, c)}
    assert len(linked) == 112 and linked <= tags
    assert len(project.prompt_files) == 114


def test_2025_04_11_uses_platform(model_spec_dir: Path) -> None:
    (module,) = _load(model_spec_dir, "2025-04-11").modules
    authority = Counter(c.own_authority for c in module.clauses if c.own_authority)
    assert authority["platform"] == 20 and "root" not in authority


@pytest.mark.parametrize("release", RELEASES)
def test_prompt_files_parse_with_their_examples(model_spec_dir: Path, release: str) -> None:
    project = _load(model_spec_dir, release)
    files = sorted((model_spec_dir / release / "examples").glob("*.md"))
    assert len(project.prompt_files) == len(files)
    by_tag = {p.tag: p for p in project.prompt_files}
    for file in files:
        raw = file.read_text(encoding="utf-8")
        prompt = by_tag[file.stem]
        expected = sum(1 for line in raw.splitlines() if line.startswith("**Example**:"))
        assert len(prompt.examples) == expected, file.name
        assert all(e.messages for e in prompt.examples), file.name
        header = raw.lstrip().splitlines()[0]
        if header.startswith("Examples for"):
            assert prompt.target_title and prompt.target_title in header


@pytest.mark.parametrize("release", RELEASES)
def test_no_error_diagnostics_on_the_real_spec(model_spec_dir: Path, release: str) -> None:
    project = _load(model_spec_dir, release)
    errors = [d for d in project.diagnostics if d.severity.value == "error"]
    assert errors == []


def test_headings_inside_code_are_text(model_spec_dir: Path) -> None:
    (module,) = _load(model_spec_dir, "2025-12-18").modules
    titles = {c.title for c in module.clauses}
    assert "functions" not in titles and "[...] imports" not in titles


def test_spans_point_at_the_source(model_spec_dir: Path) -> None:
    raw = _raw(model_spec_dir, "2025-12-18").split("\n")
    (module,) = _load(model_spec_dir, "2025-12-18").modules
    for clause in module.clauses:
        line = raw[clause.span.line - 1]
        assert line[clause.span.col - 1 :].startswith(clause.title)
        for st in clause.statements:
            first = st.text.split("\n", 1)[0]
            assert raw[st.span.line - 1][st.span.col - 1 :].startswith(first)
        for ex in clause.examples:
            assert raw[ex.span.line - 1].startswith("**Example**:")
            for cand in ex.candidates:
                assert raw[cand.span.line - 1].lstrip("*").startswith("<assistant")
