"""Credentials in base URLs: taken apart into auth, query parameters sent, and never in
an identity, a repr or an error — not even when the server's error echoes them back."""

from __future__ import annotations

import asyncio
import base64
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter.errors import ConfigError, ProviderError
from charter.providers import ChatMessage, Request, resolve
from charter.providers.secrets import redact, split_url
from tests.providers.capture import CaptureServer

USER_PW = "sk-pass-7Hq2ZrT9"
QUERY_KEY = "sk-query-Lm4Wc8Pz"
TOKEN = "sk-token-Xy3Nb6Qd"
REQUEST = Request((ChatMessage("user", "hi"),))


def _fail(flavour: str, base: str, server: CaptureServer) -> tuple[ProviderError, str]:
    kind = "openai" if flavour == "openai" else "anthropic"
    provider = resolve("cap/m1", {"cap": {"type": kind, "base_url": base}})
    shown = repr(provider) + str(provider.identity())

    async def go() -> ProviderError:
        try:
            await provider.complete(REQUEST)
        except ProviderError as exc:
            return exc
        finally:
            await provider.aclose()
        raise AssertionError("the server answered 400: the call must fail")

    return asyncio.run(go()), shown


@pytest.mark.parametrize("flavour", ["openai", "anthropic"])
def test_user_password_and_query_key(flavour: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-env-Rt5Yu8Io")
    with CaptureServer(flavour, fail_status=400) as server:
        path = "/v1" if flavour == "openai" else ""
        base = f"http://alice:{USER_PW}@{server.address}{path}?api-key={QUERY_KEY}&region=eu"
        error, shown = _fail(flavour, base, server)
    (captured,) = server.requests
    expected = "Basic " + base64.b64encode(f"alice:{USER_PW}".encode()).decode()
    assert captured.headers["authorization"] == expected
    assert f"api-key={QUERY_KEY}" in captured.path and "region=eu" in captured.path
    text = str(error) + repr(error.args) + shown
    assert "HTTP 400" in str(error) and "bad request to" in str(error)  # the echo came back
    for secret in (USER_PW, QUERY_KEY, expected.split()[1], "sk-env-Rt5Yu8Io"):
        assert secret not in text
    assert "region=eu" in shown  # harmless query values stay visible


def test_lone_token_is_a_bearer_key() -> None:
    with CaptureServer("openai", fail_status=401) as server:
        error, shown = _fail("openai", f"http://{TOKEN}@{server.address}/v1", server)
    assert server.requests[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in str(error) + shown
    assert error.status == 401 and not error.retryable


def test_anthropic_token_in_url_is_the_api_key() -> None:
    with CaptureServer("anthropic", fail_status=403) as server:
        error, shown = _fail("anthropic", f"http://{TOKEN}@{server.address}", server)
    headers = server.requests[0].headers
    # the SDK sends the key as x-api-key (or, in some versions, as a bearer token)
    assert TOKEN in (
        headers.get("x-api-key"),
        headers.get("authorization", "").removeprefix("Bearer "),
    )
    assert TOKEN not in str(error) + shown


def test_split_url_and_redact() -> None:
    split = split_url("https://u:p%40ss-word@example.org:8443/v1/?key=abcd1234&x=1#frag")
    assert split.url == "https://example.org:8443/v1"
    assert split.query == (("key", "abcd1234"), ("x", "1"))
    assert split.password == "p@ss-word" and "abcd1234" in split.secrets
    assert split.shown() == "https://example.org:8443/v1?key=***&x=1"
    leaked = "GET https://bob:hunter22@h/v1?api_key=zzzz9999 Authorization: Bearer abc.def-123"
    clean = redact(leaked)
    assert "hunter22" not in clean and "zzzz9999" not in clean and "abc.def-123" not in clean
    assert redact("the key p%40ss-word and p@ss-word", ["p@ss-word"]).count("***") == 2


def test_redact_is_linear_on_hostile_text() -> None:
    import time

    hostile = "a://" + "b" * 200_000 + " ?key=" + "&key=" * 50_000 + "Bearer " * 30_000
    started = time.perf_counter()
    redact(hostile, ["secret-value"] * 10)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    "url",
    [
        "http://u:sk-bad-port-1@h:99999/v1",
        "ftp://u:sk-bad-port-1@h/v1",
        "http://u:sk-bad-port-1@/v1",
    ],
)
def test_unusable_urls_are_config_errors_without_the_secret(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve("cap/m", {"cap": {"type": "openai", "base_url": url}})
    assert "sk-bad-port-1" not in str(caught.value)


def test_unreachable_endpoint_error_keeps_its_class_and_hides_the_secret() -> None:
    import socket

    from charter.providers import EndpointUnreachable

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    provider = resolve(
        "cap/m", {"cap": {"type": "openai", "base_url": f"http://{TOKEN}@127.0.0.1:{port}/v1"}}
    )

    async def go() -> None:
        try:
            await provider.complete(REQUEST)
        finally:
            await provider.aclose()

    with pytest.raises(EndpointUnreachable) as caught:
        asyncio.run(go())
    assert caught.value.retryable and TOKEN not in str(caught.value)


SECRET_TEXT = st.text(
    alphabet=string.ascii_letters + string.digits + "-_.~!$+", min_size=4, max_size=40
)


@settings(max_examples=200, deadline=None)
@given(user=SECRET_TEXT, password=SECRET_TEXT, key=SECRET_TEXT, noise=st.text(max_size=200))
def test_property_no_secret_survives_redaction(
    user: str, password: str, key: str, noise: str
) -> None:
    from urllib.parse import quote

    from hypothesis import assume

    # a "secret" that is part of the visible host or path ("exam" in example.org) cannot be
    # hidden without hiding the host: not a leak
    for secret in (user, password, key):
        assume(secret not in "https://api.example.org/v1?api-key=")
    url = f"https://{quote(user, safe='')}:{quote(password, safe='')}@api.example.org/v1?api-key={quote(key, safe='')}"
    split = split_url(url)
    assert {user, password, key} <= set(split.secrets)
    echoed = f"{noise} error at {url} for {user}:{password} key={key} {noise}"
    clean = redact(echoed, split.secrets) + split.shown() + split.url
    for secret in (user, password, key):
        assert secret not in clean


def test_a_server_echoing_the_key_in_a_reply_is_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECHO_KEY", "sk-echo-Zx9Cv8Bn")
    reply = "your header was Bearer sk-echo-Zx9Cv8Bn; a Bearer token looks like Bearer abcdef123"
    with CaptureServer(reply=reply) as server:
        table = {
            "type": "openai",
            "base_url": f"http://{server.address}/v1",
            "api_key_env": "ECHO_KEY",
        }
        provider = resolve("cap/m", {"cap": table})

        async def go() -> str:
            try:
                return (await provider.complete(REQUEST)).text
            finally:
                await provider.aclose()

        text = asyncio.run(go())
    assert "sk-echo-Zx9Cv8Bn" not in text
    assert "Bearer abcdef123" in text  # what the model wrote on its own is kept
