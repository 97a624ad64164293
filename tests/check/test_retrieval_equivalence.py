"""Faster retrieval must not lose a candidate, nor change what ``charter check`` reports.

The oracle is :mod:`tests.check.retrieve_before`: the candidate retrieval as it was before
the speed work of issue 13's last round (an index filed under every (action class,
object class) key, narrowed per bucket with two indexes). The current
:func:`charter.check.retrieve.candidates` must propose a superset of its pairs — it is
built to propose the same ones, and the tests say so — narrowed and wide:

- on every labelled pair of the four contradiction sets, as the benchmark builds them
  (``benchmarks/contradictions.py``: ``read_sets`` and ``write_project``), and on one
  project holding every statement of those sets at once (so statements of different
  pairs meet in the buckets);
- on generated projects (``benchmarks/check_scale.py``'s generator), with both
  vocabularies, with the narrowing filter's index path forced, and with a small bucket
  limit so that capping is exercised (the count of capped buckets must agree too);

and ``charter check`` must report the same findings (JSON, byte for byte) with either
retrieval on the three Model Spec releases and on a generated 2,000-clause project.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from charter import load
from charter.check import check_project, contradictions, retrieve
from charter.check.contradictions import collect_norms
from charter.check.decide import Norm
from charter.check.symbols import SymbolTable
from charter.cli.output import format_diagnostics
from tests.check import retrieve_before
from tests.conftest import MODEL_SPEC, RELEASES, REPO


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def _norms(folder: Path) -> list[Norm]:
    return collect_norms(SymbolTable.build(load(folder)))


def _assert_superset(norms: list[Norm]) -> int:
    """New pairs contain the oracle's (here: equal them), narrowed and wide; returns the
    number of narrowed pairs."""
    for narrowed in (True, False):
        before = retrieve_before.candidates(norms, narrowed)
        now = retrieve.candidates(norms, narrowed)
        assert set(before.pairs) <= set(now.pairs), narrowed
        assert now.pairs == before.pairs, narrowed  # not even an extra pair
        assert now.capped == before.capped, narrowed
    return len(retrieve.candidates(norms).pairs)


def test_every_labelled_pair_keeps_its_candidates(tmp_path: Path) -> None:
    bench = _benchmark("contradictions")
    pairs = bench.read_sets()
    assert len(pairs) >= 200  # four sets: 80 + 54 + 28 + 42
    proposed = 0
    for pair in pairs:
        folder = tmp_path / f"{pair.set_name}{pair.number:02d}"
        bench.write_project(folder, pair)
        proposed += _assert_superset(_norms(folder)) > 0
    assert proposed >= len(pairs) // 2  # the comparison is not over empty sets


def test_all_labelled_statements_together_keep_their_candidates(tmp_path: Path) -> None:
    bench = _benchmark("contradictions")
    lines = ["# All {#all}", ""]
    for k, pair in enumerate(bench.read_sets()):
        for side, text in (("a", pair.a), ("b", pair.b)):
            lines += [f"## Rule {k}{side} {{#r{k}{side} authority=developer}}", "", text, ""]
    (tmp_path / "all.md").write_text("\n".join(lines), encoding="utf-8")
    norms = _norms(tmp_path)
    assert len(norms) >= 350
    assert _assert_superset(norms) > 100


@pytest.fixture(scope="module")
def scale() -> Any:
    return _benchmark("check_scale")


@pytest.mark.parametrize("vocabulary", ["realistic", "small"])
def test_generated_projects_keep_their_candidates(
    tmp_path: Path, scale: Any, vocabulary: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scale, "_vocabulary", scale.VOCABULARIES[vocabulary])
    scale.generate(tmp_path / "p", 600, 6, 10)
    norms = _norms(tmp_path / "p")
    assert len(norms) > 1_000
    assert _assert_superset(norms) > 0
    monkeypatch.setattr(retrieve, "INDEXED_CROSS", 0)  # every bucket through the indexes
    _assert_superset(norms)
    for limit in (1, 3, 12):  # buckets capped: the same ones, counted the same
        monkeypatch.setattr(retrieve, "BUCKET_LIMIT", limit)
        monkeypatch.setattr(retrieve_before, "BUCKET_LIMIT", limit)
        assert retrieve.candidates(norms).capped > 0 or limit > 1
        _assert_superset(norms)


def _json(path: Path, monkeypatch: pytest.MonkeyPatch, before: bool) -> str:
    with monkeypatch.context() as patched:
        if before:
            patched.setattr(contradictions, "retrieve", retrieve_before.candidates)
        return format_diagnostics(check_project(load(path)), "json", colour=False)


def _assert_same_report(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(REPO)  # paths are shown relative to the working directory
    now = _json(path, monkeypatch, before=False)
    assert now == _json(path, monkeypatch, before=True)
    return now


@pytest.mark.parametrize("release", RELEASES)
def test_model_spec_reports_the_same(release: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same_report(MODEL_SPEC / release, monkeypatch)


def test_generated_project_reports_the_same(
    tmp_path: Path, scale: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    scale.generate(tmp_path / "p", 2_000, 20, 10)
    report = _assert_same_report(tmp_path / "p", monkeypatch)
    assert '"C040"' in report and '"C041"' in report  # contradictions are compared
