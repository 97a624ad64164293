"""Entry point of the ``charter`` command.

Each sub-command lives in its own module under :mod:`charter.cli` and exposes
``register(subparsers)`` (which must stay import-light) and ``run(args) -> int``.
Failures raised as :class:`~charter.errors.CharterError` become a one-line message and
their exit code; anything else reaching here is a bug and is reported as such.

:func:`entry` ends a command of :data:`FAST_EXIT` without interpreter teardown (freeing
every object and module one by one cost 15–40 ms after a 4,000-case ``charter test``):
once the command returned — its store closed, its checkpoint thread joined, its output
files written and closed by ``with`` blocks — it flushes standard output and error, runs
the ``atexit`` handlers and calls :func:`os._exit` with the command's exit code. It falls
back to the ordinary exit when a flush fails (a closed pipe) or a thread that is not a
daemon is still alive (teardown would wait for it).
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
import threading
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

# Commands whose process ends with os._exit once they returned (see the module docstring):
# each closes what it opened in ``with`` blocks before it returns.
FAST_EXIT: frozenset[str] = frozenset({"test"})

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
    from charter.collector import apply_command_policy, command_of

    apply_command_policy(sys.argv[1:])
    code = main()
    if command_of(sys.argv[1:]) in FAST_EXIT:
        exit_now(code)
    sys.exit(code)


def exit_now(code: int) -> None:
    """End the process with ``code`` without interpreter teardown, when nothing is left
    that needs it: standard streams flushed, ``atexit`` handlers run, no live thread but
    daemons. Otherwise return, and the caller exits the ordinary way."""
    main_thread = threading.main_thread()
    if any(t is not main_thread and not t.daemon for t in threading.enumerate()):
        return
    atexit._run_exitfuncs()  # run once: the ordinary exit would find none left
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: let teardown report it
        return
    os._exit(code)


if __name__ == "__main__":
    entry()
