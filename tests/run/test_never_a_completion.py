"""An endpoint that has never answered with a chat completion (a web page, an empty 200,
JSON of another API: the base URL points at the wrong server or lacks ``/v1``) stops the
run once a case has used its retries, saying what came back; every case was asked five
times and recorded as a "malformed completion". Once the endpoint has answered properly,
a malformed answer is that case's error and the run goes on."""

from __future__ import annotations

from pathlib import Path

from charter.run import RunOptions
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project
from tests.run.conftest import results_by_id, run_project

FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "progress_interval": 0.05}


def test_an_endpoint_that_never_answers_a_completion_stops_the_run(tmp_path: Path) -> None:
    with OpenAIServer(fault_rates={"badjson": 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=5, per_clause=20, base_url=server.base_url)
        outcome, store = run_project(root, "local/m1", RunOptions(concurrency=1, retries=2, **FAST))
    assert outcome.stopped == "unreachable"
    assert "not with a chat completion" in outcome.error and "base URL" in outcome.error
    assert server.stats.requests == 3  # one case's attempts
    assert list(store.results("r1")) == []
    store.close()


def test_after_a_good_answer_a_malformed_one_is_the_case_error(tmp_path: Path) -> None:
    with OpenAIServer() as server:
        server.script["c001-t002 say something"] = ["badjson", "badjson"]
        root = write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        outcome, store = run_project(root, "local/m1", RunOptions(concurrency=1, retries=1, **FAST))
    assert outcome.stopped is None
    results = results_by_id(store, "r1")
    assert [r.status for r in results.values()] == ["passed", "errored", "passed"]
    assert "malformed completion" in results["bench/c001/test-2"].reason
    store.close()
