"""``charter cache explain CASE | stats | clear``: look into the response cache.

``explain`` shows, for the latest result of a case, the parts its cache key was made
from (provider, model, base URL, parameters, repeat, messages) and whether the cache
holds an answer for it. Keys are BLAKE2b digests of those parts as canonical JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "cache",
        help="explain, count or clear cached model responses",
        description="Inspect the content-addressed response cache in .charter/charter.db.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    explain = actions.add_parser("explain", help="show a case's cache key and its parts")
    explain.add_argument("case", metavar="CASE", help="case id, e.g. support/refunds/test-1")
    explain.add_argument("path", nargs="?", default=".", metavar="PATH", help="project folder")
    explain.add_argument("--run", metavar="RUN", help="the case's result in this run")
    explain.add_argument("--repeat", type=int, default=0, help=argparse.SUPPRESS)
    for name, text in (
        ("stats", "count cached responses"),
        ("clear", "delete every cached response"),
    ):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("path", nargs="?", default=".", metavar="PATH", help="project folder")
    for sub in actions.choices.values():
        sub.add_argument("--store", metavar="FILE", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from charter.store import open_project_store

    with open_project_store(args.path, args.store) as store:
        if args.action == "stats":
            print(f"{store.cache_size()} cached responses in {store.path}")
            return 0
        if args.action == "clear":
            print(f"deleted {store.clear_cache()} cached responses from {store.path}")
            return 0
        return _explain(store, args)


def _explain(store: Any, args: argparse.Namespace) -> int:
    from charter.cli.terminal import printable_line
    from charter.errors import InputError

    found = store.result_key(args.case, args.run)
    if found is None:
        where = f"run {args.run}" if args.run else str(store.path)
        raise InputError(f"no result for case {args.case!r} in {where}")
    run_id, key = found
    print(printable_line(f"case   {args.case}") + f"\nrun    {run_id}")
    print(f"key    {key} (BLAKE2b-160 of the parts below as canonical JSON)")
    entry = store.cached(key) if key else None
    if entry is None:
        print("cache  miss: no stored response (errors are never cached; `cache clear` empties it)")
        return 0
    print("cache  hit: the next run with these parts makes no model call")
    parts = dict(entry.parts)
    messages = parts.pop("messages", [])
    for name in sorted(parts):
        print(printable_line(f"  {name:<9} {json.dumps(parts[name], ensure_ascii=False)}"))
    print(f"  messages  {len(messages)}")
    for message in messages:
        content = " ".join(str(message.get("content", "")).split())
        content = content if len(content) <= 100 else content[:99] + "…"
        print(printable_line(f"    {message.get('role', '?'):<9} {content}"), file=sys.stdout)
    return 0
