"""The command registry: ``build_parser(argv)`` registers only the command ``argv`` names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from charter.cli.main import COMMANDS, build_parser


def _choices(argv: list[str] | None) -> list[str]:
    parser = build_parser(argv)
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("module", COMMANDS)
def test_each_module_registers_the_command_it_is_named_after(module: str) -> None:
    name = module.rsplit("_", 1)[1]
    assert _choices([name, "--help"]) == [name]


@pytest.mark.parametrize("argv", [None, [], ["--help"], ["tset"], ["--version"]])
def test_no_known_command_registers_them_all(argv: list[str] | None) -> None:
    assert len(_choices(argv)) == len(COMMANDS)


def test_a_test_run_imports_no_other_command_module() -> None:
    code = (
        "import sys; from charter.cli.main import build_parser; "
        "build_parser(['test', 'spec', '--model', 'm']); "
        "print(sorted(m for m in sys.modules if m.startswith('charter.cli.cmd_')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['charter.cli.cmd_test']"


def test_a_misspelt_command_is_refused_with_the_full_list() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "tset"], capture_output=True, text=True
    )
    assert result.returncode == 2 and "invalid choice" in result.stderr
    assert "regrade" in result.stderr and "serve" in result.stderr
