"""``charter diff OLD NEW`` (or ``--git A..B [PATH]``): clause-level changes between versions.

Also the loading both sides share with ``charter changelog``: two paths or two git
revisions, each loaded and checked; a side with a parse error stops the command with its
diagnostics and exit code 2 (the diff of a misread spec would mislead).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from typing import Any

from charter.cli.output import add_format, emit, use_colour
from charter.cli.terminal import printable


def add_sources(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="OLD NEW (two spec folders, charter.toml or .md files); with --git: the spec "
        "path inside the repository (default: .)",
    )
    parser.add_argument(
        "--git",
        metavar="REVS",
        help="compare git revisions: A..B, A...B (from their merge base), A.. (A to HEAD), "
        "or A (A to the working tree)",
    )
    parser.add_argument(
        "--impact",
        action="store_true",
        help="list the test case ids each change invalidates (and those that no longer exist)",
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="clause-level changes between two versions of a spec (paths or git revisions)",
        description="Compare two versions of a spec clause by clause: added, removed, renamed "
        "(matched by content), moved, reworded (word diff), authority, modality, attribute, "
        "example and prompt file changes, with a suggested semantic version bump. Exit code 2 "
        "when either side cannot be read or has a parse error.",
    )
    add_sources(parser)
    add_format(parser, ("text", "json"))
    parser.add_argument("--brief", action="store_true", help="one line per change, no details")
    parser.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when there are changes (like git)"
    )
    parser.set_defaults(handler=run)


@dataclass
class Compared:
    """Both sides loaded, their labels, the diff, and the impact when asked for."""

    old: Any
    new: Any
    old_label: str
    new_label: str
    diff: Any
    impact: Any = None
    diagnostics: tuple[Any, ...] = ()  # blocking diagnostics of either side


def compare(args: argparse.Namespace) -> Compared:
    """Load both sides (paths or git revisions) and diff them; see the module docstring."""
    from charter.diff import diff_projects, impact
    from charter.diff.engine import relocate

    with ExitStack() as stack:
        (old_path, old_fix, old_label), (new_path, new_fix, new_label) = _sources(args, stack)
        old, new = _load(old_path, old_fix), _load(new_path, new_fix)
        blocking = _blocking(old) + _blocking(new)
        if blocking:
            return Compared(old, new, old_label, new_label, None, None, tuple(blocking))
        diff = relocate(diff_projects(old, new), old_fix, new_fix)
        found = impact(diff, old, new) if args.impact else None
        return Compared(old, new, old_label, new_label, diff, found)
    raise AssertionError("unreachable")  # pragma: no cover (ExitStack does not swallow)


Side = tuple[str, Callable[[str], str], str]


def _sources(args: argparse.Namespace, stack: ExitStack) -> tuple[Side, Side]:
    from charter.errors import InputError

    if args.git is None:
        if len(args.paths) != 2:
            raise InputError("give two versions to compare: OLD NEW (or --git A..B [PATH])")
        return (args.paths[0], _same, args.paths[0]), (args.paths[1], _same, args.paths[1])
    if len(args.paths) > 1:
        raise InputError("with --git, give at most one spec path")
    from charter.diff.gitsource import split_range

    path = args.paths[0] if args.paths else "."
    old_rev, new_rev = split_range(args.git)
    old = stack.enter_context(_revision(old_rev, path))
    new = (
        stack.enter_context(_revision(new_rev, path)) if new_rev else (path, _same, "working tree")
    )
    return old, new


@contextmanager
def _revision(rev: str, path: str) -> Iterator[Side]:
    from charter.diff.gitsource import materialize

    with materialize(rev, path) as (folder, fix):
        yield str(folder), fix, rev


def _same(path: str) -> str:
    return path


def _load(path: str, fix: Callable[[str], str]) -> Any:
    from charter.cli.common import load_project

    project = load_project(path)
    if fix is _same:
        return project
    diagnostics = tuple(replace(d, path=fix(d.path)) for d in project.diagnostics)
    return replace(project, diagnostics=diagnostics)


def _blocking(project: Any) -> list[Any]:
    from charter.diagnostics import Severity
    from charter.spec.codes import FATAL_CODES

    return [d for d in project.diagnostics if d.severity is Severity.ERROR or d.code in FATAL_CODES]


def report_blocking(compared: Compared, fmt: str, output: str | None) -> int:
    """Print the diagnostics that stop a diff; the exit code is always 2."""
    from charter.cli.output import format_diagnostics
    from charter.diagnostics import sort_diagnostics

    found = sort_diagnostics(compared.diagnostics)
    print(
        f"charter: cannot compare {printable(compared.old_label)} with "
        f"{printable(compared.new_label)}: "
        "fix these errors first",
        file=sys.stderr,
    )
    print(format_diagnostics(found, "text", colour=use_colour(sys.stderr)), file=sys.stderr)
    if fmt == "json":
        payload = {"format": 1, "changes": [], "diagnostics": [d.to_dict() for d in found]}
        emit(json.dumps(payload, indent=2, ensure_ascii=False), output)
    return 2


def run(args: argparse.Namespace) -> int:
    from charter.cli.escape import printable_painted
    from charter.diff.render import render_text, to_json

    compared = compare(args)
    if compared.diagnostics:
        return report_blocking(compared, args.format, args.output)
    diff = compared.diff
    if args.format == "json":
        payload = to_json(diff, compared.impact)
        payload["old_label"], payload["new_label"] = compared.old_label, compared.new_label
        emit(json.dumps(payload, indent=2, ensure_ascii=False), args.output)
    else:
        colour = args.output is None and use_colour(sys.stdout)
        header = f"charter diff: {compared.old_label} → {compared.new_label}"
        body = render_text(diff, colour=colour, brief=args.brief, impact=compared.impact)
        emit(printable_painted(f"{header}\n{body}", colour), args.output)
    return 1 if args.exit_code and not diff.empty else 0
