"""Property tests: any Markdown-like text yields a module and diagnostics, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter import parse_module
from charter.spec.prompts import parse_prompt_file

FRAGMENTS = [
    "# ",
    "## ",
    "### ",
    "{#",
    "}",
    "{#id authority=root}",
    " overrides=#x",
    " abstract",
    "authority=",
    '"',
    "'",
    "\n",
    "\n\n",
    "**Example**: ",
    "~~~xml\n",
    "~~~\n",
    "```\n",
    "```yaml test\n",
    "prompt: hi\n",
    "expect:\n  - contains: x\n",
    "<user>",
    "</user>",
    "<assistant>",
    "</assistant>",
    "<comparison>",
    "</comparison>",
    "<!-- GOOD -->",
    "<!-- BAD[#a]: r -->",
    "<!-- BAD[",
    "<!--",
    "-->",
    "[?](#a)",
    "[x](b.md#c)",
    "[^ab12]",
    '!!! meta "Commentary"\n',
    "    indented\n",
    "- item\n",
    "1. item\n",
    "> quote\n",
    "---\n",
    "id: x\n",
    "must ",
    "should not ",
    "never ",
    "may ",
    "e.g. ",
    ". ",
    "\t",
    "\r",
    "\ufeff",
    "é",
    "\x00",
    "|a|b|\n|-|-|\n",
    "**Term**: meaning\n",
    "Examples for [^ab12] in A:\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60))
def test_any_text_gives_a_module_or_diagnostics(parts: list[str]) -> None:
    text = "".join(parts)
    module, diags = parse_module(text, "fuzz.md")
    assert module.path == "fuzz.md"
    for d in diags:
        assert d.line >= 1 and d.col >= 1 and d.code.startswith("P")
    for clause in module.clauses:
        assert clause.span.line >= 1
        for s in clause.statements:
            assert s.span.line >= clause.span.line
    prompt, pdiags = parse_prompt_file(text, "examples/ab12.md")
    assert prompt.tag == "ab12"
    assert all(d.code.startswith("P") for d in pdiags)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode(text: str) -> None:
    module, diags = parse_module(text, "u.md")
    assert isinstance(diags, tuple) and module is not None
