"""Running the charter CLI as a subprocess and reading how far its run got."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def charter_command(*args: str) -> list[str]:
    """The command line that runs ``charter ARGS`` with this interpreter."""
    return [sys.executable, "-m", "charter.cli.main", *args]


def results_recorded(db: Path) -> int:
    """Results in the store at ``db`` (read-only; 0 while it is missing or locked)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
