"""``charter regrade RUN [PATH] --grader P/M``: grade a stored run's responses again.

No call reaches the model under test: the responses come from the store. The spec at
PATH (default: the current folder) gives each case its clause, assertions and
references, so a regrade also applies an edited spec's assertions to old answers. The
result is a new run (``regraded_from`` in its options) that ``charter report`` and
``charter compare`` read like any other. Exit codes as for ``charter test``: a judge
that cannot be reached stops it, marks the new run ``interrupted`` and exits 3.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from charter.cli.argtypes import seconds
from charter.cli.output import emit


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "regrade",
        help="grade a stored run's responses again (another judge, an edited spec)",
        description="Grade the stored responses of RUN again with the spec at PATH and the "
        "judge given by --grader, without calling the model under test; writes a new run.",
    )
    parser.add_argument("run", metavar="RUN", help="run id, unique prefix, latest or latest~N")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="project folder")
    parser.add_argument("--grader", metavar="P/M", help="judge model (default: [judge] grader)")
    parser.add_argument("--concurrency", type=int, default=16, metavar="C")
    parser.add_argument("--retries", type=int, default=4, metavar="N")
    parser.add_argument("--timeout", type=seconds, default=120.0, metavar="S")
    parser.add_argument("--no-cache", action="store_true", help="ask the judge again")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--store", metavar="FILE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import load_project
    from charter.errors import InputError
    from charter.grade import Status
    from charter.grade.factory import judge_config
    from charter.store import open_project_store
    from charter.store.history import History

    if args.concurrency < 1 or args.retries < 0 or args.timeout <= 0:
        raise InputError("--concurrency must be ≥ 1, --retries ≥ 0, --timeout > 0")
    project = load_project(args.path)
    if not project.modules:
        raise InputError(f"no spec at {args.path}")
    config = judge_config(project)
    with open_project_store(args.path, args.store) as store:
        source = History(store).find(args.run, store.path)
        grader = args.grader or config.grader or source.grader
        session = _Regrade(args, project, store, source, grader, config)
        tally = session.execute()
        counts = {s.value: tally.counts.get(s, 0) for s in Status}
    if tally.unreachable is not None:
        print(
            f"charter: error: the judge is unreachable: {tally.unreachable}\ncharter: "
            f"regrade run {session.run_id} interrupted ({sum(counts.values())} graded); "
            f"regrade run {source.id} again once the judge answers",
            file=sys.stderr,
        )
        return 3
    payload = {
        "format": 1,
        "run": session.run_id,
        "source": source.id,
        "grader": grader,
        "summary": counts,
        "judge_calls": tally.judge_calls,
        "model_calls": 0,
    }
    if args.format == "json":
        emit(json.dumps(payload, indent=2), None)
    else:
        listed = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no results"
        emit(
            f"run {session.run_id}: regraded run {source.id} with {grader or 'assertions only'}"
            f": {listed} · {tally.judge_calls} judge calls, 0 model calls",
            None,
        )
    if counts[Status.FAILED]:
        return 1
    return 3 if counts[Status.ERRORED] else 0


class _Regrade:
    def __init__(
        self,
        args: argparse.Namespace,
        project: Any,
        store: Any,
        source: Any,
        grader: Any,
        config: Any,
    ) -> None:
        from charter.run.plan import spec_hash

        self.args, self.project, self.store, self.source = args, project, store, source
        self.grader, self.config = grader, config
        self.run_id = time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + "-" + _token()
        options = {**source.options, "grader": grader, "regraded_from": source.id}
        store.create_run(self.run_id, source.model, source.spec_root, spec_hash(project), options)
        if source.spec_hash != spec_hash(project):
            print(f"charter: note: the spec changed since run {source.id}", file=sys.stderr)

    def _cases(self) -> dict[str, Any]:
        from charter.run.plan import Filters, Plan, plan_cases

        options = self.source.options
        filters = Filters(
            tuple(options.get("clauses") or ()),
            tuple(options.get("modules") or ()),
            tuple(options.get("tags") or ()),
        )
        return {case.id: case for case in plan_cases(self.project, Plan(filters))}

    def execute(self) -> Any:
        from pathlib import Path

        from charter.store.runlock import run_lock

        with run_lock(Path(self.store.path), self.run_id):  # charter runs: it is running
            return self._execute()

    def _execute(self) -> Any:
        import asyncio

        from charter.store.history import History

        rows = [
            (case_id, repeat, module, clause, case_id.rsplit("/", 1)[-1].split("-", 1)[0])
            for case_id, repeat, module, clause, _ in History(self.store).statuses(self.source.id)
        ]
        self.store.add_cases(self.run_id, rows)
        try:
            tally = asyncio.run(self._grade())
        except KeyboardInterrupt:  # what was graded is kept; the run must not stay "running"
            self.store.set_run_status(self.run_id, "interrupted")
            raise
        if tally.unreachable is not None:  # nothing more was graded: not a finished run
            self.store.set_run_status(self.run_id, "interrupted")
            return tally
        self.store.set_run_status(self.run_id, "finished", finished=True)
        return tally

    async def _grade(self) -> Any:
        from charter.run.calibrate import CallPolicy
        from charter.run.regrade import Regrader

        judge = self._judge()
        policy = CallPolicy(self.args.concurrency, self.args.retries, self.args.timeout)
        try:
            return await Regrader(self.store, self._cases(), judge, policy).run(
                self.source.id, self.run_id
            )
        finally:
            if judge is not None:
                await judge.provider.aclose()

    def _judge(self) -> Any:
        if not self.grader:
            return None
        from charter.grade.factory import make_judge
        from charter.store.judging import JudgeStore

        cache = None if self.args.no_cache else JudgeStore(self.store)
        return make_judge(self.project, self.config, self.grader, cache)


def _token() -> str:
    import secrets

    return secrets.token_hex(2)
