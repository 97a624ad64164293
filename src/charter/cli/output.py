"""Printing helpers shared by commands: format choice, colour, writing to files."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from charter import __version__
from charter.cli.terminal import printable
from charter.diagnostics import Diagnostic, Severity
from charter.diagnostics.render import render_json, render_sarif, render_text, summarize
from charter.errors import InputError

FORMATS = ("text", "json", "sarif")
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = FORMATS) -> None:
    parser.add_argument(
        "--format", choices=choices, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the output to FILE instead of standard output"
    )


def use_colour(stream: object = sys.stdout) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it to the file named by ``--output``."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    try:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str, *, colour: bool) -> str:
    if fmt == "json":
        return render_json(diagnostics)
    if fmt == "sarif":
        return render_sarif(diagnostics, tool_version=__version__)
    text = printable(render_text(diagnostics))  # spec text may hold terminal controls
    if colour:
        for severity, code in _COLOURS.items():
            text = text.replace(f": {severity.value} ", f": {paint(severity.value, code, True)} ")
    summary = summarize(diagnostics)
    return f"{text}\n{summary}" if text else summary
