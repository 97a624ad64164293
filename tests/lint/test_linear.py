"""The pronoun rule (L201) reads a statement in one pass: 25 KB of pronouns and nouns in
one statement lints in well under a second (it took 18.6 s when it was quadratic)."""

from __future__ import annotations

import time

from tests.lint.helpers import TEST_BLOCK, lint_text


def _lint_seconds(body: str) -> float:
    text = "# C {#c authority=user}\n\nThe assistant must read " + body + ".\n\n" + TEST_BLOCK
    start = time.perf_counter()
    lint_text(text)
    return time.perf_counter() - start


def test_a_long_statement_of_pronouns_is_linear() -> None:
    assert _lint_seconds("it " * 8500) < 2.0


def test_a_long_statement_of_nouns_and_pronouns_is_linear() -> None:
    assert _lint_seconds("the text and the message it " * 900) < 2.0


def test_the_rule_still_finds_two_antecedents() -> None:
    text = (
        "# C {#c authority=user}\n\nIf a search tool returns an error to the assistant, it "
        "must report it to the user.\n\n" + TEST_BLOCK
    )
    found = [d for d in lint_text(text) if d.code == "L201"]
    assert found and "the tool or the error" in found[0].message
