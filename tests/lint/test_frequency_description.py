"""L111 (vague frequency) on a description glued to a permission: 'The assistant may
answer briefly, and it usually does' reports what happens; it is not a condition of the
rule (it was flagged: "in which cases does the rule not apply?"). The frequency of a
rule itself is still flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lint.helpers import charter

DESCRIBED = [
    "The assistant may answer briefly, and it usually does.",
    "The assistant may answer briefly, and usually does.",
    "The assistant may answer briefly; it usually does.",
    "The assistant may answer briefly, as it usually does.",
    "The assistant may decline, which it rarely does.",
    "The assistant can answer in English, which users generally prefer.",
]
RULES = [
    "The assistant should usually answer in English.",
    "The assistant may usually skip the greeting.",
    "The assistant may summarize, and it generally should.",
    "The assistant should answer briefly, and it usually does.",
    "The assistant may answer briefly, and it usually answers in English.",
    "In most cases the assistant must confirm before deleting a file.",
]


def _l111(tmp_path: Path, statement: str) -> list[str]:
    (tmp_path / "spec.md").write_text(f"# A {{#a authority=user}}\n\n{statement}\n")
    done = charter("lint", "spec.md", "--select", "L111", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return [d["code"] for d in json.loads(done.stdout)["diagnostics"]]


@pytest.mark.parametrize("statement", DESCRIBED)
def test_a_description_beside_a_permission_is_not_a_vague_frequency(
    tmp_path: Path, statement: str
) -> None:
    assert _l111(tmp_path, statement) == []


@pytest.mark.parametrize("statement", RULES)
def test_the_frequency_of_a_rule_is_still_flagged(tmp_path: Path, statement: str) -> None:
    assert _l111(tmp_path, statement) == ["L111"]
