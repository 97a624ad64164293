"""A refusal in OpenAI's own shape (``content: null``, the text in ``message.refusal``)
is the response graders see; it was an empty response, so a judge graded silence and a
``not-contains`` assertion passed on nothing."""

from __future__ import annotations

from pathlib import Path

from charter.run import RunOptions
from tests.helpers.specs import write_project
from tests.run.conftest import results_by_id, run_project
from tests.run.hostile_server import HostileServer


def test_a_refusal_is_the_response(tmp_path: Path) -> None:
    with HostileServer(fault_rates={"refusal": 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=2, base_url=server.base_url)
        outcome, store = run_project(root, "local/m1", RunOptions(retries=0))
    results = results_by_id(store, "r1")
    assert outcome.stopped is None
    assert [r.response for r in results.values()] == ["I can't help with that."] * 2
    assert {r.status for r in results.values()} == {"failed"}  # icontains: echo
    store.close()
