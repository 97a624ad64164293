"""An adaptive concurrency limit for one provider and role (model under test, judge).

Additive increase, multiplicative decrease: a 429 halves the limit (once per burst, not
once per rejected request of the same burst) and pauses new requests until its
``Retry-After`` has passed; then every ``limit`` successes in a row raise it by one, back
up to the ceiling the user asked for. Acquiring a free slot does not yield to the loop,
so the limiter costs next to nothing when the endpoint keeps up.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque


class AdaptiveLimiter:
    def __init__(self, ceiling: int, *, cut_interval: float = 1.0) -> None:
        if ceiling < 1:
            raise ValueError("concurrency must be at least 1")
        self.ceiling = ceiling
        self.limit = ceiling
        self.in_flight = 0
        self.peak = 0
        self.rate_limited = 0
        self._cut_interval = cut_interval
        self._last_cut = -1e9
        self._paused_until = 0.0
        self._successes = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> None:
        while True:
            wait = self._paused_until - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            if self.in_flight < self.limit and not self._waiters:
                break
            future = asyncio.get_running_loop().create_future()
            self._waiters.append(future)
            try:
                await future
            except asyncio.CancelledError:
                if future in self._waiters:
                    self._waiters.remove(future)
                self._wake()  # pass on a wake-up this waiter may have consumed
                raise
            if self.in_flight < self.limit and time.monotonic() >= self._paused_until:
                break
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)

    def release(self) -> None:
        self.in_flight -= 1
        self._wake()

    def _wake(self) -> None:
        free = self.limit - self.in_flight
        while free > 0 and self._waiters:
            future = self._waiters.popleft()
            if not future.done():
                future.set_result(None)
                free -= 1

    def on_success(self) -> None:
        if self.limit >= self.ceiling:
            return
        self._successes += 1
        if self._successes >= self.limit:
            self.limit += 1
            self._successes = 0
            self._wake()

    def on_rate_limit(self, retry_after: float | None) -> None:
        now = time.monotonic()
        self.rate_limited += 1
        self._successes = 0
        if now - self._last_cut >= self._cut_interval:
            self.limit = max(1, self.limit // 2)
            self._last_cut = now
        if retry_after:
            self._paused_until = max(self._paused_until, now + retry_after)
