"""Content-addressed cache keys: BLAKE2b of canonical JSON.

A model response is keyed by everything that can change it: provider type, resolved
model, base URL (or a scripted file's hash), the messages, the output-affecting
parameters and the repeat index (so ``--repeat 3`` asks three times instead of reading
one answer thrice). Nothing else — not the case id, not the clause text — so editing a
clause's wording reuses its responses while editing its conversation asks again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from charter.chat import ToolSpec
from charter.hashing import canonical as canonical  # re-exported: the key's JSON form
from charter.hashing import digest_json
from charter.providers.base import ChatMessage, Request

KEY_VERSION = 1


def key_parts(
    identity: Mapping[str, str],
    messages: tuple[ChatMessage, ...],
    params: Mapping[str, Any],
    repeat: int,
    tools: tuple[ToolSpec, ...] = (),
    wire: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The parts of a response's cache key. ``tools`` and ``wire`` (how messages go on the
    wire, e.g. ``developer_role``) are added only when set, so keys of plain
    conversations stay what they were."""
    parts: dict[str, Any] = {
        "v": KEY_VERSION,
        **identity,
        "messages": [m.to_dict() for m in messages],
        "params": dict(params),
        "repeat": repeat,
    }
    if tools:
        parts["tools"] = [[t.name, t.description, t.parameters] for t in tools]
    if wire:
        parts["wire"] = dict(wire)
    return parts


def cache_key(parts: Mapping[str, Any]) -> str:
    return digest_json(dict(parts), 20)


def request_key(caller: Any, request: Request) -> str:
    """The key a judge call is recorded under: the judge's identity, messages, params."""
    identity = caller.provider.identity()
    messages = [m.to_dict() for m in request.messages]
    return digest_json({"judge": identity, "messages": messages, "params": dict(request.params)})
