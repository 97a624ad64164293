"""The ``[providers.NAME]`` tables of charter.toml: their keys, shorthands and generation params.

This is the data half of the providers (it sits at the bottom of the import graph so the
config loader can check every table when it reads the file); :mod:`charter.providers`
builds clients from the options validated here.

- Each table's keys depend on its ``type`` (``openai``, ``anthropic``, ``scripted`` or a
  local shorthand); an unknown key is an error with the closest valid name.
- Shorthands for local OpenAI-compatible servers, usable without any table
  (``--model ollama/llama3.2``): see :data:`SHORTHANDS` for their default addresses.
- ``params`` (model under test) and ``judge_params`` (the same endpoint used as a judge)
  hold generation parameters, each optional and range-checked; anything a vendor adds
  goes verbatim under ``params.extra``. A key left out is not sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from charter.config.keys import check_keys, int_in, number_in, one_of
from charter.errors import ConfigError

# Local OpenAI-compatible servers and the address each listens on out of the box.
SHORTHANDS: dict[str, str] = {
    "ollama": "http://127.0.0.1:11434/v1",
    "vllm": "http://127.0.0.1:8000/v1",
    "llamacpp": "http://127.0.0.1:8080/v1",
    "lmstudio": "http://127.0.0.1:1234/v1",
}
DEVELOPER_ROLES = ("developer", "system")
ROLES = ("test", "judge")
MAX_RETRY_AFTER_CAP = 3600.0

_HTTP = frozenset(
    {
        "type",
        "base_url",
        "api_key_env",
        "developer_role",
        "params",
        "judge_params",
        "retry_after_cap",
        "headers",
        "price",
    }
)
_OPENAI = _HTTP | {"opening_user_turn"}
KEYS: dict[str, frozenset[str]] = {
    "openai": _OPENAI,
    "anthropic": _HTTP,
    "scripted": frozenset({"type", "file"}),
    **{name: _OPENAI for name in SHORTHANDS},
}
REASONING_EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh")


def _stop(where: str, key: str, value: Any) -> Any:
    if isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value) and len(value) <= 16
    ):
        return value
    raise ConfigError(f"{where}: {key!r} must be a string or a list of up to 16 strings")


def _extra(where: str, key: str, value: Any) -> Any:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key!r} must be a table (sent verbatim)")
    return value


_Check = Callable[[str, str, Any], Any]
GENERATION: dict[str, _Check] = {
    "temperature": lambda w, k, v: number_in(w, k, v, 0.0, 2.0),
    "top_p": lambda w, k, v: number_in(w, k, v, 0.0, 1.0),
    "top_k": lambda w, k, v: int_in(w, k, v, 1, 1_000_000),
    "seed": lambda w, k, v: int_in(w, k, v, -(2**63), 2**63 - 1),
    "max_tokens": lambda w, k, v: int_in(w, k, v, 1, 10_000_000),
    "max_completion_tokens": lambda w, k, v: int_in(w, k, v, 1, 10_000_000),
    "presence_penalty": lambda w, k, v: number_in(w, k, v, -2.0, 2.0),
    "frequency_penalty": lambda w, k, v: number_in(w, k, v, -2.0, 2.0),
    "reasoning_effort": lambda w, k, v: one_of(w, k, v, REASONING_EFFORTS),
    "stop": _stop,
    "extra": _extra,
}


def generation(where: str, value: Any) -> dict[str, Any]:
    """A checked generation-parameter table; ``extra`` is merged in verbatim."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of generation parameters")
    check_keys(where, value, GENERATION)
    params = {key: GENERATION[key](where, key, item) for key, item in value.items()}
    extra = params.pop("extra", {})
    return {**params, **extra}


def provider_type(name: str, table: Mapping[str, Any]) -> str:
    kind = table.get("type", name)
    if not isinstance(kind, str) or not kind:
        raise ConfigError(f"[providers.{name}]: 'type' must be a provider type name")
    return kind


def check_table(name: str, table: Any, where: str = "") -> dict[str, Any]:
    """Validate one ``[providers.NAME]`` table of a built-in type; return it normalised.

    Tables of plugin types are returned unchecked: their factory validates them.
    """
    label = f"{where}[providers.{name}]"
    if not isinstance(table, dict):
        raise ConfigError(f"{label} must be a table")
    kind = provider_type(name, table)
    if kind not in KEYS:
        return dict(table)
    check_keys(label, table, KEYS[kind])
    out = dict(table)
    for key in ("params", "judge_params"):
        if key in out:
            out[key] = generation(f"{label}.{key}", out[key])
    if "retry_after_cap" in out:
        out["retry_after_cap"] = number_in(
            label, "retry_after_cap", out["retry_after_cap"], 0.0, MAX_RETRY_AFTER_CAP
        )
    _check_scalars(label, out)
    if "price" in out:
        _check_price(f"{label}.price", out["price"])
    return out


def _check_scalars(label: str, table: dict[str, Any]) -> None:
    if "opening_user_turn" in table and not isinstance(table["opening_user_turn"], bool):
        raise ConfigError(f"{label}: 'opening_user_turn' must be true or false")
    if "developer_role" in table:
        one_of(label, "developer_role", table["developer_role"], DEVELOPER_ROLES)
    for key in ("base_url", "api_key_env", "file"):
        if key in table and (not isinstance(table[key], str) or not table[key]):
            raise ConfigError(f"{label}: {key!r} must be a non-empty string")
    if "headers" in table and not _string_table(table["headers"]):
        raise ConfigError(f"{label}: 'headers' must be a table of strings")


def _check_price(label: str, price: Any) -> None:
    if not isinstance(price, dict):
        raise ConfigError(f"{label} must be a table {{input = ..., output = ...}}")
    check_keys(label, price, ("input", "output"))
    for key in ("input", "output"):
        number_in(label, key, price.get(key), 0.0, 1e6)


def _string_table(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def check_tables(value: Any, where: str = "") -> dict[str, dict[str, Any]]:
    """The whole ``[providers]`` section, every table checked."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}[providers] must be a table of [providers.NAME] tables")
    return {name: check_table(name, table, where) for name, table in value.items()}


def generation_params(
    tables: Mapping[str, Any] | None, ref: str, role: str = "test"
) -> dict[str, Any] | None:
    """The configured generation params of ``ref``'s endpoint for ``role`` (``test`` or
    ``judge``): ``params`` or ``judge_params`` of its ``[providers.NAME]`` table, or None
    when that table does not set them (the caller's defaults then apply)."""
    one_of("generation_params", "role", role, ROLES)
    name = ref.partition("/")[0]
    table = (tables or {}).get(name)
    if not isinstance(table, dict):
        return None
    key = "judge_params" if role == "judge" else "params"
    if key not in table:
        return None
    return generation(f"[providers.{name}].{key}", table[key])
