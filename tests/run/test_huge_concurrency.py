"""``--concurrency`` far above the number of cases starts no more workers than there are
cases: 100,000 with 10 cases started 800,000 worker tasks and took 14 s for 10 calls."""

from __future__ import annotations

import time
from pathlib import Path

from charter.run import RunOptions
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project
from tests.run.conftest import results_by_id, run_project


def test_huge_concurrency_costs_nothing_with_few_cases(tmp_path: Path) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=5, base_url=server.base_url)
        started = time.monotonic()
        outcome, store = run_project(root, "local/m1", RunOptions(concurrency=100_000))
        elapsed = time.monotonic() - started
    assert outcome.stopped is None
    assert len(results_by_id(store, "r1")) == 10
    assert elapsed < 3.0, f"{elapsed:.1f} s for 10 cases"
    store.close()
