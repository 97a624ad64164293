"""``charter lint --model``: a model's ambiguities as L601 findings with exact spans and
readings, cached by clause text, resumable after a provider failure, usage shown. Tested
with the scripted provider (``scripted/<file>``)."""

from __future__ import annotations

import json
from pathlib import Path

import charter
from charter.lint.model_tier import AnswerCache, model_findings, parse_answer
from charter.providers.registry import resolve
from tests.lint.helpers import charter as run

SPEC = """# Refunds {#refunds authority=user}

The assistant should offer a refund when the delay is long.

# Tone {#tone authority=guideline}

The assistant must greet the user by name.
"""
ANSWER = {
    "ambiguities": [
        {
            "words": "the delay is long",
            "question": "How long is long?",
            "readings": ["more than a day", "more than a week"],
        },
        {"words": "words that are not there", "question": "?", "readings": ["a", "b"]},
    ]
}


def _project(tmp_path: Path, second: str) -> tuple[Path, Path]:
    root = tmp_path / "spec"
    root.mkdir()
    (root / "charter.toml").write_text("")
    (root / "guide.md").write_text(SPEC)
    script = tmp_path / "model.yaml"
    script.write_text(
        "model: reviewer-1\nresponses:\n"
        f"  - match: refund\n    reply: '{json.dumps(ANSWER)}'\n"
        f"  - match: greet\n{second}"
    )
    return root, script


def test_findings_have_exact_spans_and_readings(tmp_path: Path) -> None:
    root, script = _project(tmp_path, "    reply: '{\"ambiguities\": []}'\n")
    result = run("lint", str(root), "--model", f"scripted/{script}", "--format", "json")
    assert result.returncode == 0, result.stderr
    (d,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "L601"]
    assert (d["line"], d["col"], d["end_col"]) == (3, 42, 59)
    assert d["question"] == (
        "'the delay is long': How long is long? (a) more than a day; (b) more than a week"
    )
    assert "2 asked" in result.stderr and "1 answer(s) not found" in result.stderr
    again = run("lint", str(root), "--model", f"scripted/{script}", "--format", "json")
    assert "2 from cache, 0 asked" in again.stderr
    assert (root / ".charter" / "lint-model.json").is_file()


def test_a_provider_failure_stops_keeps_answers_and_resumes(tmp_path: Path) -> None:
    root, script = _project(tmp_path, "    error: simulated outage\n    status: 503\n")
    first = run("lint", str(root), "--model", f"scripted/{script}")
    assert first.returncode == 3
    assert "L601" in first.stdout and "run again to resume" in first.stderr
    project = charter.load(root)
    folder = root / ".charter"
    assert len(AnswerCache(folder).data) == 1
    found, stats = model_findings(project, resolve(f"scripted/{script}"), "r", folder)
    assert stats.cached == 1 and stats.asked == 0 and stats.errors  # resumed at clause 2
    assert [d.code for d in found] == ["L601"]


def test_malformed_answers_are_dropped() -> None:
    assert parse_answer("no json here") == []
    assert parse_answer('{"ambiguities": [{"words": 3}, "x"]}') == []
    text = 'Sure: {"ambiguities": [{"words": "soon", "question": "When?", "readings": ["1"]}]}'
    assert parse_answer(text)[0]["words"] == "soon"
