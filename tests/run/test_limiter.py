"""The adaptive limit: cut to the share that got through (at most halved, once per interval), pauses for Retry-After at the floor, grows back by at most a quarter per interval."""

from __future__ import annotations

import asyncio
import time

from charter.run.limiter import AdaptiveLimiter


def test_halves_once_per_burst_and_grows_back_slowly() -> None:
    limiter = AdaptiveLimiter(16, cut_interval=10)
    limiter.on_rate_limit(None)
    limiter.on_rate_limit(None)  # same burst: no second cut
    assert limiter.limit == 8
    for _ in range(7):
        limiter.on_success()
    assert limiter.limit == 8
    limiter.on_success()  # 8 successes in a row: +1
    assert limiter.limit == 9


def test_never_more_in_flight_than_the_limit() -> None:
    limiter = AdaptiveLimiter(4)

    async def worker() -> None:
        for _ in range(5):
            await limiter.acquire()
            try:
                assert limiter.in_flight <= limiter.limit
                await asyncio.sleep(0.001)
            finally:
                limiter.release()

    async def go() -> None:
        await asyncio.gather(*(worker() for _ in range(20)))

    asyncio.run(go())
    assert limiter.peak == 4 and limiter.in_flight == 0


def test_retry_after_pauses_new_requests_once_the_limit_is_at_its_floor() -> None:
    limiter = AdaptiveLimiter(4, cut_interval=0)
    limiter.on_rate_limit(0.2)  # 4 -> 2: no pause yet
    assert limiter.paused_for() == 0
    limiter.on_rate_limit(0.2)  # 2 -> 1
    assert limiter.paused_for() == 0 and limiter.limit == 1

    async def go() -> float:
        limiter.on_rate_limit(0.2)  # at the floor: everyone waits
        started = time.monotonic()
        await limiter.acquire()
        limiter.release()
        return time.monotonic() - started

    assert asyncio.run(go()) >= 0.19


def test_cancelled_waiter_does_not_leak_a_slot() -> None:
    limiter = AdaptiveLimiter(1)

    async def go() -> None:
        await limiter.acquire()
        waiter = asyncio.ensure_future(limiter.acquire())
        await asyncio.sleep(0)
        waiter.cancel()
        await asyncio.gather(waiter, return_exceptions=True)
        limiter.release()
        await asyncio.wait_for(limiter.acquire(), 1)
        limiter.release()

    asyncio.run(go())
    assert limiter.in_flight == 0


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_cut_keeps_the_share_that_got_through() -> None:
    clock = Clock()
    limiter = AdaptiveLimiter(32, cut_interval=1.0, clock=clock)
    clock.now += 1.0
    for _ in range(9):  # scattered: one answer in ten is a 429
        limiter.on_success()
    limiter.on_rate_limit(None)
    assert limiter.limit == 28  # 32 × 0.9, not halved
    clock.now += 0.5
    for _ in range(2):  # most answers are 429s (counted, no cut within the interval)
        limiter.on_success()
    for _ in range(8):
        limiter.on_rate_limit(None)
    assert limiter.limit == 28
    clock.now += 0.5
    limiter.on_rate_limit(None)  # 9 of 11 answers since the cut: at most halved
    assert limiter.limit == 14


def test_growth_is_at_most_a_quarter_per_interval() -> None:
    clock = Clock()
    limiter = AdaptiveLimiter(64, cut_interval=1.0, clock=clock)
    limiter.on_rate_limit(None)  # only 429s so far: halved to 32
    assert limiter.limit == 32
    for _ in range(2000):  # plenty of successes within the same interval
        limiter.on_success()
    assert limiter.limit == 40  # 32 + 32 // 4
    clock.now += 1.0
    for _ in range(2000):
        limiter.on_success()
    assert limiter.limit == 50  # 40 + 40 // 4
