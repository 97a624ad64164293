"""Contradictions of the eighth round of issue 13 (one round on the development halves of
the seven labelled sets): an estimate names the figure it estimates, and the model tier's
retrieval files a word under its kinds and a condition's unknown words. Each case is a
small real project checked by the real checker (spaCy and WordNet files)."""

from __future__ import annotations

from pathlib import Path

from charter import load
from charter.check.contradictions import candidates
from charter.check.symbols import SymbolTable
from tests.check.support import PAIR_BASE, PAIR_TEAM, pair_errors

errors = pair_errors


def _loose_pairs(tmp_path: Path, a: str, b: str) -> tuple[int, int]:
    """How many cross-module pairs the narrowed and the model tier's retrieval propose."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "base.md").write_text(PAIR_BASE + a + "\n", encoding="utf-8")
    (tmp_path / "team.md").write_text(PAIR_TEAM + b + "\n", encoding="utf-8")
    table = SymbolTable.build(load(tmp_path))
    counts = []
    for narrowed in (True, False):
        found = candidates(table, narrowed=narrowed)
        counts.append(sum(x.module.path != y.module.path for x, y in found))
    return counts[0], counts[1]


def test_a_cost_estimate_is_the_price(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must not quote prices for servicing vintage watches.",
        "When an owner asks, give them a cost estimate for the service.",
    )
    assert len(found) == 1 and "opposite stances" in found[0]


def test_an_estimate_of_something_else_is_not_the_price(tmp_path: Path) -> None:
    found = errors(
        tmp_path,
        "The assistant must not quote prices for servicing vintage watches.",
        "When an owner asks, give them a time estimate for the service.",
    )
    assert found == []


def test_a_kind_of_a_thing_meets_the_thing_in_the_model_tier(tmp_path: Path) -> None:
    _narrowed, loose = _loose_pairs(
        tmp_path / "kind",
        "The assistant must not count boxes for households.",
        "Work out for movers how many cartons they need.",
    )
    assert loose == 1
    _narrowed, unrelated = _loose_pairs(
        tmp_path / "other",
        "The assistant must not count boxes for households.",
        "Work out for movers how many vans they need.",
    )
    assert unrelated == 0


def test_an_unknown_word_of_a_condition_files_the_statement(tmp_path: Path) -> None:
    _narrowed, loose = _loose_pairs(
        tmp_path,
        "The assistant must not give advice on Kubernetes, even if the developer insists.",
        "When a developer asks how to scale Kubernetes, explain the usual settings.",
    )
    assert loose == 1
