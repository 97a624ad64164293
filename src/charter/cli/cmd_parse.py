"""``charter parse PATH``: the parsed model, as a clause tree or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from charter.cli.output import add_format, emit, paint, use_colour


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "parse",
        help="show the parsed spec: clause tree with authority and counts, or JSON",
        description="Parse a spec project (a folder, charter.toml, or one Markdown file) and "
        "print its clause tree with authority and counts, or the whole model as JSON. "
        "Parse diagnostics go to standard error in text mode and into the JSON otherwise.",
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md file")
    add_format(parser, ("text", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from charter.cli.common import exit_code, load_project
    from charter.cli.escape import printable_painted
    from charter.cli.output import format_diagnostics
    from charter.diagnostics import sort_diagnostics
    from charter.spec.serialize import project_to_dict

    project = load_project(args.path)
    diagnostics = sort_diagnostics(project.diagnostics)
    if args.format == "json":
        payload = project_to_dict(project, [d.to_dict() for d in diagnostics])
        emit(json.dumps(payload, indent=2, ensure_ascii=False), args.output)
    else:
        colour = use_colour() and args.output is None
        emit(printable_painted(render_tree(project, colour=colour), colour), args.output)
        if diagnostics:
            print(
                format_diagnostics(diagnostics, "text", colour=use_colour(sys.stderr)),
                file=sys.stderr,
            )
    return exit_code(diagnostics)


def render_tree(project: Any, *, colour: bool) -> str:
    """One line per clause, indented by heading level, with authority and counts."""
    lines: list[str] = []
    for module in project.modules:
        clauses = module.clauses
        examples = sum(len(c.examples) for c in clauses)
        prompts = sum(len(project.prompts_for(module, c)) for c in clauses)
        lines.append(
            paint(module.path, "1", colour) + f"  [{module.id}]  {len(clauses)} clauses, "
            f"{examples} examples, {prompts} linked prompt files"
        )
        for c in clauses:
            lines.append(_clause_line(project, module, c, colour))
    return "\n".join(lines)


def _clause_line(project: Any, module: Any, clause: Any, colour: bool) -> str:
    indent = "  " * clause.level
    if clause.own_authority:
        authority = paint(clause.own_authority, "35", colour)
    elif clause.authority:
        authority = f"({clause.authority})"
    else:
        authority = paint("informative", "2", colour)
    counts = [f"{len(clause.statements)} st"]
    for n, label in (
        (len(clause.examples), "ex"),
        (len(project.prompts_for(module, clause)), "prompts"),
        (len(clause.test_blocks), "tests"),
    ):
        if n:
            counts.append(f"{n} {label}")
    marks = "".join(
        [" abstract" if clause.abstract else ""]
        + [f" overrides {_target(r)}" for r in clause.overrides]
        + [f" implements {_target(r)}" for r in clause.implements]
        + ([f" status={clause.status}"] if clause.status != "active" else [])
    )
    authority += paint(marks, "33", colour) if marks else ""
    return (
        f"{indent}{clause.title}  {paint('#' + clause.id, '36', colour)}  {authority}  "
        f"[{', '.join(counts)}]  :{clause.span.line}"
    )


def _target(ref: Any) -> str:
    return f"{ref.file}#{ref.target}" if ref.file else f"#{ref.target}"
