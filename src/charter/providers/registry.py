"""Find providers by name: the entry-point group ``charter.providers``.

A model reference is ``PROVIDER/MODEL`` (``openai/gpt-4o-mini``, ``local/llama3``,
``scripted/responses.yaml``). ``PROVIDER`` is either a named endpoint — a
``[providers.NAME]`` table of ``charter.toml`` whose ``type`` names the provider — or a
provider type itself. Types come from the entry-point group ``charter.providers``; the
built-in ones are declared there too (pyproject.toml), so a plugin registers exactly like
them. Each entry point is a factory ``(model, options) -> Provider``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

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


def resolve(ref: str, tables: Mapping[str, Any] | None = None) -> Provider:
    """Create the provider for ``ref``; ``tables`` is the ``[providers]`` config section."""
    name, model = split_ref(ref)
    options: dict[str, Any] = {}
    table = (tables or {}).get(name)
    if table is not None:
        if not isinstance(table, Mapping):
            raise ConfigError(f"[providers.{name}] must be a table")
        options = dict(table)
        if "api_key" in options:
            raise ConfigError(
                f"[providers.{name}]: keys are read from the environment only; "
                'use api_key_env = "VAR" instead of api_key'
            )
    kind = str(options.get("type", name))
    return load_factory(kind)(model, options)
