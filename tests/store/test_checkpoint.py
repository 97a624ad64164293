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


def test_the_log_restarts_while_commits_go_on(tmp_path: Path) -> None:
    """A checkpoint racing a writer that commits all the time still lets the log start
    over (a log never wholly copied only grows, and its deletion at close is slow)."""
    import itertools
    import threading
    import time

    store, path = _fill(tmp_path)
    stop = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            rows = [(f"m/c/more-{n}-{i}", 0, "m", "c", "test") for i in range(20)]
            store.add_case_rows("r1", rows)
            time.sleep(0.002)  # about a run's pace: hundreds of commits a second

    writer = threading.Thread(target=write)
    writer.start()
    sizes = []
    try:
        for _ in range(12):
            time.sleep(0.1)
            store.checkpoint_soon()
            store._checkpoints.join()  # type: ignore[union-attr]
            sizes.append(Path(f"{path}-wal").stat().st_size)
    finally:
        stop.set()
        writer.join()
    written = store.case_rows("r1") - 3000
    store.close()
    assert written > 2000, written  # the writer did commit all along
    # The file keeps its largest size: had the log never restarted, it would have grown
    # between every two checks (the writer never stopped); it levels off instead.
    grew = sum(later > earlier for earlier, later in itertools.pairwise(sizes))
    assert grew <= len(sizes) // 2, sizes


def test_a_final_checkpoint_after_a_running_one_empties_the_log(tmp_path: Path) -> None:
    store, path = _fill(tmp_path)
    store.checkpoint_soon()  # copying the 3,000 rows
    store.add_case_rows("r1", [("m/c/test-last", 0, "m", "c", "test")])  # committed meanwhile
    store.checkpoint_soon(final=True)  # not dropped because one is running
    store._checkpoints.join()  # type: ignore[union-attr]
    assert Path(f"{path}-wal").stat().st_size == 0  # all copied, the file emptied
    assert store.case_rows("r1") == 3001
    store.close()
    with open_store(tmp_path) as again:
        assert again.case_rows("r1") == 3001
