"""Speed changes must not change what is reported.

- The one-shot ``charter check`` process (cyclic collector off, objects frozen at exit,
  lint's clause cache skipped) prints byte for byte what the library path prints with
  Python's default collector and the clause cache in use: on the three Model Spec
  releases and on a generated multi-module project (``benchmarks/check_scale.py``'s
  generator, so every construct the benchmark times is covered).
- The walker skips the reference and footnote searches of a paragraph without "](" or
  "[^": every statement still carries exactly the references and tags that reading its
  own text finds (hypothesis, over paragraphs built from links, tags and code spans).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter import load, parse_module
from charter.analysis import collect
from charter.cli.output import format_diagnostics
from charter.spec.inline import find_footnotes, find_references
from charter.spec.model import Module
from tests.conftest import MODEL_SPEC, RELEASES, REPO


def _cli(path: Path, fmt: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "check", "--format", fmt, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def _library(path: Path, fmt: str) -> str:
    diagnostics = collect(load(path))  # default collector, lint clause cache in use
    return format_diagnostics(diagnostics, fmt, colour=False) + "\n"


def _assert_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # paths are shown relative to the working directory
    for fmt in ("json", "text"):
        assert _cli(path, fmt) == _library(path, fmt), fmt


@pytest.mark.parametrize("release", RELEASES)
def test_one_shot_check_prints_what_the_library_reports(
    release: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _assert_same(MODEL_SPEC / release, monkeypatch)


def _generator() -> object:
    spec = importlib.util.spec_from_file_location(
        "check_scale", REPO / "benchmarks" / "check_scale.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_shot_check_on_a_generated_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scale = _generator()
    scale.generate(tmp_path / "p", 300, 6, 10)  # type: ignore[attr-defined]
    project = load(tmp_path / "p")
    assert len([c for m in project.modules for c in m.clauses]) > 300
    _assert_same(tmp_path / "p", monkeypatch)


# -- the walker's fast path -------------------------------------------------------------
_PIECES = st.sampled_from(
    [
        "The assistant must cite",
        " sources",
        ". It may",
        " refuse.",
        " [?](#a_b)",
        " [see](#x)",
        " [file](other.md#y)",
        "[^t1]",
        " [^t2]",
        " `[x](#code)`",
        "`",
        "](",
        "[^",
        "\n",
        " e.g. this",
        " Next one",
        "!",
        " (see [a [b]](#nested))",
    ]
)


def _statements(module: Module) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [
        (s.text, s.tags, tuple(r.target for r in s.references))
        for clause in module.clauses
        for s in clause.statements
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=12), min_size=1, max_size=4))
def test_each_statement_carries_the_references_and_tags_of_its_text(
    paragraphs: list[list[str]],
) -> None:
    body = "\n\n".join("".join(p) for p in paragraphs)
    module, _ = parse_module(f"# Rules {{#r authority=system}}\n\n{body}\n", "spec.md")
    for text, tags, targets in _statements(module):
        assert tags == tuple(t.tag for t in find_footnotes(text))
        assert targets == tuple(r.target for r in find_references(text))


# -- lint's text helpers ------------------------------------------------------------------
@given(st.text(alphabet="ab \n\t“”é", max_size=60))
def test_blanking_keeps_line_breaks_and_length(text: str) -> None:
    from charter.lint.text import _blank

    assert _blank(text) == "".join("\n" if ch == "\n" else " " for ch in text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12), st.integers(0, 4))
def test_a_statement_index_maps_offsets_as_the_general_case_does(
    pieces: list[str], indent: int
) -> None:
    """The one-line shortcut of ``_statement_index`` gives the positions the line-by-line
    computation gives (checked on every offset of every statement)."""
    from charter.lint.text import _statement_index
    from charter.spec.text import LineIndex

    body = " " * indent + "".join(pieces)
    text = f"# Rules {{#r authority=system}}\n\n{body}\n"
    module, _ = parse_module(text, "spec.md")
    lines = text.split("\n")
    for clause in module.clauses:
        for s in clause.statements:
            got = _statement_index(s, lines)
            cols = [s.span.col]
            for k, piece in enumerate(s.text.split("\n")[1:], start=1):
                src = lines[s.span.line - 1 + k]
                cols.append(max(src.find(piece), 0) + 1 if piece else 1)
            want = LineIndex(s.text, s.span.path, s.span.line, line_cols=cols)
            for offset in range(len(s.text) + 1):
                assert got.position(offset) == want.position(offset)
