"""The one JUnit writer (``charter test --junit-xml`` and ``charter report --format junit``):
one ``<testsuite>`` per clause, one ``<testcase>`` per case.

A case's outcome is the aggregate of its repeats: ``failed`` → ``<failure>``,
``errored`` → ``<error>``, a case the run never finished → ``<error>`` in a
``not run`` suite, ``ungraded`` → ``<skipped>`` (with why it was not graded);
flaky cases carry a ``flaky`` property. Each ``<testcase>`` has ``file`` (the spec file
of its clause, when the spec was at hand), ``time`` (the model's answer time, summed
over repeats) and, in a failure or error, every repeat's reason and response. Text is
escaped by :mod:`xml.sax.saxutils` and stripped of the control characters XML 1.0
forbids, so any model output yields well-formed XML.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from charter.report.model import CaseReport, ClauseReport, Report

_LINE_COL = re.compile(r"(:\d+)+$")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _FORBIDDEN.sub("\ufffd", text)


def _attr(text: str) -> str:
    return quoteattr(_clean(text))


def _body(case: CaseReport) -> str:
    parts = []
    for attempt in case.attempts:
        head = f"[repeat {attempt.repeat}] {attempt.status}"
        parts.append(f"{head}: {attempt.reasoning}\n--- response ---\n{attempt.response or ''}")
    return escape(_clean("\n\n".join(parts)))


def _testcase(clause: ClauseReport, case: CaseReport) -> str:
    name = case.id.rsplit("/", 1)[-1]
    attrs = f"classname={_attr(clause.module + '.' + clause.id)} name={_attr(name)}"
    if clause.location:
        attrs += f" file={_attr(_LINE_COL.sub('', clause.location))}"
    times = [a.latency_s for a in case.attempts if a.latency_s is not None]
    if times:
        attrs += f' time="{sum(times):.3f}"'
    head = f"<testcase {attrs}>"
    reason = case.attempts[-1].reasoning if case.attempts else ""
    message = _attr(f"{case.status}: {reason}"[:500])
    inner = ""
    if case.flaky:
        inner += '<properties><property name="flaky" value="true"/></properties>'
    if case.status == "failed":
        inner += f"<failure message={message}>{_body(case)}</failure>"
    elif case.status == "errored":
        inner += f"<error message={message}>{_body(case)}</error>"
    elif case.status == "ungraded":
        inner += f"<skipped message={message}/>"
    return f"{head}{inner}</testcase>"


def render_junit(report: Report) -> str:
    suites = []
    for module in report.modules:
        for clause in module.clauses:
            rate = clause.rate
            cases = "".join(_testcase(clause, case) for case in clause.cases)
            suites.append(
                f'<testsuite name={_attr(module.id + "/" + clause.id)} tests="{rate.total}"'
                f' failures="{rate.failed}" errors="{rate.errored}" skipped="{rate.ungraded}">'
                f"{cases}</testsuite>"
            )
    total, missing = report.rate, len(report.not_run)
    if missing:
        suites.append(_not_run(report))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name={_attr("charter " + report.run.id)} tests="{total.total + missing}"'
        f' failures="{total.failed}" errors="{total.errored + missing}"'
        f' skipped="{total.ungraded}">' + "".join(suites) + "</testsuites>\n"
    )


def _not_run(report: Report) -> str:
    """Cases the run planned and never finished: errors, so a CI reading only this file
    does not take a stopped run for a clean one."""
    why = _attr(
        f"no result: the run is {report.run.state}; finish it with "
        f"charter test PATH --resume {report.run.id}"
    )
    cases = "".join(
        f"<testcase classname={_attr(case_id.rsplit('/', 1)[0].replace('/', '.'))}"
        f" name={_attr(case_id.rsplit('/', 1)[-1])}><error message={why}/></testcase>"
        for case_id in report.not_run
    )
    count = len(report.not_run)
    return (
        f'<testsuite name="not run" tests="{count}" failures="0" errors="{count}"'
        f' skipped="0">{cases}</testsuite>'
    )
