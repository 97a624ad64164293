"""The spec compiled into a system prompt."""

from __future__ import annotations

from pathlib import Path

from charter.compile import compile_prompt, estimate_tokens
from charter.spec.loader import load

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def test_prompt_holds_normative_clauses_only() -> None:
    compiled = compile_prompt(load(SHOP))
    assert "root > system > developer > user > guideline" in compiled.text
    assert "(#protect_customer_data; authority: root)" in compiled.text
    assert "#org_overview" not in compiled.text  # informative clause
    assert "<comparison>" not in compiled.text and "GOOD" not in compiled.text  # no examples
    assert compiled == compile_prompt(load(SHOP))  # deterministic


def test_token_estimate_is_plausible(model_spec_dir: Path) -> None:
    assert estimate_tokens("Hello, world!") == 4
    compiled = compile_prompt(load(model_spec_dir / "2025-12-18"))
    words = len(compiled.text.split())
    assert 1.1 * words < compiled.tokens < 1.8 * words
