"""The spec context: clean text, definitions and related clauses, held to a token budget."""

from __future__ import annotations

from pathlib import Path

import pytest

import charter
from charter.grade.spec_context import SpecContexts, clause_context, clean

SPEC = """\
---
id: shop
---
# Words {#words}

**Refund window**: the thirty days after delivery.

**Voucher**: a code worth money in the shop.

# Policy {#policy authority=developer}

Refunds are paid to the original card.

# Old {#old authority=guideline}

The assistant should quote amounts.

# Refunds {#refunds authority=guideline overrides=#old}

The assistant must not promise an amount.[^r1]
Refunds outside the refund window follow [?](#policy) and [the old rule](#old).
The assistant may offer a voucher.

!!! meta "Commentary"
    Written after the incident of March.
"""


@pytest.fixture()
def project(tmp_path: Path) -> charter.Project:
    (tmp_path / "spec.md").write_text(SPEC)
    return charter.load(tmp_path / "spec.md")


def contexts(project: charter.Project, budget: int = 10_000) -> SpecContexts:
    return SpecContexts(project, budget)


def test_clean_resolves_references_and_drops_footnotes() -> None:
    text = "Do it[^ab12] as [?](#policy) and [that rule](other.md#old) say."
    assert clean(text, {"policy": "Policy"}) == (
        "Do it as “Policy” (§policy) and that rule (§old) say."
    )
    assert clean("See [?](#unknown_id).", {}) == "See “unknown id” (§unknown_id)."
    assert (
        clean("warmth [^u005], making joy[^t5q0]. It [^x1] is", {}) == "warmth, making joy. It is"
    )


def test_the_whole_context(project: charter.Project) -> None:
    module = project.modules[0]
    context = contexts(project).for_clause(module.id, module.clause("refunds"))
    assert [(s.id, s.modality) for s in context.statements] == [
        ("S1", "must_not"),
        ("S2", "may"),
    ]
    assert "follow “Policy” (§policy) and the old rule (§old)" in context.rules
    assert [t for t, _ in context.definitions] == ["Refund window", "Voucher"]
    assert [(r.relation, r.id) for r in context.related] == [
        ("overrides", "old"),
        ("referenced", "policy"),
    ]
    assert context.commentary and "March" in context.commentary[0]
    assert context.levels[0] == "root" and context.dropped == ()


def test_the_budget_drops_parts_in_the_stated_order(project: charter.Project) -> None:
    module = project.modules[0]
    clause = module.clause("refunds")
    full = contexts(project).for_clause(module.id, clause)
    floor = clause_context(clause)
    dropped = []
    for budget in range(full.tokens(), -1, -1):
        context = contexts(project, budget).for_clause(module.id, clause)
        assert context.tokens() <= budget or context.dropped[-1:] == ("definition Refund window",)
        assert context.statements == full.statements and context.rules == full.rules
        dropped = list(context.dropped)
    assert dropped == [
        "commentary",
        "referenced clause policy",
        "overrides clause old",
        "definition Voucher",
        "definition Refund window",
    ]
    assert floor.rules.startswith("The assistant must not promise an amount.")


def test_a_clause_never_lists_its_own_definitions(tmp_path: Path) -> None:
    words = SPEC.replace(
        "worth money in the shop.\n", "worth money in the shop.\n\nA voucher is not cash.\n"
    )
    (tmp_path / "spec.md").write_text(words)
    project = charter.load(tmp_path / "spec.md")
    module = project.modules[0]
    own = contexts(project).for_clause(module.id, module.clause("words"))
    assert "A voucher is not cash." in own.rules and own.definitions == ()
    other = contexts(project).for_clause(module.id, module.clause("refunds"))
    assert "Voucher" in [t for t, _ in other.definitions]
