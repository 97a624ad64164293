"""The one async protocol every model provider implements, and the values it exchanges.

A provider turns a :class:`Request` (chat messages plus output-affecting parameters) into
a :class:`Completion` (text, token usage, the model version that answered, latency). It
knows nothing of specs, retries, concurrency or caching — :mod:`charter.run` owns those.
Every failure leaves a provider as a :class:`~charter.errors.ProviderError` whose
``retryable`` flag says whether trying again may help; no SDK or socket exception leaks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, runtime_checkable

from charter.chat import ROLES as ROLES  # re-exported: the values live in charter.chat
from charter.chat import ChatMessage as ChatMessage
from charter.chat import ToolCall as ToolCall
from charter.chat import ToolSpec as ToolSpec
from charter.errors import ProviderError

DEFAULT_RETRY_AFTER_CAP = 60.0  # seconds; per provider: ``retry_after_cap``
# The neutral user turn put first where an API (or a chat template) requires a user turn
# and the conversation has none there (only developer input, or an assistant turn first).
OPENING_USER_TURN = "(no user message)"


@dataclass(frozen=True, slots=True)
class Request:
    """Messages and parameters (temperature, max_tokens, seed...) of one model call."""

    messages: tuple[ChatMessage, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    tools: tuple[ToolSpec, ...] = ()  # definitions of the tools the messages call


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    usage: Usage = Usage()
    model: str | None = None  # the model version that answered, as the API reports it
    latency_s: float = 0.0
    finish_reason: str | None = None
    tool_calls: tuple[ToolCall, ...] = ()  # the calls the model made in its reply, if any


@runtime_checkable
class Provider(Protocol):
    """A model endpoint. ``identity`` feeds cache keys; it must never contain a secret."""

    kind: str  # the provider type: "openai", "anthropic", "scripted", ...
    model: str

    def identity(self) -> dict[str, str]: ...

    def price(self) -> tuple[float, float] | None:
        """USD per million (input, output) tokens, when known."""
        ...

    async def complete(self, request: Request) -> Completion: ...

    async def aclose(self) -> None: ...


class EndpointUnreachable(ProviderError):
    """The endpoint could not be connected to at all (refused, no route, DNS failure)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=True)


class NotACompletion(ProviderError):
    """The endpoint answered 200 with something that is not a completion (a web page, an
    empty body, another API's JSON). Retryable: a proxy may have garbled one answer; an
    endpoint that never sent a completion is at the wrong address (the runner stops)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=True)


def parse_retry_after(value: str | None, cap: float = DEFAULT_RETRY_AFTER_CAP) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), at most ``cap``.

    A server asking for a day's pause (86,400) gets ``cap`` seconds: the runner's own
    backoff and retry budget take over from there. Non-finite or unreadable values are None.
    """
    if not value:
        return None
    value = value.strip()
    seconds: float | None
    try:
        seconds = float(value)
    except ValueError:
        seconds = _http_date_delay(value)
    if seconds is None or math.isnan(seconds):
        return None
    return min(max(0.0, seconds), cap)


def _http_date_delay(value: str) -> float | None:
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    import time

    return when.timestamp() - time.time()


def masked(completion: Completion, mask: Callable[[str], str]) -> Completion:
    """``completion`` with ``mask`` applied to its text and tool-call arguments (the same
    object when nothing changed)."""
    text = mask(completion.text)
    calls = tuple(replace(c, arguments=mask(c.arguments)) for c in completion.tool_calls)
    if text == completion.text and calls == completion.tool_calls:
        return completion
    return replace(completion, text=text, tool_calls=calls)


def redacted(exc: ProviderError, redact: Callable[[str], str]) -> ProviderError:
    """A copy of ``exc`` (same class, flags, status) whose message went through ``redact``."""
    copy = ProviderError.__new__(type(exc))
    ProviderError.__init__(
        copy,
        redact(str(exc)),
        retryable=exc.retryable,
        status=exc.status,
        retry_after=exc.retry_after,
    )
    return copy


def refused_status(status: int | None) -> bool:
    """The endpoint refuses every request alike: the key (401, 403) or the model or path
    (404) is wrong, or it redirects (3xx: the base URL is not where it serves; redirects
    are not followed, a POST must not change address silently). No other request to it
    can succeed, so a run stops at the first."""
    return status is not None and (300 <= status < 400 or status in (401, 403, 404))


def retryable_status(status: int) -> bool:
    """Rate limits, timeouts and server-side failures may succeed when tried again."""
    return status in (408, 409, 425, 429) or status >= 500
