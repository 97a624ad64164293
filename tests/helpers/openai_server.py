"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests, with fault injection.

It runs its own asyncio loop in a background thread and speaks HTTP/1.1 with keep-alive
(``POST /v1/chat/completions``), answering ``"ECHO: " + last user message`` after
``latency`` seconds. Faults are decided per request, either from a per-prompt script
(``server.script["case-3"] = ["429", "ok"]``: the first request with that prompt gets a
429, the next one an answer) or at random from a seeded RNG (``fault_rates``):

- ``"429"``: HTTP 429 with ``Retry-After: retry_after``;
- ``"500"``: HTTP 500 with an error body;
- ``"drop"``: the connection is closed without an answer;
- ``"slow"``: the answer comes after ``slow_s`` seconds (past a client's timeout);
- ``"badjson"``: HTTP 200 with a body that is not JSON.

Every request is counted by prompt, so tests can check nothing was lost or duplicated.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

FAULTS = ("429", "500", "drop", "slow", "badjson")


@dataclass
class Stats:
    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    by_prompt: Counter[str] = field(default_factory=Counter)
    answered: Counter[str] = field(default_factory=Counter)  # prompts that got a 200 answer
    bodies: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


class OpenAIServer:
    def __init__(
        self,
        *,
        latency: float = 0.0,
        fault_rates: dict[str, float] | None = None,
        seed: int = 1,
        retry_after: float = 0.05,
        slow_s: float = 5.0,
        keep_bodies: bool = False,
        tls: Any = None,
    ) -> None:
        self.latency = latency
        self.fault_rates = fault_rates or {}
        self.rng = random.Random(seed)
        self.retry_after = retry_after
        self.slow_s = slow_s
        self.keep_bodies = keep_bodies
        self.tls = tls  # an ssl.SSLContext: serve https
        self.script: dict[str, list[str]] = defaultdict(list)
        self.stats = Stats()
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> OpenAIServer:
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("test server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        self._server = loop.run_until_complete(
            asyncio.start_server(self._client, "127.0.0.1", 0, ssl=self.tls)
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(asyncio.sleep(0.01))  # let closed transports finish
            loop.close()

    def _fault(self, prompt: str) -> str:
        planned = self.script.get(prompt)
        if planned:
            return planned.pop(0)
        roll = self.rng.random()
        for name in FAULTS:
            rate = self.fault_rates.get(name, 0.0)
            if roll < rate:
                return name
            roll -= rate
        return "ok"

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                keep = await self._answer(request, writer)
                if not keep:
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()

    async def _answer(self, request: tuple[str, dict[str, str], bytes], writer: Any) -> bool:
        path, headers, body = request
        if path not in ("/v1/chat/completions", "/chat/completions"):
            writer.write(_response(404, b'{"error": {"message": "not found"}}'))
            return True
        data = json.loads(body)
        prompt = next((m["content"] for m in reversed(data["messages"]) if m["role"] == "user"), "")
        stats = self.stats
        stats.requests += 1
        stats.by_prompt[prompt] += 1
        if self.keep_bodies:
            stats.bodies.append(data)
            stats.headers.append(headers)
        stats.in_flight += 1
        stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
        try:
            fault = self._fault(prompt)
            stats.outcomes[fault] += 1
            await asyncio.sleep(self.slow_s if fault == "slow" else self.latency)
            return await self._send(fault, data, prompt, writer)
        finally:
            stats.in_flight -= 1

    async def _send(self, fault: str, data: dict[str, Any], prompt: str, writer: Any) -> bool:
        if fault == "drop":
            writer.transport.abort()
            return False
        if fault == "429":
            error = b'{"error": {"message": "rate limited", "type": "rate_limit"}}'
            writer.write(_response(429, error, {"Retry-After": f"{self.retry_after:g}"}))
        elif fault == "500":
            writer.write(_response(500, b'{"error": {"message": "internal error"}}'))
        elif fault == "badjson":
            writer.write(_response(200, b'{"choices": [{"message": {"content": "ECH'))
        else:
            self.stats.answered[prompt] += 1
            writer.write(_response(200, _completion(data, prompt)))
        await writer.drain()
        return True


def _completion(data: dict[str, Any], prompt: str) -> bytes:
    text = "ECHO: " + prompt
    prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in data["messages"])
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": str(data.get("model", "")) + "-2026-01-01",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(text.split())},
    }
    return json.dumps(payload).encode()


def _response(status: int, body: bytes, extra: dict[str, str] | None = None) -> bytes:
    reason = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error"}
    head = [
        f"HTTP/1.1 {status} {reason.get(status, 'Error')}",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
    ]
    head += [f"{k}: {v}" for k, v in (extra or {}).items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    path = lines[0].split(" ")[1]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return path, headers, body
