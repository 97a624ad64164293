"""Planning overlaps the model calls: the total is counted first, cases are planned and
recorded chunk by chunk, and a case is in the store before it is handed to the runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.run.api import CHUNK_FIRST, RunSession, RunSettings, RunStatus, start_run
from charter.run.plan import Filters, Plan, count_cases, plan_cases
from charter.run.runner import RunOptions
from charter.spec.loader import load
from charter.store import Store, open_store
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project
from tests.run.test_plan import NOTHING_TO_SEND


@pytest.mark.parametrize("release", ["2025-04-11", "2025-12-18"])
def test_the_count_is_the_number_of_cases_planned(model_spec_dir: Path, release: str) -> None:
    project = load(model_spec_dir / release)
    planned = list(plan_cases(project, Plan()))
    assert count_cases(project, Plan()) == len(planned) > 100
    some = Plan(Filters(), only=frozenset(c.id for c in planned[::3]))
    assert count_cases(project, some) == len(list(plan_cases(project, some))) == len(planned[::3])
    first = planned[0].module
    by_module = Plan(Filters(modules=(first,)))
    assert count_cases(project, by_module) == sum(c.module == first for c in planned)


def test_an_example_with_nothing_to_send_is_not_counted_and_reported(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(NOTHING_TO_SEND, encoding="utf-8")
    plan = Plan()
    assert count_cases(load(tmp_path), plan) == 0
    assert [d.code for d in plan.diagnostics] == ["T001"]


def _rows(store: Store, run_id: str) -> set[tuple[str, int]]:
    query = "SELECT case_id, repeat FROM cases WHERE run_id = ?"
    return {(r[0], r[1]) for r in store._db.execute(query, (run_id,))}


def test_each_case_is_recorded_before_it_is_handed_out(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", clauses=10, per_clause=40, base_url="http://x/v1")
    with open_store(root) as store:
        session = RunSession(load(root), store, RunSettings(model="local/m", repeat=2))
        total = session._total()
        assert total == 800 and store.run(session.run_id).total == 800  # type: ignore[union-attr]
        assert _rows(store, session.run_id) == set()
        handed: list[tuple[str, int]] = []
        for case, repeat in session._recording(session.pending(set())):
            recorded = _rows(store, session.run_id) if len(handed) % 97 == 0 else None
            handed.append((case.id, repeat))
            if recorded is not None:
                assert (case.id, repeat) in recorded
            if len(handed) == 1:  # the first case waits for the first chunk only
                assert len(recorded or ()) == CHUNK_FIRST
        assert session.recorded and _rows(store, session.run_id) == set(handed)
        assert len(handed) == total


def test_a_run_stopped_early_still_records_every_planned_case(tmp_path: Path) -> None:
    with OpenAIServer(latency=0.5) as server:
        root = write_project(tmp_path / "p", clauses=4, per_clause=100, base_url=server.base_url)
        with open_store(root) as store:
            options = RunOptions(concurrency=2, deadline=0.3)
            result = start_run(load(root), store, RunSettings(model="local/m"), options)
            assert result.status is RunStatus.DEADLINE
            assert len(_rows(store, result.run_id)) == 400 == result.counts.cases
            assert result.counts.done < 10


def test_checkpoints_leave_the_commits_during_a_run_and_come_back_after(tmp_path: Path) -> None:
    from tests.run.conftest import run_project

    with OpenAIServer(latency=0.002) as server:
        root = write_project(tmp_path / "p", clauses=6, per_clause=100, base_url=server.base_url)
        options = RunOptions(concurrency=8, progress_interval=0.02)
        outcome, store = run_project(root, "local/m", options)
        with store:
            (autocheckpoint,) = store._db.execute("PRAGMA wal_autocheckpoint").fetchone()
            assert autocheckpoint == 1000  # SQLite's default again once the run ended
            assert outcome.tally.done == 600 == len(store.done_keys("r1"))
            assert store.path.stat().st_size > 200_000  # copied by the ticker's thread


def test_the_first_request_leaves_before_the_spare_workers_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers beyond one per slot start later: the first request waits for the first
    chunk only, not for a case planned for each of the 8 × concurrency workers."""
    import sqlite3

    import charter.run.runner as runner_module

    monkeypatch.setattr(runner_module, "SPARE_WORKERS_AFTER", 0.5)  # a slow machine too

    class Watching(OpenAIServer):
        planned_at_first: int | None = None

        async def _answer(self, request: tuple[str, dict[str, str], bytes], writer: object) -> bool:
            if self.planned_at_first is None:
                db = sqlite3.connect(root / ".charter" / "charter.db")
                (self.planned_at_first,) = db.execute("SELECT count(*) FROM cases").fetchone()
                db.close()
            return await super()._answer(request, writer)

    with Watching() as server:
        root = write_project(tmp_path / "p", clauses=6, per_clause=200, base_url=server.base_url)
        with open_store(root) as store:
            options = RunOptions(concurrency=16)  # 128 workers
            result = start_run(load(root), store, RunSettings(model="local/m"), options)
    assert result.status is RunStatus.FINISHED and result.counts.done == 1200
    assert server.planned_at_first == CHUNK_FIRST  # 128 workers at once planned 224
