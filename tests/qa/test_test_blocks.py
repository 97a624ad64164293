"""``yaml test`` blocks that cannot be checked as written are parse errors at the line of
the expectation (P053), and a second block with a taken case id is P054 and ignored (QA:
`charter check` said 0 errors, and `charter test` then stopped with exit 3 on
"UNIQUE constraint failed")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from charter import parse_module

CLI = [sys.executable, "-m", "charter.cli.main"]


def _block(*lines: str) -> str:
    return "```yaml test\n" + "\n".join(lines) + "\n```\n\n"


@pytest.mark.parametrize(
    ("expectation", "message"),
    [
        ("regex: '[unclosed'", "invalid regex '[unclosed'"),
        ("max-length: lots", "max-length: needs a non-negative integer"),
        ("max-length: -1", "max-length: needs a non-negative integer"),
        ("not-contains: [a, b]", "not-contains: needs a non-empty string"),
        ("icontains: ''", "icontains: needs a non-empty string"),
        ("judge: ''", "judge: needs a criterion"),
        ("json-schema: text", "json-schema: needs a JSON schema"),
        ("is-json: maybe", "is-json: takes no value"),
    ],
)
def test_unusable_expectation_values_are_p053_at_their_line(expectation: str, message: str) -> None:
    text = "# A {#a authority=user}\n\n" + _block(
        "prompt: hi", "expect:", "  - contains: hello", f"  - {expectation}"
    )
    module, diags = parse_module(text, "t.md")
    assert [(d.code, d.line, d.col) for d in diags] == [("P053", 7, 5)]
    assert message in diags[0].message
    assert module.clauses[0].test_blocks == ()


@pytest.mark.parametrize(
    "expectation", ["contains: 5", "regex: '\\d+'", "max-length: 0", "is-json", "not-is-json"]
)
def test_sound_expectations_pass(expectation: str) -> None:
    text = "# A {#a authority=user}\n\n" + _block("prompt: hi", "expect:", f"  - {expectation}")
    module, diags = parse_module(text, "t.md")
    assert diags == ()
    assert len(module.clauses[0].test_blocks) == 1


def test_unknown_field_points_at_the_key() -> None:
    text = "# A {#a authority=user}\n\n" + _block("prompt: hi", "promt: typo")
    _, diags = parse_module(text, "t.md")
    assert [(d.code, d.line, d.col) for d in diags] == [("P051", 5, 1)]


def test_duplicate_ids_in_a_clause_are_p054() -> None:
    text = (
        "# A {#a authority=user}\n\n"
        + _block("id: same", "prompt: hi")
        + _block("id: same", "prompt: again")
        + _block("id: '3'", "prompt: explicit three")
        + _block("prompt: unnamed third, so also '3'")
    )
    module, diags = parse_module(text, "t.md")
    assert [(d.code, d.line) for d in diags] == [("P054", 8), ("P054", 18)]
    assert [b.id for b in module.clauses[0].test_blocks] == ["same", "3"]


def test_the_same_id_in_two_clauses_is_fine() -> None:
    text = "# A {#a authority=user}\n\n" + _block("id: x", "prompt: hi")
    text += "# B {#b authority=user}\n\n" + _block("id: x", "prompt: hi")
    assert parse_module(text, "t.md")[1] == ()


def test_charter_test_runs_a_spec_with_a_duplicate_test_id(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(
        "# A {#a authority=root}\n\nThe assistant must greet.\n\n"
        + _block("id: dup", "prompt: hello", "expect:", "  - contains: hi")
        + _block("id: dup", "prompt: again", "expect:", "  - contains: hi")
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("model: s\ndefault: hi there\nresponses: []\n")
    result = subprocess.run(
        [*CLI, "test", str(tmp_path), "--model", f"scripted/{answers}", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "UNIQUE" not in result.stderr
