"""``charter report RUN [PATH] --format html|junit|json --output FILE``: a run, rendered.

RUN is a run id, a unique prefix of one, ``latest`` or ``latest~N``. The report is
built from the store of the project at PATH (default: the current folder) and the spec
at the run's root: clauses with their text and authority, cases with conversation,
responses, verdicts and the judge's reasoning, pass rates per clause and per level of
authority, flaky cases, the comparison with the previous run and a chart over time.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from charter.cli.output import emit


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="render a run as a self-contained HTML page, JUnit XML or JSON",
        description="Render a stored run: HTML (one self-contained file, no external "
        "resources), JUnit XML for CI, or JSON.",
    )
    parser.add_argument("run", metavar="RUN", help="run id, unique prefix, latest or latest~N")
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="project folder")
    parser.add_argument("--format", choices=("html", "junit", "json"), default="html")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument("--store", metavar="FILE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from charter.report import build_report, render_html, render_junit, to_json
    from charter.store import open_project_store

    with open_project_store(args.path, args.store) as store:
        report = build_report(store, args.run)
    if args.format == "html":
        text = render_html(report)
    elif args.format == "junit":
        text = render_junit(report)
    else:
        text = json.dumps(to_json(report), indent=2, ensure_ascii=False)
    emit(text, args.output)
    return 0
