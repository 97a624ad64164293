"""The limiter's invariants (see ``charter.run.limiter``), tested directly: the 429 deadlock
of issue 10 as a fixed scenario, then a hypothesis state machine over acquire, release,
success, 429 with and without Retry-After, cancellation and the passing of time."""

from __future__ import annotations

import asyncio

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from charter.run.limiter import AdaptiveLimiter


def test_waiters_woken_during_a_pause_are_not_stranded() -> None:
    """Four in flight, three waiting; a 429 cuts the limit and pauses; every holder then
    releases. The old limiter woke one waiter, which slept through the pause and queued
    again behind the two others with nothing in flight to wake anyone: a hang."""
    limiter = AdaptiveLimiter(4, cut_interval=0)

    async def go() -> None:
        for _ in range(4):
            await limiter.acquire()
        waiters = [asyncio.ensure_future(limiter.acquire()) for _ in range(3)]
        await asyncio.sleep(0)
        for _ in range(3):  # 4 -> 2 -> 1, then a pause at the floor
            limiter.on_rate_limit(0.05)
        assert limiter.paused_for() > 0
        for _ in range(4):
            limiter.release()
        for waiter in waiters:
            await asyncio.wait_for(waiter, 2)
            limiter.release()

    asyncio.run(go())
    assert limiter.in_flight == 0 and limiter.limit == 1


def test_zero_retry_after_does_not_pause() -> None:
    limiter = AdaptiveLimiter(2)
    limiter.on_rate_limit(0)
    assert limiter.paused_for() == 0 and limiter.limit == 1


def test_release_without_acquire_is_a_bug_not_a_negative_count() -> None:
    import pytest

    with pytest.raises(RuntimeError):
        AdaptiveLimiter(1).release()


class ManualClockLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock moves only when the test says so: timers fire
    deterministically, so hypothesis sees the same run for the same steps."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 1000.0

    def time(self) -> float:
        return self.now


class LimiterMachine(RuleBasedStateMachine):
    """Drives one limiter on a private loop with a manual clock."""

    cut_interval = 0.0  # every 429 may cut; growth is never held back

    def __init__(self) -> None:
        super().__init__()
        self.loop = ManualClockLoop()
        self.limiter = AdaptiveLimiter(4, cut_interval=self.cut_interval, clock=self.loop.time)
        self.tasks: list[asyncio.Task[None]] = []
        self.released_tasks: set[int] = set()

    def _settle(self, seconds: float = 0.0) -> None:
        self.loop.now += seconds
        for _ in range(3):
            self.loop.run_until_complete(asyncio.sleep(0))

    def _granted(self) -> list[asyncio.Task[None]]:
        return [
            t
            for t in self.tasks
            if t.done() and not t.cancelled() and id(t) not in self.released_tasks
        ]

    def _waiting(self) -> list[asyncio.Task[None]]:
        return [t for t in self.tasks if not t.done()]

    @rule(n=st.integers(1, 3))
    def acquire(self, n: int) -> None:
        for _ in range(n):
            self.tasks.append(self.loop.create_task(self.limiter.acquire()))
        self._settle()

    @precondition(lambda self: bool(self._granted()))
    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        task = data.draw(st.sampled_from(self._granted()))
        self.released_tasks.add(id(task))
        self.limiter.release()
        self._settle()

    @rule()
    def succeed(self) -> None:
        self.limiter.on_success()
        self._settle()

    @rule(retry_after=st.sampled_from([None, 0.0, 0.001, 0.01, 0.03]))
    def rate_limited(self, retry_after: float | None) -> None:
        self.limiter.on_rate_limit(retry_after)
        self._settle()

    @precondition(lambda self: bool(self._waiting()))
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        task = data.draw(st.sampled_from(self._waiting()))
        task.cancel()
        self._settle()

    @rule(seconds=st.sampled_from([0.0, 0.005, 0.02]))
    def wait(self, seconds: float) -> None:
        self._settle(seconds)

    @invariant()
    def counts_agree(self) -> None:
        assert self.limiter.in_flight == len(self._granted())
        assert 1 <= self.limiter.limit <= self.limiter.ceiling

    @invariant()
    def nobody_waits_past_a_free_slot(self) -> None:
        limiter = self.limiter
        if self._waiting() and limiter.paused_for() == 0:
            self._settle()  # a timer that is due fires now
            if self._waiting():
                assert limiter.in_flight >= limiter.limit

    def teardown(self) -> None:
        """Liveness: releasing every slot lets every waiter through, pause or not."""
        try:
            for _ in range(200):
                granted = self._granted()
                if not granted and not self._waiting():
                    break
                for task in granted:
                    self.released_tasks.add(id(task))
                    self.limiter.release()
                self._settle(0.01)
            assert not self._waiting(), "a waiter was stranded"
            assert self.limiter.in_flight == 0
        finally:
            self.loop.close()


class SpacedCutsMachine(LimiterMachine):
    """The same with cuts at most every 10 ms of the manual clock, and growth held to a
    quarter per interval: the measured share of 429s and the growth cap come into play."""

    cut_interval = 0.01


LimiterMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
SpacedCutsMachine.TestCase.settings = LimiterMachine.TestCase.settings
TestLimiterMachine = LimiterMachine.TestCase
TestSpacedCutsMachine = SpacedCutsMachine.TestCase
