"""``charter compare RUN_A RUN_B [PATH]``: what changed from run A to run B, per clause.

Cases are aggregated over their repeats first (the clause's policy), then compared:
regressions (passed → failed), improvements (failed → passed), other changes, and each
clause whose pass rate moved. Exit code 1 when there is any regression, else 0. A run
that did not finish (interrupted, stopped, killed) is named on standard error with how
many of its cases have no result.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from charter.cli.output import emit


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="regressions and improvements between two runs, per clause",
        description="Compare two stored runs case by case; exit 1 on any regression.",
    )
    parser.add_argument("before", metavar="RUN_A", help="the earlier run (id, prefix, latest~N)")
    parser.add_argument("after", metavar="RUN_B", help="the later run")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="project folder")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--store", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument(
        "--spec-gain",
        action="store_true",
        help="RUN_A without the spec, RUN_B with --with-spec: per clause, the compliance the "
        "spec prompt gained and its input tokens per call",
    )
    parser.set_defaults(handler=run)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.1%}"


def render(comparison: Any) -> str:
    lines = [
        f"{comparison.before} → {comparison.after}: {len(comparison.regressions)} regressions, "
        f"{len(comparison.improvements)} improvements, {len(comparison.other)} other changes"
    ]
    for title, changes in (
        ("regressions", comparison.regressions),
        ("improvements", comparison.improvements),
        ("other changes", comparison.other),
    ):
        if changes:
            lines.append(f"{title}:")
            lines += [
                f"  {c.case}: {c.before or 'absent'} → {c.after or 'absent'}" for c in changes
            ]
    if comparison.clauses:
        lines.append("clauses:")
        lines += [
            f"  {d.module}/{d.clause}: {_percent(d.before)} → {_percent(d.after)}"
            for d in comparison.clauses
        ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from charter.report.build import SpecIndex, load_spec
    from charter.report.compare import compare, outcomes
    from charter.store import open_project_store
    from charter.store.history import History

    with open_project_store(args.path, args.store) as store:
        history = History(store)
        before, after = (history.find(ref, store.path) for ref in (args.before, args.after))
        for run in (before, after) if before.id != after.id else (before,):
            _warn_unfinished(store, run)
        index = SpecIndex(load_spec(after.spec_root))
        if args.spec_gain:
            return _spec_gain(store, before.id, after.id, index, args.format)
        comparison = compare(
            outcomes(history, before.id, index.strict),
            outcomes(history, after.id, index.strict),
            before.id,
            after.id,
        )
    if args.format == "json":
        emit(json.dumps({"format": 1, **asdict(comparison)}, indent=2), None)
    else:
        emit(render(comparison), None)
    return 1 if comparison.regressions else 0


def _warn_unfinished(store: Any, run: Any) -> None:
    """A run that did not finish compares its missing cases as ``absent``: say so."""
    if run.status == "finished":
        return  # (a finished --early-stop run lacks skipped repeats by design)
    missing, total = len(store.unfinished(run.id)), store.case_count(run.id)
    hint = "" if run.options.get("regraded_from") else f"; finish it with --resume {run.id}"
    if run.status == "running" and not run.stale:
        state = "is still running"
    else:
        state = f"did not finish ({'no process: killed' if run.stale else run.status})"
    print(
        f"charter: warning: run {run.id} {state}: {missing} of {total} cases "
        f"have no result (compared as absent){hint}",
        file=sys.stderr,
    )


def _spec_gain(store: Any, without: str, with_spec: str, index: Any, fmt: str) -> int:
    from charter.report.compare import render_spec_gain, spec_gain

    gains = spec_gain(store.results(without), store.results(with_spec), index.strict)
    if fmt == "json":
        rows = [{**asdict(g), "gain": g.gain} for g in gains]
        emit(
            json.dumps({"format": 1, "without": without, "with_spec": with_spec, "clauses": rows}),
            None,
        )
    else:
        emit(render_spec_gain(gains), None)
    return 0
