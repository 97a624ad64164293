"""The parse cache: a hit returns the project as loaded, any edit is a miss, and an entry
not signed with this user's key is never unpickled."""

from __future__ import annotations

import gc
import os
import pickle
import pickletools
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from charter.run import parsecache
from charter.run.parsecache import load_cached
from charter.spec.loader import load
from charter.store import open_store
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import clause_text, write_project


@pytest.fixture(autouse=True)
def _own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CHARTER_NO_PARSE_CACHE", raising=False)


def _entries(root: Path) -> list[Path]:
    return sorted((root / ".charter" / "parse").glob("*.pickle"))


def test_a_hit_is_the_project_and_an_edit_is_a_miss(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", clauses=2, per_clause=3)
    load_cached(str(root))
    assert _entries(root) == []  # no store yet: a first run writes no entry
    open_store(root).close()
    first = load_cached(str(root))
    assert len(_entries(root)) == 1
    again = load_cached(str(root))
    assert again == first == load(root)
    spec = root / "bench.md"
    spec.write_text(spec.read_text().replace(clause_text(2, 3), clause_text(2, 3, variant="x")))
    edited = load_cached(str(root))
    assert edited == load(root) != first
    assert len(_entries(root)) == 2


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (open, ("/dev/null",))  # harmless stand-in for code run on unpickling


def test_an_unsigned_entry_is_never_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path / "p", clauses=1, per_clause=1)
    open_store(root).close()
    load_cached(str(root))
    (entry,) = _entries(root)
    entry.write_bytes(b"\0" * 32 + pickle.dumps(_Boom()))  # as if it came with a checkout
    calls: list[bytes] = []
    monkeypatch.setattr(parsecache.pickle, "loads", lambda body: calls.append(body))
    project = load_cached(str(root))
    assert calls == [] and project == load(root)


def test_the_configuration_is_never_cached(tmp_path: Path) -> None:
    secret = "sk-parse-cache-Z9y8"
    root = write_project(tmp_path / "p", clauses=1, per_clause=1)
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "http://u:{secret}@127.0.0.1:9/v1"\n',
        encoding="utf-8",
    )
    open_store(root).close()
    load_cached(str(root))
    (entry,) = _entries(root)
    assert secret.encode() not in entry.read_bytes()
    hit = load_cached(str(root))
    assert hit.config is not None and hit.config.section("providers") == load(root).config.section(
        "providers"
    )


def test_an_entry_rebuilds_spec_objects_by_their_init_and_loses_nothing(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", clauses=3, per_clause=20)
    open_store(root).close()
    parsed = load_cached(str(root))
    (entry,) = _entries(root)
    body = entry.read_bytes()[32:]
    ops = [op.name for op, _arg, _pos in pickletools.genops(body)]
    # the standard reduction BUILDs every frozen dataclass (one dataclasses.fields() each);
    # only the classes with __post_init__ (Module, Project) are still built that way
    assert ops.count("BUILD") <= 4 < ops.count("REDUCE")
    hit = load_cached(str(root))
    blocks = [b for m in parsed.modules for c in m.clauses for b in c.test_blocks]
    again = [b for m in hit.modules for c in m.clauses for b in c.test_blocks]
    assert len(blocks) == 60 and hit == parsed
    assert [b.data for b in again] == [b.data for b in blocks]  # compare=False fields too


def test_the_loaded_project_is_moved_out_of_the_collectors_way(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", clauses=1, per_clause=5)
    gc.unfreeze()
    try:
        load_cached(str(root))
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()


_BEHIND = """
import sys
from charter.run import parsecache
parsecache.load_cached(sys.argv[1], write_behind=True)
assert parsecache._WRITERS, "a single-threaded process forks its writer"
parsecache.wait_for_writes()
"""


def test_a_first_load_writes_its_entry_behind_from_a_forked_child(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", clauses=2, per_clause=4)
    done = subprocess.run(
        [sys.executable, "-c", _BEHIND, str(root)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert not (root / ".charter" / "charter.db").exists()  # no store, yet an entry
    (entry,) = _entries(root)
    hit = load_cached(str(root))
    assert hit == load(root) and _entries(root) == [entry]


def test_with_other_threads_running_nothing_is_forked(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", clauses=1, per_clause=2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        load_cached(str(root), write_behind=True)
        assert parsecache._WRITERS == [] and _entries(root) == []  # as without write_behind
        open_store(root).close()
        load_cached(str(root), write_behind=True)
        assert parsecache._WRITERS == [] and len(_entries(root)) == 1  # written in process
    finally:
        stop.set()
        other.join()


def test_charter_test_leaves_the_parse_cache_for_the_next_run(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=3, base_url=server.base_url)
        argv = [sys.executable, "-m", "charter.cli.main", "test", str(root), "--model", "local/m"]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert server.stats.requests == 6
    deadline = time.monotonic() + 20  # the writer may outlive the command by a moment
    while not _entries(root) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_entries(root)) == 1
    assert load_cached(str(root)) == load(root)
