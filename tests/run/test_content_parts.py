"""An answer whose ``content`` is a list of parts (``[{"type": "text", "text": ...}]``,
as some OpenAI-compatible servers and gateways send it) is read as the parts' text; it
was a "malformed completion (TypeError)" retried five times a case."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.errors import ProviderError
from charter.providers.openai_wire import parse_completion
from charter.run import RunOptions
from tests.helpers.specs import write_project
from tests.run.conftest import results_by_id, run_project
from tests.run.hostile_server import HostileServer


def test_content_parts_are_read_as_text(tmp_path: Path) -> None:
    with HostileServer(fault_rates={"parts": 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        outcome, store = run_project(root, "local/m1", RunOptions(retries=1))
    results = results_by_id(store, "r1")
    assert outcome.stopped is None
    assert {r.status for r in results.values()} == {"passed"}, [r.reason for r in results.values()]
    assert all(r.response.startswith("ECHO: c001-t") for r in results.values())
    assert server.stats.requests == 3
    store.close()


def test_text_and_refusal_parts_are_joined_and_bad_parts_are_malformed() -> None:
    body = b'{"choices": [{"message": {"content": [{"type": "text", "text": "a"}, {"type": "refusal", "refusal": "no"}, {"type": "text", "text": "b"}]}}]}'
    assert parse_completion(body, 0.0).text == "anob"
    with pytest.raises(ProviderError, match="malformed"):
        parse_completion(b'{"choices": [{"message": {"content": [1, 2]}}]}', 0.0)
