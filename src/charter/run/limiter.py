"""An adaptive concurrency limit for one provider and role (model under test, judge).

Additive increase, multiplicative decrease, with the cut sized by the evidence: at most
one cut per ``cut_interval``, and that cut keeps the share of requests that got through,
``1 - α`` of the limit (never less than half, always at least one less), where α is the
share of answers that were 429s over this interval and the one before it (since the last
cut at the most). A server over its capacity, rejecting what goes beyond it, is cut
near that capacity at once; scattered 429s that do not depend on load (10 % of answers)
cost a cut of 10 % once a second, so the runner does not sit far below the concurrency
the user asked for while they keep coming (halving on each burst left it at about 60 %
of it in the soak benchmark). Every ``limit`` successes raise the limit by one, up to
the ceiling, but by at most a quarter (one at the least) per ``cut_interval``, so it
never grows faster than a cut can correct it and settles where the 429s begin (a 429
does not restart the count, or scattered 429s would pin the limit low for good).
``Retry-After`` is always honoured by the request that received it (the caller waits at
least that long before retrying it, without holding a slot); it pauses *every* new
request only once the limit is at its floor of one — cutting is the first answer to a
rate limit, a full stop the last, so scattered 429s from a busy server do not stall a
whole run. Acquiring a free slot does not yield to the loop, so the limiter costs next
to nothing when the endpoint keeps up.

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
        self._successes = 0  # since the last cut or raise: counts toward the next +1
        self._grow_from, self._grow_from_at = ceiling, clock()  # see _may_grow
        self._window = clock()  # start of the current interval α is measured over
        self._answered = [0, 0]  # answers (successes and 429s): last interval, this one
        self._rejected = [0, 0]  # 429s: last interval, this one
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
        self._count(rejected=False)
        if self.limit >= self.ceiling:
            return
        self._successes += 1
        if self._successes >= self.limit and self._may_grow():
            self.limit += 1
            self._successes = 0
            self._dispatch()

    def on_rate_limit(self, retry_after: float | None) -> None:
        now = self._clock()
        self.rate_limited += 1
        at_floor = self.limit <= 1
        self._count(rejected=True, now=now)
        if now - self._last_cut >= self._cut_interval:
            self._cut(now)
        if at_floor and retry_after and retry_after > 0:
            self._paused_until = max(self._paused_until, now + retry_after)
        self._dispatch()

    # internals --------------------------------------------------------------------

    def _cut(self, now: float) -> None:
        """Keep the share that got through, ``1 - α`` of the limit, but at least half of
        it (one less at the least, never below one)."""
        alpha = sum(self._rejected) / sum(self._answered)
        cut = min(self.limit - 1, int(self.limit * max(0.5, 1 - alpha)))
        self.limit = max(1, cut)
        self._last_cut = self._window = self._grow_from_at = now
        self._grow_from = self.limit
        self._answered, self._rejected = [0, 0], [0, 0]  # the next cut sees only what follows
        self._successes = 0  # growth restarts from the cut, not from every 429

    def _may_grow(self) -> bool:
        """At most a quarter more (one at the least) per ``cut_interval``: the limit never
        grows faster than a cut can correct it, so it settles where 429s begin."""
        now = self._clock()
        if now - self._grow_from_at >= self._cut_interval:
            self._grow_from, self._grow_from_at = self.limit, now
        return self.limit < self._grow_from + max(1, self._grow_from // 4)

    def _count(self, *, rejected: bool, now: float | None = None) -> None:
        """Count an answer toward α, over this interval and the one before it."""
        now = self._clock() if now is None else now
        if now - self._window >= self._cut_interval:
            recent = now - self._window < 2 * self._cut_interval
            self._answered = [self._answered[1] if recent else 0, 0]
            self._rejected = [self._rejected[1] if recent else 0, 0]
            self._window = now
        self._answered[1] += 1
        self._rejected[1] += rejected

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
