"""``anthropic/<model>``: the Messages API through the official SDK (optional extra).

The SDK is imported when the provider is created, never at start-up; without it the
error names the extra to install. ``ANTHROPIC_API_KEY`` (or ``api_key_env``) is read from
the environment. SDK exceptions are turned into :class:`ProviderError`; retries are the
runner's job, so the SDK's own retries are switched off.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from importlib import import_module
from typing import Any

from charter.errors import ConfigError, ProviderError
from charter.providers.base import (
    Completion,
    EndpointUnreachable,
    Request,
    Usage,
    parse_retry_after,
    retryable_status,
)

EXTRA_HINT = "pip install 'charter-spec[anthropic]'"


class AnthropicProvider:
    kind = "anthropic"

    def __init__(self, model: str, options: Mapping[str, Any]) -> None:
        try:
            anthropic: Any = import_module("anthropic")
        except ImportError:
            raise ConfigError(
                f"the anthropic provider needs the 'anthropic' package: {EXTRA_HINT}"
            ) from None
        self._sdk: Any = anthropic
        key_env = str(options.get("api_key_env", "ANTHROPIC_API_KEY"))
        if not os.environ.get(key_env):
            raise ConfigError(f"set {key_env} in the environment to use anthropic/{model}")
        self.model = model
        self.base_url = str(options.get("base_url") or "https://api.anthropic.com")
        self._client: Any = anthropic.AsyncAnthropic(
            api_key=os.environ[key_env], base_url=self.base_url, max_retries=0
        )
        self.default_params: dict[str, Any] = {
            "max_tokens": 1024,
            **dict(options.get("params", {})),
        }

    def identity(self) -> dict[str, str]:
        return {"provider": self.kind, "model": self.model, "base_url": self.base_url}

    def price(self) -> tuple[float, float] | None:
        return None

    async def complete(self, request: Request) -> Completion:
        system = "\n\n".join(
            m.content for m in request.messages if m.role in ("system", "developer")
        )
        messages = [m.to_dict() for m in request.messages if m.role in ("user", "assistant")]
        params = {**self.default_params, **request.params}
        if system:
            params["system"] = system
        started = time.monotonic()
        try:
            reply = await self._client.messages.create(
                model=self.model, messages=messages, **params
            )
        except self._sdk.APIStatusError as exc:
            status = int(exc.status_code)
            retry_after = parse_retry_after(exc.response.headers.get("retry-after"))
            raise ProviderError(
                f"HTTP {status}: {exc.message}"[:300],
                retryable=retryable_status(status),
                status=status,
                retry_after=retry_after,
            ) from None
        except self._sdk.APIConnectionError as exc:
            raise EndpointUnreachable(f"cannot reach {self.base_url}: {exc}") from None
        except self._sdk.AnthropicError as exc:
            raise ProviderError(f"anthropic: {exc}"[:300], retryable=False) from None
        text = "".join(getattr(block, "text", "") for block in reply.content)
        usage = Usage(reply.usage.input_tokens, reply.usage.output_tokens)
        return Completion(text, usage, reply.model, time.monotonic() - started, reply.stop_reason)

    async def aclose(self) -> None:
        await self._client.close()


def create(model: str, options: Mapping[str, Any]) -> AnthropicProvider:
    return AnthropicProvider(model, options)
