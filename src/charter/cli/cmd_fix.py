"""``charter fix --ids PATH``: write the derived ``{#id}`` into every heading without one.

Each file is edited by span (only the insertions change; every other byte stays) and
written only if it is unchanged since it was read. ``--dry-run`` prints what would be
written. Exit codes: 0 done (or nothing to do), 2 bad input (unreadable spec, nothing
chosen to fix, a file changed while fixing).
"""

from __future__ import annotations

import argparse
from typing import Any

from charter.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "fix",
        help="rewrite a spec in place: --ids writes {#id} into headings without one",
        description="Fix a spec in place by span-based edits. --ids writes the derived id "
        "into every heading without one, so that ids stop changing with titles.",
    )
    parser.add_argument("path", metavar="PATH", help="spec folder, charter.toml or .md")
    parser.add_argument(
        "--ids", action="store_true", help="write {#id} into headings without an id"
    )
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.ids:
        raise InputError("charter fix: choose what to fix (--ids)")
    from charter.cli.common import load_project
    from charter.spec.codes import FATAL_CODES

    project = load_project(args.path)
    fatal = [d for d in project.diagnostics if d.code in FATAL_CODES]
    if fatal:
        raise InputError(f"{fatal[0].path}: cannot read the spec: {fatal[0].message}")
    total = 0
    for module in project.modules:
        total += _fix_module(module, project.diagnostics, dry_run=args.dry_run)
    verb = "would write" if args.dry_run else "wrote"
    print(f"{verb} {total} id(s)" if total else "every heading has an id: nothing to do")
    return 0


def _fix_module(module: Any, diagnostics: Any, *, dry_run: bool) -> int:
    from pathlib import Path

    from charter.lint.ids import id_edits
    from charter.spec.writer import apply_edits, digest, write_guarded

    mine = [d for d in diagnostics if d.path == module.path and d.code == "P023"]
    if not mine:
        return 0
    data = Path(module.path).read_bytes()
    text = data.decode("utf-8")
    taken = [c.id for c in module.clauses if c.id_explicit]
    edits = id_edits(text, mine, taken)
    for edit in edits:
        print(f"{module.path}:{edit.line}: {edit.text.strip()}")
    if edits and not dry_run:
        write_guarded(module.path, digest(data), apply_edits(text, edits))
    return len(edits)


__all__ = ["register", "run"]
