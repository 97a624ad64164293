"""A redirect (an http:// base URL that a server sends to https://, a moved path) is not
followed: it names where it points and stops the run, since every request would get it.
It was read as a malformed completion with an empty body and retried five times a case."""

from __future__ import annotations

from pathlib import Path

from charter.run import RunOptions
from tests.helpers.specs import write_project
from tests.run.conftest import run_project
from tests.run.hostile_server import HostileServer

FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "progress_interval": 0.05}


def test_a_redirect_names_its_target_and_stops_the_run(tmp_path: Path) -> None:
    with HostileServer(fault_rates={"307": 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=5, per_clause=20, base_url=server.base_url)
        outcome, store = run_project(root, "local/m1", RunOptions(concurrency=2, **FAST))
    assert outcome.stopped == "unreachable"
    assert "HTTP 307" in outcome.error
    assert "https://elsewhere.example/v1/chat/completions" in outcome.error
    assert "malformed" not in outcome.error
    assert server.stats.requests <= 2
    assert list(store.results("r1")) == []
    store.close()
