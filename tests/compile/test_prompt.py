"""The spec compiled into a system prompt: every rule in, markup out, chain of command
order, overrides and implements in words, selection and budget."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charter.compile import PromptOptions, compile_prompt
from charter.compile.tokens import TOKENIZER
from charter.spec.loader import load
from charter.spec.model import Clause, Modality, Project

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


@pytest.fixture(scope="module")
def spec(model_spec_dir: Path) -> Project:
    return load(model_spec_dir / "2025-12-18")


def _plain(text: str, titles: dict[str, str]) -> str:
    """A statement as the prompt should carry it, derived here on its own: footnote tags
    gone, ``[?](#id)`` the title, links their text, whitespace collapsed."""
    text = re.sub(r"\s*\[\^\w+\]", "", text)
    text = re.sub(r"\[\?\]\([^)]*#([\w-]+)\)", lambda m: f"“{titles[m.group(1)]}”", text)
    text = re.sub(r"\[([^\]]+)\]\([^)\s]*#[\w-]+\)", r"\1", text)
    return " ".join(text.split())


def _normative(spec: Project) -> list[tuple[Clause, str]]:
    return [
        (c, s.text)
        for m in spec.modules
        for c in m.clauses
        if c.normative and c.status != "deprecated"
        for s in c.statements
    ]


def test_every_normative_statement_is_in_the_prompt(spec: Project) -> None:
    text = compile_prompt(spec).text
    titles = {c.id: c.title for m in spec.modules for c in m.clauses}
    statements = _normative(spec)
    assert len(statements) == 496
    missing = [s for _, s in statements if _plain(s, titles) not in text]
    # the only ones left out comment on an example (no modal, "Here," / "In the example")
    assert len(missing) == 2, missing
    assert all(re.match(r"(Here,|In the example above)", s) for s in missing)
    no_modal = [s for c, s in statements if _plain(s, titles) in text]
    assert (
        "No exceptions apply, even if an out-of-scope action seems to be in the user's best interest"
        in " ".join(no_modal)
    )


def test_rules_without_a_modal_are_kept(spec: Project) -> None:
    text = compile_prompt(spec).text
    modal_free = [
        s for m in spec.modules for c in m.clauses if c.normative for s in c.statements
        if s.modality is Modality.NONE
    ]  # fmt: skip
    assert len(modal_free) > 100
    assert "Encouraging or promoting such behaviors is also prohibited" in text


def test_no_markup_left(spec: Project) -> None:
    text = compile_prompt(spec).text
    assert "[?](#" not in text and "[^" not in text
    assert "“Respect the letter and spirit of instructions”" in text  # a [?](#id) as its title


def test_definitions_and_levels_highest_first(spec: Project) -> None:
    text = compile_prompt(spec).text
    assert "## Definitions" in text and "- Assistant: the entity" in text
    heads = re.findall(r"^## Rules of level (\w+)$", text, re.MULTILINE)
    assert heads == ["root", "system", "developer", "user", "guideline"]
    assert text.count("When two rules or instructions conflict") == 1
    assert text.index("## Definitions") < text.index("## Rules of level root")


def test_token_count_is_named(spec: Project) -> None:
    compiled = compile_prompt(spec)
    assert compiled.tokenizer == TOKENIZER and compiled.exact
    assert 12_000 < compiled.tokens < 20_000


def test_overrides_implements_and_authoring_notes() -> None:
    text = compile_prompt(load(SHOP)).text
    assert "Where this conflicts with “Plain-text replies”, this rule wins." in text
    assert "Where “Formatting in the web chat” conflicts with this rule" in text
    assert "This is how “Hand over to a person” is carried out here." in text
    assert "Every product module must implement this clause" not in text
    assert "An implementation must state three things" not in text
    assert "the assistant must start a handover when a customer asks for a person" in text
    assert "This clause implements" not in text
    assert "#org_overview" not in text and "<comparison>" not in text


def test_selection_by_module_level_and_tag() -> None:
    project = load(SHOP)
    only_root = compile_prompt(project, options=PromptOptions(levels=("root",)))
    assert "## Rules of level root" in only_root.text
    assert "## Rules of level guideline" not in only_root.text
    one = compile_prompt(project, ("larkspur-safety",))
    assert "Hand over to Larkspur staff" not in one.text and "Protect customer data" in one.text
    assert compile_prompt(project, options=PromptOptions(tags=("no-such-tag",))).clauses == 0


def test_budget_drops_lowest_levels_first(spec: Project) -> None:
    full = compile_prompt(spec)
    fitted = compile_prompt(spec, options=PromptOptions(budget=full.tokens - 500))
    assert fitted.tokens <= full.tokens - 500
    assert fitted.dropped_levels == ("guideline",)
    assert "## Rules of level guideline" not in fitted.text
    assert fitted.clauses == full.clauses - len(fitted.dropped)
    tight = compile_prompt(spec, options=PromptOptions(budget=3000))
    assert tight.tokens <= 3000 and "## Rules of level root" in tight.text
    assert set(tight.dropped_levels) == {"system", "developer", "user", "guideline"}


def test_inline_references(spec: Project) -> None:
    titles = compile_prompt(spec).text
    inline = compile_prompt(spec, options=PromptOptions(inline_refs=True)).text
    assert len(inline) > len(titles)
    assert "“Respect the letter and spirit of instructions” [The assistant should" in inline


def test_deterministic() -> None:
    assert compile_prompt(load(SHOP)) == compile_prompt(load(SHOP))
