"""``openai/<model>``: any OpenAI-compatible Chat Completions endpoint.

OpenAI itself, vLLM, Ollama, llama.cpp, LM Studio, OpenRouter... (the local ones also by
shorthand: ``ollama/<model>`` etc., see :mod:`charter.providers.registry`).

- **Base URL**: the table's ``base_url``, else ``OPENAI_BASE_URL``, else ``OPENAI_API_BASE``
  (the older name, honoured as an alias; both set to different values is an error), else
  OpenAI's public endpoint — but only for the ``openai`` provider itself: a named table
  (``[providers.local] type = "openai"``) without a base URL is an error, never a silent
  call to the public endpoint. An environment variable set to an empty string is an error.
- **Keys** are read from the environment only (``api_key_env``, default
  ``OPENAI_API_KEY``). Credentials in the base URL are taken apart
  (:mod:`charter.providers.secrets`): ``user:password@`` becomes basic auth, a lone
  ``token@`` a bearer key (either wins over the environment's key), query parameters are
  sent with every request. No secret appears in :meth:`identity`, ``repr`` or any error:
  every :class:`ProviderError` message, including text the server sent back, is redacted.
- **Roles**: ``developer`` messages go out as ``developer`` unless ``developer_role =
  "system"`` (an option, a run override, or ``developer_role`` in the request params);
  tool calls and outputs as native ``tool_calls`` / ``tool`` messages with ``tools``.
- **Retry-After** is capped at ``retry_after_cap`` seconds (default 60).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from typing import Any

from charter.config.keys import check_keys
from charter.config.providers import KEYS
from charter.errors import ConfigError, ProviderError
from charter.providers.base import (
    DEFAULT_RETRY_AFTER_CAP,
    OPENING_USER_TURN,
    Completion,
    Request,
    masked,
    parse_retry_after,
    redacted,
    retryable_status,
)
from charter.providers.http import HttpPool
from charter.providers.openai_wire import (
    error_detail,
    messages_payload,
    parse_completion,
    tools_payload,
)
from charter.providers.secrets import Redactor, split_url

DEFAULT_BASE_URL = "https://api.openai.com/v1"
_ENV_URLS = ("OPENAI_BASE_URL", "OPENAI_API_BASE")


class OpenAIProvider:
    """Chat Completions over :class:`HttpPool`; see the module docstring."""

    kind = "openai"

    def __init__(self, model: str, options: Mapping[str, Any]) -> None:
        check_keys("openai provider options", options, KEYS["openai"])
        self.model = model
        split = split_url(_base_url(options))
        key_env = str(options.get("api_key_env", "OPENAI_API_KEY"))
        key = os.environ.get(key_env) or None
        auth = split.basic_auth() or _bearer(split.token() or key)
        if auth is None and split.url == DEFAULT_BASE_URL:
            raise ConfigError(f"set {key_env} in the environment to call {split.url}")
        self._redactor = Redactor((key, *split.secrets, auth))
        self.base_url = split.shown()
        self._pool = HttpPool(split.url)
        self._path = "/chat/completions" + (f"?{split.query_string}" if split.query else "")
        self._headers = {"Content-Type": "application/json", "Accept-Encoding": "identity"}
        self._headers.update({str(k): str(v) for k, v in dict(options.get("headers", {})).items()})
        if auth:
            self._headers["Authorization"] = auth
        self._developer_role = str(options.get("developer_role", "developer"))
        self._opening = OPENING_USER_TURN if options.get("opening_user_turn") else None
        self._retry_cap = float(options.get("retry_after_cap", DEFAULT_RETRY_AFTER_CAP))
        self._price = _read_price(options.get("price"))
        self.default_params: dict[str, Any] = dict(options.get("params", {}))

    def __repr__(self) -> str:
        return f"OpenAIProvider(model={self.model!r}, base_url={self.base_url!r})"

    def identity(self) -> dict[str, str]:
        """What decides the answer, for cache keys: the endpoint, the role developer
        messages travel as, and the configured generation params (when there are any)."""
        out = {"provider": self.kind, "model": self.model, "base_url": self.base_url}
        out["developer_role"] = self._developer_role
        if self._opening:
            out["opening_user_turn"] = "true"
        if self.default_params:
            out["params"] = json.dumps(self.default_params, sort_keys=True)
        return out

    def price(self) -> tuple[float, float] | None:
        return self._price

    def redact(self, text: str) -> str:
        """``text`` with this provider's secrets (and any credential-looking text) masked."""
        return self._redactor.redact(text)

    def payload(self, request: Request) -> dict[str, Any]:
        params = {**self.default_params, **request.params}
        role = str(params.pop("developer_role", self._developer_role))
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages_payload(request.messages, role, self._opening),
        }
        if request.tools:
            body["tools"] = tools_payload(request.tools)
        return {**body, **params}

    async def complete(self, request: Request) -> Completion:
        try:
            completion = await self._complete(request)
        except ProviderError as exc:
            raise redacted(exc, self._redactor.redact) from None
        return masked(completion, self._redactor.mask_values)

    async def _complete(self, request: Request) -> Completion:
        # ASCII JSON: a lone surrogate travels as a \u escape instead of failing to encode
        body = json.dumps(self.payload(request), separators=(",", ":"))
        started = time.monotonic()
        response = await self._pool.post(self._path, body.encode("ascii"), self._headers)
        latency = time.monotonic() - started
        if 300 <= response.status < 400:
            where = response.headers.get("location") or "no Location given"
            raise ProviderError(
                f"HTTP {response.status}: the endpoint redirects to {where}; redirects are "
                "not followed: set the base URL to the address that answers",
                status=response.status,
            )
        if response.status >= 400:
            detail = error_detail(response.body)
            raise ProviderError(
                f"HTTP {response.status}" + (f": {detail}" if detail else ""),
                retryable=retryable_status(response.status),
                status=response.status,
                retry_after=parse_retry_after(response.headers.get("retry-after"), self._retry_cap),
            )
        return parse_completion(response.body, latency)

    async def aclose(self) -> None:
        await self._pool.aclose()


def _bearer(token: str | None) -> str | None:
    return f"Bearer {token}" if token else None


def _base_url(options: Mapping[str, Any]) -> str:
    if options.get("base_url"):
        return str(options["base_url"])
    found = {name: os.environ[name] for name in _ENV_URLS if name in os.environ}
    for name, value in found.items():
        if not value.strip():
            raise ConfigError(f"{name} is set but empty: unset it or give the server's URL")
    values = {value.strip().rstrip("/") for value in found.values()}
    if len(values) > 1:
        raise ConfigError(
            "OPENAI_BASE_URL and OPENAI_API_BASE disagree; unset one (OPENAI_API_BASE is "
            "the older name of the same setting)"
        )
    if values:
        return values.pop()
    if "type" in options:  # a named [providers.NAME] table, not plain openai/<model>
        raise ConfigError(
            "this [providers.NAME] table has no base_url: set base_url (for OpenAI itself, "
            f'base_url = "{DEFAULT_BASE_URL}"), so no prompt goes to a public endpoint by mistake'
        )
    return DEFAULT_BASE_URL


def _read_price(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, Mapping) and {"input", "output"} <= set(value):
        try:
            return float(value["input"]), float(value["output"])
        except (TypeError, ValueError):
            pass
    raise ConfigError("price must be a table {input = USD per 1M tokens, output = ...}")


def create(model: str, options: Mapping[str, Any]) -> OpenAIProvider:
    return OpenAIProvider(model, options)
