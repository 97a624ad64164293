"""The HTML report: one self-contained file, shaped like the spec.

Guarantees: no external resource of any kind (scripts, fonts, stylesheets, images) and
no script at all — a Content-Security-Policy of ``default-src 'none'`` says so to the
browser too; expanding a clause or a case uses ``<details>``. Every string from the
store or the spec — model output above all — goes through :func:`_e` (``html.escape``
with quotes), so a response holding ``<script>`` or ``"><img onerror=...>`` is text.
"""

from __future__ import annotations

import time
from html import escape

from charter.report.chart import render_chart
from charter.report.model import (
    Attempt,
    CaseReport,
    Change,
    ClauseReport,
    Comparison,
    ModuleReport,
    Rate,
    Report,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root{--ok:#1a7f37;--bad:#cf222e;--err:#9a6700;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328}
header{background:#24292f;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:20px}
header .meta{color:#d0d7de;font-size:13px}
main{padding:16px 24px;max-width:1100px}
h2{font-size:17px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}
.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.tile{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:110px}
.tile b{display:block;font-size:22px}
table{border-collapse:collapse;margin:8px 0}
td,th{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
.bar{display:inline-block;width:120px;height:8px;background:#eee;border-radius:4px;overflow:hidden}
.bar i{display:block;height:100%;background:var(--ok)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;
 border:1px solid currentColor;margin-right:4px}
.badge.passed,.badge.pass,.tile.passed{color:var(--ok)}
.badge.failed,.badge.fail,.badge.partial,.tile.failed,h3.failed{color:var(--bad)}
.badge.errored,.badge.unscored,.tile.errored{color:var(--err)}
.badge.ungraded,.badge.na,.tile.ungraded{color:var(--muted)}
.badge.flaky,.tile.flaky{color:#8250df}
details.clause{border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:0 12px}
details.clause>summary{padding:8px 0;cursor:pointer}
details.case{border-left:3px solid var(--line);margin:8px 0 8px 4px;padding-left:10px}
details.case.failed{border-color:var(--bad)}details.case.passed{border-color:var(--ok)}
.authority{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.statements{color:#424a53;margin:4px 0 8px}
.msg{margin:6px 0}.msg .role{font-size:12px;color:var(--muted);text-transform:uppercase}
pre{white-space:pre-wrap;word-break:break-word;background:var(--bg);border:1px solid var(--line);
 border-radius:6px;padding:8px;margin:2px 0;font:13px/1.4 ui-monospace,monospace}
pre.response{background:#fff8c5}
.reasoning{margin:4px 0 10px}
.chart .grid{stroke:#d0d7de}.chart .line{fill:none;stroke:#0969da;stroke-width:2}
.chart .dot{fill:#0969da}.chart .dot.current{fill:#cf222e}.chart text{font-size:11px;fill:#57606a}
.muted{color:var(--muted)}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.1%}"


def _when(stamp: float | None) -> str:
    return "–" if stamp is None else time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(stamp))


def _badge(status: str, text: str | None = None) -> str:
    css = "na" if status == "n/a" else status
    return f'<span class="badge {_e(css)}">{_e(text or status)}</span>'


def _bar(rate: float | None) -> str:
    width = 0 if rate is None else round(rate * 100)
    return f'<span class="bar"><i style="width:{width}%"></i></span>'


def render_html(report: Report) -> str:
    run = report.run
    body = [
        _header(report),
        "<main>",
        _tiles(report.rate),
        _not_run(report),
        _authorities(report),
        "<h2>Compliance over time</h2>",
        render_chart(report.history, run.id) if report.history else "<p>No runs yet.</p>",
        _comparison(report.comparison),
        *(_module(module) for module in report.modules),
        "</main>",
    ]
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Charter report {_e(run.id)}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _not_run(report: Report) -> str:
    """The cases of a run that stopped early, which no tile counts."""
    if not report.not_run:
        return ""
    listed = ", ".join(f"<code>{_e(case)}</code>" for case in report.not_run[:20])
    more = f" and {len(report.not_run) - 20} more" if len(report.not_run) > 20 else ""
    return (
        f'<p id="not-run" class="failed">{len(report.not_run)} case(s) have no result: the '
        f"run is {_e(report.run.state)} (finish it with <code>charter test PATH --resume "
        f"{_e(report.run.id)}</code>): {listed}{_e(more)}</p>"
    )


def _header(report: Report) -> str:
    run = report.run
    details = [
        f"model <b>{_e(run.model)}</b>",
        f"grader {_e(run.grader or 'fixed assertions only')}",
        f"{_e(run.state)} · {_e(_when(run.created))}",
        f"repeats {run.repeat}" + (" · spec in the system prompt" if run.with_spec else ""),
        f"spec {_e(run.spec_root)} ({_e(run.spec_hash[:12])})",
    ]
    note = "" if report.spec_loaded else " · spec not found: clause ids only"
    return (
        f"<header><h1>Charter report · run {_e(run.id)}</h1>"
        f'<div class="meta">{" · ".join(details)}{_e(note)}</div></header>'
    )


def _tiles(rate: Rate) -> str:
    tiles = [("pass rate", _percent(rate.rate), "")]
    tiles += [
        (name, str(getattr(rate, name)), name)
        for name in ("passed", "failed", "errored", "ungraded", "flaky")
    ]
    cells = "".join(
        f'<div class="tile {css}"><b>{_e(value)}</b>{_e(name)}</div>' for name, value, css in tiles
    )
    return f'<div class="tiles" id="summary">{cells}</div>'


def _rate_row(name: str, rate: Rate) -> str:
    return (
        f"<tr><td>{_e(name)}</td><td>{_bar(rate.rate)} {_percent(rate.rate)}</td>"
        f"<td>{rate.passed}/{rate.graded} passed</td>"
        f"<td class='muted'>{rate.errored} errored · {rate.ungraded} ungraded · "
        f"{rate.flaky} flaky</td></tr>"
    )


def _authorities(report: Report) -> str:
    rows = "".join(_rate_row(name, rate) for name, rate in report.authorities)
    return f'<h2>By level of authority</h2><table id="authorities">{rows}</table>'


def _change_list(title: str, changes: tuple[Change, ...], css: str) -> str:
    if not changes:
        return ""
    items = "".join(
        f"<li><code>{_e(c.case)}</code>: {_e(c.before or 'absent')} → "
        f"{_e(c.after or 'absent')}</li>"
        for c in changes
    )
    return f'<h3 class="{css}">{_e(title)} ({len(changes)})</h3><ul>{items}</ul>'


def _comparison(comparison: Comparison | None) -> str:
    if comparison is None:
        return "<h2>Compared with the previous run</h2><p>This is the first run of this spec.</p>"
    deltas = "".join(
        f"<tr><td><code>{_e(d.module)}/{_e(d.clause)}</code></td><td>{_percent(d.before)}</td>"
        f"<td>→ {_percent(d.after)}</td></tr>"
        for d in comparison.clauses
    )
    return (
        f'<h2 id="comparison">Compared with the previous run {_e(comparison.before)}</h2>'
        f"<p>{len(comparison.regressions)} regressions · {len(comparison.improvements)} "
        f"improvements · {len(comparison.other)} other changes</p>"
        + _change_list("Regressions", comparison.regressions, "failed")
        + _change_list("Improvements", comparison.improvements, "passed")
        + _change_list("Other changes", comparison.other, "muted")
        + (f"<table>{deltas}</table>" if deltas else "")
    )


def _module(module: ModuleReport) -> str:
    clauses = "".join(_clause(clause) for clause in module.clauses)
    return (
        f'<section class="module" id="module-{_e(module.id)}"><h2>{_e(module.title)} '
        f'<span class="muted">{_e(module.id)}</span></h2>{clauses}</section>'
    )


def _clause(clause: ClauseReport) -> str:
    rate = clause.rate
    trouble = rate.failed or rate.errored or rate.flaky
    flaky = _badge("flaky", f"{rate.flaky} flaky") if rate.flaky else ""
    before = (
        f' <span class="muted">(was {_percent(clause.previous_rate)})</span>'
        if clause.previous_rate is not None and clause.previous_rate != rate.rate
        else ""
    )
    statements = "".join(f"<li>{_e(text)}</li>" for text in clause.statements)
    where = f'<div class="muted">{_e(clause.location)}</div>' if clause.location else ""
    cases = "".join(_case(case) for case in clause.cases)
    return (
        f'<details class="clause" id="clause-{_e(clause.module)}-{_e(clause.id)}"'
        f"{' open' if trouble else ''}><summary>"
        f"{_badge(_clause_status(rate), _percent(rate.rate))}{flaky}"
        f" <b>{_e(clause.title)}</b> <code>#{_e(clause.id)}</code> "
        f'<span class="authority">{_e(clause.authority or "no authority")}</span>'
        f" · {rate.passed}/{rate.graded} passed{before}</summary>{where}"
        f'<ul class="statements">{statements}</ul>{cases}</details>'
    )


def _clause_status(rate: Rate) -> str:
    if rate.failed:
        return "failed"
    if rate.errored:
        return "errored"
    return "passed" if rate.passed else "ungraded"


def _case(case: CaseReport) -> str:
    flaky = _badge("flaky") if case.flaky else ""
    previous = (
        f' <span class="muted">(was {_e(case.previous)})</span>'
        if case.previous and case.previous != case.status
        else ""
    )
    repeats = f" · {len(case.attempts)} repeats, {case.policy}" if len(case.attempts) > 1 else ""
    conversation = "".join(
        f'<div class="msg"><div class="role">{_e(role)}</div><pre>{_e(text)}</pre></div>'
        for role, text in case.conversation
    )
    attempts = "".join(_attempt(a, len(case.attempts) > 1) for a in case.attempts)
    return (
        f'<details class="case {_e(case.status)}" id="case-{_e(case.id)}"'
        f"{' open' if case.status == 'failed' else ''}><summary>{_badge(case.status)}{flaky}"
        f"<code>{_e(case.id)}</code>{previous}{_e(repeats)}</summary>"
        f"{conversation}{attempts}</details>"
    )


def _attempt(attempt: Attempt, numbered: bool) -> str:
    label = f"response #{attempt.repeat + 1}" if numbered else "response"
    source = f" · {_e(attempt.model_version)}" if attempt.model_version else ""
    response = (
        f'<pre class="response">{_e(attempt.response)}</pre>'
        if attempt.response is not None
        else '<p class="muted">no response</p>'
    )
    verdict = _badge(attempt.verdict, f"judge: {attempt.verdict}") if attempt.verdict else ""
    grader = f'<span class="muted">{_e(attempt.grader or "")}</span>'
    return (
        f'<div class="msg attempt"><div class="role">{_e(label)}{source}</div>{response}'
        f'<div class="reasoning">{_badge(attempt.status)}{verdict}{grader} '
        f"{_e(attempt.reasoning)}</div></div>"
    )
