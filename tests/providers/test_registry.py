"""Provider lookup through the entry-point group, named endpoints, the anthropic extra."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from charter.errors import ConfigError
from charter.providers import resolve
from charter.providers.registry import GROUP, provider_types


def test_builtins_are_registered_as_entry_points() -> None:
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group=GROUP)}
    assert {"openai", "anthropic", "scripted"} <= names
    assert provider_types()["openai"] == "charter.providers.openai:create"


def test_named_endpoint_table() -> None:
    tables = {"local": {"type": "openai", "base_url": "http://127.0.0.1:8000/v1"}}
    provider = resolve("local/llama-3.1-8b", tables)
    assert provider.identity()["base_url"] == "http://127.0.0.1:8000/v1"
    assert provider.model == "llama-3.1-8b"


@pytest.mark.parametrize(
    ("ref", "tables", "message"),
    [
        ("gpt-4o", None, "PROVIDER/MODEL"),
        ("nosuch/model", None, "unknown provider 'nosuch'"),
        ("local/m", {"local": {"type": "openai", "api_key": "sk-1"}}, "api_key_env"),
        ("local/m", {"local": {"type": "openai", "bogus": 1}}, "unknown key"),
        ("local/m", {"local": {"type": "openai", "base_ur": "x"}}, "did you mean .base_url."),
    ],
)
def test_bad_references_are_config_errors(
    ref: str, tables: dict[str, object] | None, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve(ref, tables)


def test_missing_anthropic_sdk_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "anthropic", None)  # makes `import anthropic` fail
    monkeypatch.setenv("ANTHROPIC_API_KEY", "x")
    with pytest.raises(ConfigError, match=r"charter-spec\[anthropic\]"):
        resolve("anthropic/claude-sonnet")


def test_scripted_provider_from_a_file(tmp_path: Path) -> None:
    import asyncio

    from charter.errors import ProviderError
    from charter.providers import ChatMessage, Request

    script = tmp_path / "answers.yaml"
    script.write_text(
        "model: demo-1\nresponses:\n"
        "  - match: REFUND\n    reply: use the form\n"
        "  - regex: 'order \\d+'\n    reply: looking it up\n"
        "  - match: outage\n    error: down\n    status: 503\n",
        encoding="utf-8",
    )
    provider = resolve(f"scripted/{script}")

    def ask(text: str) -> str:
        request = Request((ChatMessage("user", text),))
        return asyncio.run(provider.complete(request)).text

    assert ask("I want a refund") == "use the form"
    assert ask("where is order 42") == "looking it up"
    with pytest.raises(ProviderError) as caught:
        ask("is there an outage?")
    assert caught.value.retryable and caught.value.status == 503
    with pytest.raises(ProviderError, match="no scripted reply"):
        ask("hello")
    before = provider.identity()
    script.write_text("model: demo-1\ndefault: hi\n", encoding="utf-8")
    assert resolve(f"scripted/{script}").identity() != before  # edits change cache keys


def test_bad_script_is_a_config_error(tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text("responses:\n  - reply: no pattern\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="match/regex/prompt"):
        resolve(f"scripted/{script}")
