"""Files that are not regular files, or that grow without end, are refused with a
diagnostic instead of being read into memory (QA: `charter check /dev/zero` was killed
by the kernel after eating all memory)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from charter.spec.parse import read_source


def test_an_endless_device_is_refused_as_not_a_regular_file() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    text, diags = read_source(Path("/dev/zero"), "zero", max_bytes=1000)
    assert text is None
    assert [d.code for d in diags] == ["P006"]
    assert diags[0].message == "not a regular file: it is a character device"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # nobody writes: a blocking open() would never return
    text, diags = read_source(fifo, "pipe.md")
    assert text is None
    assert diags[0].message == "not a regular file: it is a named pipe (FIFO)"


def test_a_symlink_loop_is_a_clear_p001(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    text, diags = read_source(loop, "loop.md")
    assert text is None and [d.code for d in diags] == ["P001"]
    assert "symbolic link loop" in diags[0].message


def test_the_cli_refuses_dev_zero_with_exit_2() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    result = subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "check", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "P006" in result.stdout and "Traceback" not in result.stderr


def test_a_small_limit_is_printed_in_bytes(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("# A {#a authority=user}\n\nThe assistant must greet.\n")
    text, diags = read_source(f, "a.md", max_bytes=10)
    assert text is None
    assert diags[0].message == "file is 51 bytes, above the 10 bytes limit for a spec file"


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(b"x" * 10)
    assert read_source(f, "a.md", max_bytes=10) == ("x" * 10, [])
