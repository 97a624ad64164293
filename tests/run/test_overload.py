"""A server that is genuinely over its capacity: it answers 429 (no ``Retry-After``) to
every request beyond ``CAPACITY`` in flight, so its 429s rise with concurrency. The
runner, allowed 16 in flight, must settle near the capacity (the limiter's cut sized by
the share of 429s), not keep hammering at 16, and still settle every case once."""

from __future__ import annotations

from pathlib import Path

from tests.run.conftest import run_profile
from tests.run.fault_server import FaultServer

CAPACITY, CLAUSES, PER = 4, 10, 40


class OverloadedServer(FaultServer):
    """429 to whatever arrives while ``CAPACITY`` requests are already in flight."""

    def __init__(self) -> None:
        super().__init__(latency=0.02)
        self.arrivals: list[int] = []  # requests in flight as each arrived (itself included)

    def _fault(self, prompt: str) -> str:
        self.arrivals.append(self.stats.in_flight)
        return "429-none" if self.stats.in_flight > CAPACITY else "ok"


def test_rising_429s_settle_the_runner_near_the_capacity(tmp_path: Path) -> None:
    with OverloadedServer() as server:
        _, store, results = run_profile(
            tmp_path,
            server.base_url,
            CLAUSES,
            PER,
            concurrency=16,
            retries=30,
            timeout=5,
            backoff_base=0.02,
            backoff_cap=0.2,
            cut_interval=0.1,
        )
    assert all(r.status == "passed" for r in results.values())
    first, last = server.arrivals[:60], server.arrivals[len(server.arrivals) // 2 :]
    assert sum(n > CAPACITY for n in first) > 20, "the server was not overloaded at first"
    # the second half: about the capacity in flight, a probe of one above it now and then
    assert sum(last) / len(last) < CAPACITY + 1, f"mean {sum(last) / len(last):.1f} in flight"
    rejected = sum(n > CAPACITY for n in last) / len(last)
    assert rejected < 1 / 3, f"{rejected:.0%} of the second half rejected"
    assert server.stats.max_in_flight <= 16
    assert store.count_calls("r1") == server.stats.requests
    store.close()
