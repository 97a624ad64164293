"""``charter test PATH --model P/M``: run a spec's cases against a model and grade them.

A front end on the public run API (:mod:`charter.run.api`): it parses arguments into
``RunSettings`` and ``RunOptions``, calls ``start_run`` / ``resume_run`` and prints the
``RunResult``. Before any call it refuses duplicate case ids (what ``charter check``
reports) and a store it must not touch. ``--developer-role developer|system`` is passed
to the provider as its ``developer_role`` option. The loaded spec is kept in a signed
parse cache under ``.charter/parse/`` (:mod:`charter.run.parsecache`).

The command prints the run id first, then progress (a bar on a terminal, a plain line
every few seconds otherwise), then a summary per module and clause. ``--format json``
prints the machine payload on standard output (progress and the run id go to standard
error); ``--junit-xml FILE`` writes JUnit for CI. ``--changed-since REV`` plans only the
cases a change between git revision REV and the working tree invalidates
(:mod:`charter.run.changes`); the ids are stored with the run, so ``--resume`` runs the
same set. Exit codes (see :mod:`charter.run.outcome`): 0 every graded case passed and at
least one was graded; 1 failing cases, or results of which **none was graded** (nothing
was checked: pass ``--grader``); 2 bad input (no case to run, a bad ``--changed-since``
revision; ``--changed-since`` with nothing changed is 0); 3 errored cases, an
unreachable endpoint, a deadline or a failed store write (the run is marked
``interrupted``); 130 on Ctrl-C (what finished is kept; ``--resume RUN`` does the rest).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from typing import Any

from charter.cli.argtypes import seconds


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "test",
        help="run a spec's examples, prompt files and test blocks against a model",
        description="Send every case of a spec to the model under test, grade each response "
        "with the fixed assertions of its test block, and store everything in "
        ".charter/charter.db. Unchanged cases are answered from the cache.",
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md file")
    parser.add_argument(
        "--model",
        metavar="P/M",
        help="model under test, e.g. openai/gpt-4o-mini (default: model in [test])",
    )
    parser.add_argument("--repeat", type=int, default=1, metavar="K", help="ask each case K times")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=16,
        metavar="C",
        help="most calls in flight (default 16; halves on HTTP 429)",
    )
    parser.add_argument(
        "--clause",
        action="append",
        default=[],
        metavar="ID",
        help="only this clause (repeatable; ID or MODULE/ID)",
    )
    parser.add_argument(
        "--module", action="append", default=[], metavar="ID", help="only this module"
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only clauses with this tag or footnote tag",
    )
    parser.add_argument(
        "--with-spec",
        action="store_true",
        help="send the spec compiled into a system prompt with every case",
    )
    parser.add_argument(
        "--changed-since",
        metavar="REV",
        help="only the cases that changed between git revision REV and the working tree "
        "(as charter diff --git REV --impact lists them)",
    )
    parser.add_argument(
        "--resume",
        metavar="RUN",
        help="finish an interrupted or killed run (id, unique prefix, latest or latest~N)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="ask the model even when a cached response exists"
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="S",
        help="seconds per request (default 60)",
    )
    parser.add_argument("--deadline", type=seconds, metavar="S", help="seconds for the whole run")
    parser.add_argument(
        "--retries",
        type=int,
        default=4,
        metavar="N",
        help="retries of a retryable failure (default 4)",
    )
    parser.add_argument(
        "--developer-role",
        choices=("developer", "system"),
        help="send the spec's developer messages with this role (default: developer_role in "
        "[test], else the provider's own); the provider maps it to what its API accepts",
    )
    parser.add_argument("--temperature", type=float)
    parser.add_argument("--max-tokens", type=int, metavar="N")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the summary or JSON to FILE")
    parser.add_argument("--junit-xml", metavar="FILE", help="also write JUnit XML to FILE")
    parser.add_argument("--store", metavar="FILE", help=argparse.SUPPRESS)
    from charter.cli.judging import add_arguments as add_judge_arguments

    add_judge_arguments(parser)
    parser.set_defaults(handler=run)


def _settings(args: argparse.Namespace, project: Any) -> Any:
    """A new run's :class:`~charter.run.api.RunSettings` from the command line."""
    from charter.config import load_test_settings
    from charter.errors import InputError
    from charter.run.api import RunSettings

    defaults = load_test_settings(project.config)  # the [test] table of charter.toml
    model = args.model or defaults.model
    if not model:
        raise InputError(
            "charter test needs --model PROVIDER/MODEL (or model in the [test] table of "
            "charter.toml, or --resume RUN)"
        )
    params = [("temperature", args.temperature), ("max_tokens", args.max_tokens)]
    params.append(("seed", args.seed))
    changed = _changed(args, project)
    cases = changed.get("cases")
    return RunSettings(
        model=model,
        repeat=args.repeat,
        with_spec=args.with_spec,
        clauses=tuple(args.clause),
        modules=tuple(args.module),
        tags=tuple(args.tag),
        params=tuple((k, v) for k, v in params if v is not None),
        developer_role=args.developer_role or defaults.developer_role,
        grader=args.grader[0] if args.grader else None,
        panel=tuple(args.grader[1:]) if args.grader else (),
        judge_samples=args.judge_samples,
        early_stop=args.early_stop,
        changed_since=changed.get("changed_since"),
        changes=changed.get("changes"),
        cases=None if cases is None else tuple(cases),
        no_cache=args.no_cache,
    )


def _changed(args: argparse.Namespace, project: Any) -> dict[str, Any]:
    """``--changed-since REV``: the revision and the case ids it leaves to run."""
    if not args.changed_since:
        return {}
    from charter.run.changes import changed_since

    found = changed_since(args.changed_since, args.path, project)
    return {"changed_since": found.rev, "changes": found.changes, "cases": sorted(found.cases)}


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import require_path, say_which_project
    from charter.errors import InputError, SpecError
    from charter.run.parsecache import load_cached
    from charter.spec.codes import FATAL_CODES
    from charter.store.fresh import run_store

    if args.repeat < 1 or args.concurrency < 1 or args.retries < 0 or args.timeout <= 0:
        raise InputError("--repeat and --concurrency must be ≥ 1, --retries ≥ 0, --timeout > 0")
    if args.judge_samples is not None and not 1 <= args.judge_samples <= 25:
        raise InputError("--judge-samples must be between 1 and 25")
    for target in (args.output, args.junit_xml):
        _check_writable(target)
    require_path(args.path)
    project = load_cached(args.path, write_behind=True)
    say_which_project(args.path, project)
    gc.freeze()  # the spec lives as long as the run: later collections need not walk it
    fatal = [d for d in project.diagnostics if d.code in FATAL_CODES]
    if fatal:
        raise SpecError(f"{fatal[0].location}: {fatal[0].message}")
    _warn_spec_errors(project.diagnostics)
    _refuse_duplicates(project)
    with run_store(args.path, args.store) as store:  # a refused test leaves no new store
        if args.resume:
            from charter.run.api import resolve_run

            args.resume = resolve_run(store, args.resume)  # latest, latest~N, a prefix
        front = _Front(args, project, store)
        return front.finish(front.execute())


def _check_writable(target: str | None) -> None:
    """An output file the run could not write at its end stops it before any call."""
    from pathlib import Path

    from charter.errors import InputError

    if target is None:
        return
    path = Path(target)
    if path.is_dir():
        raise InputError(f"cannot write {target}: it is a folder")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {target}: no folder {path.parent}")


def _refuse_duplicates(project: Any) -> None:
    """Two cases with one id cannot both be stored: stop before any call, with the
    findings ``charter check`` reports."""
    from charter.cli.terminal import printable
    from charter.diagnostics.render import render_text
    from charter.errors import SpecError
    from charter.run.duplicates import blocking

    found = blocking(project)
    if found:
        print(printable(render_text(found)), file=sys.stderr)
        raise SpecError(
            f"{len(found)} duplicate id(s) would give two cases one id; nothing was sent "
            "(charter check lists them too)"
        )


def _warn_spec_errors(diagnostics: Any) -> None:
    """Parse errors drop what they break (a bad test block is not a case): say so."""
    from charter.cli.terminal import printable_line

    errors = [d for d in diagnostics if d.severity.value == "error"]
    if not errors:
        return
    print(
        f"charter: warning: the spec has {len(errors)} parse error(s); what they break is "
        "not tested (run charter check for all findings):",
        file=sys.stderr,
    )
    for d in errors[:5]:
        print(printable_line(f"  {d.location}: {d.code} {d.message}"), file=sys.stderr)


class _Front:
    """One invocation as the command line sees it: settings in, the run API, output out."""

    def __init__(self, args: argparse.Namespace, project: Any, store: Any) -> None:
        from charter.run.api import Grading, stored_settings

        self.args, self.project, self.store = args, project, store
        self.out = sys.stderr if args.format == "json" else sys.stdout
        if args.resume:
            self.settings = stored_settings(store, args.resume, project)
        else:
            self.settings = _settings(args, project)
        self.run_id = args.resume or ""
        self.plan: Any = None
        self.prompt: str | None = None
        self.prompt_tokens: int | None = None
        if self.settings.with_spec:
            from charter.compile import compile_prompt

            compiled = compile_prompt(project)
            self.prompt, self.prompt_tokens = compiled.text, compiled.tokens
        self.grading = Grading(**self._grading(project, store))
        from charter.cli.progress import Progress

        self.progress = Progress()
        self.started = time.monotonic()

    def _grading(self, project: Any, store: Any) -> dict[str, Any]:
        """The judge, if any: none without ``--grader`` and without a ``[judge]`` table
        (whose defaults name no grader), and then the judge modules are never imported."""
        settings = self.settings.stored()
        table = project.config.section("judge") if project.config is not None else {}
        if not settings.get("grader") and not table:
            return {}
        from charter.cli.judging import runner_grading

        return runner_grading(project, store, settings)

    def execute(self) -> Any:
        from charter.run.api import Hooks, resume_run, start_run
        from charter.run.runner import RunOptions

        options = RunOptions(
            concurrency=self.args.concurrency,
            retries=self.args.retries,
            timeout=self.args.timeout,
            deadline=self.args.deadline,
            use_cache=not self.args.no_cache,
            params=dict(self.settings.params),
            developer_role=self.settings.developer_role,
        )
        hooks = Hooks(on_start=self._started, on_progress=self.progress.update)
        prompt, grading = self.prompt, self.grading
        try:
            if self.args.resume:
                return resume_run(
                    self.project,
                    self.store,
                    self.run_id,
                    options,
                    system_prompt=prompt,
                    grading=grading,
                    hooks=hooks,
                )
            return start_run(
                self.project,
                self.store,
                self.settings,
                options,
                system_prompt=prompt,
                grading=grading,
                hooks=hooks,
            )
        finally:
            self.progress.stop()

    def _started(self, session: Any, total: int, done: int) -> None:
        self.run_id, self.plan = session.run_id, session.plan
        self._announce(total, done)
        self.progress.start(total, done)

    def _announce(self, total: int, done: int) -> None:
        extra = f", {done} already done" if done else ""
        spec = f", spec prompt ≈{self.prompt_tokens} tokens" if self.prompt_tokens else ""
        repeat = self.settings.repeat  # total counts (case, repeat) pairs
        distinct = total // repeat if repeat > 1 else total
        cases = "1 case" if distinct == 1 else f"{distinct} cases"
        if repeat > 1:
            cases += f" × {repeat} repeats"
        if total:  # a run with nothing to run is not kept: no id to show
            print(
                f"run {self.run_id}: {cases}, model {self.settings.model}{spec}{extra}",
                file=self.out,
                flush=True,
            )
        rev = self.settings.changed_since
        if rev is not None:
            print(
                f"changed since {rev}: {self.settings.changes} clause-level change(s), "
                f"{len(self.settings.cases or ())} case(s) to run",
                file=self.out,
                flush=True,
            )
        if total == 0 and rev:
            print(
                f"charter: warning T002: no case to run (nothing changed since {rev})",
                file=sys.stderr,
            )
        elif total == 0:
            print(f"charter: error T002: no case to run ({self._why_empty()})", file=sys.stderr)
        for diag in self.plan.diagnostics[:5]:
            print(
                f"{diag.path}:{diag.line}:{diag.col}: warning {diag.code} {diag.message}",
                file=sys.stderr,
            )

    def _why_empty(self) -> str:
        if self.settings.clauses or self.settings.modules or self.settings.tags:
            return "no testable clause matches --clause/--module/--tag"
        return (
            "the spec has no testable clause with an example, a prompt file or a `yaml test` "
            "block; a clause is tested when it has an authority and is not abstract or "
            "deprecated"
        )

    def summary(self, status: str, counts: Any, totals: Any = None) -> dict[str, Any]:
        totals = totals or self.store.totals(self.run_id)
        return {
            "total": counts.results,
            **totals,
            "calls_total": totals["calls"],
            "calls": counts.calls_this_invocation,
            "repeat": self.settings.repeat,
            **counts.as_dict(),
            "status": status,
            "model": self.settings.model,
            "with_spec": self.settings.with_spec,
            "spec_prompt_tokens": self.prompt_tokens,
            "wall_s": round(time.monotonic() - self.started, 3),
        }

    def finish(self, result: Any) -> int:
        """Write the outputs and choose the exit code of a run the API returned."""
        from charter.errors import BudgetExhausted
        from charter.providers import EndpointUnreachable
        from charter.run.api import RunStatus

        resume = f"resume with: charter test {self.args.path} --resume {result.run_id}"
        if result.status is RunStatus.INTERRUPTED and result.exit_code == 3:
            print(
                f"charter: error: {result.error}\ncharter: run {result.run_id} interrupted; "
                f"what was recorded is kept; {resume}",
                file=sys.stderr,
            )
            return 3
        summary = self.summary(result.status.value, result.counts, result.totals)
        found = None
        if self.settings.repeat > 1:
            from charter.cli.judging import aggregate_counts, repeat_outcomes

            found = repeat_outcomes(self.store, self.run_id, self.project)
            summary["aggregate"] = aggregate_counts(found)
        self._write_outputs(summary, found)
        if result.status is RunStatus.INTERRUPTED:
            print(f"charter: interrupted; {resume}", file=sys.stderr)
            return 130
        if result.status is RunStatus.UNREACHABLE:
            raise EndpointUnreachable(f"{result.error}; resume with --resume {self.run_id}")
        if result.status is RunStatus.DEADLINE:
            raise BudgetExhausted(
                f"run deadline of {self.args.deadline:g} s reached; "
                f"resume with --resume {self.run_id}"
            )
        return self._exit_code(result.counts, found)

    def _exit_code(self, counts: Any, found: Any) -> int:
        from charter.run.outcome import exit_code, nothing_graded_message

        if counts.results == 0 and not self.settings.changed_since:
            return 2  # said in _announce: a run that tests nothing is bad input
        warning = nothing_graded_message(counts)
        if warning is not None:
            print(f"charter: {warning}", file=sys.stderr)
            return 1
        if found is not None:
            from charter.cli.judging import repeat_exit_code

            return repeat_exit_code(found, self.out)
        return exit_code(counts)

    def _write_outputs(self, summary: dict[str, Any], found: Any) -> None:
        from charter.errors import InputError

        target = self.args.junit_xml
        try:
            if target:
                from charter.report import build_report, render_junit

                text = render_junit(build_report(self.store, self.run_id, self.project))
                with open(target, "w", encoding="utf-8") as handle:
                    handle.write(text)
            target = self.args.output
            if target:
                with open(target, "w", encoding="utf-8") as handle:
                    self._write_main(handle, summary, found)
            else:
                self._write_main(sys.stdout, summary, found)
        except OSError as exc:  # checked before the run; the disk may still fail us
            if not target:
                raise  # standard output (a closed pipe): the entry point's business
            raise InputError(
                f"cannot write {target}: {exc.strerror or exc}; run {self.run_id} is stored "
                f"(charter report {self.run_id})"
            ) from exc

    def _write_main(self, out: Any, summary: dict[str, Any], found: Any) -> None:
        from charter.run.export import render_text, write_json

        if self.args.format == "json":
            from charter.cli.judging import aggregate_rows

            rows = None if found is None else aggregate_rows(found)
            write_json(out, self.store, self.run_id, summary, rows)
        else:
            order = [(m.id, c.id) for m in self.project.modules for c in m.clauses]
            from charter.cli.terminal import printable

            print(printable(render_text(self.store, self.run_id, summary, order)), file=out)
