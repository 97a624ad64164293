"""A run's results as ``charter test`` prints them: the ``--format json`` payload
(streamed from the store, so a 100,000-case run is written without holding its results
in memory) and the text summary. JUnit XML has one writer, :mod:`charter.report.junit`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from itertools import groupby
from typing import IO, Any

from charter.store import Store
from charter.store.records import CaseStatus as Status

FORMAT = 1
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_json(
    out: IO[str],
    store: Store,
    run_id: str,
    summary: dict[str, Any],
    aggregates: Iterable[dict[str, Any]] | None = None,
) -> None:
    """``{"format": 1, "run": ID, "summary": {...}, "cases": [...]}``, one case per line;
    with repeats, also ``"aggregates": [...]``: one object per case (``id``, ``clause``,
    ``module``, aggregate ``status``, ``flaky``, ``policy``, ``passed``, ``failed``,
    ``repeats``)."""
    head = json.dumps({"format": FORMAT, "run": run_id, "summary": summary}, ensure_ascii=False)
    out.write(head[:-1] + ', "cases": [')
    _write_lines(out, store.outcome_lines(run_id))
    if aggregates is not None:
        out.write('], "aggregates": [')
        _lines(out, aggregates)
    out.write("]}\n")


def _lines(out: IO[str], items: Iterable[dict[str, Any]]) -> None:
    """A JSON array's items, one per line (the caller writes the brackets). One encoder
    for all of them: ``json.dumps`` with an option builds a new one per item."""
    _write_lines(out, map(json.JSONEncoder(ensure_ascii=False).encode, items))


def _write_lines(out: IO[str], lines: Iterable[str]) -> None:
    wrote = False
    for line in lines:
        out.write((",\n  " if wrote else "\n  ") + line)
        wrote = True
    out.write("\n")


_STATUSES = tuple(s.value for s in Status)
SHOW_PROBLEMS = 20


def _counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts[s]} {s}" for s in _STATUSES if counts.get(s))


def render_text(
    store: Store, run_id: str, summary: dict[str, Any], order: list[tuple[str, str]]
) -> str:
    """The terminal summary: one line per clause, the first failures, then the totals.
    With repeats a clause's line says its cases and repeats, as the totals line does
    (``2 cases × 3 repeats: 5 passed, 1 failed``: the counts are of results)."""
    per_clause: dict[tuple[str, str], dict[str, int]] = {}
    for module, clause, status, count in store.clause_counts(run_id):
        per_clause.setdefault((module, clause), {})[status] = count
    rank = {key: index for index, key in enumerate(order)}
    keys = sorted(per_clause, key=lambda k: (rank.get(k, len(rank)), k))
    lines: list[str] = []
    width = min(48, max((len(c) for _, c in keys), default=10))
    repeat = int(summary.get("repeat") or 1)
    cases = store.clause_cases(run_id) if repeat > 1 else {}
    for module, group in groupby(keys, key=lambda k: k[0]):
        lines.append(module)
        for key in group:
            n = cases.get(key, 0)
            head = f"{n} case{'s' * (n != 1)} × {repeat} repeats: " if repeat > 1 else ""
            lines.append(f"  {key[1]:<{width}}  {head}{_counts_line(per_clause[key])}")
    lines += _problems(store, run_id)
    lines.append(_totals_line(summary))
    return "\n".join(lines)


def _problems(store: Store, run_id: str) -> list[str]:
    shown: list[str] = []
    hidden = 0
    for result in store.results(run_id, where="status IN ('failed', 'errored')"):
        if len(shown) >= SHOW_PROBLEMS:
            hidden += 1
            continue
        repeat = f" #{result.repeat}" if result.repeat else ""
        shown.append(f"  {result.status.upper()} {result.case_id}{repeat}: {result.reason}")
    if hidden:
        shown.append(f"  … and {hidden} more (--format json or --junit-xml lists them all)")
    return ["", *shown] if shown else []


def _totals_line(summary: dict[str, Any]) -> str:
    lines = [_cases_line(summary), _graded_line(summary)]
    parts = [f"{summary['cached']} from cache", _calls_text(summary)]
    if summary["input_tokens"] or summary["output_tokens"]:
        parts.append(f"{summary['input_tokens']:,} in / {summary['output_tokens']:,} out tokens")
    if summary.get("judge_calls"):
        parts.append(
            f"{summary['judge_calls']} judge calls ({summary['judge_input_tokens']:,} in / "
            f"{summary['judge_output_tokens']:,} out tokens)"
        )
    if summary.get("cost") is not None:
        parts.append(f"${summary['cost']:.4f}")
    if summary.get("spec_prompt_tokens"):
        parts.append(f"spec prompt ≈{summary['spec_prompt_tokens']:,} tokens")
    parts.append(f"{summary['wall_s']:.1f} s")
    status = "" if summary["status"] == "finished" else f" [{summary['status']}]"
    lines.append(" · ".join(parts) + status)
    return "\n" + "\n".join(line for line in lines if line)


def _cases_line(summary: dict[str, Any]) -> str:
    """Cases are cases: with repeats, results are case × repeat and named so."""
    counts = _counts_line(summary) or "none finished"
    cases, results, repeat = summary.get("cases"), summary["total"], summary.get("repeat", 1)
    if cases is None:
        return f"{summary['done']} of {results} cases: {counts}"
    if repeat and repeat > 1:
        return f"{cases} cases × {repeat} repeats: {summary['done']} of {results} results: {counts}"
    return f"{summary['done']} of {cases} cases: {counts}"


def _graded_line(summary: dict[str, Any]) -> str:
    if "graded" not in summary or not summary["done"]:
        return ""
    from charter.run.outcome import percent

    line = (
        f"graded {summary['graded']} of {summary['done']} ({percent(summary['graded_share'])}); "
        f"pass rate over graded {percent(summary['pass_rate'])}"
    )
    reasons = summary.get("ungraded_by_reason") or {}
    if reasons:
        line += " · ungraded: " + ", ".join(f"{n} {r}" for r, n in reasons.items())
    return line


def _calls_text(summary: dict[str, Any]) -> str:
    made, total = summary["calls"], summary.get("calls_total", summary["calls"])
    if total != made:
        # the run's count is of calls stored with a result: attempts for cases left
        # without one (an endpoint that never answered, Ctrl-C) are this invocation's only
        return f"{made} model calls this invocation ({total} recorded in the run)"
    return f"{made} model calls"
