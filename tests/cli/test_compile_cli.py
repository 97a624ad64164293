"""``charter compile`` run as a real subprocess: valid JSONL per target, stats on stderr
(text and JSON), a metadata sidecar, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from charter.compile import collect, compile_prompt, write
from charter.spec.loader import load

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "compile", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _jsonl(text: str) -> list[dict[str, object]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_prompt_target() -> None:
    result = run(str(SHOP), "--target", "prompt")
    compiled = compile_prompt(load(SHOP))
    assert result.returncode == 0, result.stderr
    assert result.stdout == compiled.text
    assert f"{compiled.clauses} clauses, {compiled.tokens} tokens ({compiled.tokenizer})" in (
        result.stderr
    )


@pytest.mark.parametrize("target", ["openai-sft", "openai-dpo", "trl-sft", "trl-dpo"])
def test_training_targets_write_what_the_library_writes(target: str) -> None:
    result = run(str(SHOP), "--target", target)
    assert result.returncode == 0, result.stderr
    assert _jsonl(result.stdout) == write(collect(load(SHOP)), target).lines
    assert f"{target} " in result.stderr and " written" in result.stderr


def test_metadata_sidecar_and_json_stats(tmp_path: Path, model_spec_dir: Path) -> None:
    out, meta = tmp_path / "pairs.jsonl", tmp_path / "pairs.meta.jsonl"
    spec = model_spec_dir / "2025-12-18"
    result = run(
        str(spec), "--target", "openai-dpo", "-o", str(out), "--metadata", str(meta),
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    lines, sidecar = _jsonl(out.read_text("utf-8")), _jsonl(meta.read_text("utf-8"))
    assert len(lines) == len(sidecar) == 106
    assert all(set(line) == {"input", "preferred_output", "non_preferred_output"} for line in lines)
    stats = json.loads(result.stderr)
    assert stats["pairs"] == 106 and stats["target"] == "openai-dpo"
    assert stats["skipped"]["pairs with a placeholder side"] == 88


def test_inline_metadata_only_for_trl() -> None:
    result = run(str(SHOP), "--target", "trl-sft", "--inline-metadata")
    assert result.returncode == 0, result.stderr
    assert all("charter" in line for line in _jsonl(result.stdout))
    refused = run(str(SHOP), "--target", "openai-sft", "--inline-metadata")
    assert refused.returncode == 2 and "trl-*" in refused.stderr


def test_keep_placeholders_writes_more(model_spec_dir: Path) -> None:
    spec = str(model_spec_dir / "2025-12-18")
    default = run(spec, "--target", "openai-sft", "--format", "json")
    kept = run(spec, "--target", "openai-sft", "--format", "json", "--keep-placeholders")
    assert json.loads(default.stderr)["records"] == 135
    assert json.loads(kept.stderr)["records"] == 193


def test_nothing_to_compile_exits_1_and_says_why(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text("# Notes {#notes}\n\nJust prose.\n", encoding="utf-8")
    for target in ("openai-sft", "trl-dpo", "prompt"):
        result = run(str(tmp_path / "spec.md"), "--target", target)
        assert result.returncode == 1 and result.stdout == ""
        assert "nothing to compile" in result.stderr


def test_unreadable_spec_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing"), "--target", "openai-sft")
    assert result.returncode == 2 and result.stdout == ""
    assert "no such file or folder" in result.stderr


def test_empty_folder_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path), "--target", "trl-dpo")
    assert result.returncode == 2 and result.stdout == ""


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    target = str(tmp_path / "no" / "such" / "f.jsonl")
    result = run(str(SHOP), "--target", "openai-sft", "-o", target)
    assert result.returncode == 2 and "cannot write" in result.stderr


def test_promptfoo_provider(tmp_path: Path) -> None:
    out = tmp_path / "pf"
    result = run(str(SHOP), "--target", "promptfoo", "-o", str(out), "--provider", "ollama:chat:x")
    assert result.returncode == 0, result.stderr
    text = (out / "promptfooconfig.yaml").read_text("utf-8")
    assert "- id: ollama:chat:x" in text and "provider: ollama:chat:x" in text


def test_exports_need_a_folder() -> None:
    result = run(str(SHOP), "--target", "promptfoo")
    assert result.returncode == 2 and "-o DIR" in result.stderr


def test_prompt_budget_says_what_it_dropped(model_spec_dir: Path) -> None:
    spec = str(model_spec_dir / "2025-12-18")
    result = run(spec, "--target", "prompt", "--budget", "9000", "--format", "json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stderr)
    assert stats["tokens"] <= 9000 and stats["exact"] is True
    assert stats["dropped_levels"][0] == "guideline" and stats["dropped"]
    assert "## Rules of level guideline" not in result.stdout
    text = run(spec, "--target", "prompt", "--budget", "9000")
    assert "over budget, dropped" in text.stderr and "levels: guideline" in text.stderr


def test_prompt_selection_flags() -> None:
    result = run(str(SHOP), "--target", "prompt", "--level", "root", "--module", "larkspur-safety")
    assert result.returncode == 0, result.stderr
    assert "## Rules of level root" in result.stdout
    assert "## Rules of level system" not in result.stdout


@pytest.mark.parametrize(("target", "files"), [("promptfoo", 1), ("inspect", 2)])
def test_export_targets(tmp_path: Path, target: str, files: int) -> None:
    result = run(str(SHOP), "--target", target, "-o", str(tmp_path / target), "--format", "json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stderr)
    assert stats["cases"] > 10 and len(stats["files"]) == files
    assert all(Path(f).is_file() for f in stats["files"])


def test_with_spec_opens_each_record_with_the_prompt() -> None:
    prompt = compile_prompt(load(SHOP)).text
    result = run(str(SHOP), "--target", "trl-sft", "--with-spec")
    assert result.returncode == 0, result.stderr
    lines = _jsonl(result.stdout)
    assert lines and all(
        line["messages"][0] == {"role": "system", "content": prompt}  # type: ignore[index]
        for line in lines
    )
