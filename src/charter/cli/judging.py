"""What ``charter test`` adds for judging: ``--grader``, the calibration warning, repeats.

Kept apart from :mod:`charter.cli.cmd_test` so that the runner's command stays its own:
it calls :func:`add_arguments`, :func:`runner_grading` and, with repeats,
:func:`repeat_outcomes` and :func:`repeat_exit_code`.

- The judge is ``--grader P/M`` or ``[judge] grader`` in charter.toml; its verdicts are
  cached in the store. Before a judged run, the last calibration of that judge on this
  exact spec (same hash) is looked up: missing, or with agreement below ``[judge]
  threshold`` (default 0.9), prints a warning — the run still goes ahead.
- With ``--repeat K`` (K > 1) the exit code follows the cases' aggregates (the clause's
  policy, :mod:`charter.run.repeats`), and flaky cases are listed; ``--format json`` adds
  ``summary.aggregate`` (cases per aggregate status, and flaky) and an ``aggregates``
  list, one object per case; ``--early-stop`` skips repeats that can no longer change an
  aggregate.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import IO, Any


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--grader",
        metavar="P/M",
        action="append",
        help="judge model for what fixed assertions leave open, e.g. openai/gpt-4o "
        "(default: [judge] grader in charter.toml); repeat it for a panel of judges, whose "
        "disagreements are uncertain and listed",
    )
    parser.add_argument(
        "--judge-samples",
        metavar="K",
        type=int,
        help="ask each judge K times (majority verdict, agreement reported; default 1)",
    )
    parser.add_argument(
        "--early-stop",
        action="store_true",
        help="with --repeat: run repeats round by round and skip those that can no longer "
        "change a case's aggregate",
    )


def runner_grading(project: Any, store: Any, settings: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for :class:`~charter.run.Runner`: the judge and its provider.

    ``settings["grader"]`` is one ``P/M`` or a list of them (a panel: every judge grades,
    disagreement is ``uncertain``); ``settings["judge_samples"]`` asks each judge K times
    (majority, agreement reported). The judge reads the project's spec context, and with
    ``settings["with_spec"]`` knows the compiled spec the model had, so it is referenced
    once instead of being quoted as part of the conversation."""
    from charter.grade.factory import judge_config
    from charter.run.plan import spec_hash
    from charter.store.judging import JudgeStore

    config = judge_config(project)
    chosen = settings.get("grader") or config.grader
    if not chosen:
        return {}
    if isinstance(chosen, str) and settings.get("panel"):
        chosen = [chosen, *settings["panel"]]
    settings["grader"] = chosen
    judges = JudgeStore(store)
    compiled = _compiled_spec(project) if settings.get("with_spec") else None
    made = []
    for grader in [chosen] if isinstance(chosen, str) else list(chosen):
        warning = calibration_warning(judges, spec_hash(project), grader, config.threshold)
        if warning:
            print(f"charter: warning: {warning}", file=sys.stderr, flush=True)
        made.append(_judge(project, config, grader, judges, settings, compiled))
    if len(made) == 1:
        return {"judge": made[0], "judge_provider": made[0].provider}
    from charter.grade.consensus import Panel  # only for a panel

    judge = Panel(made)
    return {"judge": judge, "judge_provider": made[0].provider}


def _judge(
    project: Any, config: Any, grader: str, cache: Any, settings: dict[str, Any], spec: str | None
) -> Any:
    from charter.grade.factory import make_judge

    samples = settings.get("judge_samples") or None
    return make_judge(project, config, grader, cache, samples=samples, compiled_spec=spec)


def _compiled_spec(project: Any) -> str:
    from charter.compile import compile_prompt

    return str(compile_prompt(project).text)


def calibration_warning(judges: Any, digest: str, grader: str, threshold: float) -> str | None:
    """Why the judge is not (yet) trusted on this spec, or None when it is."""
    last = judges.last_calibration(digest, grader)
    if last is None:
        return (
            f"judge {grader} has no calibration on this version of the spec; "
            f"run: charter calibrate PATH --grader {grader}"
        )
    if last.report.get("mode") == "with-siblings":
        return (
            f"judge {grader} was last calibrated with each candidate's labelled siblings in "
            f"view, which overstates its accuracy; run: charter calibrate PATH --grader {grader}"
        )
    agreement = last.report.get("strict_agreement", last.agreement)
    if agreement is None or agreement < threshold:
        shown = "nothing scored" if agreement is None else f"{agreement:.1%} agreement"
        return (
            f"judge {grader} agreed with the spec's own labels on {shown} at its last "
            f"calibration, below the threshold of {threshold:.0%}"
        )
    return None


def repeat_outcomes(store: Any, run_id: str, project: Any) -> dict[str, Any]:
    """Every case of the run with the aggregate of its repeats, by the clause's policy."""
    from charter.report.build import SpecIndex
    from charter.report.compare import outcomes
    from charter.store.history import History

    return outcomes(History(store), run_id, SpecIndex(project).strict)


def aggregate_counts(found: dict[str, Any]) -> dict[str, int]:
    """Aggregated cases per status, and how many are flaky (the JSON summary's part)."""
    counts = dict.fromkeys(("passed", "failed", "errored", "ungraded"), 0)
    for outcome in found.values():
        counts[outcome.result.status] += 1
    counts["flaky"] = sum(1 for outcome in found.values() if outcome.result.flaky)
    return counts


def aggregate_rows(found: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One JSON object per case: its aggregate status, whether it is flaky, and why."""
    for case_id in sorted(found):
        outcome = found[case_id]
        result = outcome.result
        yield {
            "id": case_id,
            "clause": outcome.clause,
            "module": outcome.module,
            "status": result.status,
            "flaky": result.flaky,
            "policy": result.policy,
            "passed": result.passed,
            "failed": result.failed,
            "repeats": result.repeats,
        }


def repeat_exit_code(found: dict[str, Any], out: IO[str]) -> int:
    """Print the repeats' aggregate and flaky cases; exit code from the aggregates."""
    from charter.grade import Status

    counts: dict[str, int] = {}
    for outcome in found.values():
        counts[outcome.result.status] = counts.get(outcome.result.status, 0) + 1
    flaky = sorted(case for case, outcome in found.items() if outcome.result.flaky)
    listed = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"repeats: {len(found)} cases aggregated: {listed}; {len(flaky)} flaky", file=out)
    for case in flaky[:20]:
        result = found[case].result
        print(f"  FLAKY {case}: {result.summary} → {result.status}", file=out)
    if counts.get(Status.FAILED):
        return 1
    return 3 if counts.get(Status.ERRORED) else 0
