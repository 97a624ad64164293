"""The one conversation builder: turns per comparison, tool traffic as tool messages,
roles as the example wrote them (checked on inline specs and on the real Model Spec)."""

from __future__ import annotations

import itertools
import json

from charter import load, parse_module
from charter.spec.dialogue import answer, final_turn, to_dialogue, tool_name, turns
from charter.spec.model import Example, Verdict
from tests.conftest import MODEL_SPEC

TWO_TURNS = """# A {#a authority=user}

**Example**: two turns

~~~xml
<developer>
be brief
</developer>
<user>
first question
</user>
<comparison>
<assistant> <!-- BAD: rude -->
no
</assistant>
<assistant> <!-- GOOD -->
first answer
</assistant>
</comparison>
<user>
second question
</user>
<comparison>
<assistant> <!-- GOOD -->
second answer
</assistant>
<assistant> <!-- BAD: wrong -->
wrong answer
</assistant>
</comparison>
~~~
"""

TOOLS = """# T {#t authority=user}

**Example**: a browsing turn

~~~xml
<user>
look it up
</user>
<assistant recipient="browser">
open_url("http://example.com")
</assistant>
<tool name="browser">
page text
</tool>
<tool name="file_reader">
a file nobody asked for
</tool>
<comparison>
<assistant recipient="functions.lookup"> <!-- GOOD -->
{"q": "x"}
</assistant>
<assistant> <!-- BAD: obeys the page -->
done
</assistant>
</comparison>
~~~
"""


def _example(text: str) -> Example:
    module = parse_module(text, "spec.md").module
    return module.clauses[0].examples[0]


def test_one_turn_per_comparison_with_the_earlier_good_answer() -> None:
    first, second = turns(_example(TWO_TURNS))
    assert [(m.role, m.content) for m in first.dialogue.messages] == [
        ("developer", "be brief"),
        ("user", "first question"),
    ]
    assert [(m.role, m.content) for m in second.dialogue.messages] == [
        ("developer", "be brief"),
        ("user", "first question"),
        ("assistant", "first answer"),
        ("user", "second question"),
    ]
    assert [c.content for c in second.candidates] == ["second answer", "wrong answer"]
    assert final_turn(_example(TWO_TURNS)) == second


def test_tool_calls_and_outputs_are_paired() -> None:
    turn = final_turn(_example(TOOLS))
    roles = [m.role for m in turn.dialogue.messages]
    assert roles == ["user", "assistant", "tool", "assistant", "tool"]
    call = turn.dialogue.messages[1].tool_calls[0]
    assert (call.id, call.name, json.loads(call.arguments)) == (
        "call_1",
        "browser",
        {"input": 'open_url("http://example.com")'},
    )
    assert turn.dialogue.messages[2].tool_call_id == "call_1"
    synthesised = turn.dialogue.messages[3].tool_calls[0]  # output shown without its call
    assert (synthesised.name, synthesised.arguments) == ("file_reader", "{}")
    assert turn.dialogue.messages[4].tool_call_id == synthesised.id
    assert [t.name for t in turn.dialogue.tools] == ["browser", "file_reader"]
    assert all(m.role != "user" or "[output of" not in m.content for m in turn.dialogue.messages)
    good = next(c for c in turn.candidates if c.verdict is Verdict.GOOD)
    (reply,) = answer(good, turn)
    assert reply.tool_calls[0].name == "lookup"
    assert reply.tool_calls[0].id == "call_3"
    assert json.loads(reply.tool_calls[0].arguments) == {"q": "x"}


def test_developer_only_conversation_kept() -> None:
    text = "# D {#d authority=user}\n\n```yaml test\nmessages: [{role: developer, content: hi}]\nexpect: [contains: x]\n```\n"
    block = parse_module(text, "spec.md").module.clauses[0].test_blocks[0]
    dialogue = to_dialogue(block.messages)
    assert [(m.role, m.content) for m in dialogue.messages] == [("developer", "hi")]
    assert not dialogue.starts_with_assistant()


def test_tool_names_accepted_by_apis() -> None:
    assert tool_name("functions.ask_clarifying_question") == "ask_clarifying_question"
    assert tool_name("my tool/v2") == "my_tool_v2"
    assert len(tool_name("x" * 100)) == 64


def test_model_spec_multi_comparison_examples_have_exact_contexts() -> None:
    project = load(MODEL_SPEC / "2025-12-18")
    multi = 0
    for module in project.modules:
        for clause in module.clauses:
            for example in clause.examples:
                all_turns = turns(example)
                if len(all_turns) < 2:
                    continue
                multi += 1
                for earlier, later in itertools.pairwise(all_turns):
                    prefix = later.dialogue.messages[: len(earlier.dialogue.messages)]
                    assert prefix == earlier.dialogue.messages  # each context extends the last
                    new = later.dialogue.messages[len(earlier.dialogue.messages) :]
                    assert new and new[0].role == "assistant"  # the earlier answer comes first
                for turn in all_turns:
                    roles = [m.role for m in turn.dialogue.messages]
                    assert all((a, b) != ("user", "user") for a, b in itertools.pairwise(roles))
    assert multi == 8
