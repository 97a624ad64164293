"""A server (or a proxy in front of it) that compresses its answer although the client
asked for ``identity``: a gzip body is read, not retried five times as a "malformed
completion (UnicodeDecodeError)" full of binary; a decompression bomb is refused."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest

from charter.errors import ProviderError
from charter.providers.http import MAX_BODY, HttpPool
from charter.run import RunOptions
from tests.helpers.specs import write_project
from tests.run.conftest import results_by_id, run_project
from tests.run.hostile_server import HostileServer


def test_a_gzip_answer_is_read(tmp_path: Path) -> None:
    with HostileServer(fault_rates={"gzip": 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        outcome, store = run_project(root, "local/m1", RunOptions(retries=1))
    results = results_by_id(store, "r1")
    assert outcome.stopped is None
    assert {r.status for r in results.values()} == {"passed"}, [r.reason for r in results.values()]
    assert all(r.response.startswith("ECHO: ") and r.attempts == 1 for r in results.values())
    assert server.stats.requests == 3
    store.close()


def test_a_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b" " * (MAX_BODY + 1))

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        head = f"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: {len(bomb)}\r\n\r\n"
        writer.write(head.encode() + bomb)
        await writer.drain()
        writer.close()

    async def go() -> None:
        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        pool = HttpPool(f"http://127.0.0.1:{port}/v1")
        try:
            with pytest.raises(ProviderError, match="too large"):
                await pool.post("/chat/completions", b"{}", {})
        finally:
            await pool.aclose()
            server.close()

    asyncio.run(go())
