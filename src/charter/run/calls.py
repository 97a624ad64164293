"""The one model-call path: retries, limits, timeouts, recording and cost of every call.

The runner (model under test and judge), ``charter regrade`` and ``charter calibrate``
all call models through a :class:`ModelCaller`, so they retry, back off, honour
``Retry-After``, time out and record calls the same way:

- each attempt waits for a slot of the caller's :class:`AdaptiveLimiter` and has
  ``timeout`` seconds; a provider's unexpected exception becomes a non-retryable
  :class:`ProviderError` (a plugin's bug must not lose a case);
- a retryable failure is retried up to ``retries`` times: after its ``Retry-After``
  when the server gave a positive one (capped at ``retry_after_cap``), otherwise after a
  jittered exponential backoff. The backoff grows with how long the *endpoint* has
  answered nobody since this call began, not with the call's attempts: it waits about as
  long as that (at least ``backoff_base``, at most ``backoff_cap``, jittered by ×0.5–1).
  An endpoint that is down fails every call, so the waits double as before; when other
  calls keep succeeding the failure was this request's bad luck (a load-independent 500
  or dropped connection) and it costs one short wait, not seconds at the end of a run.
  Slowing down for a busy server is the limiter's job (429s cut it), not the backoff's;
- every attempt, failed ones included, is a :class:`CallRecord` (role, attempt, request
  hash, status, error made storable, tokens, latency, cost at the provider's price);
- a call that fails for good raises :class:`Attempted`: a :class:`ProviderError` with
  the last error's fields, the calls made on the way, and whether the endpoint answered
  any other call meanwhile (if not, and it could not be connected to, it is down).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from charter.errors import ProviderError
from charter.providers.base import Completion, Provider, Request
from charter.run.limiter import AdaptiveLimiter
from charter.store.records import CallRecord
from charter.store.text import storable


@dataclass(frozen=True, slots=True)
class CallPolicy:
    concurrency: int = 8
    retries: int = 4
    timeout: float = 120.0
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    retry_after_cap: float = 120.0
    cut_interval: float = 1.0  # the limiter's: at most one cut per this many seconds


class Attempted(ProviderError):
    """A call that failed for good, with the calls made on the way."""

    def __init__(
        self, error: ProviderError, calls: list[CallRecord], *, answered_meanwhile: bool = False
    ) -> None:
        super().__init__(
            str(error),
            retryable=error.retryable,
            status=error.status,
            retry_after=error.retry_after,
        )
        self.error = error
        self.calls = calls
        self.answered_meanwhile = answered_meanwhile  # the endpoint answered another call


class Stopped(Exception):
    """Raised to a call about to start after its caller began to stop."""


def cost_of(completion: Completion, price: tuple[float, float] | None) -> float | None:
    """USD for a completion at ``price`` (per million input, output tokens); None unpriced."""
    if price is None:
        return None
    usage = completion.usage
    return ((usage.input_tokens or 0) * price[0] + (usage.output_tokens or 0) * price[1]) / 1e6


class ModelCaller:
    """Calls to one provider in one role under one adaptive limit; see the module docstring."""

    def __init__(
        self,
        provider: Provider,
        policy: CallPolicy,
        role: str = "model",
        *,
        stopping: Callable[[], bool] | None = None,
    ) -> None:
        self.provider, self.policy, self.role = provider, policy, role
        self.limiter = AdaptiveLimiter(policy.concurrency, cut_interval=policy.cut_interval)
        self.price = provider.price()
        self.reached = False  # some call was answered
        self.calls = 0
        self.retries = 0
        self._answered_at = float("-inf")  # the endpoint's last success: see _backoff
        self._stopping = stopping

    async def call(self, request: Request, key: str = "") -> tuple[Completion, list[CallRecord]]:
        calls: list[CallRecord] = []
        started = time.monotonic()
        for attempt in range(1, self.policy.retries + 2):
            await self.limiter.acquire()
            if self._stopping is not None and self._stopping():
                self.limiter.release()
                raise Stopped
            try:
                completion = await self._attempt(request)
            except ProviderError as error:
                calls.append(
                    CallRecord(self.role, attempt, key, error.status, storable(str(error)))
                )
                retry_after = self._retry_after(error)
                if error.status == 429:
                    self.limiter.on_rate_limit(retry_after)
                if not error.retryable or attempt > self.policy.retries:
                    meanwhile = self._answered_at >= started
                    raise Attempted(error, calls, answered_meanwhile=meanwhile) from None
                self.retries += 1
            else:
                self._answered_at = time.monotonic()
                self.reached = True
                self.limiter.on_success()
                calls.append(self._record(attempt, key, completion))
                return completion, calls
            finally:
                self.limiter.release()
                self.calls += 1
            await asyncio.sleep(self._backoff(retry_after, started))
        raise AssertionError("unreachable")

    async def __call__(self, request: Request) -> Completion:
        """The completion alone (a :data:`charter.grade.ModelCall`); a call that failed for
        good raises its last error as it was (an ``EndpointUnreachable`` stays one)."""
        try:
            completion, _ = await self.call(request)
        except Attempted as failed:
            raise failed.error from None
        return completion

    def _record(self, attempt: int, key: str, completion: Completion) -> CallRecord:
        usage = completion.usage
        return CallRecord(
            self.role,
            attempt,
            key,
            200,
            None,
            completion.model,
            usage.input_tokens,
            usage.output_tokens,
            completion.latency_s,
            cost_of(completion, self.price),
        )

    async def _attempt(self, request: Request) -> Completion:
        try:
            async with asyncio.timeout(self.policy.timeout):
                return await self.provider.complete(request)
        except TimeoutError:
            raise ProviderError(
                f"no answer within {self.policy.timeout:g} s", retryable=True
            ) from None
        except ProviderError:
            raise
        except Exception as exc:  # a provider plugin's bug must not lose the case
            raise ProviderError(f"provider failed: {type(exc).__name__}: {exc}") from None

    def _retry_after(self, error: ProviderError) -> float | None:
        if error.retry_after is None:
            return None
        return max(0.0, min(error.retry_after, self.policy.retry_after_cap))

    def _backoff(self, retry_after: float | None, started: float) -> float:
        """The server's ``Retry-After`` when it gave one (it said when; up to 10 % later,
        so the requests it turned away together do not all return at once); otherwise
        about as long as the endpoint has answered nobody since this call ``started``
        (see the module docstring)."""
        if retry_after:
            return retry_after * random.uniform(1.0, 1.1)
        down_for = time.monotonic() - max(self._answered_at, started)
        delay = min(self.policy.backoff_cap, max(self.policy.backoff_base, down_for))
        return delay * random.uniform(0.5, 1.0)
