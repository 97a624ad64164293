"""``charter check PATH``: parse + every analysis (lint, type checks) as one diagnostic list."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any

from charter.cli.output import add_format, emit, use_colour
from charter.errors import InputError

# Analyses run by `charter check`, each "module:function" taking a Project and returning
# diagnostics. Imported lazily so that a missing analysis never slows start-up.
ANALYSES: tuple[str, ...] = (
    "charter.check.checker:check_project",
    "charter.lint.engine:lint_project",
)

# A parse finding that an analysis reports again with more context (related locations):
# when both are at the same place, only the analysis's diagnostic is kept.
SUPERSEDED_BY: dict[str, str] = {"P024": "C002"}


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
    add_format(parser)
    parser.set_defaults(handler=run)


def collect(project: Any) -> list[Any]:
    """Parse diagnostics plus every registered analysis, sorted."""
    from charter.diagnostics import sort_diagnostics

    found = list(project.diagnostics)
    for spec in ANALYSES:
        module_name, _, func = spec.partition(":")
        found.extend(getattr(importlib.import_module(module_name), func)(project))
    return sort_diagnostics(_drop_superseded(found))


def _drop_superseded(found: list[Any]) -> list[Any]:
    places = {(d.code, d.path, d.line) for d in found}
    return [
        d
        for d in found
        if d.code not in SUPERSEDED_BY or (SUPERSEDED_BY[d.code], d.path, d.line) not in places
    ]


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import exit_code, load_project
    from charter.cli.output import format_diagnostics

    if args.coverage and args.format == "sarif":
        raise InputError("--coverage prints text or json; SARIF has no place for a report")
    project = load_project(args.path)
    diagnostics = collect(project)
    colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
    if args.coverage:
        emit(_with_coverage(project, diagnostics, args.format, colour), args.output)
    else:
        emit(format_diagnostics(diagnostics, args.format, colour=colour), args.output)
    return exit_code(diagnostics)


def _with_coverage(project: Any, diagnostics: list[Any], fmt: str, colour: bool) -> str:
    """Diagnostics followed by the coverage report; one JSON object in json format."""
    from charter.check.coverage import measure_coverage, render_coverage
    from charter.cli.output import format_diagnostics
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
    return f"{text}\n\n{render_coverage(coverage)}"
