"""``charter calibrate PATH --grader P/M``: how far a judge agrees with the spec's labels.

Every GOOD and BAD candidate of the spec's examples is graded as a response — blind by
default (``--mode blind``: references from the clause's other examples, never the
candidate's own siblings; ``--mode with-siblings`` is the older, flattering mode). The
report says which mode was used and gives agreement (with a 95 % Wilson interval) and
Cohen's kappa overall and per clause, the share of ``uncertain`` verdicts, a warning
where too few candidates were decided, a confusion table and the disagreeing candidates.
The result is stored with the spec's hash and version and the judge's identity, so
``charter test`` can warn when the judge it uses is uncalibrated. Exit codes: 0 when the
strict agreement (uncertain counted as misses) reaches the threshold (``[judge]
threshold``, default 0.9), 1 when it does not or nothing could be scored, 2 bad input, 3
judge unreachable.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from charter.cli.argtypes import seconds
from charter.cli.output import add_format, emit

MAX_CLAUSES = 15  # clauses with disagreements shown in text, worst first


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "calibrate",
        help="grade the spec's own GOOD/BAD examples with a judge and report agreement",
        description="Grade every GOOD and BAD candidate response in the spec's examples with "
        "the judge model and report agreement with the spec's labels (overall, per clause, "
        "Cohen's kappa, confusion tables). Exit 1 when agreement is below the threshold.",
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md file")
    parser.add_argument(
        "--grader",
        metavar="P/M",
        action="append",
        help="judge model, e.g. openai/gpt-4o; repeat it for a panel of judges (their "
        "disagreements are uncertain, listed, and flag the clause as one to clarify)",
    )
    parser.add_argument(
        "--mode",
        choices=("blind", "with-siblings"),
        default="blind",
        help="blind (default): references from the clause's other examples only; "
        "with-siblings: the candidate's own comparison (overstates accuracy)",
    )
    parser.add_argument(
        "--judge-samples",
        type=int,
        metavar="K",
        help="ask the judge K times per candidate and keep the majority (default 1)",
    )
    parser.add_argument("--concurrency", type=int, default=8, metavar="C")
    parser.add_argument("--retries", type=int, default=4, metavar="N")
    parser.add_argument("--timeout", type=seconds, default=120.0, metavar="S")
    parser.add_argument("--threshold", type=float, metavar="A", help="least agreement (0..1)")
    parser.add_argument("--clause", action="append", default=[], metavar="ID")
    parser.add_argument("--module", action="append", default=[], metavar="ID")
    parser.add_argument("--no-cache", action="store_true", help="ask the judge again")
    parser.add_argument("--no-store", action="store_true", help="do not record the result")
    parser.add_argument("--store", metavar="FILE", help=argparse.SUPPRESS)
    add_format(parser, ("text", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import load_project
    from charter.errors import InputError, SpecError
    from charter.grade.factory import judge_config
    from charter.spec.codes import FATAL_CODES

    _check_options(args)
    project = load_project(args.path)
    fatal = [d for d in project.diagnostics if d.code in FATAL_CODES]
    if fatal:
        raise SpecError(f"{fatal[0].path}: {fatal[0].message}")
    config = judge_config(project)
    graders = args.grader or ([config.grader] if config.grader else [])
    if not graders:
        raise InputError("charter calibrate needs --grader PROVIDER/MODEL (or [judge] grader)")
    threshold = config.threshold if args.threshold is None else args.threshold
    items = _items(args, project)
    store = None if args.no_store and args.no_cache else _open_store(project, args.store)
    try:
        payload = _calibrated(args, project, config, graders, store, items)
    finally:
        if store is not None:
            store.close()
    text = json.dumps(payload, indent=2) if args.format == "json" else render(payload, threshold)
    emit(text, args.output)
    agreement = payload["strict_agreement"]
    return 0 if agreement is not None and agreement >= threshold else 1


def _check_options(args: argparse.Namespace) -> None:
    from charter.errors import InputError

    if args.concurrency < 1 or args.retries < 0 or args.timeout <= 0:
        raise InputError("--concurrency must be ≥ 1, --retries ≥ 0, --timeout > 0")
    if args.judge_samples is not None and not 1 <= args.judge_samples <= 25:
        raise InputError("--judge-samples must be between 1 and 25")
    if args.threshold is not None and not 0 <= args.threshold <= 1:  # also rejects nan
        raise InputError(f"--threshold is an agreement between 0 and 1, not {args.threshold:g}")


def _items(args: argparse.Namespace, project: Any) -> list[Any]:
    """The candidates to grade; none is bad input (there is nothing to measure)."""
    from charter.errors import InputError
    from charter.run.calibrate import plan_calibration
    from charter.run.plan import Filters

    filters = Filters(tuple(args.clause), tuple(args.module))
    items = list(plan_calibration(project, filters, args.mode))
    if not items:
        where = " matching --clause/--module" if args.clause or args.module else ""
        raise InputError(
            f"nothing to calibrate: no GOOD or BAD candidate in an example of a testable "
            f"clause{where} (a clause with an authority, not abstract or deprecated)"
        )
    return items


def _calibrated(
    args: argparse.Namespace,
    project: Any,
    config: Any,
    graders: list[str],
    store: Any,
    items: list[Any],
) -> dict[str, Any]:
    """Grade the planned candidates, record the report unless told not to, return it."""
    import asyncio

    from charter.grade.calibration import agreement_of, summarize
    from charter.grade.factory import make_judge
    from charter.run.calibrate import CallPolicy
    from charter.run.plan import spec_hash

    policy = CallPolicy(args.concurrency, args.retries, args.timeout)
    cache = None if args.no_cache else store
    judges = [make_judge(project, config, g, cache, samples=args.judge_samples) for g in graders]
    judged, own = asyncio.run(_graded(items, judges, policy))
    identity = {"grader": "+".join(graders), **judges[0].identity()}
    if len(judges) > 1:
        identity["panel"] = ", ".join(graders)
    spec = {"root": project.root, "hash": spec_hash(project), "version": _version(project)}
    report = summarize(judged, identity, spec, args.mode).to_json()
    if own:
        report["judges"] = {
            g: agreement_of(own[j.name]).to_json() for g, j in zip(graders, judges, strict=True)
        }
    if store is not None and not args.no_store:
        store.record_calibration(report)
    return report


async def _graded(items: Any, judges: list[Any], policy: Any) -> Any:
    """(verdicts, each judge's own verdicts when a panel graded) for ``items``."""
    from charter.run.calibrate import calibrate, calibrate_panel

    try:
        if len(judges) == 1:
            return await calibrate(items, judges[0], policy), {}
        return await calibrate_panel(items, judges, policy)
    finally:
        for judge in judges:
            await judge.provider.aclose()


def _open_store(project: Any, path: str | None) -> Any:
    from charter.store import open_store
    from charter.store.judging import JudgeStore

    return JudgeStore(open_store(project.root, path))


def _version(project: Any) -> str | None:
    versions = sorted({m.version for m in project.modules if m.version})
    return ", ".join(versions) if versions else None


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _interval(bounds: list[float] | None) -> str:
    return "" if not bounds else f" [95% CI {_percent(bounds[0])}–{_percent(bounds[1])}]"


def _unscored(unscored: int, failed: int) -> str:
    """Why candidates have no verdict: calls that failed, answers that held none."""
    parts = []
    if failed:
        parts.append(f"{failed} judge call(s) failed after retries")
    if unscored - failed > 0:
        parts.append(
            f"{unscored - failed} judge answer(s) held no readable verdict (is the grader a "
            "model that follows the judge prompt?)"
        )
    return "; ".join(parts)


def _kappa(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def render(payload: dict[str, Any], threshold: float) -> str:
    """The human summary: totals, then clauses with disagreements, worst first."""
    lines = [
        f"calibration of {payload['spec']['root']} with judge {payload['judge']['grader']} "
        f"(template {payload['judge']['template']}, mode {payload.get('mode', 'blind')})",
        f"{payload['n']} candidates: {payload['scored']} decided, "
        f"{payload.get('uncertain', 0)} uncertain, {payload['unscored']} unscored"
        f" · agreement {_percent(payload['agreement'])}{_interval(payload.get('agreement_ci'))}"
        f" · kappa {_kappa(payload['kappa'])}",
    ]
    if payload["unscored"]:
        lines.append(f"  unscored: {_unscored(payload['unscored'], payload.get('errors', 0))}")
    for name, own in payload.get("judges", {}).items():
        lines.append(f"  judge {name}: agreement {_percent(own['agreement'])} alone")
    table = payload["confusion"]
    for row in ("good", "bad"):
        cells = ", ".join(f"{k} {v}" for k, v in table[row].items() if v)
        lines.append(f"  {row.upper():4} → {cells or 'none'}")
    missed = [
        c for c in payload["clauses"] if c["disagreements"] or c["unscored"] or c.get("uncertain")
    ]
    missed.sort(key=lambda c: (c["agreement"] is not None, c["agreement"] or 0.0))
    for clause in missed[:MAX_CLAUSES]:
        lines += _clause_lines(clause)
    if len(missed) > MAX_CLAUSES:
        lines.append(f"  … and {len(missed) - MAX_CLAUSES} more clauses (--format json lists all)")
    strict = payload.get("strict_agreement", payload["agreement"])
    verdict = "below" if strict is None or strict < threshold else "meets"
    lines.append(
        f"strict agreement {_percent(strict)} (uncertain counted as misses): "
        f"{verdict} the threshold of {_percent(threshold)}"
    )
    return "\n".join(lines)


def _clause_lines(clause: dict[str, Any]) -> list[str]:
    lines = [
        f"  {clause['module']}/{clause['clause']}: {_percent(clause['agreement'])}"
        f"{_interval(clause.get('agreement_ci'))} of {clause['scored']} decided "
        f"({clause.get('uncertain', 0)} uncertain, {clause['unscored']} unscored)"
        + (f" · {clause['warning']}" if clause.get("warning") else "")
    ]
    if clause.get("to_clarify"):
        split = len(clause["judges_disagree"])
        lines.append(f"    the judges disagree on {split} candidate(s): a clause to clarify")
    lines += [
        f"    disagrees: {cid.rsplit('/', 2)[-2]}/{cid.rsplit('/', 1)[-1]}"
        for cid in clause["disagreements"][:5]
    ]
    return lines
