"""An example with several comparisons is one case answering the last one, with the
earlier comparisons' GOOD answers as the assistant's turns (a well-formed conversation).
The example is ``tests/spec/test_dialogue.py``'s, where the turns themselves are checked;
here, what the runner plans from it."""

from __future__ import annotations

import itertools
from pathlib import Path

from charter import load, parse_module
from charter.run.plan import Plan, plan_cases
from charter.spec.dialogue import final_turn
from tests.spec.test_dialogue import TWO_TURNS

SPEC = TWO_TURNS  # the spec tests' two-comparison example (they check final_turn itself)


def test_single_comparison_is_unchanged(tmp_path: Path) -> None:
    text = SPEC.split("<user>\nsecond question")[0] + "~~~\n"
    module, _ = parse_module(text, "a.md")
    (example,) = module.clauses[0].examples
    turn = final_turn(example)
    assert [(m.role, m.content) for m in turn.dialogue.messages] == [
        (m.role, m.content) for m in example.messages
    ]
    assert turn.candidates == example.candidates


def test_planned_case_sends_the_well_formed_conversation(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SPEC, encoding="utf-8")
    (case,) = plan_cases(load(tmp_path), Plan())
    assert case.id.endswith("/a/example-1")
    assert [m.role for m in case.messages] == ["developer", "user", "assistant", "user"]
    assert [c.content for c in case.references] == ["second answer", "wrong answer"]


def test_model_spec_examples_with_several_comparisons(model_spec_dir: Path) -> None:
    project = load(model_spec_dir / "2025-12-18")
    multi = 0
    for case in plan_cases(project, Plan()):
        roles = [m.role for m in case.messages if m.role in ("user", "assistant")]
        assert all(not (a == b == "user") for a, b in itertools.pairwise(roles)) or (
            case.kind != "example"
        ), case.id
        multi += "assistant" in roles
    assert multi >= 8
