"""A statement taken out of a clause into a clause the new version adds is *moved*
(old clause → new clause), not *removed* (it was "statements: 1 removed"); the reverse
direction, into a kept clause from a removed one, reads the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli.main import main

OLD = (
    "# Refunds {#refunds authority=user}\n\n"
    "The assistant must link the refund form.\n\n"
    "The assistant must never promise an amount.\n"
)
NEW = (
    "# Refunds {#refunds authority=user}\n\n"
    "The assistant must link the refund form.\n\n"
    "## Amounts {#amounts}\n\n"
    "The assistant must never promise an amount.\n"
)
MOVED = "The assistant must never promise an amount."


def _sides(tmp_path: Path) -> tuple[str, str]:
    for name, text in (("old", OLD), ("new", NEW)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "spec.md").write_text(text, encoding="utf-8")
    return str(tmp_path / "old"), str(tmp_path / "new")


def test_a_statement_moved_into_an_added_clause_is_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _sides(tmp_path)
    assert main(["diff", old, new]) == 0
    out = capsys.readouterr().out
    assert "statements: 1 moved" in out and "removed" not in out
    assert f"(old :5) moved #refunds → #amounts: {MOVED}" in out
    assert main(["diff", old, new, "--format", "json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    (reworded,) = [c for c in changes if c["kind"] == "reworded"]
    (edit,) = reworded["detail"]["edits"]
    assert (edit["op"], edit["from"], edit["to"], edit["old"]) == (
        "moved",
        "refunds",
        "amounts",
        MOVED,
    )
    assert reworded["bump"] == "patch" and reworded["detail"]["dropped"] == 0
    assert main(["changelog", old, new]) == 0
    assert f"moved `#refunds` → `#amounts`: “{MOVED}”" in capsys.readouterr().out


def test_a_statement_moved_back_from_a_removed_clause_is_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _sides(tmp_path)
    assert main(["diff", new, old]) == 0
    out = capsys.readouterr().out
    assert f":5 moved #amounts → #refunds: {MOVED}" in out
    assert "- removed    #amounts" in out  # the clause itself is still removed


def test_a_statement_really_removed_is_still_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, _ = _sides(tmp_path)
    (tmp_path / "gone").mkdir()
    (tmp_path / "gone" / "spec.md").write_text(
        NEW.replace(MOVED, "The assistant must quote the policy."), encoding="utf-8"
    )
    assert main(["diff", old, str(tmp_path / "gone")]) == 0
    out = capsys.readouterr().out
    assert "statements: 1 removed" in out and "moved #" not in out
