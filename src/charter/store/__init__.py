"""The SQLite store of runs, cases, calls, results and the response cache.

See :mod:`charter.store.db` for what it guarantees. Only this package writes SQL.
"""

from __future__ import annotations

from charter.store.db import (
    DB_PATH,
    CachedResponse,
    CallRecord,
    ResultRecord,
    RunRow,
    Store,
    StoreMissing,
    open_project_store,
    open_store,
)

__all__ = [
    "DB_PATH",
    "CachedResponse",
    "CallRecord",
    "ResultRecord",
    "RunRow",
    "Store",
    "StoreMissing",
    "open_project_store",
    "open_store",
]
