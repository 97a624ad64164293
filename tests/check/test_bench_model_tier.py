"""``benchmarks/contradictions.py --model``: the model tier's conflicts (C042) are counted
beside the deterministic step's, through a real provider (the scripted one) — a test of the
harness, not a figure of any model's quality."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import contradictions as bench  # noqa: E402


def _model(tmp_path: Path, verdict: str) -> bench.ModelTier:
    reply = {"verdict": verdict, "situation": "always", "question": "Which one wins?"}
    script = tmp_path / f"{verdict}.yaml"
    script.write_text(f"model: judge-1\ndefault: '{json.dumps(reply)}'\n", encoding="utf-8")
    return bench.ModelTier(f"scripted/{script}")


def _pairs() -> list[bench.Pair]:
    dev = [p for p in bench.read_pairs() if p.split == "dev"]
    return [p for p in dev if p.conflict][:8] + [p for p in dev if not p.conflict][:8]


def test_a_model_that_finds_nothing_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHARTER_NO_CACHE", "1")
    tier = _model(tmp_path, "compatible")
    rows = [bench.judge(p, tmp_path / "a", tier) for p in _pairs()]
    assert all(r["with_model"] == r["reported"] for r in rows)
    summary = bench.summarise(rows)
    assert summary["caught_with_model"] == summary["caught"]


def test_a_model_that_finds_conflicts_adds_the_pairs_left_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHARTER_NO_CACHE", "1")
    tier = _model(tmp_path, "conflict")
    rows = [bench.judge(p, tmp_path / "b", tier) for p in _pairs()]
    assert all(r["with_model"] >= r["reported"] for r in rows)
    added = [r for r in rows if r["with_model"] and not r["reported"]]
    assert added  # some candidate pair was left open by the deterministic step
    assert all(r["candidate"] for r in added)  # only pairs retrieval proposed reach the model
