"""Find providers by name: the entry-point group ``charter.providers``.

A model reference is ``PROVIDER/MODEL`` (``openai/gpt-4o-mini``, ``local/llama3``,
``scripted/responses.yaml``). ``PROVIDER`` is either a named endpoint — a
``[providers.NAME]`` table of ``charter.toml`` whose ``type`` names the provider — or a
provider type itself. Types come from the entry-point group ``charter.providers``; the
built-in ones are declared there too (pyproject.toml), so a plugin registers exactly like
them. Each entry point is a factory ``(model, options) -> Provider``.

Shorthands for local OpenAI-compatible servers need no table: ``ollama/llama3.2`` is the
``openai`` type at ``http://127.0.0.1:11434/v1`` (likewise ``vllm`` :8000, ``llamacpp``
:8080, ``lmstudio`` :1234; see :data:`charter.config.providers.SHORTHANDS`); they send
developer messages as ``system`` unless told otherwise, since the chat templates of local
models rarely know a developer role. A ``[providers.ollama]`` table overrides any of it.

:func:`resolve` takes the run's ``role`` (``test`` or ``judge``: which of the table's
``params`` / ``judge_params`` become the provider's default generation params) and
``overrides`` (options a run sets for every provider, e.g. ``developer_role`` from
``charter test --developer-role``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

from charter.config.keys import one_of
from charter.config.providers import ROLES, SHORTHANDS, check_table
from charter.errors import ConfigError
from charter.providers.base import Provider

GROUP = "charter.providers"
Factory = Callable[[str, Mapping[str, Any]], Provider]

# The built-ins, as declared in pyproject.toml's entry points too.
_BUILTIN = {
    "openai": "charter.providers.openai:create",
    "anthropic": "charter.providers.anthropic:create",
    "scripted": "charter.providers.scripted:create",
}


def provider_types() -> dict[str, str]:
    """Every registered type and the ``module:function`` that creates it."""
    from importlib.metadata import entry_points

    found = {ep.name: ep.value for ep in entry_points(group=GROUP)}
    for name, target in _BUILTIN.items():
        found.setdefault(name, target)
    return found


def load_factory(kind: str) -> Factory:
    # Built-in names are reserved, so they need no scan of installed distributions
    # (which costs tens of milliseconds at start-up); plugins are looked up by scanning.
    types = {kind: _BUILTIN[kind]} if kind in _BUILTIN else provider_types()
    if kind not in types:
        known = ", ".join(sorted(types))
        raise ConfigError(
            f"unknown provider {kind!r} (known: {known}; or a [providers.{kind}] table)"
        )
    module_name, _, attr = types[kind].partition(":")
    try:
        factory: Factory = getattr(import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"provider {kind!r} could not be loaded from {types[kind]}: {exc}"
        ) from None
    return factory


def split_ref(ref: str) -> tuple[str, str]:
    name, sep, model = ref.partition("/")
    if not sep or not name or not model:
        raise ConfigError(
            f"a model is written PROVIDER/MODEL, e.g. openai/gpt-4o-mini (got {ref!r})"
        )
    return name, model


def resolve(
    ref: str,
    tables: Mapping[str, Any] | None = None,
    *,
    role: str = "test",
    overrides: Mapping[str, Any] | None = None,
) -> Provider:
    """Create the provider for ``ref``; ``tables`` is the ``[providers]`` config section."""
    one_of("resolve", "role", role, ROLES)
    name, model = split_ref(ref)
    options = _options(name, (tables or {}).get(name))
    judge_params = options.pop("judge_params", None)
    if role == "judge":
        options.pop("params", None)
        if judge_params is not None:
            options["params"] = judge_params
    for key, value in (overrides or {}).items():
        if value is not None:
            options[key] = value
    kind = str(options.get("type", name))
    if kind in SHORTHANDS:
        options = {"developer_role": "system", **options, "type": "openai"}
        options.setdefault("base_url", SHORTHANDS[kind])
        kind = "openai"
    return load_factory(kind)(model, options)


def _options(name: str, table: Any) -> dict[str, Any]:
    if table is None:
        return {}
    if isinstance(table, Mapping) and "api_key" in table:
        raise ConfigError(
            f"[providers.{name}]: keys are read from the environment only; "
            'use api_key_env = "VAR" instead of api_key'
        )
    return check_table(name, dict(table) if isinstance(table, Mapping) else table)
