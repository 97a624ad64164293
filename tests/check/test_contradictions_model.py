"""The model tier of the contradiction check (``charter check --model P/M``), run with the
real scripted provider: open pairs are asked, answers become C042/C043, answers are
cached by the pair's text, and a reply that is not the JSON asked for is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter import load
from charter.check.adjudicate import adjudicate, parse_answer
from charter.cli.main import main
from charter.providers.base import Completion, Request
from charter.providers.scripted import ScriptedProvider

RULES = {
    "base.md": "# Base {#base}\n\n## Stoves {#stoves authority=developer}\n\n"
    "The assistant should recommend camping stoves.\n",
    "team.md": "---\nimports: [base.md]\n---\n\n# Team {#team}\n\n"
    "## No gas {#no_gas authority=developer}\n\n"
    "The assistant must not recommend gas stoves.\n",
}
CONFLICT = (
    '{"verdict": "conflict", "situation": "a camper asks which stove to buy", '
    '"question": "May the assistant recommend gas camping stoves?"}'
)


def project(tmp_path: Path, reply: str) -> tuple[Path, Path]:
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "charter.toml").write_text("[project]\nexclude = []\n", encoding="utf-8")
    for name, text in RULES.items():
        (folder / name).write_text(text, encoding="utf-8")
    script = tmp_path / "judge.yaml"
    rules = {"responses": [{"match": "gas stoves", "reply": reply}], "default": "{}"}
    script.write_text(json.dumps(rules), encoding="utf-8")
    return folder, script


def test_the_deterministic_step_leaves_the_pair_open(tmp_path: Path) -> None:
    folder, _script = project(tmp_path, CONFLICT)
    assert main(["check", str(folder)]) == 0  # camping vs gas: not the same object


def test_a_model_conflict_is_c042_with_situation_and_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, script = project(tmp_path, CONFLICT)
    code = main(["check", str(folder), "--model", f"scripted/{script}", "--format", "json"])
    found = json.loads(capsys.readouterr().out)["diagnostics"]
    c042 = [d for d in found if d["code"] == "C042"]
    assert code == 0 and len(c042) == 1  # a warning: the build is not failed by a model
    assert "when a camper asks which stove to buy" in c042[0]["message"]
    assert "May the assistant recommend gas camping stoves?" in c042[0]["message"]
    assert (folder / ".charter" / "adjudications.json").is_file()


class Counting(ScriptedProvider):
    """The real scripted provider, counting the requests it answers."""

    calls = 0

    async def complete(self, request: Request) -> Completion:
        Counting.calls += 1
        return await super().complete(request)


def test_answers_are_cached_by_the_pair_text(tmp_path: Path) -> None:
    folder, script = project(tmp_path, CONFLICT)
    Counting.calls = 0
    first = adjudicate(load(folder), Counting(str(script), {}))
    second = adjudicate(load(folder), Counting(str(script), {}))
    assert [d.code for d in first] == [d.code for d in second] == ["C042"]
    assert Counting.calls == 1
    team = folder / "team.md"
    team.write_text(team.read_text("utf-8").replace("must not", "must never"), "utf-8")
    adjudicate(load(folder), Counting(str(script), {}))
    assert Counting.calls == 2  # the pair's text changed: asked again


def test_unusable_replies_and_compatible_pairs(tmp_path: Path) -> None:
    folder, script = project(tmp_path, "I think these are fine together.")
    found = adjudicate(load(folder), ScriptedProvider(str(script), {}))
    assert [d.code for d in found] == ["C043"]
    assert "gave no verdict" in found[0].message
    assert parse_answer('{"verdict": "compatible"}')["verdict"] == "compatible"
    assert parse_answer('Sure: {"verdict": "conflict", "question": "Q?"}')["question"] == "Q?"


def test_a_provider_failure_exits_3(tmp_path: Path) -> None:
    folder, script = project(tmp_path, CONFLICT)
    broken = {"responses": [{"match": "gas", "error": "simulated outage", "status": 503}]}
    script.write_text(json.dumps(broken), encoding="utf-8")
    assert main(["check", str(folder), "--model", f"scripted/{script}"]) == 3
