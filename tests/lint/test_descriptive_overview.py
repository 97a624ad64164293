"""Module-wide authority (front matter ``authority: guideline``) on an overview paragraph
that states no rule: no L401 'untested clause' and no L301 (it got both). A clause whose
heading names a level and that only describes keeps L301 (its one finding: add a rule);
a clause with a rule, or a norm told as what the assistant does, keeps its findings."""

from __future__ import annotations

import json
from pathlib import Path

from tests.lint.helpers import charter

SPEC = """---
authority: guideline
---
# Overview {#overview}

This module describes how the support assistant handles refunds. It covers orders placed
online.

## Refunds {#refunds}

The assistant must link the refund form.

## Tone {#tone}

The assistant answers in a friendly tone.

## Background {#background authority=user}

Refunds are handled by the billing team.
"""


def _findings(tmp_path: Path) -> set[tuple[str, str]]:
    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    done = charter("check", "spec.md", "--format", "json", cwd=tmp_path)
    diagnostics = json.loads(done.stdout)["diagnostics"]
    return {(d["code"], d["clause"]) for d in diagnostics if d["code"] in ("L301", "L401")}


def test_a_descriptive_overview_under_module_authority_is_not_flagged(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    assert ("L401", "overview") not in found and ("L301", "overview") not in found


def test_rules_and_norms_told_as_what_the_assistant_does_keep_their_findings(
    tmp_path: Path,
) -> None:
    found = _findings(tmp_path)
    assert ("L401", "refunds") in found  # a rule: untested
    assert {("L301", "tone"), ("L401", "tone")} <= found  # 'The assistant answers …': a norm


def test_a_heading_that_names_a_level_over_a_description_keeps_l301_only(
    tmp_path: Path,
) -> None:
    found = _findings(tmp_path)
    assert ("L301", "background") in found
    assert ("L401", "background") not in found  # nothing to test; L301 says what to add
