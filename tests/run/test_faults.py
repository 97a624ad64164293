"""Under injected faults every case ends graded or errored with its cause: none lost,
none duplicated, and the calls recorded match the requests the server saw."""

from __future__ import annotations

from pathlib import Path

from charter.run import RunOptions
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project
from tests.run.conftest import all_ids, prompt_of, results_by_id, run_project

CLAUSES, PER = 10, 20
FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "progress_interval": 0.05}


def test_mixed_faults_nothing_lost_nothing_duplicated(tmp_path: Path) -> None:
    rates = {"429": 0.10, "500": 0.08, "drop": 0.05, "badjson": 0.05, "slow": 0.03}
    with OpenAIServer(
        latency=0.005, fault_rates=rates, seed=7, retry_after=0.02, slow_s=1.0
    ) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        options = RunOptions(concurrency=16, retries=2, timeout=0.3, **FAST)
        outcome, store = run_project(root, "local/m1", options)
    results = results_by_id(store, "r1")
    assert set(results) == all_ids(CLAUSES, PER)
    assert outcome.stopped is None
    statuses = {r.status for r in results.values()}
    assert statuses <= {"passed", "errored"} and "errored" in statuses and "passed" in statuses
    causes = (
        "HTTP 429",
        "HTTP 500",
        "closed before the answer",
        "malformed completion",
        "no answer within",
    )
    for case_id, result in results.items():
        prompt = prompt_of(case_id)
        calls = store.calls("r1", case_id)
        # every request the server received for this prompt is one recorded call
        assert len(calls) == server.stats.by_prompt[prompt] == result.attempts
        if result.status == "passed":
            assert server.stats.answered[prompt] >= 1 and result.response == "ECHO: " + prompt
            assert calls[-1].status == 200
        else:
            assert any(cause in result.reason for cause in causes), result.reason
            assert "after 3 attempts" in result.reason
    assert sum(server.stats.by_prompt.values()) == server.stats.requests
    store.close()


def test_each_fault_kind_is_retried_then_answers(tmp_path: Path) -> None:
    with OpenAIServer(retry_after=0.05, slow_s=3.0) as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=5, base_url=server.base_url)
        for n, fault in enumerate(("429", "500", "drop", "badjson", "slow"), 1):
            server.script[f"c001-t{n:03d} say something"] = [fault]
        options = RunOptions(concurrency=4, retries=1, timeout=1.0, **FAST)
        _, store = run_project(root, "local/m1", options)
    results = results_by_id(store, "r1")
    assert {r.status for r in results.values()} == {"passed"}
    assert all(r.attempts == 2 for r in results.values())
    assert server.stats.requests == 10
    assert server.stats.outcomes["ok"] == 5
    store.close()


def test_non_retryable_error_is_recorded_once(tmp_path: Path) -> None:
    # a 400 is about this request (too long, a parameter): the case errors, the run goes
    # on; a 404 (wrong path or model) stops the run instead (test_refused_stops.py)
    from tests.run.hostile_server import HostileServer

    with HostileServer(fault_rates={"400": 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        _, store = run_project(root, "local/m1", RunOptions(retries=3, **FAST))
    results = results_by_id(store, "r1")
    assert [r.status for r in results.values()] == ["errored", "errored"]
    assert all("HTTP 400" in r.reason and "after 1 attempt)" in r.reason for r in results.values())
    store.close()


def test_rate_limit_halves_concurrency_and_honours_retry_after(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.02, retry_after=0.3) as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=16, base_url=server.base_url)
        server.script["c001-t001 say something"] = ["429"]
        import time

        started = time.monotonic()
        options = RunOptions(concurrency=8, retries=2, **FAST)
        outcome, store = run_project(root, "local/m1", options)
        elapsed = time.monotonic() - started
    assert outcome.tally.passed == 32 and outcome.tally.retries == 1
    # the 429's Retry-After (0.3 s) paused new requests; the whole run cannot be faster
    assert elapsed >= 0.3
    store.close()


def test_a_store_failure_stops_the_run_instead_of_losing_results(tmp_path: Path) -> None:
    import pytest

    from charter.errors import StoreError

    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=4, base_url=server.base_url)
        from charter.store.db import Store

        def broken(self: Store, run_id: str, entries: object) -> None:
            raise StoreError("disk full")

        original = Store.record_many
        Store.record_many = broken  # type: ignore[method-assign]
        try:
            with pytest.raises(StoreError, match="disk full"):
                run_project(root, "local/m1", RunOptions(concurrency=1, **FAST))
        finally:
            Store.record_many = original  # type: ignore[method-assign]
    # it stopped once the first write failed (a write happens one loop turn after the
    # case, so the one worker may already have sent its next request)
    assert server.stats.requests <= 2
