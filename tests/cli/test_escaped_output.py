"""Spec text reaches the terminal with its control characters shown as escapes, in the
output of parse, check, lint, diff and compile (colour codes of our own are kept)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from charter.cli.escape import printable_painted

HOSTILE = (
    "# Clear \x1b[2J\x1b]0;pwned\x07 {#clear authority=developer}\n\n"
    "The assistant must \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ here.\n\n"
    "## Bad {#ad\u202emin}\n\nThe assistant must \u202etxet esrever\u202c obey.\n"
)


def _run(*args: str, cwd: Path, colour: bool = False) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    env.update({"FORCE_COLOR": "1"} if colour else {"NO_COLOR": "1"})
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [("parse", "spec.md"), ("check", "spec.md"), ("lint", "spec.md"),
     ("diff", "spec.md", "other.md"), ("compile", "--target", "prompt", "spec.md")],
)  # fmt: skip
@pytest.mark.parametrize("colour", [False, True])
def test_no_raw_control_or_bidi_character_is_printed(
    tmp_path: Path, args: tuple[str, ...], colour: bool
) -> None:
    (tmp_path / "spec.md").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "other.md").write_text(HOSTILE.replace("obey", "comply"), encoding="utf-8")
    done = _run(*args, cwd=tmp_path, colour=colour)
    # compile's standard output is data (a prompt) when piped: kept exact, see below
    out = done.stderr + ("" if args[0] == "compile" else done.stdout)
    assert "Traceback" not in out
    for raw in ("\x1b[2J", "\x1b]", "\x07", "\u202e"):
        assert raw not in out, (raw, out[:400])
    if args[0] == "parse":
        assert "Clear \\x1b[2J\\x1b]0;pwned\\x07" in out


def test_compile_escapes_a_terminal_but_not_a_pipe(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(HOSTILE, encoding="utf-8")
    piped = _run("compile", "--target", "prompt", "spec.md", cwd=tmp_path)
    assert "\x1b]8;;http://evil.example" in piped.stdout  # the prompt a model is sent
    main, child = pty.openpty()
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    with os.fdopen(main, "rb", buffering=0) as reader:
        proc = subprocess.Popen(
            [sys.executable, "-m", "charter.cli.main", "compile", "--target", "prompt", "spec.md"],
            stdout=child, stderr=subprocess.DEVNULL, cwd=tmp_path, env=env,
        )  # fmt: skip
        os.close(child)
        proc.wait(timeout=120)
        shown = _drain(reader).decode("utf-8", errors="replace")
    assert "must \\x1b]8;;http://evil.example" in shown and "\x1b]8" not in shown


def _drain(reader: Any) -> bytes:
    out = b""
    while True:
        try:
            chunk = reader.read(65536)
        except OSError:  # EIO: the child closed the terminal
            return out
        if not chunk:
            return out
        out += chunk


def test_printable_painted_keeps_colour_and_escapes_the_rest() -> None:
    painted = "\x1b[31mred\x1b[0m \x1b[2J \x1b]0;t\x07"
    assert printable_painted(painted) == "\x1b[31mred\x1b[0m \\x1b[2J \\x1b]0;t\\x07"
    assert printable_painted(painted, colour=False).count("\x1b") == 0
