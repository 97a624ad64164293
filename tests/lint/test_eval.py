"""The real-text evaluation (tests/lint/data/eval): labels resolve to the corpus, the split
is the recorded one, and the measured quality does not fall below a floor.

The floors are regression guards, well under the figures reported by
``benchmarks/lint_quality.py``; the goals themselves (precision >= 0.75 strict, recall >=
0.7, <= 3 warnings per 1,000 words) are reported there, met or not.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from lint_eval import score, units  # noqa: E402

pytestmark = pytest.mark.skipif(not units.CORPUS.is_dir(), reason="corpus not present")


@pytest.fixture(scope="module")
def result() -> score.Result:
    return score.evaluate()


def test_every_label_resolves_to_its_statement_by_hash() -> None:
    labels = score.load_labels()
    assert len(labels) >= 250
    assert all(units.text_hash(lab.unit.text) == lab.unit.sha for lab in labels)
    kinds = {lab.label for lab in labels}
    assert kinds == {"ambiguous", "borderline", "clear"}


def test_each_statement_is_labelled_once_and_batches_3_and_5_are_loaded() -> None:
    labels = score.load_labels()
    shas = [lab.unit.sha for lab in labels]
    assert len(shas) == len(set(shas))
    third = [lab for lab in labels if lab.batch == 3]
    assert len(third) == 140
    assert all(lab.unit.words >= 6 for lab in third if lab.unit.source != "own")
    assert sum(lab.random for lab in third) >= 100
    fifth = [lab for lab in labels if lab.batch == 5]
    assert len(fifth) == 150 and all(lab.random for lab in fifth)
    assert all(lab.unit.words >= 6 and lab.unit.source != "own" for lab in fifth)
    sixth = [lab for lab in labels if lab.batch == 6]
    assert len(sixth) == 80 and all(lab.random and lab.unit.held_out for lab in sixth)


def test_the_split_is_the_recorded_rule() -> None:
    assert units.held_out("do_not_lie") is (hashlib.sha256(b"do_not_lie").digest()[0] % 2 == 1)
    labels = score.load_labels()
    held = [lab for lab in labels if lab.unit.held_out]
    assert 0.3 < len(held) / len(labels) < 0.7


def test_a_finding_on_clear_text_is_a_false_positive() -> None:
    unit = score.load_labels()[0].unit
    clear = score.Label(unit, "clear", (), (), False)
    vague = score.Label(unit, "ambiguous", ("materially change",), ("gently",), False)
    assert score.verdict(clear, "materially") == "FP"
    assert score.verdict(vague, "materially") == "TP"
    assert score.verdict(vague, "gently") == "borderline"
    assert score.verdict(vague, "quickly") == "FP"


def test_held_out_quality_stays_above_the_floor(result: score.Result) -> None:
    tp, borderline, n = result.precision(True)
    # L102 was demoted to info at the end of round 4 (0.58 held-out, below the 0.7
    # bar for a warning): six held-out warnings remain, all TP, on 2026-12-02
    assert n >= 5
    assert tp / n >= 0.75 and (tp + borderline) / n >= 0.8
    held = [lab for lab in result.ambiguous if lab.unit.held_out]
    # the demotion cost recall on the warning channel: 0.14 (8/59, batch 8 included) on
    # 2026-12-02 (goal 0.7, missed); the info channel, printed but not failing, 0.39 (23/59)
    assert sum(result.caught[lab.unit.sha] for lab in held) / len(held) >= 0.1
    assert sum(result.caught_shown[lab.unit.sha] for lab in held) / len(held) >= 0.3
    assert 1000 * result.warnings_spec / result.words_spec <= 3.0


def test_tuning_output_shows_nothing_of_the_held_out_half(
    result: score.Result, capsys: pytest.CaptureFixture[str]
) -> None:
    import lint_quality

    lint_quality.tune(result)
    out = capsys.readouterr().out
    held = {f.clause for f in result.findings if f.held_out}
    dev = {f.clause for f in result.findings if not f.held_out}
    assert any(f" {c}: " in out for c in dev)
    assert not [c for c in held if f" {c}: " in out]
    assert "held-out" not in out
