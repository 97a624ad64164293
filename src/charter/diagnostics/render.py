"""Render diagnostics as text, JSON (DESIGN §3) or SARIF 2.1.0.

Renderers return strings; printing is the front end's job. In JSON and SARIF the
envelope is indented and each diagnostic (SARIF result) is one compact line: the
indenting encoder of :mod:`json` is pure Python, and 50,000 diagnostics took seconds.
The cyclic collector is paused while a renderer builds its many small objects
(:mod:`charter.collector`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from charter.collector import collector_paused
from charter.diagnostics.model import Diagnostic, Severity
from charter.diagnostics.registry import describe

JSON_FORMAT_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@collector_paused()
def render_text(diagnostics: Sequence[Diagnostic], *, show_questions: bool = True) -> str:
    """``path:line:col: severity CODE message`` lines, with question and related below."""
    lines: list[str] = []
    for d in diagnostics:
        lines.append(f"{d.location}: {d.severity.value} {d.code} {d.message}")
        if show_questions and d.question:
            lines.append(f"    question: {d.question}")
        if d.fix is not None:
            lines.append(f"    fix: {d.fix.description}")
        for r in d.related:
            lines.append(f"    {r.path}:{r.line}:{r.col}: note: {r.message}")
    return "\n".join(lines)


def summarize(diagnostics: Sequence[Diagnostic]) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity]
    return ", ".join(parts)


def diagnostics_payload(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    return [d.to_dict() for d in diagnostics]


@collector_paused()
def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    payload = {"format": JSON_FORMAT_VERSION, "diagnostics": _ITEMS}
    return _with_items(payload, diagnostics_payload(diagnostics))


# Stands for the list of items while the envelope is indented; replaced by the items,
# one compact JSON value a line. Only our own metadata surrounds it.
_ITEMS = "@@charter-items@@"


def _with_items(envelope: dict[str, Any], items: Sequence[Any]) -> str:
    head = json.dumps(envelope, indent=2, ensure_ascii=False)
    marker = json.dumps(_ITEMS)
    at = head.index(marker)
    line_start = head.rfind("\n", 0, at) + 1
    indent = " " * (len(head[line_start:at]) - len(head[line_start:at].lstrip(" ")))
    if not items:
        return head.replace(marker, "[]", 1)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    inner = f",\n{indent}  ".join([encode(item) for item in items])
    return "".join((head[:at], f"[\n{indent}  ", inner, f"\n{indent}]", head[at + len(marker) :]))


def _region(line: int, col: int, end_line: int | None, end_col: int | None) -> dict[str, int]:
    region = {"startLine": max(line, 1), "startColumn": max(col, 1)}
    if end_line is not None:
        region["endLine"] = max(end_line, region["startLine"])
    if end_col is not None and (end_line is None or end_line >= line):
        region["endColumn"] = max(end_col, 1)
    return region


def _location(path: str, region: dict[str, int], message: str | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": path}, "region": region}
    }
    if message is not None:
        loc["message"] = {"text": message}
    return loc


def _sarif_result(d: Diagnostic, rule_index: dict[str, int]) -> dict[str, Any]:
    text = d.message if not d.question else f"{d.message} — {d.question}"
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index[d.code],
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": text},
        "locations": [_location(d.path, _region(d.line, d.col, d.end_line, d.end_col))],
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": i, **_location(r.path, _region(r.line, r.col, r.end_line, r.end_col), r.message)}
            for i, r in enumerate(d.related)
        ]
    props: dict[str, Any] = {}
    if d.clause:
        props["clause"] = d.clause
    if d.question:
        props["question"] = d.question
    if d.fix is not None:
        props["fix"] = d.fix.description
    if props:
        result["properties"] = props
    return result


def _sarif_rule(code: str) -> dict[str, Any]:
    info = describe(code)
    rule: dict[str, Any] = {"id": code}
    if info is not None:
        rule["shortDescription"] = {"text": info.title}
        if info.explanation:
            rule["fullDescription"] = {"text": info.explanation}
        rule["defaultConfiguration"] = {"level": _SARIF_LEVEL[info.severity]}
    return rule


@collector_paused()
def render_sarif(diagnostics: Sequence[Diagnostic], *, tool_version: str) -> str:
    """A SARIF 2.1.0 log with one run, rules for every code used, and related locations."""
    codes = sorted({d.code for d in diagnostics})
    rule_index = {code: i for i, code in enumerate(codes)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "charter",
                        "version": tool_version,
                        "informationUri": "https://github.com/charter-spec/charter",
                        "rules": [_sarif_rule(code) for code in codes],
                    }
                },
                "results": _ITEMS,
            }
        ],
    }
    return _with_items(log, [_sarif_result(d, rule_index) for d in diagnostics])
