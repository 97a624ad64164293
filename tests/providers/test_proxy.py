"""https endpoints, HTTP proxies (CONNECT and absolute-form) and NO_PROXY, all on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from charter.providers import ChatMessage, Request
from charter.providers.openai import OpenAIProvider
from charter.providers.proxy import _environment_proxies, bypassed
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.proxy_server import ProxyServer

REQUEST = Request((ChatMessage("user", "through"),))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return folder


def _tls(folder: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


def _ask(base_url: str) -> str:
    provider = OpenAIProvider("m", {"base_url": base_url})

    async def go() -> str:
        try:
            return (await provider.complete(REQUEST)).text
        finally:
            await provider.aclose()

    return asyncio.run(go())


@pytest.fixture(autouse=True)
def _no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_https_endpoint(certificate: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate / "cert.pem"))
    with OpenAIServer(tls=_tls(certificate)) as server:
        assert server.base_url.startswith("https://")
        assert _ask(server.base_url) == "ECHO: through"


def test_https_through_a_connect_tunnel(certificate: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate / "cert.pem"))
    with OpenAIServer(tls=_tls(certificate)) as server, ProxyServer() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url.replace("http://", "http://u:p%40ss@"))
        assert _ask(server.base_url) == "ECHO: through"
    assert proxy.seen == [f"CONNECT 127.0.0.1:{server.port}"]
    assert proxy.auth == ["Basic dTpwQHNz"]  # u:p@ss


def test_http_through_a_proxy_and_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    with OpenAIServer() as server, ProxyServer() as proxy:
        monkeypatch.setenv("http_proxy", proxy.url)
        assert _ask(server.base_url) == "ECHO: through"
        assert proxy.seen == [f"POST http://127.0.0.1:{server.port}/v1/chat/completions"]
        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
        assert _ask(server.base_url) == "ECHO: through"
        assert len(proxy.seen) == 1  # the second call went direct


def test_no_proxy_matching() -> None:
    assert bypassed("api.example.com", "example.com")
    assert bypassed("api.example.com", ".example.com")
    assert bypassed("127.0.0.1", "localhost, 127.0.0.1")
    assert bypassed("anything", "*")
    assert not bypassed("example.org", "example.com")
    assert not bypassed("notexample.com", "example.com")


def test_the_environment_is_read_as_urllib_reads_it_and_urllib_is_imported_only_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from urllib.request import getproxies_environment

    for name in [n for n in os.environ if n.lower().endswith("_proxy")]:
        monkeypatch.delenv(name)
    assert _environment_proxies() == getproxies_environment() == {}
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("no_proxy", "localhost")
    assert _environment_proxies() == getproxies_environment() != {}
    code = "import sys, charter.providers.http; print('urllib.request' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


ENVIRONMENTS = [
    {},
    {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1"},
    {"HTTP_PROXY": "http://upper:1", "http_proxy": "http://lower:2"},
    {"HTTPS_PROXY": "http://upper:1", "https_proxy": ""},
    {"Http_Proxy": "http://mixed:3"},
    {"HTTP_PROXY": "http://cgi:4", "REQUEST_METHOD": "GET"},
    {"http_proxy": "http://cgi:5", "REQUEST_METHOD": "GET", "ALL_PROXY": "http://all:6"},
    {"FTP_PROXY": "", "ftp_proxy": "http://f:7"},
]


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_the_environment_is_read_as_urllib_reads_it(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]
) -> None:
    from urllib.request import getproxies_environment

    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name == "REQUEST_METHOD":
            monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert _environment_proxies() == getproxies_environment()


def test_reading_the_proxy_environment_imports_no_http_client() -> None:
    code = (
        "import sys; from charter.providers.proxy import proxy_for; "
        "proxy_for('http', '127.0.0.1'); print('http.client' in sys.modules)"
    )
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "HTTP_PROXY": "http://p:1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "False", out.stderr
