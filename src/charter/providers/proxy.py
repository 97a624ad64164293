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
    """The proxies the environment names, read as ``urllib.request.getproxies_environment``
    reads them, without its import (``http.client`` and the ``email`` package: 6 ms of
    every start-up, and the benchmark's loopback ``NO_PROXY`` paid it): each non-empty
    ``<scheme>_proxy`` variable, any case; the lower-case spelling wins over the others
    (an empty lower-case one removes the scheme); under CGI (``REQUEST_METHOD`` set) an
    upper-case ``HTTP_PROXY`` is ignored, since a request header can set it."""
    found: dict[str, str] = {}
    named = [(name, value) for name, value in os.environ.items() if name[-6:].lower() == "_proxy"]
    for name, value in named:
        if value:
            found[name[:-6].lower()] = value
    if "REQUEST_METHOD" in os.environ:
        found.pop("http", None)
    for name, value in named:
        if name[-6:] == "_proxy":  # lower-case suffix: these win
            if value:
                found[name[:-6].lower()] = value
            else:
                found.pop(name[:-6].lower(), None)
    return found


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
