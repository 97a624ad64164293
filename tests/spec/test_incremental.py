"""Re-parsing only the edited section gives exactly the whole-file parse.

Random edits of the three Model Spec releases (a line changed, cut, added, replaced by
Markdown that opens or closes blocks, headings with new or duplicate ids…): whenever
:func:`reparse` answers, its module and diagnostics equal ``parse_module``'s.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter.spec.incremental import changed, reparse
from charter.spec.parse import Parsed, parse_module
from tests.conftest import RELEASES

PIECES = (
    "",
    "The assistant must obey the user.",
    "# A new part {#new_part}",
    "# Overview {#overview}",  # an id the spec already has
    "## A sub part {#sub_part}",
    "```",
    "~~~xml",
    "~~~",
    "- an item that should be kept",
    "> a quotation",
    "| a | b |",
    "<div>",
    "<!-- a comment",
    "**Example**: a new one",
    "**Term**: what it means.",
    "!!! note",
    "    indented text",
    "===",
)


@pytest.fixture(scope="module")
def specs(model_spec_dir: Path) -> dict[str, tuple[str, Parsed]]:
    out = {}
    for release in RELEASES:
        text = (model_spec_dir / release / "model_spec.md").read_text(encoding="utf-8")
        out[release] = (text, parse_module(text, "model_spec.md"))
    return out


def apply(text: str, op: int, at: float, piece: str) -> str:
    lines = text.split("\n")
    k = int(at * (len(lines) - 1))
    if op == 0:
        lines[k] = lines[k].replace(" should ", " must ", 1) + " ok"
    elif op == 1:
        lines.insert(k, piece)
    elif op == 2:
        del lines[k]
    elif op == 3:
        lines[k] = piece
    else:
        lines[k] = lines[k][: len(lines[k]) // 2]
    return "\n".join(lines)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    release=st.sampled_from(RELEASES),
    edits=st.lists(
        st.tuples(st.integers(0, 4), st.floats(0, 1), st.sampled_from(PIECES)),
        min_size=1,
        max_size=3,
    ),
)
def test_a_reparse_equals_a_whole_file_parse(
    specs: dict[str, tuple[str, Parsed]], release: str, edits: list[tuple[int, float, str]]
) -> None:
    text, parsed = specs[release]
    for op, at, piece in edits:  # each edit reparses from the previous result, as the loader
        new = apply(text, op, at, piece)
        whole = parse_module(new, "model_spec.md")
        again = reparse(text, parsed, new, "model_spec.md")
        if again is not None:
            assert again.module == whole.module
            assert again.diagnostics == whole.diagnostics
        text, parsed = new, whole


def test_a_word_changed_reparses_one_section(specs: dict[str, tuple[str, Parsed]]) -> None:
    text, parsed = specs[RELEASES[-1]]
    new = text.replace(" should ", " must ", 1)
    again = reparse(text, parsed, new, "model_spec.md")
    assert again is not None  # the fast path is taken, not the fallback
    assert again == parse_module(new, "model_spec.md")
    untouched = parsed.module.clauses[-1]
    assert again.module.clauses[-1] is untouched  # a later section is reused, not re-read


def open_html(text: str, heading: str) -> str:
    """An HTML block ('<?', which only '?>' ends) opened on a blank line before
    ``heading`` (still with a blank line before it): it runs on to the end of the file."""
    lines = text.split("\n")
    at = lines.index(heading)
    k = next(n for n in range(at - 2, 0, -1) if not lines[n].strip())
    assert not any("?>" in line for line in lines)
    lines[k] = "<?php"
    return "\n".join(lines)


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("# Definitions {#definitions}", "# Overview {#overview}"),
        lambda t: t.replace("\n# Definitions {#definitions}\n", "\n```\n# Definitions\n"),
        lambda t: "\ufeff" + t,
        lambda t: "Text before every heading.\n\n" + t,
        lambda t: t.replace("\n\n# Stay in bounds", "\n<div>\n# Stay in bounds"),
        lambda t: open_html(t, "# Seek the truth together {#seek_truth}"),
    ],
    ids=[
        "duplicate-id",
        "unclosed-fence",
        "bom",
        "before-first-heading",
        "html-block-into-the-next-heading",
        "html-block-left-open",
    ],
)
def test_whole_file_matters_fall_back(specs: dict[str, tuple[str, Parsed]], edit: object) -> None:
    text, parsed = specs[RELEASES[-1]]
    assert callable(edit)
    new = edit(text)
    assert new != text
    again = reparse(text, parsed, new, "model_spec.md")
    assert again is None or again == parse_module(new, "model_spec.md")


def test_changed_lines() -> None:
    assert changed(["a", "b", "c"], ["a", "x", "c"]) == (1, 2)
    assert changed(["a", "b"], ["a", "b", "b"]) == (2, 2)
    assert changed(["a", "a"], ["a"]) == (1, 2)


def test_a_section_reparse_keeps_the_front_matter_default_authority() -> None:
    head = "---\nauthority: developer\n---\n# One {#one}\n\nThe tutor must be kind.\n\n"
    old = head + "# Two {#two}\n\nThe tutor should be brief.\n"
    new = head + "# Two {#two}\n\n**Patience**: The tutor repeats an answer when asked.\n"
    again = reparse(old, parse_module(old, "m.md"), new, "m.md")
    whole = parse_module(new, "m.md")
    assert again is not None and again.module == whole.module
    two = whole.module.clauses[1]
    assert two.definitions == () and two.statements[0].text.startswith("**Patience**")
