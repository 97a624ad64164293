"""Case ids and the impact of changes on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter import load
from charter.diff import case_id, clause_cases, diff_projects, impact
from charter.diff.cases import prompt_links
from charter.spec.model import Project
from tests.diff.support import BASE, PROMPT, release, release_diff, write_spec


def test_case_id_scheme() -> None:
    assert case_id("model_spec", "assume_best_intentions", "example", 2) == (
        "model_spec/assume_best_intentions/example-2"
    )
    assert case_id("model_spec", "assume_best_intentions", "prompt", 1, tag="a93s") == (
        "model_spec/assume_best_intentions/prompt-a93s-1"
    )
    assert case_id("shop", "tone", "test", "greets") == "shop/tone/test-greets"
    with pytest.raises(ValueError):
        case_id("m", "c", "prompt", 1)
    with pytest.raises(ValueError):
        case_id("m", "c", "bogus", 1)


def test_prompt_links_agree_with_project_prompts_for() -> None:
    project = release("2025-12-18")
    links = prompt_links(project)
    for module in project.modules:
        for clause in module.clauses:
            assert links[module.id, clause.id] == project.prompts_for(module, clause)


def test_clause_cases_of_a_synthetic_spec(tmp_path: Path) -> None:
    project = load(write_spec(tmp_path, {"s.md": BASE, "examples/rf01.md": PROMPT}))
    module = project.modules[0]
    ids = [[c.id for c in clause_cases(project, module, clause)] for clause in module.clauses]
    assert ids == [[], ["s/refunds/example-1", "s/refunds/prompt-rf01-1"], ["s/tone/test-greets"]]


def _fingerprints(project: Project) -> dict[str, str]:
    links = prompt_links(project)
    return {
        case.id: case.fingerprint
        for module in project.modules
        for clause in module.clauses
        for case in clause_cases(project, module, clause, links)
    }


@pytest.mark.parametrize(
    ("old", "new"), [("2025-04-11", "2025-09-12"), ("2025-09-12", "2025-12-18")]
)
def test_impact_is_exactly_the_cases_whose_fingerprint_changed(old: str, new: str) -> None:
    before, after = _fingerprints(release(old)), _fingerprints(release(new))
    found = impact(release_diff(old, new), release(old), release(new))
    assert set(found.invalidated) == {i for i, fp in after.items() if before.get(i) != fp}
    assert set(found.obsolete) == set(before) - set(after)
    assert found.invalidated  # the releases do change tests


def test_impact_attributes_cases_to_their_change(tmp_path: Path) -> None:
    old = load(write_spec(tmp_path / "a", {"s.md": BASE, "examples/rf01.md": PROMPT}))
    new_prompt = PROMPT.replace("order 123", "order 9")
    new = load(write_spec(tmp_path / "b", {"s.md": BASE, "examples/rf01.md": new_prompt}))
    diff = diff_projects(old, new)
    found = impact(diff, old, new)
    assert [c.kind.value for c in diff.changes] == ["prompts"]
    assert found.changes[0].invalidated == ("s/refunds/prompt-rf01-1",)
    assert found.invalidated == ("s/refunds/prompt-rf01-1",)


def test_a_rewording_invalidates_every_case_of_the_clause(tmp_path: Path) -> None:
    old = load(write_spec(tmp_path / "a", {"s.md": BASE, "examples/rf01.md": PROMPT}))
    text = BASE.replace("link the refund form", "link the refunds form")
    new = load(write_spec(tmp_path / "b", {"s.md": text, "examples/rf01.md": PROMPT}))
    found = impact(diff_projects(old, new), old, new)
    assert found.invalidated == ("s/refunds/example-1", "s/refunds/prompt-rf01-1")
    assert found.obsolete == ()


@pytest.mark.parametrize("name", ["2025-04-11", "2025-12-18"])
def test_case_ids_are_the_runners(name: str) -> None:
    """The same ids as the run engine's planner (which spells them with its own function)."""
    from charter.run.plan import Plan, plan_cases

    project = release(name)
    assert set(_fingerprints(project)) == {case.id for case in plan_cases(project, Plan())}


def test_a_deprecated_clause_makes_its_cases_obsolete(tmp_path: Path) -> None:
    old = load(write_spec(tmp_path / "a", {"s.md": BASE}))
    text = BASE.replace("{#tone authority=user}", "{#tone authority=user status=deprecated}")
    new = load(write_spec(tmp_path / "b", {"s.md": text}))
    diff = diff_projects(old, new)
    assert [c.kind.value for c in diff.changes] == ["attributes"]
    assert impact(diff, old, new).obsolete == ("s/tone/test-greets",)
