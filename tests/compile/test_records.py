"""Training records checked record for record against an independent reading of the
2025-12-18 Model Spec's parsed examples, multi-comparison examples included."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from charter.compile import Gates, collect, write
from charter.compile.records import IDENTICAL, OK, PLACEHOLDER, STAGE, UNPAIRED, quality
from charter.spec import model as spec_model
from charter.spec.loader import load
from charter.spec.model import Candidate, Example, Message, Project, Verdict

Step = tuple[str, str]  # (role, content) or ("call", tool name)


@pytest.fixture(scope="module")
def spec(model_spec_dir: Path) -> Project:
    return load(model_spec_dir / "2025-12-18")


def _comparisons(example: Example) -> list[tuple[list[Message], list[Candidate]]]:
    """Walk the example in line order: runs of candidates are comparisons, each with the
    messages seen since the previous one."""
    items: list[Message | Candidate] = sorted(
        [*example.messages, *example.candidates], key=lambda item: item.span.line
    )
    out: list[tuple[list[Message], list[Candidate]]] = []
    pending: list[Message] = []
    in_comparison = False
    for item in items:
        if isinstance(item, Message):
            pending.append(item)
            in_comparison = False
        elif in_comparison:
            out[-1][1].append(item)
        else:
            out.append((pending, [item]))
            pending, in_comparison = [], True
    return out


def _steps(role: str, attrs: dict[str, str], content: str, open_calls: Counter[str]) -> list[Step]:
    recipient = attrs.get("recipient")
    if role == "assistant" and recipient and recipient != "all":
        name = recipient.removeprefix("functions.")
        open_calls[name] += 1
        return [("call", name)]
    if role == "tool":
        name = (attrs.get("name") or attrs.get("recipient") or "").removeprefix("functions.")
        synthesised: list[Step] = [] if open_calls[name] else [("call", name)]
        open_calls[name] = max(0, open_calls[name] - 1)
        return [*synthesised, ("tool", content)]
    return [("system" if role == "developer" else role, content)]


def _turns(spec: Project) -> list[tuple[list[Step], list[Candidate]]]:
    """Every comparison of every example of a testable clause, with its context."""
    found = []
    for module in spec.modules:
        for clause in (c for c in module.clauses if spec_model.testable(c)):
            for example in clause.examples:
                context: list[Step] = []
                calls: Counter[str] = Counter()
                for before, candidates in _comparisons(example):
                    for m in before:
                        context += _steps(m.role, dict(m.attrs), m.content, calls)
                    found.append((list(context), candidates))
                    best = next(
                        (
                            c
                            for v in (Verdict.GOOD, Verdict.OK)
                            for c in candidates
                            if c.verdict is v
                        ),
                        None,
                    )
                    if best is not None:
                        context += _steps("assistant", dict(best.attrs), best.content, calls)
    return found


def _reply(candidate: Candidate) -> Step:
    return _steps("assistant", dict(candidate.attrs), candidate.content, Counter())[0]


def _wanted(candidate: Candidate, keep: bool) -> bool:
    return keep or quality(candidate.content) is None


def _expected(spec: Project, keep: bool) -> list[tuple[str, list[Step], Step]]:
    """(source line, context, target) for every GOOD candidate (no placeholder unless
    ``keep``)."""
    return [
        (f"model_spec.md:{c.span.line}", context, _reply(c))
        for context, candidates in _turns(spec)
        for c in candidates
        if c.verdict is Verdict.GOOD and _wanted(c, keep)
    ]


def _expected_pairs(spec: Project, keep: bool) -> list[tuple[str, str, list[Step], Step, Step]]:
    found = []
    for context, candidates in _turns(spec):
        goods = [c for c in candidates if c.verdict is Verdict.GOOD and _wanted(c, keep)]
        bads = [c for c in candidates if c.verdict is Verdict.BAD and _wanted(c, keep)]
        for g in goods:
            for b in bads:
                if g.content != b.content:
                    where = (f"model_spec.md:{g.span.line}", f"model_spec.md:{b.span.line}")
                    found.append((*where, context, _reply(g), _reply(b)))
    return found


def _written(message: dict[str, Any]) -> Step:
    if "tool_calls" in message:
        return ("call", message["tool_calls"][0]["function"]["name"])
    return (message["role"], message["content"])


@pytest.mark.parametrize(("keep", "count"), [(False, 135), (True, 193)])
def test_every_sft_record_matches_an_independent_reading(
    spec: Project, keep: bool, count: int
) -> None:
    out = write(collect(spec, Gates(keep_placeholders=keep)), "openai-sft")
    expected = _expected(spec, keep)
    assert len(out.lines) == len(expected) == count
    for line, meta, (source, context, target) in zip(
        out.lines, out.metadata, expected, strict=True
    ):
        assert meta["source"] == source
        *given, last = [_written(m) for m in line["messages"]]
        assert given == context, source
        assert last == target, source


@pytest.mark.parametrize("keep", [False, True])
def test_every_pair_matches_an_independent_reading(spec: Project, keep: bool) -> None:
    out = write(collect(spec, Gates(keep_placeholders=keep)), "openai-dpo")
    expected = _expected_pairs(spec, keep)
    assert len(out.lines) == len(expected) > 100
    for line, meta, (chosen_at, rejected_at, context, good, bad) in zip(
        out.lines, out.metadata, expected, strict=True
    ):
        assert (meta["source"], meta["rejected"]["source"]) == (chosen_at, rejected_at)
        assert [_written(m) for m in line["input"]["messages"]] == context
        assert _written(line["preferred_output"][0]) == good
        assert _written(line["non_preferred_output"][0]) == bad


def test_multi_comparison_examples_are_covered(spec: Project) -> None:
    records = collect(spec, Gates(keep_placeholders=True))
    later = [r for r in records.sft if r.origin.comparison > 0]
    examples = {r.origin.example for r in later}
    assert len(examples) == 8  # every multi-comparison example of the release
    for record in later:  # the earlier reply sits between the user turns
        roles = [m.role for m in record.dialogue.messages]
        assert "assistant" in roles and roles.count("user") >= 2
        assert all(a != b or a != "user" for a, b in itertools.pairwise(roles))
    smoke = next(r for r in later if "smoke" in r.dialogue.messages[-1].content)
    assert smoke.target[0].content != "[says nothing]"


def test_pairs_stay_inside_one_comparison(spec: Project) -> None:
    records = collect(spec, Gates(keep_placeholders=True))
    for pair in records.pairs:
        assert pair.origin.comparison == pair.rejected_origin.comparison
        assert pair.origin.example == pair.rejected_origin.example
        assert pair.chosen != pair.rejected
    by_example = Counter((p.origin.source.split(":")[0], p.origin.example) for p in records.pairs)
    assert sum(by_example.values()) == len(records.pairs)


def test_pair_counts_match_good_times_bad_per_comparison(spec: Project) -> None:
    records = collect(spec, Gates(keep_placeholders=True))
    expected = identical = 0
    for module in spec.modules:
        for clause in (c for c in module.clauses if spec_model.testable(c)):
            for example in clause.examples:
                for _, candidates in _comparisons(example):
                    goods = [c for c in candidates if c.verdict is Verdict.GOOD]
                    bads = [c for c in candidates if c.verdict is Verdict.BAD]
                    same = sum(g.content == b.content for g in goods for b in bads)
                    expected += len(goods) * len(bads) - same
                    identical += same
    assert len(records.pairs) == expected
    assert records.skipped_pairs[IDENTICAL] == identical


def test_quality_gates_skip_and_count(spec: Project) -> None:
    default, kept = collect(spec), collect(spec, Gates(keep_placeholders=True))
    assert default.skipped[PLACEHOLDER] == 56 and default.skipped[STAGE] == 2
    assert default.skipped[OK] == 8 and kept.skipped[OK] == 8
    assert len(kept.sft) == len(default.sft) + 56 + 2 == 193
    assert kept.skipped_pairs[UNPAIRED] == default.skipped_pairs[UNPAIRED] > 0
    targets = [r.target[0].content for r in default.sft]
    assert not any(quality(t) for t in targets)
    assert quality("[says nothing]") == STAGE and quality("Sure [...] done") == PLACEHOLDER
    assert quality("You can amplify [REDACTED] like this.") is None


def test_tool_calls_and_tool_definitions(spec: Project) -> None:
    lines = write(collect(spec), "openai-sft").lines
    with_calls = [line for line in lines if any("tool_calls" in m for m in line["messages"])]
    assert with_calls
    for line in with_calls:
        names = {t["function"]["name"] for t in line["tools"]}
        calls = [c for m in line["messages"] for c in m.get("tool_calls", ())]
        assert {c["function"]["name"] for c in calls} <= names
        answered = {m["tool_call_id"] for m in line["messages"] if m["role"] == "tool"}
        assert answered <= {c["id"] for c in calls}
        assert all(isinstance(json.loads(c["function"]["arguments"]), dict) for c in calls)


def test_with_spec_opens_every_context(spec: Project) -> None:
    records = collect(spec, system_prompt="RULES")
    assert all(r.dialogue.messages[0].content == "RULES" for r in records.sft)
    assert all(p.dialogue.messages[0].role == "system" for p in records.pairs)


def test_reasons_per_target(spec: Project) -> None:
    records = collect(spec)
    sft, pairs = records.reasons(pairs=False), records.reasons(pairs=True)
    assert sft == {OK: 8, PLACEHOLDER: 56, STAGE: 2}
    assert pairs[OK] == 8 and PLACEHOLDER not in pairs and pairs[UNPAIRED] == 29
