"""Conventions users bring from other tools: environment base URLs, local shorthands,
generation params per role, run overrides, and a capped Retry-After."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from charter.errors import ConfigError, ProviderError
from charter.providers import ChatMessage, Provider, Request, resolve
from charter.providers.base import parse_retry_after
from tests.providers.capture import CaptureServer

REQUEST = Request((ChatMessage("developer", "be brief"), ChatMessage("user", "hi")))


def _call(provider: Provider, request: Request = REQUEST) -> None:
    async def go() -> None:
        try:
            await provider.complete(request)
        finally:
            await provider.aclose()

    asyncio.run(go())


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_BASE_URL", "OPENAI_API_BASE", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_openai_api_base_is_an_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    with CaptureServer() as server:
        monkeypatch.setenv("OPENAI_API_BASE", f"http://{server.address}/v1")
        provider = resolve("openai/m1")
        assert provider.identity()["base_url"] == f"http://{server.address}/v1"
        _call(provider)
    assert len(server.requests) == 1 and server.requests[0].path == "/v1/chat/completions"


@pytest.mark.parametrize(
    ("env", "tables", "message"),
    [
        ({"OPENAI_BASE_URL": "http://a/v1", "OPENAI_API_BASE": "http://b/v1"}, None, "disagree"),
        ({"OPENAI_BASE_URL": " "}, None, "set but empty"),
        ({"OPENAI_API_KEY": "k"}, {"local": {"type": "openai"}}, "has no base_url"),
        ({}, None, "set OPENAI_API_KEY"),
        ({"ANTHROPIC_BASE_URL": "", "ANTHROPIC_API_KEY": "k"}, None, "set but empty"),
    ],
)
def test_no_silent_public_endpoint(
    env: dict[str, str], tables: Any, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    ref = "anthropic/m" if "ANTHROPIC_BASE_URL" in env else ("local/m" if tables else "openai/m")
    with pytest.raises(ConfigError, match=message):
        resolve(ref, tables)


def test_anthropic_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k-123456")
    with CaptureServer("anthropic") as server:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", f"http://{server.address}")
        provider = resolve("anthropic/claude-x")
        assert provider.identity()["base_url"] == f"http://{server.address}"
        _call(provider)
    assert server.requests[0].path == "/v1/messages"


@pytest.mark.parametrize(
    ("name", "port"), [("ollama", 11434), ("vllm", 8000), ("llamacpp", 8080), ("lmstudio", 1234)]
)
def test_local_shorthands(name: str, port: int) -> None:
    provider = resolve(f"{name}/some-model")
    assert provider.kind == "openai" and provider.model == "some-model"
    assert provider.identity()["base_url"] == f"http://127.0.0.1:{port}/v1"


def test_shorthand_table_overrides_address_and_sends_system() -> None:
    with CaptureServer() as server:
        tables = {"ollama": {"base_url": f"http://{server.address}/v1"}}
        _call(resolve("ollama/llama3.2", tables))
        _call(resolve("ollama/llama3.2", tables, overrides={"developer_role": "developer"}))
    first, second = server.bodies
    assert first["messages"][0]["role"] == "system"  # local templates rarely know developer
    assert second["messages"][0]["role"] == "developer"  # charter test --developer-role


def test_params_per_role() -> None:
    with CaptureServer() as server:
        table = {
            "type": "openai",
            "base_url": f"http://{server.address}/v1",
            "params": {"temperature": 0.7, "seed": 3, "max_tokens": 100},
            "judge_params": {"reasoning_effort": "low", "max_completion_tokens": 2000},
        }
        _call(resolve("r/m", {"r": table}))
        _call(resolve("r/m", {"r": table}, role="judge"))
        _call(resolve("r/m", {"r": {k: v for k, v in table.items() if "params" not in k}}))
    model, judge, bare = server.bodies
    assert (model["temperature"], model["seed"], model["max_tokens"]) == (0.7, 3, 100)
    assert judge["reasoning_effort"] == "low" and "temperature" not in judge
    assert "seed" not in judge and "seed" not in bare and "temperature" not in bare


def test_generation_params_for_the_judge() -> None:
    from charter.providers import generation_params

    tables = {"r": {"type": "openai", "judge_params": {"temperature": 0}}}
    assert generation_params(tables, "r/m", "judge") == {"temperature": 0}
    assert generation_params(tables, "r/m", "test") is None
    assert generation_params(tables, "openai/m", "judge") is None


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"temperature": 5}, "from 0 to 2"),
        ({"temprature": 0}, "did you mean 'temperature'"),
        ({"seed": True}, "integer"),
        ({"reasoning_effort": "hgih"}, "did you mean 'high'"),
        ({"max_tokens": 0}, "from 1"),
    ],
)
def test_bad_generation_params(params: dict[str, Any], message: str) -> None:
    table = {"type": "openai", "base_url": "http://127.0.0.1:9/v1", "params": params}
    with pytest.raises(ConfigError, match=message):
        resolve("r/m", {"r": table})


def test_extra_params_are_sent_verbatim() -> None:
    with CaptureServer() as server:
        params = {"extra": {"repetition_penalty": 1.1}}
        _call(
            resolve(
                "r/m",
                {
                    "r": {
                        "base_url": f"http://{server.address}/v1",
                        "type": "openai",
                        "params": params,
                    }
                },
            )
        )
    assert server.bodies[0]["repetition_penalty"] == 1.1 and "extra" not in server.bodies[0]


@pytest.mark.parametrize(
    ("header", "cap", "expected"),
    [
        ("86400", 60.0, 60.0),
        ("2", 60.0, 2.0),
        ("0", 60.0, 0.0),
        ("-5", 60.0, 0.0),
        ("nan", 60.0, None),
        ("inf", 30.0, 30.0),
        ("soon", 60.0, None),
        ("Wed, 21 Oct 2099 07:28:00 GMT", 60.0, 60.0),
    ],
)
def test_retry_after_is_capped(header: str, cap: float, expected: float | None) -> None:
    assert parse_retry_after(header, cap) == expected


@pytest.mark.parametrize(("options", "expected"), [({}, 60.0), ({"retry_after_cap": 5}, 5.0)])
def test_provider_caps_retry_after(options: dict[str, Any], expected: float) -> None:
    with CaptureServer(fail_status=429, retry_after="86400") as server:
        table = {"type": "openai", "base_url": f"http://{server.address}/v1", **options}
        with pytest.raises(ProviderError) as caught:
            _call(resolve("r/m", {"r": table}))
    assert caught.value.retryable and caught.value.retry_after == expected


def test_identity_changes_with_what_changes_the_answer() -> None:
    base = {"type": "openai", "base_url": "http://127.0.0.1:9/v1"}
    plain = resolve("r/m", {"r": base}).identity()
    system = resolve("r/m", {"r": base}, overrides={"developer_role": "system"}).identity()
    warm = resolve("r/m", {"r": {**base, "params": {"temperature": 0.9}}}).identity()
    judge = resolve("r/m", {"r": {**base, "params": {"temperature": 0.9}}}, role="judge").identity()
    assert len({str(i) for i in (plain, system, warm)}) == 3
    assert judge == plain  # the judge role does not get the model-under-test params
