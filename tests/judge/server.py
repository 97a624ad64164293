"""A small OpenAI-compatible judge server on 127.0.0.1 for the judge's tests.

It speaks real HTTP (``POST /v1/chat/completions``); what it answers is decided by a
Python function of the parsed request body, so each test scripts its judge's behaviour:
well-formed JSON, prose with a verdict at the end, garbage, a rejected response_format.
Every request body is kept in :attr:`JudgeServer.requests` for assertions.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Behaviour = Callable[[dict[str, Any]], "tuple[int, str] | str"]


def response_under_test(body: dict[str, Any]) -> str:
    """The quoted response of a judge prompt, read the way a model would find it."""
    user = body["messages"][-1]["content"]
    match = re.search(r"<charter-response-(\w+)>\n(.*)\n</charter-response-\1>", user, re.DOTALL)
    assert match, "the judge prompt has no well-formed response section"
    return match.group(2)


def completion(text: str, model: str = "judge-model-2025-01-01") -> str:
    return json.dumps(
        {
            "id": "cmpl-1",
            "object": "chat.completion",
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20},
        }
    )


class JudgeServer:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                with server._lock:
                    server.requests.append(body)
                result = server.behaviour(body)
                status, text = result if isinstance(result, tuple) else (200, completion(result))
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> JudgeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
