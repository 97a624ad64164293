"""``charter lsp``: run the language server over stdio (DESIGN §5b).

pygls is an optional dependency (extra ``lsp``); without it this command fails with a
message naming the extra and exit code 2, and nothing heavy is imported before ``run``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from charter.errors import ConfigError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "lsp",
        help="run the language server (stdio) for editors",
        description="The Charter language server, speaking LSP over stdin/stdout: "
        "diagnostics from parse, lint and check for every open module, hover, "
        "go-to-definition, references, completion of ids, rename and quick fixes. "
        "Needs the 'lsp' extra: pip install -e '.[lsp]' in a clone of Charter.",
    )
    parser.add_argument(
        "--stdio", action="store_true", help="speak over stdin/stdout (the default; accepted "
        "because editors pass it)"
    )  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        import pygls  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            "charter lsp needs pygls: install the 'lsp' extra; in a clone of Charter run "
            f"{sys.executable} -m pip install -e '.[lsp]'"
        ) from exc
    from charter.lsp.handlers import create_server

    create_server().start_io()
    return 0
