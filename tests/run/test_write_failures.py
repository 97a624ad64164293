"""Defect 2 of issue 10: a result must never be lost while the run says all is well.

A reply holding a lone surrogate is stored with the surrogate escaped (what the model
said is kept), and any unexpected exception in the write path rolls its transaction
back, marks the run ``interrupted``, exits 3, and ``--resume`` finishes the run with every
case recorded exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli.main import main
from charter.store import open_store
from tests.helpers.specs import write_project
from tests.run.fault_server import FaultServer


def _only_run(root: Path) -> str:
    with open_store(root) as store:
        row = store.latest_run()
        assert row is not None
        return row.id


def test_a_lone_surrogate_is_stored_escaped(tmp_path: Path) -> None:
    with FaultServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=4, base_url=server.base_url)
        server.script["c001-t002 say something"] = ["surrogate"]
        code = main(["test", str(root), "--model", "local/m"])
    assert code == 0
    with open_store(root) as store:
        run = store.latest_run()
        assert run is not None and run.status == "finished"
        results = {r.case_id: r for r in store.results(run.id)}
    assert len(results) == 4
    assert results["bench/c001/test-2"].response == "ECHO: c001-t002 say something \\ud83d"


def test_an_unexpected_write_error_interrupts_and_resume_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import charter.store.db as db

    original = db._result_row
    failures = []

    def flaky(result: db.ResultRecord) -> tuple[object, ...]:
        if result.case_id == "bench/c001/test-3" and not failures:
            failures.append(result.case_id)
            raise ValueError("injected fault")
        return original(result)

    monkeypatch.setattr(db, "_result_row", flaky)
    with FaultServer() as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=6, base_url=server.base_url)
        argv = ["test", str(root), "--model", "local/m", "--concurrency", "1"]
        assert main(argv) == 3
        err = capsys.readouterr().err
        run_id = _only_run(root)
        assert "injected fault" in err and f"--resume {run_id}" in err
        with open_store(root) as store:
            row = store.run(run_id)
            assert row is not None and row.status == "interrupted"
            assert ("bench/c001/test-3", 0) not in store.done_keys(run_id)
        assert main([*argv, "--resume", run_id]) == 0
    with open_store(root) as store:
        ids = [r.case_id for r in store.results(run_id)]
        row = store.run(run_id)
    assert len(ids) == len(set(ids)) == 12
    assert row is not None and row.status == "finished"
