"""Neutral chat values: canonical dicts for cache keys, and the assistant-first test."""

from __future__ import annotations

from charter.chat import ChatMessage, Dialogue, ToolCall


def test_plain_message_dict_is_role_and_content_only() -> None:
    assert ChatMessage("user", "hi").to_dict() == {"role": "user", "content": "hi"}


def test_tool_fields_in_the_canonical_dict() -> None:
    call = ChatMessage("assistant", "", (ToolCall("call_1", "browser", "{}"),))
    result = ChatMessage("tool", "page", tool_call_id="call_1", name="browser")
    assert call.to_dict()["tool_calls"] == [{"id": "call_1", "name": "browser", "arguments": "{}"}]
    assert result.to_dict() == {
        "role": "tool",
        "content": "page",
        "tool_call_id": "call_1",
        "name": "browser",
    }


def test_starts_with_assistant() -> None:
    assert Dialogue(
        (ChatMessage("developer", "d"), ChatMessage("assistant", "a"))
    ).starts_with_assistant()
    assert not Dialogue((ChatMessage("developer", "d"),)).starts_with_assistant()
