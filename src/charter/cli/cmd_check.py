"""``charter check PATH``: parse + every analysis (lint, type checks) as one diagnostic list."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

from charter.cli.output import add_format, emit, use_colour

# Analyses run by `charter check`, each "module:function" taking a Project and returning
# diagnostics. Imported lazily so that a missing analysis never slows start-up.
ANALYSES: tuple[str, ...] = ()


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="parse, lint and type-check a spec; exit 1 on any error",
        description="The 'compile' step of a spec: parse every module and prompt file, run "
        "the analyses, and print one sorted list of diagnostics. Exit code 1 when any "
        "diagnostic is an error, 2 when the spec cannot be read.",
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md file")
    add_format(parser)
    parser.set_defaults(handler=run)


def collect(project: Any) -> list[Any]:
    """Parse diagnostics plus every registered analysis, sorted."""
    from charter.diagnostics import sort_diagnostics

    found = list(project.diagnostics)
    for spec in ANALYSES:
        module_name, _, func = spec.partition(":")
        found.extend(getattr(importlib.import_module(module_name), func)(project))
    return sort_diagnostics(found)


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import exit_code, load_project
    from charter.cli.output import format_diagnostics

    project = load_project(args.path)
    diagnostics = collect(project)
    colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
    emit(format_diagnostics(diagnostics, args.format, colour=colour), args.output)
    return exit_code(diagnostics)
