"""Prose specs: text before the first heading is a preamble clause, a module can set a
default authority in its front matter, and a heading without an id is a warning."""

from __future__ import annotations

from charter.diagnostics import Severity
from charter.spec.parse import parse_module

PROSE = (
    "The assistant should answer in the user's language.\n\n"
    "# Tone\n\nThe assistant should be polite.\n"
)


def test_text_before_the_first_heading_is_a_preamble_clause() -> None:
    module, _ = parse_module(PROSE, "p.md")
    assert [c.id for c in module.clauses] == ["preamble", "tone"]
    preamble = module.clauses[0]
    assert preamble.title == "Preamble" and preamble.span.line == 1
    assert [s.text for s in preamble.statements] == [
        "The assistant should answer in the user's language."
    ]


def test_a_heading_without_id_is_a_warning_with_the_derived_id() -> None:
    _, diags = parse_module(PROSE, "p.md")
    (d,) = [d for d in diags if d.code == "P023"]
    assert d.severity is Severity.WARNING and "'tone'" in d.message


def test_front_matter_sets_a_default_authority() -> None:
    text = "---\nauthority: guideline\n---\n" + PROSE + "\n# Safety {#safety authority=root}\n"
    module, diags = parse_module(text, "p.md")
    assert not [d for d in diags if d.code.startswith("P01")]
    by_id = {c.id: c for c in module.clauses}
    assert by_id["preamble"].authority == "guideline" and by_id["tone"].authority == "guideline"
    assert by_id["safety"].authority == "root"
    assert by_id["tone"].own_authority is None


def test_a_bad_default_authority_is_reported() -> None:
    _, diags = parse_module("---\nauthority: [a, b]\n---\n# T {#t}\n", "p.md")
    assert [d.code for d in diags] == ["P013"]


BOLD_LEAD = (
    "# Tutoring\n\n"
    "**Patience**: The tutor repeats an explanation as often as the pupil asks.\n\n"
    "The tutor must not write essays for pupils.\n"
)


def test_a_bold_lead_paragraph_under_a_default_authority_is_a_rule() -> None:
    # DESIGN: '**Term**: meaning' defines a term only in an informative clause; a clause
    # that takes its level from the front matter is normative, so the paragraph is a rule.
    module, _ = parse_module("---\nauthority: guideline\n---\n" + BOLD_LEAD, "p.md")
    (clause,) = module.clauses
    assert clause.definitions == ()
    assert clause.statements[0].text.startswith("**Patience**: The tutor repeats")


def test_a_bold_lead_paragraph_without_any_authority_is_a_definition() -> None:
    module, _ = parse_module(BOLD_LEAD, "p.md")
    (clause,) = module.clauses
    assert [d.term for d in clause.definitions] == ["Patience"]
    assert [s.text for s in clause.statements] == ["The tutor must not write essays for pupils."]


TABLE = (
    "# Care {#care authority=developer}\n\n"
    "| Situation | What the tutor does |\n"
    "| --- | --- |\n"
    "| A pupil asks about dosing | It must point to a pharmacist |\n"
    "| A pupil is rude | It stays calm |\n\n"
    "The tutor must not lecture.\n"
)


def test_table_body_cells_are_statements_with_their_own_columns() -> None:
    module, diags = parse_module(TABLE, "t.md")
    (care,) = module.clauses
    texts = [s.text for s in care.statements]
    assert texts == [
        "A pupil asks about dosing",
        "It must point to a pharmacist",
        "A pupil is rude",
        "It stays calm",
        "The tutor must not lecture.",
    ]  # header cells are column labels, not statements
    rule = care.statements[1]
    assert rule.modality.value == "must" and (rule.span.line, rule.span.col) == (5, 31)
    assert not diags


def test_a_hash_without_a_space_is_text_and_says_so() -> None:
    text = "# Care {#care authority=developer}\n\n#Refunds\n\nThe tutor must be kind.\n"
    module, diags = parse_module(text, "t.md")
    (d,) = [d for d in diags if d.code == "P028"]
    assert (d.line, d.col) == (3, 1) and d.severity is Severity.WARNING
    assert d.fix is not None and (d.fix.replacement, d.fix.line, d.fix.col) == (" ", 3, 2)
    assert [c.id for c in module.clauses] == ["care"]  # text, as CommonMark reads it
    # a hash in running text, a '#1' or an id reference is not a heading that lost its space
    for fine in ("We rank it #1 of all.", "#1 is the rule here.", "See [x](#care)."):
        _, more = parse_module(f"# C {{#c}}\n\n{fine}\n", "t.md")
        assert not [d for d in more if d.code == "P028"], fine
