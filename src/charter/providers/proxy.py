"""HTTP proxies for the provider client, from the environment as curl and the SDKs read it.

``HTTPS_PROXY`` / ``HTTP_PROXY`` (either case) name an ``http://[user:pass@]host:port``
proxy; ``NO_PROXY`` lists hosts reached directly. An ``https`` endpoint is reached through
a ``CONNECT`` tunnel with TLS end to end; a plain ``http`` endpoint through the proxy with
absolute-form requests. A proxy that refuses is an :class:`EndpointUnreachable`.
"""

from __future__ import annotations

import asyncio
import base64
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from charter.errors import ConfigError
from charter.providers.base import EndpointUnreachable

Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


@dataclass(frozen=True, slots=True)
class Proxy:
    host: str
    port: int
    authorization: str | None  # a Proxy-Authorization header value, never printed

    def __str__(self) -> str:
        return f"http://{self.host}:{self.port}"


def bypassed(host: str, no_proxy: str) -> bool:
    """NO_PROXY as curl reads it: ``*``, exact hosts, or domain suffixes (``.example.com``)."""
    host = host.lower().strip("[]")
    for entry in (e.strip().lower() for e in no_proxy.split(",")):
        entry = entry.split(":")[0] if entry.count(":") == 1 else entry
        if entry == "*" or (
            entry and (host == entry.lstrip(".") or host.endswith("." + entry.lstrip(".")))
        ):
            return True
    return False


def _environment_proxies() -> dict[str, str]:
    """``urllib.request.getproxies_environment()``, whose import (``http.client``, the
    ``email`` package: several ms of every start-up) is paid only when a ``*_proxy``
    variable is set; without one it returns ``{}``."""
    if not any(name.lower().endswith("_proxy") for name in os.environ):
        return {}
    from urllib.request import getproxies_environment

    return getproxies_environment()


def proxy_for(scheme: str, host: str) -> Proxy | None:
    """The proxy the environment names for ``scheme``, unless NO_PROXY covers ``host``."""
    proxies = _environment_proxies()
    url = proxies.get(scheme)
    if not url or bypassed(host, proxies.get("no", "")):
        return None
    parts = urlsplit(url if "://" in url else "http://" + url)
    if parts.scheme != "http" or not parts.hostname:
        raise ConfigError(
            f"only http:// proxies are supported ({scheme}_proxy is {parts.scheme}://…)"
        )
    authorization = None
    if parts.username is not None:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        authorization = "Basic " + base64.b64encode(pair).decode()
    return Proxy(parts.hostname, parts.port or 8080, authorization)


async def open_tunnel(proxy: Proxy, host: str, port: int, tls: Any, limit: int) -> Conn:
    """A connection to ``host:port`` through ``proxy``'s CONNECT, then TLS with ``host``."""
    reader, writer = await asyncio.open_connection(proxy.host, proxy.port, limit=limit)
    lines = [f"CONNECT {host}:{port} HTTP/1.1", f"Host: {host}:{port}"]
    if proxy.authorization:
        lines.append(f"Proxy-Authorization: {proxy.authorization}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = head.split(b" ", 2)[1] if head.startswith(b"HTTP/") else b"?"
    if status != b"200":
        writer.close()
        raise EndpointUnreachable(
            f"proxy {proxy} refused a tunnel to {host}:{port} (HTTP {status.decode('latin-1')})"
        )
    await writer.start_tls(tls, server_hostname=host)
    return reader, writer
