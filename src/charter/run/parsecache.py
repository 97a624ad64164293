"""A parse cache for ``charter test``: the loaded project, kept in ``.charter/parse/``.

Parsing is most of a run's start-up on a large spec (about a second for 4,000 test
blocks, mostly YAML). The cache holds the whole loaded :class:`~charter.spec.model.Project`
keyed by what it was loaded from: Charter's version, the PATH as typed and the working
folder (a Project spells its paths as given), and the name,
size and BLAKE2b digest of every file under the project root that loading could read
(Markdown, TOML, YAML, JSON; the ``.charter`` folder and hidden folders excluded). Any
change to any of them is another key, so a stale entry is never used.

Entries are pickles, and a pickle from an untrusted source can run code. Each entry is
therefore signed with HMAC-SHA256 under a per-user key kept outside the project
(``$XDG_CACHE_HOME/charter/parse-cache.key``, mode 0600), and only an entry whose
signature verifies is unpickled: a ``.charter/`` folder that arrives with a checkout is
ignored, never loaded. The configuration is not cached (it may hold credentials, such as
a password in a base URL): it is read afresh on every hit. Every failure to read or write
the cache falls back to parsing; the cache can make ``charter test`` faster, never wrong.
``charter test`` writes an entry *behind* the run: a forked child process at the lowest
priority pickles and writes it on an otherwise idle core while the run goes on, so even a
first run pays only the fork (about a millisecond) and the run that follows it — a
``--resume`` after a kill, or the same spec tested again — starts from the cache (a
resume of 10,000 cases reached its first request 0.5 s sooner). Where forking is not
safe (not Linux, other threads running) or not asked for, an entry is written in the
process, and only in a project that already has a store (a second run), so a first run in
a fresh checkout pays nothing for it. ``CHARTER_NO_PARSE_CACHE=1`` turns it off.

Reading an entry is most of a resume's start-up, so entries are written for a fast read:
a frozen spec-model dataclass is pickled as its class and its field values, and rebuilt
by its own ``__init__`` (the standard reduction calls ``dataclasses.fields`` once per
object, about half the read time). Classes with ``__post_init__`` or fields outside
``__init__`` keep the standard reduction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import hmac
import io
import os
import pickle
import secrets
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from charter import __version__
from charter.config import ProjectConfig, load_config
from charter.hashing import Hasher
from charter.hashing import digest as hash_of
from charter.spec.locate import project_root
from charter.spec.model import Project

SUFFIXES = frozenset({".md", ".markdown", ".toml", ".yaml", ".yml", ".json"})
KEEP = 8  # entries kept per project
_TAG = b"charter-parse-cache-2"


def load_cached(path: str, *, write_behind: bool = False) -> Project:
    """:func:`charter.spec.loader.load`, answered from the cache when nothing changed.

    ``write_behind``: on a miss, write the entry from a forked child (see the module
    docstring); only for a process that stays single-threaded until it has loaded.

    The parser is imported only on a miss, and the cyclic garbage collector is held off
    while the project is parsed or unpickled (tens of thousands of small objects that
    all live on: collecting while they are built only costs time). They are then moved
    to the permanent generation (``gc.freeze``): the first collection after the pause
    would otherwise walk them all (about 25 ms for 10,000 cases), and every later one
    would again. The project lives as long as the command that loads it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_cached(path, write_behind)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _load_cached(path: str, write_behind: bool) -> Project:
    _reap()
    root = project_root(path)
    if root is None or os.environ.get("CHARTER_NO_PARSE_CACHE"):
        return _parse(path)
    folder = root / ".charter" / "parse"
    try:
        secret = _secret()
        key = _key(root, path)
    except OSError:
        return _parse(path)
    entry = folder / f"{key}.pickle"
    found = _read(entry, secret)
    if found is not None:
        return replace(found, config=_config(root, path))
    project = _parse(path)
    store = root / ".charter"
    if store.is_symlink():  # never written through a symbolic link (the store refuses one)
        return project
    if write_behind and _fork_writer(folder, entry, project, secret):
        return project
    # In the process, written only where a run happened before (a fresh checkout, as in
    # CI, would pay for the write and never read it)
    if (store / "charter.db").is_file():
        _write(folder, entry, project, secret)
    return project


_WRITERS: list[int] = []  # forked writers not yet reaped


def _fork_writer(folder: Path, entry: Path, project: Project, secret: bytes) -> bool:
    """Write ``entry`` from a forked child at the lowest priority; False where forking
    is not safe (not Linux, or other threads running: a fork copies only this one)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid:
        _WRITERS.append(pid)
        return True
    try:  # the child: detached from the terminal and pipes the caller may wait on
        with contextlib.suppress(OSError):
            os.nice(19)
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        _write(folder, entry, project, secret)
    finally:
        os._exit(0)


def _reap(block: bool = False) -> None:
    """Collect the forked writers that have finished (all of them when ``block``)."""
    for pid in list(_WRITERS):
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, 0 if block else os.WNOHANG)
            if not done:
                continue
        _WRITERS.remove(pid)


def wait_for_writes() -> None:
    """Wait until every entry being written behind is on disk (tests, benchmarks)."""
    _reap(block=True)


def _parse(path: str) -> Project:
    """A miss: the parser (Markdown, YAML: tens of ms of imports) is imported only here."""
    from charter.spec.loader import load

    return load(path)


def _config(root: Path, path: str) -> ProjectConfig:
    """The configuration :func:`~charter.spec.loader.load` reads for ``path``."""
    given = Path(path)
    if given.is_file() and given.suffix == ".toml":
        return load_config(given.parent, given)
    return load_config(root)


def _key(root: Path, path: str) -> str:
    digest = Hasher(20)
    digest.update(__version__.encode())  # not importlib.metadata: 16 ms at every start
    # paths in a Project are spelled as given, relative to the working folder: both count
    digest.update(f"{path}\0{os.getcwd()}\0".encode())
    for file in _files(root):
        data = file.read_bytes()
        name = file.relative_to(root).as_posix()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(hash_of(data))
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            file = Path(folder) / name
            if file.suffix.lower() in SUFFIXES and file.is_file():
                found.append(file)
    return found


def _secret() -> bytes:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "charter"
    file = base / "parse-cache.key"
    if not file.is_file():
        base.mkdir(parents=True, exist_ok=True)
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return file.read_bytes()


def _read(entry: Path, secret: bytes) -> Project | None:
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    mac, body = blob[:32], blob[32:]
    if not hmac.compare_digest(mac, hmac.new(secret, _TAG + body, hashlib.sha256).digest()):
        return None  # not written by this user's Charter: never unpickled
    try:
        project = pickle.loads(body)
    except Exception:  # an entry from another Charter version's classes
        return None
    return project if isinstance(project, Project) else None


def _write(folder: Path, entry: Path, project: Project, secret: bytes) -> None:
    with contextlib.suppress(OSError, pickle.PicklingError, RecursionError):
        folder.mkdir(parents=True, exist_ok=True)
        # the configuration is read afresh on every hit: it may hold credentials (a base
        # URL with a password), which must not be copied into .charter/
        body = _dumps(replace(project, config=None))
        mac = hmac.new(secret, _TAG + body, hashlib.sha256).digest()
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(mac + body)
        os.replace(temporary, entry)
        _prune(folder)


def _dumps(project: Project) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(project)
    return out.getvalue()


class _Pickler(pickle.Pickler):
    """Pickles a spec dataclass as ``(cls, field values)``: one ``__init__`` call to read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._names: dict[type, tuple[str, ...] | None] = {}

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        names = self._names[kind] if kind in self._names else self._fields(kind)
        if names is None:
            return NotImplemented
        return kind, tuple(getattr(obj, name) for name in names)

    def _fields(self, kind: type) -> tuple[str, ...] | None:
        names: tuple[str, ...] | None = None
        plain = kind.__module__.startswith("charter.") and not hasattr(kind, "__post_init__")
        if plain and dataclasses.is_dataclass(kind):
            fields = dataclasses.fields(kind)
            if all(f.init for f in fields):
                names = tuple(f.name for f in fields)
        self._names[kind] = names
        return names


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
