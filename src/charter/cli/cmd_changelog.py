"""``charter changelog OLD NEW``: a Markdown release note of the changes between versions."""

from __future__ import annotations

import argparse
from typing import Any

from charter.cli.output import emit


def register(subparsers: Any) -> None:
    from charter.cli.cmd_diff import add_sources

    parser = subparsers.add_parser(
        "changelog",
        help="a Markdown release note: authority changes and removals first, then new "
        "clauses, renames, rewordings, examples; with a version suggestion",
        description="Write a Markdown release note of the clause-level changes between two "
        "versions of a spec, grouped for a reviewer, with links to each clause and a "
        "suggested semantic version bump (the rule is printed in the note).",
    )
    add_sources(parser)
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the note to FILE instead of standard output"
    )
    parser.add_argument("--title", help="the note's heading (default: 'Changes from OLD to NEW')")
    parser.add_argument(
        "--links",
        metavar="TEMPLATE",
        default="{path}#{id}",
        help="clause link template with {path} (relative to the spec root) and {id}, "
        "e.g. 'https://example.com/spec.html#{id}' (default: {path}#{id})",
    )
    parser.add_argument(
        "--old-links",
        metavar="TEMPLATE",
        help="link template for removed clauses (default: the --links template)",
    )
    parser.set_defaults(handler=run, format="text")


def run(args: argparse.Namespace) -> int:
    from charter.cli.cmd_diff import compare, report_blocking
    from charter.diff.changelog import Links, render_changelog
    from charter.errors import InputError

    compared = compare(args)
    if compared.diagnostics:
        return report_blocking(compared, "text", None)
    title = args.title or f"Changes from {compared.old_label} to {compared.new_label}"
    try:
        links = Links(args.links, args.old_links)
        text = render_changelog(compared.diff, title=title, links=links, impact=compared.impact)
    except (KeyError, IndexError, ValueError) as exc:
        raise InputError(f"bad link template: {exc}; use {{path}} and {{id}}") from exc
    emit(text, args.output)
    return 0
