"""Run references and the previous run of a spec."""

from __future__ import annotations

from pathlib import Path

from charter.store import open_store
from charter.store.history import History
from tests.report.fixtures import add_run, build_store, result


def test_resolve_references(tmp_path: Path) -> None:
    folder = build_store(tmp_path / "spec")
    with open_store(folder) as store:
        add_run(store, "other-9", "/elsewhere", [result("x/y/example-1", 0, "passed", "ok")], 1)
        history = History(store)
        assert [r.id for r in history.runs()] == ["other-9", "run-2", "run-1"]
        assert [r.id for r in history.runs(spec_root=str(folder))] == ["run-2", "run-1"]
        assert history.resolve("latest").id == "other-9"  # type: ignore[union-attr]
        assert history.resolve("latest~2").id == "run-1"  # type: ignore[union-attr]
        assert history.resolve("latest~3") is None
        assert history.resolve("oth").id == "other-9"  # type: ignore[union-attr]
        assert history.resolve("run-") is None  # ambiguous
        assert history.resolve("%") is None and history.resolve("latest~x") is None
        run2 = history.run("run-2")
        assert run2 is not None and run2.pass_rate == 4 / 6
        previous = history.previous(run2)
        assert previous is not None and previous.id == "run-1"
        assert history.previous(history.run("other-9")) is None  # type: ignore[arg-type]
        assert [r.id for r in history.timeline(run2)] == ["run-1", "run-2"]
