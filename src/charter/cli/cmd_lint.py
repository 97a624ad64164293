"""``charter lint PATH``: ambiguous, weak and untestable language, with questions.

Prints the parse diagnostics and the lint findings of a spec, sorted. ``--explain CODE``
and ``--list-rules`` need no PATH. Exit codes: 0 clean (warnings and info allowed),
1 when any finding is an error, 2 on bad input (unreadable spec, bad ``[lint]`` config,
malformed suppression comment, broken baseline), 3 when ``--model`` stopped on a provider
failure (what was answered is cached; a rerun resumes).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from charter.cli.output import emit, use_colour
from charter.errors import InputError

FORMATS = ("text", "json", "sarif", "markdown")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="find vague, weak, untestable or undefined language, with clarifying questions",
        description="Lint a spec: every finding names the exact words, asks the question "
        "that would resolve them, and suggests a fix where one exists. Configure rules in "
        "the [lint] table of charter.toml; silence one place with "
        "<!-- charter-disable-next-line CODE -->.",
    )
    parser.add_argument("path", metavar="PATH", nargs="?", help="spec folder, charter.toml or .md")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the output to FILE")
    parser.add_argument("--explain", metavar="CODE", help="explain one rule and exit")
    parser.add_argument(
        "--list-rules", action="store_true", help="list every rule (text, json or markdown)"
    )
    parser.add_argument("--select", metavar="CODES", help="only these codes or prefixes (L1,L401)")
    parser.add_argument("--ignore", metavar="CODES", help="skip these codes or prefixes")
    parser.add_argument(
        "--baseline", metavar="FILE", help="report only findings not recorded in FILE"
    )
    parser.add_argument(
        "--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0"
    )
    parser.add_argument(
        "--model",
        metavar="PROVIDER/MODEL",
        help="also ask a model for each normative clause's ambiguities (code L601; cached, "
        "resumable; usage and cost on stderr)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from charter.lint.packs import all_rules

    _check_usage(args)
    if args.explain:
        from charter.lint.docs import explain

        _register_other_codes()
        emit(explain(args.explain, all_rules()), args.output)
        return 0
    if args.list_rules:
        return _list_rules(args, all_rules())
    if not args.path:
        raise InputError("charter lint: PATH is required (or use --explain / --list-rules)")
    if args.format == "markdown":
        raise InputError("--format markdown is only for --list-rules")
    return _lint(args)


def _check_usage(args: argparse.Namespace) -> None:
    if args.explain and args.format != "text":
        raise InputError("--explain prints text only")
    if args.baseline and args.write_baseline:
        raise InputError("use --baseline FILE or --write-baseline FILE, not both")
    for flag, value in (("--select", args.select), ("--ignore", args.ignore)):
        if value is not None and not _codes(value):
            raise InputError(f"{flag}: no rule code given (e.g. {flag} L1,L401)")


def _register_other_codes() -> None:
    """--explain also explains parse (P) and check (C) codes: register them."""
    import importlib

    for name in ("charter.spec.codes", "charter.check.codes"):
        try:
            importlib.import_module(name)
        except ImportError:  # an analysis not installed: its codes are simply unknown
            continue


def _list_rules(args: argparse.Namespace, rules: Any) -> int:
    from charter.lint import docs

    if args.format == "sarif":
        raise InputError("--list-rules prints text, json or markdown")
    render = {"json": docs.render_json, "markdown": docs.render_markdown}.get(
        args.format, docs.render_text
    )
    emit(render(rules), args.output)
    return 0


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip() for c in value.split(",") if c.strip())


def _settings(args: argparse.Namespace, project: Any) -> Any:
    from dataclasses import replace

    from charter.lint.packs import rules_by_code
    from charter.lint.settings import Selection, check_codes, load_settings

    settings = load_settings(project)
    select, ignore = _codes(args.select), _codes(args.ignore)
    known = sorted(rules_by_code())
    check_codes(select or (), known, "--select")
    check_codes(ignore or (), known, "--ignore")
    if select is None and ignore is None:
        return settings
    top = settings.top
    merged = Selection(
        select if select is not None else top.select,
        top.ignore + (ignore or ()),
        top.severity,
    )
    return replace(settings, top=merged)


def _model_tier(project: Any, ref: str) -> tuple[list[Any], bool]:
    """L601 findings from a model, and whether it stopped early (a provider failure: exit
    3 after printing what was found); the usage and cost line goes to stderr."""
    from pathlib import Path

    from charter.lint.language import cache_folder
    from charter.lint.model_tier import model_findings
    from charter.providers.registry import resolve

    config = getattr(project, "config", None)
    tables = config.section("providers") if config is not None else {}
    provider = resolve(ref, tables)
    found, stats = model_findings(project, provider, ref, cache_folder(Path(project.root)))
    print(stats.summary(ref), file=sys.stderr)
    return found, bool(stats.errors)


def _lint(args: argparse.Namespace) -> int:
    from pathlib import Path

    from charter.cli.common import exit_code, load_project
    from charter.cli.output import format_diagnostics
    from charter.diagnostics import sort_diagnostics
    from charter.lint.engine import lint_project, relevel_parse

    project = load_project(args.path)
    settings = _settings(args, project)
    if args.write_baseline:
        from charter.lint.baseline import write_baseline
        from charter.spec.codes import FATAL_CODES

        unread = [d for d in project.diagnostics if d.code in FATAL_CODES]
        if unread:  # a baseline of a spec we could not read would hide its findings
            sys.stderr.write(format_diagnostics(unread, "text", colour=False) + "\n")
            return 2
        found = lint_project(project, settings=settings, baseline=False)
        write_baseline(Path(args.write_baseline), found, settings.relative)
        print(f"wrote {len(found)} finding(s) to {args.write_baseline}", file=sys.stderr)
        return 0
    baseline: Path | bool = Path(args.baseline) if args.baseline else True
    found = lint_project(project, settings=settings, baseline=baseline)
    stopped = False
    if args.model:
        extra, stopped = _model_tier(project, args.model)
        found = [*found, *extra]
    diagnostics = sort_diagnostics([*relevel_parse(project.diagnostics, settings), *found])
    colour = args.output is None and args.format == "text" and use_colour(sys.stdout)
    emit(format_diagnostics(diagnostics, args.format, colour=colour), args.output)
    return 3 if stopped else exit_code(diagnostics)
