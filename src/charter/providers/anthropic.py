"""``anthropic/<model>``: the Messages API through the official SDK (optional extra).

The SDK is imported when the provider is created, never at start-up; without it the
error names the extra to install. SDK exceptions become :class:`ProviderError`; retries
are the runner's job, so the SDK's own retries are switched off.

- **Base URL**: the table's ``base_url``, else ``ANTHROPIC_BASE_URL``, else the public API.
  Credentials in it are taken apart as for the openai provider: a lone ``token@`` is the
  API key, ``user:password@`` basic auth, query parameters are sent on every request.
- **Key**: ``ANTHROPIC_API_KEY`` (or ``api_key_env``), unless the URL carries one.
- **Roles**: see :mod:`charter.providers.anthropic_wire` — developer and system messages
  become the system prompt whatever ``developer_role`` says (the API has no developer
  role), tools travel as ``tool_use`` / ``tool_result`` blocks, and a conversation that
  does not open with a user turn gets a neutral opening user turn.
- Generation params the installed SDK's ``messages.create`` does not name (``seed``,
  ``reasoning_effort``, in some versions ``temperature``...) travel in the request body as
  given; ``stop`` is sent as ``stop_sequences``.
- Every error message, including the server's, is redacted of the provider's secrets.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from importlib import import_module
from typing import Any

from charter.config.keys import check_keys
from charter.config.providers import KEYS
from charter.errors import ConfigError, ProviderError
from charter.providers.anthropic_wire import (
    messages_payload,
    reply_parts,
    system_prompt,
    tools_payload,
)
from charter.providers.base import (
    DEFAULT_RETRY_AFTER_CAP,
    Completion,
    EndpointUnreachable,
    Request,
    Usage,
    masked,
    parse_retry_after,
    redacted,
    retryable_status,
)
from charter.providers.secrets import Redactor, split_url

EXTRA_HINT = "pip install 'charter-spec[anthropic]'"
DEFAULT_BASE_URL = "https://api.anthropic.com"


class AnthropicProvider:
    kind = "anthropic"

    def __init__(self, model: str, options: Mapping[str, Any]) -> None:
        check_keys("anthropic provider options", options, KEYS["anthropic"])
        self._sdk: Any = _import_sdk()
        self.model = model
        split = split_url(_base_url(options))
        key_env = str(options.get("api_key_env", "ANTHROPIC_API_KEY"))
        basic = split.basic_auth()
        key = split.token() or os.environ.get(key_env) or None
        if key is None and basic is None:
            raise ConfigError(f"set {key_env} in the environment to use anthropic/{model}")
        self._redactor = Redactor((key, *split.secrets, basic))
        self.base_url = split.shown()
        headers = {str(k): str(v) for k, v in dict(options.get("headers", {})).items()}
        if basic:
            headers["Authorization"] = basic
        self._client: Any = self._sdk.AsyncAnthropic(
            api_key=key or "none",
            base_url=split.url,
            max_retries=0,
            default_headers=headers or None,
            default_query=dict(split.query) or None,
        )
        self._retry_cap = float(options.get("retry_after_cap", DEFAULT_RETRY_AFTER_CAP))
        self._named = _named_arguments(self._client.messages.create)
        self.default_params: dict[str, Any] = {
            "max_tokens": 1024,
            **dict(options.get("params", {})),
        }

    def __repr__(self) -> str:
        return f"AnthropicProvider(model={self.model!r}, base_url={self.base_url!r})"

    def identity(self) -> dict[str, str]:
        """The endpoint and the configured generation params, for cache keys."""
        params = json.dumps(self.default_params, sort_keys=True)
        return {
            "provider": self.kind,
            "model": self.model,
            "base_url": self.base_url,
            "params": params,
        }

    def price(self) -> tuple[float, float] | None:
        return None

    def redact(self, text: str) -> str:
        return self._redactor.redact(text)

    def arguments(self, request: Request) -> dict[str, Any]:
        """The keyword arguments of ``messages.create`` for ``request``."""
        params = {**self.default_params, **request.params}
        params.pop("developer_role", None)  # no developer role here: always the system prompt
        if "stop" in params:
            stop = params.pop("stop")
            params["stop_sequences"] = [stop] if isinstance(stop, str) else list(stop)
        extra = {k: params.pop(k) for k in list(params) if k not in self._named}
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": messages_payload(request.messages),
            **params,
        }
        system = system_prompt(request.messages)
        if system:
            kwargs["system"] = system
        if request.tools:
            kwargs["tools"] = tools_payload(request.tools)
        if extra:
            kwargs["extra_body"] = extra
        return kwargs

    async def complete(self, request: Request) -> Completion:
        try:
            completion = await self._complete(request)
        except ProviderError as exc:
            raise redacted(exc, self._redactor.redact) from None
        return masked(completion, self._redactor.mask_values)

    async def _complete(self, request: Request) -> Completion:
        kwargs = self.arguments(request)
        started = time.monotonic()
        try:
            reply = await self._client.messages.create(**kwargs)
        except self._sdk.APIStatusError as exc:
            raise self._status_error(exc) from None
        except self._sdk.APIConnectionError as exc:
            raise EndpointUnreachable(f"cannot reach {self.base_url}: {exc}") from None
        except (self._sdk.AnthropicError, TypeError, ValueError) as exc:
            raise ProviderError(f"anthropic: {exc}"[:300], retryable=False) from None
        text, calls = reply_parts(reply.content)
        usage = Usage(reply.usage.input_tokens, reply.usage.output_tokens)
        latency = time.monotonic() - started
        return Completion(text, usage, reply.model, latency, reply.stop_reason, calls)

    def _status_error(self, exc: Any) -> ProviderError:
        status = int(exc.status_code)
        retry_after = parse_retry_after(exc.response.headers.get("retry-after"), self._retry_cap)
        return ProviderError(
            f"HTTP {status}: {exc.message}"[:300],
            retryable=retryable_status(status),
            status=status,
            retry_after=retry_after,
        )

    async def aclose(self) -> None:
        await self._client.close()


def _named_arguments(create: Any) -> frozenset[str]:
    """The keyword arguments this SDK version's ``messages.create`` names (versions differ:
    some take ``temperature``, some only in the body)."""
    import inspect

    try:
        names = inspect.signature(create).parameters
    except (TypeError, ValueError):
        return frozenset({"max_tokens", "stop_sequences"})
    return frozenset(names) - {"extra_body", "extra_headers", "extra_query", "timeout"}


def _import_sdk() -> Any:
    try:
        return import_module("anthropic")
    except ImportError:
        raise ConfigError(
            f"the anthropic provider needs the 'anthropic' package: {EXTRA_HINT}"
        ) from None


def _base_url(options: Mapping[str, Any]) -> str:
    if options.get("base_url"):
        return str(options["base_url"])
    value = os.environ.get("ANTHROPIC_BASE_URL")
    if value is not None and not value.strip():
        raise ConfigError("ANTHROPIC_BASE_URL is set but empty: unset it or give the server's URL")
    return value.strip() if value else DEFAULT_BASE_URL


def create(model: str, options: Mapping[str, Any]) -> AnthropicProvider:
    return AnthropicProvider(model, options)
