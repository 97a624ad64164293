"""One process per run: an advisory lock held while a run is executed.

``charter test`` and ``charter test --resume RUN`` hold an exclusive ``flock`` on
``locks/<run id>.lock`` beside the store for as long as they run it; a second process
asking for the same run is refused at once (:class:`~charter.errors.InputError`) instead
of asking the model for the same cases and failing on the results' primary key. The
kernel drops the lock when its holder dies, SIGKILL included, so a killed run is free to
resume. The file is removed on a clean exit. Where ``fcntl`` does not exist, no lock.
:func:`lock_held` tells a reader (``charter runs``, ``report``) whether a run marked
``running`` still has a process, without writing anything.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from charter.errors import InputError


@contextlib.contextmanager
def run_lock(store_path: Path, run_id: str) -> Iterator[None]:
    """Hold the lock of ``run_id`` (store at ``store_path``) for the ``with`` block."""
    try:
        import fcntl
    except ImportError:  # not POSIX: nothing to lock with
        yield
        return
    folder = Path(store_path).parent / "locks"
    folder.mkdir(exist_ok=True)
    path = folder / f"{run_id}.lock"
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(path, flags, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                f"run {run_id} is being run by another charter process; let it finish "
                "(charter runs shows its status), or stop it and resume then"
            ) from None
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                path.unlink()  # while still held: a later opener makes a fresh file
    finally:
        os.close(handle)


def lock_held(store_path: Path, run_id: str) -> bool | None:
    """Whether a process holds the lock of ``run_id``; None where there is no ``fcntl``.
    Opens the lock file read-only and never creates it (no file: nobody holds it)."""
    try:
        import fcntl
    except ImportError:
        return None
    path = Path(store_path).parent / "locks" / f"{run_id}.lock"
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError:  # missing (a clean exit removes it, older runs never had one)
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return None
    finally:
        os.close(handle)  # closing drops a lock taken here
    return False
