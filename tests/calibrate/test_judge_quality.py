"""``benchmarks/judge_quality.py`` against scripted judges whose errors are known.

The judge under measurement is the tests' :class:`ScriptedJudge` on 127.0.0.1: it knows
the spec's labels (worked out from the parsed corpus here), inverts every verdict of two
chosen clauses and answers ``unclear`` on a chosen set of candidates. The harness must
report, per clause, exactly the counts, agreement and uncertain share that implies.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import charter
from tests.calibrate.judges import ScriptedJudge, candidates, labels
from tests.judge.server import JudgeServer

REPO = Path(__file__).resolve().parents[2]
SPEC = "2025-12-18"
INVERTED = {"be_warm", "refusal_style"}


def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "judge_quality", REPO / "benchmarks" / "judge_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(model_spec_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    project = charter.load(model_spec_dir / SPEC)
    truth = labels(project)
    keys = [k for k, _ in candidates(project)]
    wrong = {k for k in keys if k[0] in INVERTED}
    unsure = set(keys[::7])
    out = tmp_path_factory.mktemp("jq") / "report.json"
    with JudgeServer(ScriptedJudge(truth, wrong, unsure=unsure)) as server:
        argv = [str(model_spec_dir / SPEC), "--base-url", server.base_url, "--json", str(out)]
        assert benchmark().main([*argv, "--concurrency", "16"]) == 0
    return json.loads(out.read_text()), candidates(project), wrong, unsure


def test_per_clause_numbers_follow_the_error_pattern(measured: Any) -> None:
    report, labelled, wrong, unsure = measured
    by_clause: dict[str, list[Any]] = {}
    for key, _ in labelled:
        by_clause.setdefault(key[0], []).append(key)
    assert report["mode"] == "blind"
    assert {c["clause"] for c in report["clauses"]} == set(by_clause)
    for clause in report["clauses"]:
        keys = by_clause[clause["clause"]]
        n_unsure = sum(1 for k in keys if k in unsure)
        decided = [k for k in keys if k not in unsure]
        agreed = [k for k in decided if k not in wrong]
        assert (clause["n"], clause["scored"], clause["uncertain"]) == (
            len(keys),
            len(decided),
            n_unsure,
        )
        assert clause["uncertain_share"] == pytest.approx(n_unsure / len(keys))
        expected = len(agreed) / len(decided) if decided else None
        assert clause["agreement"] == pytest.approx(expected)
        if clause["clause"] in INVERTED and decided:
            assert clause["agreement"] == 0.0


def test_overall_numbers(measured: Any) -> None:
    report, labelled, wrong, unsure = measured
    decided = [k for k, _ in labelled if k not in unsure]
    assert (report["n"], report["scored"], report["unscored"]) == (389, len(decided), 0)
    assert report["uncertain"] == sum(1 for k, _ in labelled if k in unsure)
    agreed = sum(1 for k in decided if k not in wrong)
    assert report["agreement"] == pytest.approx(agreed / len(decided))
    assert report["strict_agreement"] == pytest.approx(agreed / 389)


def test_the_demo_proves_its_own_arithmetic(capsys: pytest.CaptureFixture[str]) -> None:
    shop = REPO / "examples" / "shop"
    assert benchmark().main([str(shop), "--demo"]) == 0
    out = capsys.readouterr().out
    assert "matches the known error pattern" in out and "OVERALL" in out
