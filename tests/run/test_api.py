"""The public run API: ``start_run`` / ``resume_run`` return typed results, settings are
frozen and stored with the run so a resume repeats them exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.run.api import RunResult, RunSettings, RunStatus, resume_run, start_run
from charter.run.runner import RunOptions
from charter.spec.loader import load
from charter.store import open_store
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project


def test_start_run_returns_typed_counts(tmp_path: Path) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=3, base_url=server.base_url)
        settings = RunSettings(model="local/m", repeat=2, params=(("temperature", 0.0),))
        with open_store(root) as store:
            result = start_run(load(root), store, settings, RunOptions(concurrency=4))
            row = store.run(result.run_id)
    assert isinstance(result, RunResult) and result.status is RunStatus.FINISHED
    assert result.exit_code == 0
    assert (result.counts.cases, result.counts.results, result.counts.passed) == (6, 12, 12)
    assert result.counts.calls_this_invocation == server.stats.requests == 12
    assert row is not None and RunSettings.from_stored(row.options) == settings
    assert server.stats.requests == 12


def test_resume_run_does_only_the_rest_with_the_stored_settings(tmp_path: Path) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=4, base_url=server.base_url)
        project = load(root)
        settings = RunSettings(model="local/m", clauses=("c001",))
        with open_store(root) as store:
            first = start_run(project, store, settings, RunOptions())
            store._db.execute(
                "DELETE FROM results WHERE run_id = ? AND case_id LIKE '%test-4'", (first.run_id,)
            )
            again = resume_run(project, store, first.run_id, RunOptions(use_cache=False))
    assert again.run_id == first.run_id and again.status is RunStatus.FINISHED
    assert again.counts.calls_this_invocation == 1 and again.counts.done == 4
    assert server.stats.requests == 5


def test_settings_are_frozen() -> None:
    settings = RunSettings(model="local/m")
    with pytest.raises(AttributeError):
        settings.model = "other/m"  # type: ignore[misc]
