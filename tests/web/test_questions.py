"""The sidebar's order: errors first, then findings on clauses of higher authority."""

from __future__ import annotations

from pathlib import Path

from charter.web.questions import Views, build_view


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_errors_then_higher_authority_first(shop: Path) -> None:
    assistant, safety = shop / "support" / "assistant.md", shop / "org" / "safety.md"
    edit(
        assistant, "The assistant should give weights", "The assistant should quickly give weights"
    )
    edit(
        safety,
        "The assistant must not reveal customer",
        "The assistant must quickly not reveal customer",
    )
    edit(
        assistant, "Juniper is the assistant", "See [?](#no_such_clause). Juniper is the assistant"
    )
    order = [
        (q.finding.code, q.clause.id if q.clause else "") for q in build_view(str(shop)).questions
    ]
    ranked = [x for x in order if x[0] in ("C001", "L101")]
    assert ranked == [
        ("C001", "support_overview"),  # an error, though the clause is informative
        ("L101", "protect_customer_data"),  # root
        ("L101", "units_of_measure"),  # user
    ]


def test_the_view_is_rebuilt_only_when_a_file_changes(shop: Path) -> None:
    views = Views(str(shop))
    first = views.current()
    assert views.current() is first
    edit(
        shop / "support" / "assistant.md",
        "The assistant should give weights",
        "The assistant should quickly give weights",
    )
    second = views.current()
    assert second is not first
    assert "L101" in {q.finding.code for q in second.questions}
