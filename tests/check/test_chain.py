"""Planted chain-of-command and interface errors (fixture ``chain``)."""

from __future__ import annotations

from pathlib import Path

from tests.check.support import check, expect, one, places

NAME = "chain"


def test_every_planted_chain_and_interface_error_and_only_those() -> None:
    found = places(NAME, check(NAME))
    e = lambda code, file, needle: expect(NAME, code, file, needle)  # noqa: E731
    assert found == {
        e("C020", "team.md", "authority=develper"),
        e("C020", "custom.md", "authority=teem"),
        e("C020", "custom.md", "authority=root"),
        e("C021", "team.md", "overrides=#user_rule"),  # no level at all
        e("C021", "team.md", "overrides=#no_harm"),  # root is never overridden
        e("C021", "team.md", "overrides=#sys_rule"),  # user below system
        e("C022", "team.md", "overrides=#stranger"),
        e("C001", "team.md", "overrides=#ghost"),
        e("C031", "team.md", "implements=#dev_rule"),
        e("C022", "team.md", "implements=#far_abstract"),
        e("C030", "team.md", "org.md"),  # imports an abstract clause, implements nothing
        e("C030", "product.md", "layer.md"),  # passed on by the abstract layer
    }


def test_suggestions_and_both_ends() -> None:
    diagnostics = check(NAME)
    assert "did you mean 'developer'" in one(diagnostics, "C020", "develper").message
    assert "did you mean 'team'" in one(diagnostics, "C020", "teem").message
    assert "org > team > member" in one(diagnostics, "C020", "'root'").message
    root = one(diagnostics, "C021", "#no_harm")
    assert "never be overridden" in root.message
    assert root.related[0].path.endswith("org.md") and root.related[0].line == 3
    passed_on = one(diagnostics, "C030", "product.md")
    assert "#escalation" in passed_on.message and passed_on.related[0].path.endswith("org.md")


def test_platform_is_an_alias_of_root_and_abstract_modules_owe_nothing() -> None:
    diagnostics = check(NAME)
    assert not any("legacy" in d.message for d in diagnostics)
    assert not any(d.path.endswith(("layer.md", "product2.md")) for d in diagnostics)


def test_unknown_level_offers_a_fix() -> None:
    typo = one(check(NAME), "C020", "develper")
    assert typo.fix is not None and typo.fix.replacement == "authority=developer"
    assert (typo.fix.line, typo.fix.col) == (typo.line, typo.col)
    assert typo.fix.end_col == typo.col + len("authority=develper")


def test_levels_from_charter_toml(tmp_path: Path) -> None:
    (tmp_path / "charter.toml").write_text('[project]\nlevels = ["org", "team"]\n')
    (tmp_path / "spec.md").write_text(
        "# Spec {#spec}\n\n## A {#a authority=team}\n\nThe assistant should wave.\n\n"
        "## B {#b authority=root}\n\nThe assistant should smile.\n"
    )
    from charter import load
    from charter.check import check_project

    (unknown,) = [d for d in check_project(load(tmp_path)) if d.code == "C020"]
    assert "'root'" in unknown.message and "org > team, from charter.toml" in unknown.message
