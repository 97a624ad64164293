"""Read a spec as it was at a git revision: ``charter diff --git v1..v2 spec/``.

The spec's files at the revision (Markdown and TOML only: modules, prompt files and
configuration; for a single file, those of its project folder), plus ``charter.toml`` and
``pyproject.toml`` of the folders above it, are listed with ``git ls-tree``, read with one
``git cat-file --batch``, written to a temporary folder with the same layout, and loaded
as usual. Paths in the result read ``REV:path/in/repo``, the spelling ``git show`` takes.

Guarantees: nothing is written outside the temporary folder (paths are checked), the
folder is removed on exit, and every git failure is an :class:`InputError` naming the
revision or path, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from charter.errors import InputError

SPEC_SUFFIXES = (".md", ".markdown", ".toml")
CONFIG_FILES = ("charter.toml", "pyproject.toml")


def split_range(spec: str) -> tuple[str, str | None]:
    """``A..B`` → (A, B); ``A..`` → (A, HEAD); ``A`` → (A, None: the working tree).

    ``A...B`` compares B with the merge base of A and B, as ``git diff A...B`` does.
    """
    if "..." in spec:
        left, right = spec.split("...", 1)
        right = right or "HEAD"
        return _git(["merge-base", left or "HEAD", right], Path.cwd()).strip(), right
    if ".." in spec:
        left, right = spec.split("..", 1)
        return left or "HEAD", right or "HEAD"
    return spec, None


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> str:
    return _git_bytes(args, cwd, stdin).decode("utf-8", "replace")


def _git_bytes(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as exc:
        raise InputError("git is not installed or not on PATH") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def repo_path(path: str) -> tuple[Path, PurePosixPath]:
    """The repository's top folder and ``path`` relative to it."""
    here = Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], here).strip())
    absolute = Path(os.path.abspath(path))
    try:
        rel = (
            absolute.relative_to(top.resolve())
            if absolute.is_relative_to(top.resolve())
            else (absolute.relative_to(top))
        )
    except ValueError as exc:
        raise InputError(f"{path} is outside the git repository at {top}") from exc
    return top, PurePosixPath(rel.as_posix())


def _verify(rev: str, top: Path) -> str:
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top).strip()
    except InputError as exc:
        raise InputError(f"unknown git revision '{rev}'") from exc


def _listing(rev: str, top: Path, rel: PurePosixPath) -> list[tuple[str, PurePosixPath]]:
    """(object id, path) of the spec's blobs at ``rev``.

    For a folder: its Markdown and TOML files. For one file: those of its project root as
    the loader would find it — the nearest folder above holding a ``charter.toml``, else
    the file's own folder — so its prompt files and imports come along. Configuration
    files of every folder above are included either way.
    """
    configs = _blobs(rev, top, [str(f / n) for f in rel.parents for n in CONFIG_FILES])
    base = rel
    if rel.suffix in SPEC_SUFFIXES and _blobs(rev, top, [str(rel)]):
        roots = [p.parent for _, p in configs if p.name == "charter.toml"]
        base = max(roots, key=lambda p: len(p.parts)) if roots else rel.parent
    found = _blobs(rev, top, [str(base)], recursive=True)
    return found + [c for c in configs if c not in found]


def _blobs(
    rev: str, top: Path, specs: list[str], recursive: bool = False
) -> list[tuple[str, PurePosixPath]]:
    args = ["ls-tree", "-z", "--full-tree", *(["-r"] if recursive else []), rev, "--", *specs]
    found: list[tuple[str, PurePosixPath]] = []
    for record in _git_bytes(args, top).split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid = meta.decode().split(" ")
        path = PurePosixPath(name.decode("utf-8", "replace"))
        if kind == "blob" and mode != "120000" and path.suffix in SPEC_SUFFIXES:
            found.append((oid, path))
    return found


def _read_blobs(oids: list[str], top: Path) -> list[bytes]:
    data = _git_bytes(["cat-file", "--batch"], top, "\n".join(oids).encode() + b"\n")
    blobs: list[bytes] = []
    pos = 0
    for _ in oids:
        end = data.index(b"\n", pos)
        size = int(data[pos:end].split(b" ")[2])
        blobs.append(data[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return blobs


def _write(folder: Path, rel: PurePosixPath, blob: bytes) -> None:
    if rel.is_absolute() or ".." in rel.parts:
        raise InputError(f"refusing to write {rel} outside the temporary folder")
    target = folder.joinpath(*rel.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(blob)


@contextmanager
def materialize(rev: str, path: str) -> Iterator[tuple[Path, Callable[[str], str]]]:
    """Write ``path`` as it was at ``rev`` to a temporary folder.

    Yields the path to load and a function that turns a displayed path under the
    temporary folder into ``REV:path/in/repo`` (other paths pass unchanged).
    """
    top, rel = repo_path(path)
    _verify(rev, top)
    listing = _listing(rev, top, rel)
    if not any(p == rel or rel in p.parents or str(rel) == "." for _, p in listing):
        raise InputError(f"{rel} does not exist at revision '{rev}'")
    blobs = _read_blobs([oid for oid, _ in listing], top)
    with tempfile.TemporaryDirectory(prefix="charter-git-") as tmp:
        folder = Path(tmp)
        for (_, name), blob in zip(listing, blobs, strict=True):
            _write(folder, name, blob)
        yield folder.joinpath(*rel.parts), _relocator(folder.resolve(), rev)


def _relocator(folder: Path, rev: str) -> Callable[[str], str]:
    cwd = Path.cwd()

    def relocate(shown: str) -> str:
        full = Path(shown) if os.path.isabs(shown) else cwd / shown
        try:
            inside = Path(os.path.normpath(full)).resolve().relative_to(folder)
        except ValueError:
            return shown
        text = inside.as_posix()
        return f"{rev}:{'' if text == '.' else text}"

    return relocate
