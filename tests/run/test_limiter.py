"""The adaptive limit: halves on 429 (once per burst), pauses for Retry-After, grows back."""

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
