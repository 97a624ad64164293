"""``charter compile`` run as a real subprocess: valid JSONL, stderr summaries, -o FILE,
exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from charter.compile import compile_prompt, dpo_records, sft_records
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
    assert f"{compiled.clauses} clauses, about {compiled.tokens} tokens" in result.stderr


def test_sft_to_stdout_is_valid_jsonl() -> None:
    result = run(str(SHOP), "--target", "sft")
    assert result.returncode == 0, result.stderr
    records = _jsonl(result.stdout)
    assert records == sft_records(load(SHOP)).records
    assert f"{len(records)} SFT records written" in result.stderr


def test_dpo_to_file_with_spec(tmp_path: Path, model_spec_dir: Path) -> None:
    out = tmp_path / "pairs.jsonl"
    spec = model_spec_dir / "2025-12-18"
    result = run(str(spec), "--target", "dpo", "--with-spec", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    pairs = _jsonl(out.read_text(encoding="utf-8"))
    assert len(pairs) == len(dpo_records(load(spec)).records)
    assert all(p["with_spec"] is True for p in pairs)
    assert "DPO pairs written; skipped: 8 OK candidates" in result.stderr


def test_developer_role_system() -> None:
    result = run(str(SHOP), "--target", "sft", "--developer-role", "system")
    roles = {m["role"] for r in _jsonl(result.stdout) for m in r["messages"]}  # type: ignore[attr-defined]
    assert result.returncode == 0 and "developer" not in roles and "system" in roles


def test_unreadable_spec_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing"), "--target", "sft")
    assert result.returncode == 2 and result.stdout == ""
    assert "P001" in result.stderr


def test_empty_folder_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path), "--target", "dpo")
    assert result.returncode == 2 and result.stdout == ""


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    result = run(str(SHOP), "--target", "sft", "-o", str(tmp_path / "no" / "such" / "f.jsonl"))
    assert result.returncode == 2 and "cannot write" in result.stderr


def test_help_mentions_ok_candidates() -> None:
    result = run("--help")
    assert result.returncode == 0 and "OK candidates" in result.stdout
