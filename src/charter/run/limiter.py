"""An adaptive concurrency limit for one provider and role (model under test, judge).

Additive increase, multiplicative decrease: a 429 halves the limit (once per burst, not
once per rejected request of the same burst); every ``limit`` successes since the last
cut raise it by one, back up to the ceiling the user asked for (a 429 of the same burst
does not restart the count, or scattered 429s would pin the limit low for good).
``Retry-After`` is always honoured by the request that received it (the runner waits at
least that long before retrying it); it pauses *every* new request only once the limit is
at its floor of one — halving is the first answer to a rate limit, a full stop the last,
so scattered 429s from a busy server do not stall a whole run. Acquiring a free slot
does not yield to the loop, so the limiter costs next to nothing when the endpoint keeps
up.

Invariants (tested directly in ``tests/run/test_limiter_invariants.py``):

1. ``0 <= in_flight``; ``1 <= limit <= ceiling``.
2. A slot is only *granted* while ``in_flight < limit`` and no pause is running, so
   ``in_flight <= limit`` holds right after every grant (a cut may leave more in flight
   than the new limit; they drain before anyone else starts).
3. Waiters are served first come, first served, and a free slot is never taken past a
   waiter.
4. No waiter sleeps forever: whenever waiters exist, either a slot is in flight (its
   release dispatches) or a pause is running and a timer is armed to dispatch when it
   ends. A waiter is handed its slot by the dispatcher (``in_flight`` is counted for it
   before it wakes), so there is no window in which a woken waiter finds its slot gone
   and queues again with nobody left to wake it — the 429 deadlock of issue 10.
5. A waiter cancelled after it was granted gives its slot back; one cancelled before is
   removed from the queue.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable


class AdaptiveLimiter:
    def __init__(
        self,
        ceiling: int,
        *,
        cut_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
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
        self._timer: asyncio.TimerHandle | None = None
        self._clock = clock  # the loop's clock in tests that drive time by hand

    @property
    def waiting(self) -> int:
        return sum(1 for f in self._waiters if not f.done())

    def paused_for(self) -> float:
        """Seconds left of the current pause (0 when none is running)."""
        return max(0.0, self._paused_until - self._clock())

    async def acquire(self) -> None:
        if not self._waiters and self._free():
            self._take()
            return
        future = asyncio.get_running_loop().create_future()
        self._waiters.append(future)
        self._dispatch()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # granted, then cancelled: give the slot back
            elif future in self._waiters:
                self._waiters.remove(future)
            raise

    def release(self) -> None:
        if self.in_flight <= 0:
            raise RuntimeError("release() without a matching acquire()")
        self.in_flight -= 1
        self._dispatch()

    def on_success(self) -> None:
        if self.limit >= self.ceiling:
            return
        self._successes += 1
        if self._successes >= self.limit:
            self.limit += 1
            self._successes = 0
            self._dispatch()

    def on_rate_limit(self, retry_after: float | None) -> None:
        now = self._clock()
        self.rate_limited += 1
        at_floor = self.limit <= 1
        if now - self._last_cut >= self._cut_interval:
            self.limit = max(1, self.limit // 2)
            self._last_cut = now
            self._successes = 0  # growth restarts from the cut, not from every 429
        if at_floor and retry_after and retry_after > 0:
            self._paused_until = max(self._paused_until, now + retry_after)
        self._dispatch()

    # internals --------------------------------------------------------------------

    def _free(self) -> bool:
        return self.in_flight < self.limit and self._clock() >= self._paused_until

    def _take(self) -> None:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)

    def _dispatch(self) -> None:
        """Hand free slots to waiters in order, or arm a timer for the pause's end."""
        while self._waiters and self._waiters[0].done():
            self._waiters.popleft()  # cancelled waiters
        if not self._waiters:
            return
        left = self.paused_for()
        if left > 0:
            self._arm(left)
            return
        while self._waiters and self.in_flight < self.limit:
            future = self._waiters.popleft()
            if not future.done():
                self._take()
                future.set_result(None)

    def _arm(self, delay: float) -> None:
        """One timer at a time: pauses only grow, so an armed timer fires no later than
        the pause's end, and on firing it dispatches or arms again."""
        if self._timer is None:
            loop = self._waiters[0].get_loop()  # the waiters' loop, running or not
            self._timer = loop.call_later(delay, self._fired)

    def _fired(self) -> None:
        self._timer = None
        self._dispatch()
