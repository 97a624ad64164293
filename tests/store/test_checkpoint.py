"""The store's write-ahead log is copied into the database file in a thread, not at close."""

from __future__ import annotations

from pathlib import Path

from charter.store import Store, open_store


def _fill(store_root: Path) -> tuple[Store, Path]:
    store = open_store(store_root)
    store.defer_checkpoints()  # only our checkpoint copies
    store.create_run("r1", "m", str(store_root), "h", {})
    rows = ((f"m/c/test-{i}", 0, "m", "c", "test") for i in range(3000))
    store.add_case_rows("r1", rows)
    return store, store.path


def test_the_log_is_copied_before_the_close(tmp_path: Path) -> None:
    store, path = _fill(tmp_path)
    before = path.stat().st_size
    assert Path(f"{path}-wal").stat().st_size > 100_000  # the rows are in the log only
    store.checkpoint_soon()
    store._checkpoints.join()  # type: ignore[union-attr]
    assert path.stat().st_size > before + 100_000  # copied by the thread
    assert store.case_rows("r1") == 3000
    store.close()
    assert not Path(f"{path}-wal").exists()
    with open_store(tmp_path) as again:
        assert again.case_rows("r1") == 3000


def test_reads_and_writes_go_on_while_it_copies(tmp_path: Path) -> None:
    store, _ = _fill(tmp_path)
    store.checkpoint_soon()
    store.checkpoint_soon()  # a second call is harmless
    store.add_case_rows("r1", [("m/c/test-x", 0, "m", "c", "test")])
    assert store.case_rows("r1") == 3001
    store.close()
    with open_store(tmp_path) as again:
        assert again.case_rows("r1") == 3001
