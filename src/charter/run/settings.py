"""How a run's settings reach a provider.

``developer_role`` (``--developer-role``) is a provider option, named as the providers
name it: the OpenAI-compatible provider sends ``developer`` messages with that role, the
Anthropic provider folds them into its system prompt. The runner also puts the setting
into the cache key, so answers obtained with one role are not reused for the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from charter.providers.registry import split_ref

DEVELOPER_ROLES = ("developer", "system")


def provider_tables(
    tables: Mapping[str, Any], ref: str, developer_role: str | None
) -> dict[str, Any]:
    """``tables`` (the ``[providers]`` section) with ``developer_role`` set for the
    provider of ``ref`` when one was given; otherwise unchanged."""
    out = dict(tables)
    if developer_role is None:
        return out
    if developer_role not in DEVELOPER_ROLES:
        raise ValueError(f"developer_role must be one of {', '.join(DEVELOPER_ROLES)}")
    name, _ = split_ref(ref)
    table = dict(out.get(name) or {})
    if str(table.get("type", name)) == "scripted":
        return out  # a scripted model sends nothing on a wire
    out[name] = {**table, "developer_role": developer_role}
    return out
