"""The HTTP client's edge cases against raw servers: chunked bodies, stale keep-alive."""

from __future__ import annotations

import asyncio

from charter.providers.http import HttpPool

CHUNKED = (
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n"
)
PLAIN = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


async def _serve(handler: object) -> tuple[asyncio.base_events.Server, int]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)  # type: ignore[arg-type]
    return server, server.sockets[0].getsockname()[1]


async def _read_one(reader: asyncio.StreamReader) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
    await reader.readexactly(length)


def test_chunked_body() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_one(reader)
        writer.write(CHUNKED)
        await writer.drain()
        writer.close()

    async def go() -> bytes:
        server, port = await _serve(handler)
        async with server:
            pool = HttpPool(f"http://127.0.0.1:{port}/v1")
            response = await pool.post("/x", b"{}", {})
            await pool.aclose()
            return response.body

    assert asyncio.run(go()) == b"hello, world"


def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    connections = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        await _read_one(reader)
        writer.write(PLAIN)  # keep-alive by default, yet the server closes right after
        await writer.drain()
        writer.close()

    async def go() -> list[bytes]:
        server, port = await _serve(handler)
        async with server:
            pool = HttpPool(f"http://127.0.0.1:{port}")
            first = await pool.post("/a", b"{}", {})
            await asyncio.sleep(0.05)  # the FIN arrives while the connection is idle
            second = await pool.post("/b", b"{}", {})
            await pool.aclose()
            return [first.body, second.body]

    assert asyncio.run(go()) == [b"ok", b"ok"]
    assert len(connections) == 2
