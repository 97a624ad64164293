"""Fixtures for runner tests: a synthetic project pointed at a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from charter.providers import resolve
from charter.run import Plan, Runner, RunOptions, plan_cases, spec_hash
from charter.spec.loader import load
from charter.store import Store, open_store
from tests.helpers.specs import write_project


def run_project(
    root: Path, model: str, options: RunOptions, *, run_id: str = "r1", plan: Plan | None = None
) -> tuple[Any, Store]:
    """Plan and run every case of the project at ``root``; returns (outcome, open store)."""
    project = load(root)
    plan = plan or Plan()
    store = open_store(root)
    store.create_run(run_id, model, str(root), spec_hash(project), {})
    cases = [(case, 0) for case in plan_cases(project, plan)]
    store.add_cases(run_id, ((c.id, r, c.module, c.clause.id, c.kind) for c, r in cases))
    tables = project.config.section("providers")
    provider = resolve(model, tables)
    runner = Runner(store, run_id, provider, options)

    async def go() -> Any:
        try:
            return await runner.run(iter(cases), len(cases))
        finally:
            await runner.aclose()

    return asyncio.run(go()), store


def run_profile(
    tmp_path: Path, base_url: str, clauses: int, per_clause: int, **options: Any
) -> tuple[Any, Store, dict[str, Any]]:
    """Run a fresh ``clauses × per_clause`` project against a fault profile's server at
    ``base_url`` (no cache, a 120 s deadline, ``options`` on top); returns the outcome,
    the open store and the results by case id (raising on a duplicate result)."""
    root = write_project(tmp_path / "p", clauses=clauses, per_clause=per_clause, base_url=base_url)
    settings = RunOptions(**{"deadline": 120.0, "use_cache": False, **options})
    outcome, store = run_project(root, "local/m1", settings)
    assert outcome.stopped is None, f"the run stopped: {outcome.stopped}"
    results = results_by_id(store, "r1")
    assert set(results) == all_ids(clauses, per_clause)
    return outcome, store, results


def results_by_id(store: Store, run_id: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for result in store.results(run_id):
        assert result.case_id not in found, f"duplicate result {result.case_id}"
        found[result.case_id] = result
    return found


def prompt_of(case_id: str) -> str:
    """The prompt tests/helpers/specs.py wrote for ``bench/c001/test-3``."""
    _, clause, local = case_id.split("/")
    return f"{clause}-t{int(local.split('-')[1]):03d} say something"


def all_ids(clauses: int, per_clause: int) -> set[str]:
    return {
        f"bench/c{i:03d}/test-{n}" for i in range(1, clauses + 1) for n in range(1, per_clause + 1)
    }


def iterate(items: Iterator[Any]) -> list[Any]:
    return list(items)
