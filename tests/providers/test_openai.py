"""The openai provider against a real HTTP server on 127.0.0.1 (tests/helpers)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from charter.errors import ConfigError, ProviderError
from charter.providers import ChatMessage, EndpointUnreachable, Request, resolve
from charter.providers.openai import OpenAIProvider
from tests.helpers.openai_server import OpenAIServer

REQUEST = Request((ChatMessage("developer", "Be brief."), ChatMessage("user", "hello there")))


def _provider(server: OpenAIServer, **options: object) -> OpenAIProvider:
    return OpenAIProvider("m1", {"base_url": server.base_url, **options})


def _complete(provider: OpenAIProvider, request: Request = REQUEST) -> object:
    async def go() -> object:
        try:
            return await provider.complete(request)
        finally:
            await provider.aclose()

    return asyncio.run(go())


def test_completion_text_usage_and_model_version() -> None:
    with OpenAIServer(keep_bodies=True) as server:
        completion = _complete(_provider(server, params={"temperature": 0}))
    assert completion.text == "ECHO: hello there"  # type: ignore[attr-defined]
    assert completion.usage.input_tokens == 4  # type: ignore[attr-defined]
    assert completion.model == "m1-2026-01-01"  # type: ignore[attr-defined]
    body = server.stats.bodies[0]
    assert body["model"] == "m1" and body["temperature"] == 0
    # developer messages go out as developer unless configured otherwise
    assert [m["role"] for m in body["messages"]] == ["developer", "user"]


def test_developer_role_can_be_system() -> None:
    with OpenAIServer(keep_bodies=True) as server:
        _complete(_provider(server, developer_role="system"))
    assert server.stats.bodies[0]["messages"][0]["role"] == "system"


def test_key_is_sent_but_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_KEY", "sk-secret-123")
    with OpenAIServer(keep_bodies=True) as server:
        provider = _provider(server, api_key_env="MY_KEY")
        shown = repr(provider) + str(provider.identity())
        _complete(provider)
    assert server.stats.headers[0]["authorization"] == "Bearer sk-secret-123"
    assert "sk-secret" not in shown


@pytest.mark.parametrize(
    ("fault", "retryable", "status", "text"),
    [
        ("429", True, 429, "HTTP 429: rate limited"),
        ("500", True, 500, "HTTP 500: internal error"),
        ("drop", True, None, "closed before the answer"),
        ("badjson", True, None, "malformed completion"),
    ],
)
def test_faults_become_provider_errors(
    fault: str, retryable: bool, status: int | None, text: str
) -> None:
    with OpenAIServer(retry_after=2) as server:
        server.script["hello there"] = [fault]
        with pytest.raises(ProviderError) as caught:
            _complete(_provider(server))
    assert caught.value.retryable is retryable
    assert caught.value.status == status
    assert text in str(caught.value)
    if fault == "429":
        assert caught.value.retry_after == 2


def test_not_found_is_not_retryable() -> None:
    with OpenAIServer() as server, pytest.raises(ProviderError) as caught:
        _complete(OpenAIProvider("m1", {"base_url": f"http://127.0.0.1:{server.port}/nope"}))
    assert caught.value.status == 404 and not caught.value.retryable


def test_refused_connection_is_endpoint_unreachable() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(EndpointUnreachable, match="cannot connect"):
        _complete(OpenAIProvider("m1", {"base_url": f"http://127.0.0.1:{port}/v1"}))


def test_connections_are_reused() -> None:
    with OpenAIServer() as server:
        provider = _provider(server)

        async def many() -> list[str]:
            out = []
            for n in range(5):
                request = Request((ChatMessage("user", f"p{n}"),))
                out.append((await provider.complete(request)).text)
            pool = provider._pool
            idle = len(pool._idle)
            await provider.aclose()
            return [*out, str(idle)]

        results = asyncio.run(many())
    assert results == ["ECHO: p0", "ECHO: p1", "ECHO: p2", "ECHO: p3", "ECHO: p4", "1"]


def test_openai_without_key_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        resolve("openai/gpt-4o-mini")


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    provider = resolve("openai/llama3")
    assert provider.identity() == {
        "provider": "openai",
        "model": "llama3",
        "base_url": "http://127.0.0.1:9/v1",
        "developer_role": "developer",
    }
