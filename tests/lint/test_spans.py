"""Every finding points at the exact words: line and column of the first and last
character, also on continuation lines of a multi-line statement and of list items."""

from __future__ import annotations

from charter.diagnostics import Diagnostic
from tests.lint.helpers import TEST_BLOCK, lint_text


def _words(text: str, d: Diagnostic) -> str:
    """The source text between a diagnostic's start and end (one line)."""
    assert d.end_line == d.line, d
    line = text.split("\n")[d.line - 1]
    assert d.end_col is not None
    return line[d.col - 1 : d.end_col - 1]


def _find(found: list[Diagnostic], code: str) -> Diagnostic:
    return next(d for d in found if d.code == code)


def test_span_on_a_single_line() -> None:
    text = "# C {#c authority=user}\n\nThe assistant must answer quickly.\n\n" + TEST_BLOCK
    d = _find(lint_text(text), "L101")
    assert (d.line, d.col) == (3, 27)
    assert _words(text, d) == "quickly"


def test_span_on_a_continuation_line_of_a_paragraph() -> None:
    text = (
        "# C {#c authority=user}\n\n"
        "The assistant must answer every question about refunds and\n"
        "give an adequate reason when it refuses one.\n\n" + TEST_BLOCK
    )
    d = _find(lint_text(text), "L102")
    assert (d.line, d.col) == (4, 9)
    assert _words(text, d) == "adequate"
    assert d.clause == "c"


def test_span_in_an_indented_list_item_continuation() -> None:
    text = (
        "# C {#c authority=user}\n\n"
        "The assistant must:\n\n"
        "- answer every question about refunds, and\n"
        "  give an adequate reason when it refuses one;\n"
        "  1. then stop\n\n" + TEST_BLOCK
    )
    d = _find(lint_text(text), "L102")
    assert (d.line, d.col) == (6, 11)
    assert _words(text, d) == "adequate"


def test_span_in_the_second_sentence_of_a_line() -> None:
    text = (
        "# C {#c authority=user}\n\n"
        "The assistant must cite sources. It should do so where possible.\n\n" + TEST_BLOCK
    )
    d = _find(lint_text(text), "L108")
    assert _words(text, d) == "where possible"
    assert d.col == text.split("\n")[2].index("where possible") + 1


def test_span_of_a_phrase_broken_across_lines() -> None:
    text = (
        "# C {#c authority=user}\n\n"
        "The assistant must answer in the user's language if\n"
        "possible.\n\n" + TEST_BLOCK
    )
    d = _find(lint_text(text), "L108")
    col = text.split("\n")[2].index(" if") + 2
    assert (d.line, d.col, d.end_line, d.end_col) == (3, col, 4, len("possible") + 1)


def test_words_inside_quotes_code_and_links_are_not_the_authors() -> None:
    text = (
        "# C {#c authority=user}\n\n"
        'If the user writes "answer quickly", the assistant must reply in `some` format '
        "and follow [the significant rule](#c).\n\n" + TEST_BLOCK
    )
    found = [d.code for d in lint_text(text)]
    assert "L101" not in found  # 'quickly' is inside quotation marks
    assert "L103" not in found  # 'some' is inside a code span
    assert "L102" in found  # link text is the author's words; the target is not


def test_question_and_message_quote_the_words_and_the_clause() -> None:
    text = "# Refunds {#refunds authority=user}\n\nThe assistant must act appropriately.\n\n"
    d = _find(lint_text(text + TEST_BLOCK), "L118")
    assert "'appropriately'" in d.message
    assert d.question is not None and "act appropriately" in d.question
    assert "Refunds" in d.question


def test_substitution_carries_a_fix_at_the_span() -> None:
    text = "# C {#c authority=user}\n\nThe assistant must cite the policy and/or the page.\n\n"
    d = _find(lint_text(text + TEST_BLOCK), "L109")
    assert d.fix is not None and d.fix.replacement == "or"
    assert (d.fix.line, d.fix.col, d.fix.end_col) == (d.line, d.col, d.end_col)
    assert _words(text + TEST_BLOCK, d) == "and/or"


def test_may_not_is_flagged_only_where_it_binds_an_agent_and_carries_no_fix() -> None:
    binds = "# C {#c authority=user}\n\nDevelopers may not rename the assistant.\n\n"
    d = _find(lint_text(binds + TEST_BLOCK), "L303")
    assert d.fix is None and _words(binds + TEST_BLOCK, d) == "may not"
    assert d.question is not None and "must not rename" in d.question
    assert "need not rename" in d.question
    possible = "# C {#c authority=user}\n\nThe public summary may not list every guideline.\n\n"
    assert not [x for x in lint_text(possible + TEST_BLOCK) if x.code == "L303"]


def test_heading_findings_point_into_the_heading() -> None:
    text = "# Misc {#misc}\n\nOrders ship from Lisbon.\n"
    d = _find(lint_text(text), "L504")
    assert (d.line, d.col) == (1, 3)
    assert _words(text, d) == "Misc"


def test_example_findings_point_into_the_conversation() -> None:
    text = (
        "# C {#c authority=user}\n\nThe assistant must greet the user.\n\n"
        "**Example**: greeting\n\n~~~xml\n<user>Hello, lorem ipsum</user>\n<comparison>\n"
        "<assistant><!-- GOOD -->Hi!</assistant>\n<assistant><!-- BAD: rude -->Go away.</assistant>\n"
        "</comparison>\n~~~\n"
    )
    d = _find(lint_text(text), "L503")
    assert d.line == 8 and _words(text, d) == "lorem ipsum"
