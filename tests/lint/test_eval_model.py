"""``benchmarks/lint_quality.py --model``: the model tier's findings are scored with the
rules', through a real provider (the scripted one) — a test of the harness, not a figure of
any model's quality."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from lint_eval import score, units  # noqa: E402

pytestmark = pytest.mark.skipif(not units.CORPUS.is_dir(), reason="corpus not present")
WORD = "appropriate"


def _script(tmp_path: Path) -> Path:
    answer = {"ambiguities": [{"words": WORD, "question": "By whose standard?", "readings": []}]}
    script = tmp_path / "reviewer.yaml"
    script.write_text(
        "model: reviewer-1\n"
        f"default: '{json.dumps({'ambiguities': []})}'\n"
        f"responses:\n  - match: {WORD}\n    reply: '{json.dumps(answer)}'\n",
        encoding="utf-8",
    )
    return script


def test_the_model_tiers_findings_are_placed_and_scored_like_the_rules(tmp_path: Path) -> None:
    tier = score.ModelTier(f"scripted/{_script(tmp_path)}")
    plain = score.evaluate(sources=("own",))
    with_model = score.evaluate(tier, sources=("own",))
    added = [f for f in with_model.findings if f.code == "L601"]
    assert added and all(f.words.lower() == WORD and f.warning for f in added)
    assert len(with_model.findings) == len(plain.findings) + len(added)
    assert {f.verdict for f in added} <= {"TP", "borderline", "FP"}


def test_a_failing_model_stops_the_benchmark(tmp_path: Path) -> None:
    script = tmp_path / "mute.yaml"
    script.write_text("model: mute\nresponses: []\n", encoding="utf-8")  # no default: errors
    with pytest.raises(RuntimeError, match="the model tier stopped"):
        score.evaluate(score.ModelTier(f"scripted/{script}"), sources=("own",))


def test_the_command_line_reads_the_model_and_says_so(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "lint_quality.py"), "--model"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "--model needs a value" in done.stderr
