"""Contradictions (fixture ``contradictions``) and the pieces that find them."""

from __future__ import annotations

from charter.diagnostics import Severity
from tests.check.support import check, line_start, one, rel

NAME = "contradictions"


def _c04(severity: Severity) -> set[tuple[str, str, int, int]]:
    return {
        (d.code, rel(NAME, d.path), d.line, d.col)
        for d in check(NAME)
        if d.code.startswith("C04") and d.severity is severity
    }


def test_unsettled_contradictions_are_errors() -> None:
    s = lambda file, needle: line_start(NAME, "C040", file, needle)  # noqa: E731
    assert _c04(Severity.ERROR) == {
        s("base.md", "must always share a customer's home address"),  # two root clauses
        s("team.md", "must not offer a discount code"),  # same level, no override
        s("team.md", "may write marketing emails"),  # 'must refuse to' against 'may'
    }


def test_settled_contradictions_are_notes_on_the_loser() -> None:
    s = lambda file, needle: line_start(NAME, "C041", file, needle)  # noqa: E731
    assert _c04(Severity.INFO) == {
        s("team.md", "must not reply in formal English"),  # system beats developer
        s("team.md", "should show the full price history"),  # overridden explicitly
    }


def test_both_statements_are_named_and_related() -> None:
    diagnostics = check(NAME)
    root = one(diagnostics, "C040", "#deliveries")
    assert "#private_addresses" in root.message and "root" in root.message
    assert (rel(NAME, root.related[0].path), root.related[0].line) == ("base.md", 5)
    settled = one(diagnostics, "C041", "#casual")
    assert "#formal wins" in settled.message
    assert rel(NAME, settled.related[0].path) == "base.md"


def test_conditions_and_unrelated_modules_are_not_contradictions() -> None:
    messages = [d.message for d in check(NAME) if d.code.startswith("C04")]
    assert not any("order total" in m for m in messages)
    assert not any("#never_discounts" in m for m in messages)
