"""openai-sft and openai-dpo files validate, line by line, against schemas written from
OpenAI's API reference (``openai_schemas.py``), plus the rules the schema cannot say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from charter.compile import Gates, collect, write
from charter.spec.loader import load
from charter.spec.model import Project
from tests.compile.openai_schemas import CHAT_LINE, PREFERENCE_LINE

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


@pytest.fixture(scope="module", params=["model_spec", "shop", "model_spec_kept"])
def project_and_gates(
    request: pytest.FixtureRequest, model_spec_dir: Path
) -> tuple[Project, Gates]:
    if request.param == "shop":
        return load(SHOP), Gates()
    return load(model_spec_dir / "2025-12-18"), Gates(request.param.endswith("kept"))


def _lines(project: Project, gates: Gates, target: str) -> list[dict[str, Any]]:
    text = write(collect(project, gates), target).jsonl()
    return [json.loads(line) for line in text.splitlines()]


def _calls_answered(messages: list[dict[str, Any]]) -> None:
    """Every tool message answers a call made before it; every call is defined."""
    made: set[str] = set()
    for message in messages:
        made |= {c["id"] for c in message.get("tool_calls", ())}
        if message["role"] == "tool":
            assert message["tool_call_id"] in made


def test_chat_lines_validate(project_and_gates: tuple[Project, Gates]) -> None:
    validator = Draft202012Validator(CHAT_LINE)
    lines = _lines(*project_and_gates, "openai-sft")
    assert lines
    for line in lines:
        errors = [e.message for e in validator.iter_errors(line)]
        assert not errors, (errors, line)
        trained = [m for m in line["messages"] if m["role"] == "assistant" and m["weight"] == 1]
        assert len(trained) == 1 and line["messages"][-1] is trained[0]
        _calls_answered(line["messages"])
        names = {t["function"]["name"] for t in line.get("tools", ())}
        called = {c["function"]["name"] for m in line["messages"] for c in m.get("tool_calls", ())}
        assert called <= names


def test_preference_lines_validate(project_and_gates: tuple[Project, Gates]) -> None:
    validator = Draft202012Validator(PREFERENCE_LINE)
    lines = _lines(*project_and_gates, "openai-dpo")
    assert lines
    for line in lines:
        errors = [e.message for e in validator.iter_errors(line)]
        assert not errors, (errors, line)
        assert line["preferred_output"] != line["non_preferred_output"]
        _calls_answered(line["input"]["messages"])


def test_the_schema_rejects_what_openai_rejects() -> None:
    """The schemas can fail: a developer role, an extra key, a bad weight."""
    chat = Draft202012Validator(CHAT_LINE)
    good = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}
    assert chat.is_valid(good)
    assert not chat.is_valid({**good, "clause": "x"})
    assert not chat.is_valid({"messages": [{"role": "developer", "content": "x"}]})
    assert not chat.is_valid({"messages": [{"role": "assistant", "content": "x", "weight": 2}]})
    preference = Draft202012Validator(PREFERENCE_LINE)
    reply = [{"role": "assistant", "content": "a"}]
    line = {"input": good, "preferred_output": reply, "non_preferred_output": reply}
    assert preference.is_valid(line)
    assert not preference.is_valid({**line, "prompt": []})
    assert not preference.is_valid({**line, "preferred_output": "a"})
