"""The charter command, run as a real subprocess: exit codes, JSON shape, help, version."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from charter import __version__
from charter.cli.main import COMMANDS, build_parser


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"charter {__version__}"


def test_help_on_every_command() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    names = sorted(sub.choices)  # type: ignore[arg-type]
    assert len(names) >= len(COMMANDS)
    for name in names:
        result = run(name, "--help")
        assert result.returncode == 0, name
        assert "usage: charter" in result.stdout and len(result.stdout) > 120, name


def test_no_command_prints_help_and_exits_2() -> None:
    result = run()
    assert result.returncode == 2 and "usage: charter" in result.stderr


def test_usage_error_exits_2() -> None:
    result = run("parse")
    assert result.returncode == 2 and "error" in result.stderr


def test_parse_json_has_the_design_fields(model_spec_dir: Path) -> None:
    result = run("parse", str(model_spec_dir / "2025-12-18"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == 1 and data["diagnostics"] == []
    (module,) = data["modules"]
    assert {"id", "path", "title", "version", "clauses"} <= module.keys()
    clause = next(c for c in module["clauses"] if c["id"] == "assume_best_intentions")
    assert {
        "id",
        "title",
        "level",
        "authority",
        "parent",
        "line",
        "statements",
        "examples",
        "prompts",
    } <= clause.keys()
    assert (clause["authority"], clause["parent"], clause["level"]) == (
        "root",
        "chain_of_command",
        2,
    )
    statement = next(s for s in clause["statements"] if s["tags"] == ["a93s"])
    assert {"text", "line", "modality", "polarity", "tags"} <= statement.keys()
    assert statement["modality"] == "must_not" or statement["polarity"] == "negative"
    example = clause["examples"][0]
    assert {"title", "line", "messages", "candidates"} <= example.keys()
    assert example["messages"][0] == {
        "role": "user",
        "attrs": {},
        "content": example["messages"][0]["content"],
        "line": example["messages"][0]["line"],
    }
    assert {"verdict", "reason", "refs", "content"} <= example["candidates"][0].keys()
    prompt = next(p for p in clause["prompts"] if p["tag"] == "a93s")
    assert prompt["path"].endswith("examples/a93s.md") and prompt["examples"]


def test_parse_text_tree(model_spec_dir: Path) -> None:
    result = run("parse", str(model_spec_dir / "2025-12-18"))
    assert result.returncode == 0
    line = next(x for x in result.stdout.splitlines() if "#assume_best_intentions" in x)
    assert "root" in line and "4 ex" in line and "5 prompts" in line


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_check_machine_output(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "s.md").write_text("# A {#a}\n\n## B {#a}\n")
    result = run("check", str(tmp_path), "--format", fmt)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    if fmt == "json":
        assert data["format"] == 1
        # the parser's P024 is superseded by the checker's C002, which adds the other end
        dup = next(d for d in data["diagnostics"] if d["code"] in ("P024", "C002"))
        assert (dup["line"], dup["col"], dup["severity"]) == (3, 4, "error")
    else:
        assert data["version"] == "2.1.0"
        (sarif_run,) = data["runs"]
        codes = {r["ruleId"] for r in sarif_run["results"]}
        assert codes & {"P024", "C002"}
