"""``openai/<model>``: any OpenAI-compatible Chat Completions endpoint.

OpenAI itself, vLLM, Ollama, llama.cpp, LM Studio, OpenRouter... The base URL and key
come from the provider's ``[providers.NAME]`` table (``base_url``, ``api_key_env``) or
from ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` as the official SDK reads them. Keys are
read from the environment only, sent in one header, and never appear in
:meth:`identity`, error messages or ``repr``.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from typing import Any

from charter.errors import ConfigError, ProviderError
from charter.providers.base import (
    Completion,
    Request,
    Usage,
    parse_retry_after,
    retryable_status,
)
from charter.providers.http import HttpPool

DEFAULT_BASE_URL = "https://api.openai.com/v1"
_OPTIONS = frozenset(
    {"type", "base_url", "api_key_env", "developer_role", "price", "headers", "params"}
)


class OpenAIProvider:
    """Chat Completions over :class:`HttpPool`; ``developer`` messages become ``system``
    unless ``developer_role = "developer"`` (most local servers only know ``system``)."""

    kind = "openai"

    def __init__(self, model: str, options: Mapping[str, Any]) -> None:
        unknown = set(options) - _OPTIONS
        if unknown:
            raise ConfigError(
                f"unknown option(s) for an openai provider: {', '.join(sorted(unknown))}"
            )
        self.model = model
        self.base_url = str(
            options.get("base_url") or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        ).rstrip("/")
        key_env = str(options.get("api_key_env", "OPENAI_API_KEY"))
        key = os.environ.get(key_env)
        if not key and self.base_url == DEFAULT_BASE_URL:
            raise ConfigError(f"set {key_env} in the environment to call {self.base_url}")
        self._pool = HttpPool(self.base_url)
        self._headers = {"Content-Type": "application/json", "Accept-Encoding": "identity"}
        self._headers.update({str(k): str(v) for k, v in dict(options.get("headers", {})).items()})
        if key:
            self._headers["Authorization"] = f"Bearer {key}"
        self._developer_role = str(options.get("developer_role", "system"))
        self._price = _read_price(options.get("price"))
        self.default_params: dict[str, Any] = dict(options.get("params", {}))

    def __repr__(self) -> str:
        return f"OpenAIProvider(model={self.model!r}, base_url={self.base_url!r})"

    def identity(self) -> dict[str, str]:
        return {"provider": self.kind, "model": self.model, "base_url": self.base_url}

    def price(self) -> tuple[float, float] | None:
        return self._price

    def payload(self, request: Request) -> dict[str, Any]:
        messages = [
            {
                "role": self._developer_role if m.role == "developer" else m.role,
                "content": m.content,
            }
            for m in request.messages
        ]
        return {"model": self.model, "messages": messages, **self.default_params, **request.params}

    async def complete(self, request: Request) -> Completion:
        body = json.dumps(self.payload(request), ensure_ascii=False, separators=(",", ":"))
        started = time.monotonic()
        response = await self._pool.post("/chat/completions", body.encode(), self._headers)
        latency = time.monotonic() - started
        if response.status >= 400:
            raise _http_error(response.status, response.body, response.headers.get("retry-after"))
        return _parse_completion(response.body, latency)

    async def aclose(self) -> None:
        await self._pool.aclose()


def _read_price(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, Mapping) and {"input", "output"} <= set(value):
        try:
            return float(value["input"]), float(value["output"])
        except (TypeError, ValueError):
            pass
    raise ConfigError("price must be a table {input = USD per 1M tokens, output = ...}")


def _http_error(status: int, body: bytes, retry_after: str | None) -> ProviderError:
    detail = ""
    try:
        data = json.loads(body)
        error = data.get("error") if isinstance(data, dict) else None
        detail = str(error.get("message", "")) if isinstance(error, dict) else str(error or "")
    except (ValueError, UnicodeDecodeError):
        detail = body[:200].decode("utf-8", "replace")
    message = f"HTTP {status}" + (f": {detail[:300]}" if detail else "")
    return ProviderError(
        message,
        retryable=retryable_status(status),
        status=status,
        retry_after=parse_retry_after(retry_after),
    )


def _parse_completion(body: bytes, latency: float) -> Completion:
    try:
        data = json.loads(body)
        choice = data["choices"][0]
        text = choice["message"].get("content") or ""
        usage = data.get("usage") or {}
        if not isinstance(text, str) or not isinstance(usage, dict):
            raise TypeError("content or usage has the wrong type")
        return Completion(
            text=text,
            usage=Usage(usage.get("prompt_tokens"), usage.get("completion_tokens")),
            model=data.get("model") if isinstance(data.get("model"), str) else None,
            latency_s=latency,
            finish_reason=choice.get("finish_reason"),
        )
    except (ValueError, UnicodeDecodeError, KeyError, IndexError, TypeError, AttributeError) as exc:
        snippet = body[:120].decode("utf-8", "replace")
        raise ProviderError(
            f"malformed completion ({type(exc).__name__}): {snippet!r}", retryable=True
        ) from None


def create(model: str, options: Mapping[str, Any]) -> OpenAIProvider:
    return OpenAIProvider(model, options)
