"""A small HTTP/1.1 client on asyncio streams, with a keep-alive connection pool.

Why not httpx or an SDK: at the concurrency a test run uses, the per-request CPU of the
client bounds throughput (see ``benchmarks/runner.py``, which measures it). This client
does only what chat-completion calls need — ``POST`` with a JSON body, ``Content-Length``
or chunked responses (gzip or deflate undone when a server compresses anyway),
keep-alive, TLS for ``https``, HTTP proxies from the environment
(:mod:`charter.providers.proxy`) — and turns every socket failure
into a :class:`~charter.errors.ProviderError` (retryable). A connection that was
cancelled or failed mid-request is closed, never reused.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from charter.errors import ConfigError, ProviderError
from charter.providers.base import EndpointUnreachable
from charter.providers.proxy import open_tunnel, proxy_for

MAX_BODY = 64 * 1024 * 1024
MAX_HEAD = 64 * 1024


@dataclass(frozen=True, slots=True)
class HttpResponse:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


_Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class HttpPool:
    """Connections to one origin (scheme, host, port), reused across requests."""

    def __init__(self, base_url: str, *, max_idle: int = 512) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"base URL must be http:// or https://: {base_url!r}")
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.path = parts.path.rstrip("/")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self._ssl: Any = None
        if parts.scheme == "https":
            import ssl  # only https pays for it

            self._ssl = ssl.create_default_context()
        default_port = self.port == (443 if parts.scheme == "https" else 80)
        self._host_header = self.host if default_port else f"{self.host}:{self.port}"
        self._proxy = proxy_for(parts.scheme, self.host)
        self._forward = self._proxy is not None and self._ssl is None  # absolute-form
        self._prefix = f"http://{self._host_header}" if self._forward else ""
        self._idle: deque[_Conn] = deque()
        self._max_idle = max_idle

    async def post(self, path: str, body: bytes, headers: dict[str, str]) -> HttpResponse:
        """Send one request; socket failures become retryable ProviderErrors."""
        # No silent resend: every request that reached the wire is one attempt the
        # runner counts (and may retry), so call records match what the server saw.
        conn = await self._acquire()
        ok = False
        try:
            response = await self._exchange(conn, path, body, headers)
            ok = response.headers.get("connection", "").lower() != "close"
            return response
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            raise ProviderError(
                f"connection to {self.origin} failed: {_describe(exc)}", retryable=True
            ) from None
        finally:
            if ok and len(self._idle) < self._max_idle:
                self._idle.append(conn)
            else:
                conn[1].close()

    async def _acquire(self) -> _Conn:
        while self._idle:
            reader, writer = self._idle.pop()
            if not reader.at_eof() and not writer.is_closing():
                return reader, writer
            writer.close()  # the server closed it while idle
        return await self._connect()

    async def _connect(self) -> _Conn:
        proxy = self._proxy
        try:
            if proxy is None:
                return await asyncio.open_connection(
                    self.host, self.port, ssl=self._ssl, limit=MAX_HEAD
                )
            if self._forward:
                return await asyncio.open_connection(proxy.host, proxy.port, limit=MAX_HEAD)
            return await open_tunnel(proxy, self.host, self.port, self._ssl, MAX_HEAD)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            via = f" through the proxy {proxy}" if proxy else ""
            raise EndpointUnreachable(
                f"cannot connect to {self.origin}{via}: {_describe(exc)}"
            ) from None

    async def _exchange(
        self, conn: _Conn, path: str, body: bytes, headers: dict[str, str]
    ) -> HttpResponse:
        reader, writer = conn
        head = [
            f"POST {self._prefix}{self.path}{path} HTTP/1.1",
            f"Host: {self._host_header}",
            f"Content-Length: {len(body)}",
        ]
        if self._forward and self._proxy and self._proxy.authorization:
            head.append(f"Proxy-Authorization: {self._proxy.authorization}")
        head += [f"{name}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await reader.readuntil(b"\r\n\r\n")
        status, response_headers = _parse_head(raw, self.origin)
        data = await _read_body(reader, response_headers)
        return HttpResponse(status, response_headers, _decoded(data, response_headers))

    async def aclose(self) -> None:
        closing = []
        while self._idle:
            _, writer = self._idle.pop()
            writer.close()
            closing.append(writer.wait_closed())
        await asyncio.gather(*closing, return_exceptions=True)


def _parse_head(raw: bytes, origin: str) -> tuple[int, dict[str, str]]:
    lines = raw.decode("latin-1").split("\r\n")
    status_line = lines[0].split(" ", 2)
    if (
        len(status_line) < 2
        or not status_line[0].startswith("HTTP/")
        or not status_line[1].isdigit()
    ):
        raise ProviderError(f"{origin} sent a malformed HTTP status line", retryable=True)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return int(status_line[1]), headers


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return await _read_chunked(reader)
    length = headers.get("content-length")
    if length is not None:
        size = int(length) if length.isdigit() else -1
        if not 0 <= size <= MAX_BODY:
            raise ProviderError(f"bad Content-Length {length!r}", retryable=True)
        return await reader.readexactly(size)
    headers["connection"] = "close"  # body ends at EOF: the connection cannot be reused
    return await reader.read(MAX_BODY)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        line = (await reader.readuntil(b"\r\n")).split(b";", 1)[0].strip()
        try:
            size = int(line, 16)
        except ValueError:
            raise ProviderError("malformed chunked response", retryable=True) from None
        if size == 0:
            while (await reader.readuntil(b"\r\n")) != b"\r\n":
                pass  # trailers
            return b"".join(parts)
        total += size
        if total > MAX_BODY:
            raise ProviderError("response body too large", retryable=False)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


def _decoded(data: bytes, headers: dict[str, str]) -> bytes:
    """The body without its ``Content-Encoding``. Requests ask for ``identity``, but some
    servers and proxies compress anyway; gzip and deflate are undone (at most
    :data:`MAX_BODY` bytes out, so a small bomb cannot fill memory), anything else is a
    ProviderError naming the encoding."""
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity") or not data:
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ProviderError(f"the answer is encoded as {encoding!r}, which charter cannot read")
    import zlib

    wbits = zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, MAX_BODY)
        if inflater.unconsumed_tail:
            raise ProviderError("response body too large (decompressed)")
    except zlib.error as exc:
        raise ProviderError(
            f"cannot decompress the {encoding} answer: {exc}", retryable=True
        ) from None
    return out


def _describe(exc: BaseException) -> str:
    if isinstance(exc, asyncio.IncompleteReadError):
        return "connection closed before the answer was complete"
    if isinstance(exc, ConnectionError):
        return exc.strerror or type(exc).__name__
    text = str(exc)
    return text or type(exc).__name__
