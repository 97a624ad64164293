"""JSON Schemas of OpenAI's fine-tuning training files, written from OpenAI's API reference
(``FineTuneChatRequestInput`` for supervised chat fine-tuning and
``FineTunePreferenceRequestInput`` for preference / DPO fine-tuning) and its fine-tuning
guides. Only the keys those objects define are allowed, so an extra key in a training
line (Charter's metadata, say) fails validation as OpenAI's file validator would.

Message kinds allowed in a training file: system, user, assistant (with an optional
``weight`` of 0 or 1 in supervised files), tool. There is no ``developer`` message in
these objects.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

_NAME = {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}
_TEXT_PARTS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"type": {"const": "text"}, "text": {"type": "string"}},
        "required": ["type", "text"],
    },
}
_CONTENT = {"anyOf": [{"type": "string"}, _TEXT_PARTS]}
_TOOL_CALL = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "type": {"const": "function"},
        "function": {
            "type": "object",
            "properties": {"name": _NAME, "arguments": {"type": "string"}},
            "required": ["name", "arguments"],
            "additionalProperties": False,
        },
    },
    "required": ["id", "type", "function"],
    "additionalProperties": False,
}


def _message(role: str, properties: Schema, required: list[str]) -> Schema:
    return {
        "type": "object",
        "properties": {"role": {"const": role}, **properties},
        "required": ["role", *required],
        "additionalProperties": False,
    }


SYSTEM = _message("system", {"content": _CONTENT, "name": {"type": "string"}}, ["content"])
USER = _message("user", {"content": _CONTENT, "name": {"type": "string"}}, ["content"])
TOOL = _message(
    "tool", {"content": _CONTENT, "tool_call_id": {"type": "string"}}, ["content", "tool_call_id"]
)
_ASSISTANT_FIELDS: Schema = {
    "content": {"anyOf": [_CONTENT, {"type": "null"}]},
    "refusal": {"type": ["string", "null"]},
    "name": {"type": "string"},
    "tool_calls": {"type": "array", "items": _TOOL_CALL, "minItems": 1},
}
ASSISTANT = {
    **_message("assistant", _ASSISTANT_FIELDS, []),
    "anyOf": [{"required": ["content"]}, {"required": ["tool_calls"]}],
}
WEIGHTED_ASSISTANT = {
    **_message("assistant", {**_ASSISTANT_FIELDS, "weight": {"enum": [0, 1]}}, []),
    "anyOf": [{"required": ["content"]}, {"required": ["tool_calls"]}],
}
_TOOL_DEFINITION = {
    "type": "object",
    "properties": {
        "type": {"const": "function"},
        "function": {
            "type": "object",
            "properties": {
                "name": _NAME,
                "description": {"type": "string"},
                "parameters": {"type": "object"},
                "strict": {"type": ["boolean", "null"]},
            },
            "required": ["name"],
            "additionalProperties": False,
        },
    },
    "required": ["type", "function"],
    "additionalProperties": False,
}
_TOOLS = {"type": "array", "items": _TOOL_DEFINITION}

CHAT_LINE: Schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "messages": {
            "type": "array",
            "minItems": 1,
            "items": {"oneOf": [SYSTEM, USER, WEIGHTED_ASSISTANT, TOOL]},
        },
        "tools": _TOOLS,
        "parallel_tool_calls": {"type": "boolean"},
    },
    "required": ["messages"],
    "additionalProperties": False,
}

PREFERENCE_LINE: Schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "input": {
            "type": "object",
            "properties": {
                "messages": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"oneOf": [SYSTEM, USER, ASSISTANT, TOOL]},
                },
                "tools": _TOOLS,
                "parallel_tool_calls": {"type": "boolean"},
            },
            "required": ["messages"],
            "additionalProperties": False,
        },
        "preferred_output": {"type": "array", "items": ASSISTANT, "minItems": 1, "maxItems": 1},
        "non_preferred_output": {
            "type": "array",
            "items": ASSISTANT,
            "minItems": 1,
            "maxItems": 1,
        },
    },
    "required": ["input", "preferred_output", "non_preferred_output"],
    "additionalProperties": False,
}
