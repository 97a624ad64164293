"""Entry point of the ``charter`` command.

Each sub-command lives in its own module under :mod:`charter.cli` and exposes
``register(subparsers)`` (which must stay import-light) and ``run(args) -> int``.
Failures raised as :class:`~charter.errors.CharterError` become a one-line message and
their exit code; anything else reaching here is a bug and is reported as such.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from charter import __version__
from charter.errors import CharterError

# Sub-command modules, in the order `charter --help` lists them.
COMMANDS: tuple[str, ...] = (
    "charter.cli.cmd_init",
    "charter.cli.cmd_parse",
    "charter.cli.cmd_check",
    "charter.cli.cmd_diff",
    "charter.cli.cmd_changelog",
    "charter.cli.cmd_test",
    "charter.cli.cmd_cache",
    "charter.cli.cmd_calibrate",
    "charter.cli.cmd_runs",
    "charter.cli.cmd_report",
    "charter.cli.cmd_compare",
    "charter.cli.cmd_regrade",
    "charter.cli.cmd_lint",
    "charter.cli.cmd_lsp",
    "charter.cli.cmd_serve",
    "charter.cli.cmd_compile",
    "charter.cli.cmd_fix",
)

EPILOG = """exit codes: 0 clean; 1 findings at error severity or failing tests;
2 bad input (usage, configuration, unreadable spec); 3 infrastructure failure."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv`` naming a known command, only that command's module is
    imported and registered (start-up of ``charter test`` pays for one module, not all);
    otherwise — no command, ``--help``, a misspelt name — every command is registered."""
    parser = argparse.ArgumentParser(
        prog="charter",
        description="Make a written specification of an AI model's behaviour executable.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"charter {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _modules_for(argv):
        importlib.import_module(name).register(subparsers)
    return parser


def _modules_for(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The command modules to register for ``argv``: the named command's (a module
    ``charter.cli.cmd_<name>`` registers the command ``<name>``), or all of them."""
    if argv is None:
        return COMMANDS
    word = next((w for w in argv if not w.startswith("-")), None)
    module = f"charter.cli.cmd_{word}"
    return (module,) if module in COMMANDS else COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.handler(args)
    except CharterError as exc:
        print(f"charter: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("charter: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return code


def entry() -> None:
    """The ``charter`` console script: set the collector policy, run, exit."""
    from charter.collector import apply_command_policy

    apply_command_policy(sys.argv[1:])
    sys.exit(main())


if __name__ == "__main__":
    entry()
