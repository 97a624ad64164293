"""The parse cache: a hit returns the project as loaded, any edit is a miss, and an entry
not signed with this user's key is never unpickled."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from charter.run import parsecache
from charter.run.parsecache import load_cached
from charter.spec.loader import load
from charter.store import open_store
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
