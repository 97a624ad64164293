"""Issue 10's 429 profile against the shared stub: a few hundred cases, 5 % HTTP 429 with
``Retry-After: 1``. The old limiter hung here (``0 in flight (limit 3)`` forever); now
every case settles exactly once, counted in the store and against the stub's own log."""

from __future__ import annotations

from pathlib import Path

from tests.run.conftest import run_profile
from tests.run.stub import Stub

CLAUSES, PER = 15, 20


def test_429_profile_settles_every_case_once(tmp_path: Path) -> None:
    profile = ("--latency-ms", "30", "--fault-429", "0.05", "--retry-after", "1", "--seed", "1")
    with Stub(tmp_path, *profile) as stub:
        _, store, results = run_profile(
            tmp_path,
            stub.base_url,
            CLAUSES,
            PER,
            concurrency=16,
            retries=8,
            timeout=10,
            backoff_base=0.05,
            backoff_cap=0.5,
        )
        seen = stub.stats()
    assert seen["by_status"].get("429", 0) > 0, "the profile produced no 429"
    # every request the stub received is one recorded call, and every answer one pass
    assert store.count_calls("r1") == seen["requests"]
    passed = [r for r in results.values() if r.status == "passed"]
    assert len(passed) == seen["completions"] == CLAUSES * PER
    assert seen["unique_prompts"] == CLAUSES * PER
    store.close()
