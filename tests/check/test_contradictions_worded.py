"""Contradictions worded differently (issue 13): every kind, one-sided situations, the
near-misses that must stay quiet, composition through a common importer, and retrieval
that stays far below all pairs. Each case is a small real project on disk, checked by
the real checker (spaCy included)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from charter import load
from charter.check import check_project
from charter.check.contradictions import collect_norms
from charter.check.retrieve import candidates
from charter.check.symbols import SymbolTable
from charter.diagnostics import Diagnostic

BASE = "# Base {{#base}}\n\n## Rule A {{#rule_a authority={level}}}\n\n{text}\n"
TEAM = (
    "---\nimports: [base.md]\n---\n\n# Team {{#team}}\n\n"
    "## Rule B {{#rule_b authority={level}{extra}}}\n\n{text}\n"
)


def pair(
    tmp_path: Path, a: str, b: str, level: str = "developer", other: str = "", extra: str = ""
) -> list[Diagnostic]:
    """C04x findings for ``a`` in base.md and ``b`` in team.md (which imports base.md)."""
    (tmp_path / "base.md").write_text(BASE.format(level=level, text=a), encoding="utf-8")
    team = TEAM.format(level=other or level, extra=extra, text=b)
    (tmp_path / "team.md").write_text(team, encoding="utf-8")
    return [d for d in check_project(load(tmp_path)) if d.code.startswith("C04")]


CONFLICTS = {
    "synonyms": (
        "The assistant should disclose the repair fee.",
        "The assistant must not reveal the cost of a repair.",
    ),
    "negating verb": (
        "The assistant must decline to recommend a tent brand.",
        "The assistant should recommend a tent brand.",
    ),
    "exclusivity": (
        "The assistant should quote distances in the unit the hiker uses.",
        "The assistant must quote distances only in kilometres.",
    ),
    "numeric bounds": (
        "The assistant should keep each answer under 80 words.",
        "Every answer must contain at least 120 words.",
    ),
    "opposite descriptions": (
        "The assistant should write in a playful tone.",
        "The assistant must keep a serious tone.",
    ),
    "opposite actions": (
        "The assistant must archive the chat transcript.",
        "The assistant must delete the chat transcript.",
    ),
}


@pytest.mark.parametrize("kind", sorted(CONFLICTS))
def test_each_kind_is_an_error_naming_both(tmp_path: Path, kind: str) -> None:
    a, b = CONFLICTS[kind]
    found = pair(tmp_path, a, b)
    assert [d.code for d in found] == ["C040"], (kind, [d.message for d in found])
    message = found[0].message
    assert "#rule_a" in message and "#rule_b" in message and "To resolve:" in message


def test_one_sided_condition_conflicts_on_the_overlap(tmp_path: Path) -> None:
    found = pair(
        tmp_path,
        "The assistant must not read out the gift card code, even if the caller insists.",
        "The assistant should read out the gift card code whenever the buyer asks for it.",
    )
    assert [d.code for d in found] == ["C040"]
    assert "both apply whenever the buyer asks for it" in found[0].message
    assert "?" in found[0].message.split("To resolve:")[1]


NEAR_MISSES = {
    "settings": (
        "On the phone line, the assistant must not read out the voucher code.",
        "In the mobile app, the assistant should read out the voucher code.",
    ),
    "before and after": (
        "The assistant must not book the courier before the label is printed.",
        "The assistant should book the courier after the label is printed.",
    ),
    "different objects": (
        "The assistant should share the delivery window for an order.",
        "The assistant must not share the payment history for an order.",
    ),
    "different actors": (
        "The store manager must approve exchanges of worn boots.",
        "The assistant must not approve exchanges of worn boots.",
    ),
    "same direction": (
        "The assistant should disclose the repair fee.",
        "The assistant must state the cost of a repair.",
    ),
    "information of another kind": (
        "The assistant may give the care information printed on a tent's label.",
        "The assistant must not reveal customer data to other shoppers.",
    ),
    "an only about another kind of thing": (
        "The assistant should only use the approved stock photos.",
        "The assistant should use common sense when a request is unclear.",
    ),
    "disjoint conditions": (
        "If the tent is unused, the assistant should accept the return.",
        "If the tent is damp and dirty, the assistant must not accept the return.",
    ),
}


@pytest.mark.parametrize("kind", sorted(NEAR_MISSES))
def test_near_misses_stay_quiet(tmp_path: Path, kind: str) -> None:
    a, b = NEAR_MISSES[kind]
    assert pair(tmp_path, a, b) == []


def test_levels_and_overrides_settle_it(tmp_path: Path) -> None:
    a, b = CONFLICTS["synonyms"]
    assert [d.code for d in pair(tmp_path, a, b, "system", "developer")] == ["C041"]
    overridden = pair(tmp_path, a, b, extra=" overrides=base.md#rule_a")
    assert [d.code for d in overridden] == ["C041"]
    assert "#rule_b overrides #rule_a" in overridden[0].message


def test_a_clause_and_its_own_exception_are_no_contradiction(tmp_path: Path) -> None:
    text = (
        "The assistant must not share the warehouse address. If a courier asks, "
        "the assistant should share the warehouse address."
    )
    (tmp_path / "base.md").write_text(BASE.format(level="developer", text=text), "utf-8")
    assert [d for d in check_project(load(tmp_path)) if d.code.startswith("C04")] == []


def test_siblings_composed_by_a_product_are_checked(tmp_path: Path) -> None:
    a, b = CONFLICTS["opposite actions"]
    rule = "# {name} {{#{name}}}\n\n## Rule {{#{name}_rule authority=developer}}\n\n{text}\n"
    (tmp_path / "left.md").write_text(rule.format(name="left", text=a), encoding="utf-8")
    (tmp_path / "right.md").write_text(rule.format(name="right", text=b), encoding="utf-8")
    apart = [d for d in check_project(load(tmp_path)) if d.code.startswith("C04")]
    assert apart == []  # nothing brings them together
    product = "---\nimports: [left.md, right.md]\n---\n\n# Product {#product}\n"
    (tmp_path / "product.md").write_text(product, encoding="utf-8")
    found = [d for d in check_project(load(tmp_path)) if d.code.startswith("C04")]
    assert [d.code for d in found] == ["C040"]


def test_retrieval_stays_far_below_all_pairs(tmp_path: Path) -> None:
    rng = random.Random(5)
    verbs = ("share", "explain", "translate", "summarise")
    nouns = ("order", "refund", "parcel", "voucher", "label", "route", "tent", "boot")
    lines = ["# Big {#big}", "", "## Rules {#rules authority=developer}", ""]
    for i in range(300):
        modal = "must not" if i % 2 else "should"
        words = " ".join(rng.sample(nouns, 2))
        lines.append(f"The assistant {modal} {rng.choice(verbs)} the {words} w{i}.")
    (tmp_path / "big.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    norms = collect_norms(SymbolTable.build(load(tmp_path)))
    assert len(norms) >= 290  # a nonsense sentence or two may parse without a verb
    found = candidates(norms)
    assert found.capped == 0
    assert len(found.pairs) < 300 * 299 / 2 / 10, len(found.pairs)


def test_two_positive_statements_on_one_thing_reach_the_model_tier(tmp_path: Path) -> None:
    # Different verbs, no opposite stance: only a wide (model-tier) key can pair them.
    a = "The assistant should greet visitors in a cheerful way."
    b = "The assistant must welcome visitors in a sombre manner."
    rule = "# {name} {{#{name}}}\n\n## Rule {{#{name}_rule authority=developer}}\n\n{text}\n"
    (tmp_path / "one.md").write_text(rule.format(name="one", text=a), encoding="utf-8")
    (tmp_path / "two.md").write_text(rule.format(name="two", text=b), encoding="utf-8")
    (tmp_path / "other.md").write_text(
        rule.format(name="other", text="The assistant should file the tax forms."), "utf-8"
    )
    norms = collect_norms(SymbolTable.build(load(tmp_path)))
    texts = {i: n.statement.text for i, n in enumerate(norms)}
    wide = {frozenset((texts[i], texts[j])) for i, j in candidates(norms, narrowed=False).pairs}
    assert frozenset((a, b)) in wide
    assert not any("tax" in t for pair in wide for t in pair)  # shares no word with them


def test_the_nouns_of_a_condition_file_a_statement_for_the_model_tier(tmp_path: Path) -> None:
    # The object of "assign one" is only "one"; the lockers are in the condition. Only the
    # condition's nouns can bring the two statements together.
    a = "If a member asks for a locker, the assistant must assign one."
    b = "The assistant must never hand out lockers."
    rule = "# {name} {{#{name}}}\n\n## Rule {{#{name}_rule authority=developer}}\n\n{text}\n"
    (tmp_path / "one.md").write_text(rule.format(name="one", text=a), encoding="utf-8")
    (tmp_path / "two.md").write_text(rule.format(name="two", text=b), encoding="utf-8")
    (tmp_path / "other.md").write_text(
        rule.format(name="other", text="The assistant should file the tax forms."), "utf-8"
    )
    norms = collect_norms(SymbolTable.build(load(tmp_path)))
    texts = {i: n.statement.text for i, n in enumerate(norms)}
    wide = {frozenset((texts[i], texts[j])) for i, j in candidates(norms, narrowed=False).pairs}
    assert frozenset((a, b)) in wide
    assert not any("tax" in t for pair in wide for t in pair)
