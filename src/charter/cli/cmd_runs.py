"""``charter runs [PATH]``: the runs in a project's store, newest first.

Each line: run id, when, model (and grader), status, results per status and the pass
rate over graded results. A run ``running`` that no process is running (killed) shows
``running (no process: resume with --resume RUN)``; JSON has ``"stale": true``.
``--format json`` prints ``{"format": 1, "runs": [...]}``.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from charter.cli.output import emit


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("runs", help="list the stored runs, newest first")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="project folder")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N runs")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--store", metavar="FILE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def _json(summary: Any) -> dict[str, Any]:
    return {
        "id": summary.id,
        "created": summary.created,
        "finished": summary.finished,
        "status": summary.status,
        "stale": summary.stale,
        "model": summary.model,
        "grader": summary.grader,
        "spec_root": summary.spec_root,
        "spec_hash": summary.spec_hash,
        "total": summary.total,
        "counts": summary.counts,
        "pass_rate": summary.pass_rate,
    }


def _line(summary: Any) -> str:
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(summary.created))
    counts = ", ".join(f"{n} {status}" for status, n in summary.counts.items() if n) or "no results"
    rate = "–" if summary.pass_rate is None else f"{summary.pass_rate:.1%}"
    grader = f" graded by {summary.grader}" if summary.grader else ""
    return (
        f"{summary.id}  {when}  {summary.model}{grader}  {summary.status_text}  "
        f"{counts} · pass rate {rate}"
    )


def run(args: argparse.Namespace) -> int:
    from charter.errors import InputError
    from charter.store import StoreMissing, open_project_store
    from charter.store.history import History

    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    try:
        store = open_project_store(args.path, args.store)
    except StoreMissing:
        runs = []  # nothing ran here yet, and looking creates nothing
    else:
        with store:
            runs = History(store).runs(limit=args.limit)
    if args.format == "json":
        emit(json.dumps({"format": 1, "runs": [_json(r) for r in runs]}, indent=2), None)
    else:
        emit("\n".join(_line(r) for r in runs) if runs else "no runs yet", None)
    return 0
