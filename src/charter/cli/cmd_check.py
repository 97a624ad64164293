"""``charter check PATH``: parse + every analysis (lint, type checks) as one diagnostic list."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from charter.cli.output import add_format, emit, use_colour
from charter.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="parse, lint and type-check a spec; exit 1 on any error",
        description="The 'compile' step of a spec: parse every module and prompt file, run "
        "the analyses, and print one sorted list of diagnostics. Exit code 1 when any "
        "diagnostic is an error, 2 when the spec cannot be read.",
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md file")
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="also report, per module and level of authority, which testable clauses have "
        "examples, prompt files or test blocks, and list the untested ones (text or json)",
    )
    parser.add_argument(
        "--model",
        metavar="P/M",
        help="also ask this model about statement pairs the contradiction check left open "
        "(findings C042/C043, answers cached by the pair's text)",
    )
    parser.add_argument(
        "--model-limit", type=int, default=50, metavar="N", help="ask about at most N pairs"
    )
    add_format(parser)
    parser.set_defaults(handler=run)


def collect(project: Any) -> list[Any]:
    """Parse diagnostics plus every analysis (see :mod:`charter.analysis`), sorted."""
    from charter.analysis import collect as collect_all

    return collect_all(project)


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import exit_code, load_project
    from charter.cli.output import format_diagnostics

    if args.coverage and args.format == "sarif":
        raise InputError("--coverage prints text or json; SARIF has no place for a report")
    project = load_project(args.path)
    diagnostics = collect(project)
    if getattr(args, "model", None):
        diagnostics = _with_model(project, diagnostics, args.model, args.model_limit)
    colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
    if args.coverage:
        emit(_with_coverage(project, diagnostics, args.format, colour), args.output)
    else:
        emit(format_diagnostics(diagnostics, args.format, colour=colour), args.output)
    return exit_code(diagnostics)


def _with_model(project: Any, diagnostics: list[Any], ref: str, limit: int) -> list[Any]:
    from charter.check.adjudicate import adjudicate
    from charter.diagnostics import sort_diagnostics
    from charter.providers import resolve

    tables = project.config.section("providers") if project.config is not None else {}
    return sort_diagnostics([*diagnostics, *adjudicate(project, resolve(ref, tables), limit)])


def _with_coverage(project: Any, diagnostics: list[Any], fmt: str, colour: bool) -> str:
    """Diagnostics followed by the coverage report; one JSON object in json format."""
    from charter.check.coverage import measure_coverage, render_coverage
    from charter.cli.output import format_diagnostics
    from charter.cli.terminal import printable
    from charter.diagnostics.render import JSON_FORMAT_VERSION, diagnostics_payload

    coverage = measure_coverage(project)
    if fmt == "json":
        payload = {
            "format": JSON_FORMAT_VERSION,
            "diagnostics": diagnostics_payload(diagnostics),
            "coverage": coverage.to_dict(),
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)
    text = format_diagnostics(diagnostics, fmt, colour=colour)
    return f"{text}\n\n{printable(render_coverage(coverage))}"
