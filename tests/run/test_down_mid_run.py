"""An endpoint that goes away in the middle of a run (its server stopped: connections
refused) stops the run as unreachable once a call has found nobody answering for all its
retries; the cases not yet answered stay pending for ``--resume``. Each was retried and
recorded as an error instead, and a resume (which redoes only cases without a result)
could never run them."""

from __future__ import annotations

from pathlib import Path

from charter.run import RunOptions
from tests.helpers.specs import write_project
from tests.run.conftest import results_by_id, run_project
from tests.run.hostile_server import HostileServer

FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "progress_interval": 0.05}


def test_an_endpoint_that_goes_down_stops_the_run(tmp_path: Path) -> None:
    with HostileServer() as server:
        server.script["c001-t006 say something"] = ["down"]
        root = write_project(tmp_path / "p", clauses=2, per_clause=10, base_url=server.base_url)
        options = RunOptions(concurrency=1, retries=2, **FAST)
        outcome, store = run_project(root, "local/m1", options)
    assert outcome.stopped == "unreachable"
    assert "cannot connect" in (outcome.error or "")
    results = results_by_id(store, "r1")
    assert sorted(results) == [f"bench/c001/test-{n}" for n in range(1, 6)]
    assert {r.status for r in results.values()} == {"passed"}
    assert server.stats.requests == 6  # nothing asked after it went away
    store.close()
