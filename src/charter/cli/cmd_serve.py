"""``charter serve [PATH]``: the page where answering a question writes the spec.

Starlette, uvicorn and Jinja2 are an optional dependency (extra ``serve``); without them
this command fails with a message naming the extra (exit 2). Heavy imports wait for
``run``. The URL printed at start carries a one-time token; the server listens on
127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from charter.errors import ConfigError, InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="open the spec as a page where answering a question writes the spec",
        description="Serve the spec as a local page: every finding in place, a sidebar of "
        "open questions (lint, check, flaky and uncertain test results), and answers "
        "(a reading, a definition, a precedent, a dismissal) written as span edits, each "
        "shown as a diff first and undoable. Listens on 127.0.0.1; open the printed URL. "
        "Needs the 'serve' extra: pip install -e '.[serve]' in a clone of Charter.",
    )
    parser.add_argument(
        "path", nargs="?", default=".", help="spec folder, or a module file of it (default: .)"
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address to bind (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--model",
        metavar="P/M",
        help="a model that proposes challenging prompts and readings (optional)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            "charter serve needs Starlette, uvicorn and Jinja2: install the 'serve' extra; in a "
            f"clone of Charter run {sys.executable} -m pip install -e '.[serve]'"
        ) from exc
    from charter.web.serve import serve
    from charter.web.suggest import Suggester

    root = _root(Path(args.path))
    suggester = None
    if args.model:
        from charter.config import load_config
        from charter.providers import resolve

        suggester = Suggester(resolve(args.model, load_config(root).section("providers")))

    def announce(url: str) -> None:
        print(f"charter serve: {url}", flush=True)
        print(
            "(the token in the URL is the key to this page; press Ctrl-C to stop)", file=sys.stderr
        )

    serve(str(root), args.host, args.port, suggester, announce)
    return 0


def _root(given: Path) -> Path:
    """The folder to serve: ``given`` itself, or the project a module file belongs to
    (the same locator every command uses), said on stderr so nobody is surprised."""
    from charter.spec.locate import project_root

    root = project_root(given)
    if root is None:
        raise InputError(f"no such file or folder: {given}")
    if root != given:
        print(
            f"charter serve: {given} belongs to the project in {root.resolve()}; serving it",
            file=sys.stderr,
        )
    return root
