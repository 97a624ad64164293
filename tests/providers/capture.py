"""A capturing HTTP server on 127.0.0.1 for wire-level provider tests.

It records every request (path with query, headers, JSON body) and answers in the
OpenAI Chat Completions or the Anthropic Messages format. With ``fail_status`` set it
answers that status instead, with an error message that echoes the request's path and
authentication headers back — the way a careless server leaks a key into an error.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Captured:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class CaptureServer:
    flavour: str = "openai"  # or "anthropic"
    fail_status: int | None = None
    retry_after: str | None = None
    reply: str = "fine"
    tool_call: tuple[str, dict[str, Any]] | None = None  # (name, arguments) the model calls
    requests: list[Captured] = field(default_factory=list)

    def __enter__(self) -> CaptureServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(size) or b"{}")
                headers = {k.lower(): v for k, v in self.headers.items()}
                owner.requests.append(Captured(self.path, headers, body))
                status, payload = owner.answer(self.path, headers)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if owner.retry_after is not None:
                    self.send_header("Retry-After", owner.retry_after)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def address(self) -> str:
        port = self._server.server_address[1]
        return f"127.0.0.1:{port}"

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [r.body for r in self.requests]

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if self.fail_status is not None:
            echo = f"bad request to {path}; auth={headers.get('authorization')} "
            echo += f"x-api-key={headers.get('x-api-key')}"
            if self.flavour == "anthropic":
                return self.fail_status, {
                    "type": "error",
                    "error": {"type": "invalid_request_error", "message": echo},
                }
            return self.fail_status, {"error": {"message": echo, "type": "invalid_request"}}
        if self.flavour == "anthropic":
            content: list[dict[str, Any]] = (
                [{"type": "text", "text": self.reply}] if self.reply else []
            )
            if self.tool_call:
                name, arguments = self.tool_call
                content.append(
                    {"type": "tool_use", "id": "toolu_1", "name": name, "input": arguments}
                )
            return 200, {
                "id": "msg_1",
                "type": "message",
                "role": "assistant",
                "model": "claude-test-1",
                "content": content,
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 3, "output_tokens": 1},
            }
        message: dict[str, Any] = {"role": "assistant", "content": self.reply or None}
        if self.tool_call:
            name, arguments = self.tool_call
            function = {"name": name, "arguments": json.dumps(arguments)}
            message["tool_calls"] = [{"id": "call_9", "type": "function", "function": function}]
        return 200, {
            "id": "c1",
            "object": "chat.completion",
            "model": "m-test-1",
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 3, "completion_tokens": 1},
        }
