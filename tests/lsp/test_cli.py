"""``charter lsp`` as a command: a missing pygls is a clear error, --help stays light."""

from __future__ import annotations

import subprocess
import sys

BLOCK_PYGLS = "import sys; sys.modules['pygls'] = None; "  # makes 'import pygls' fail


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_missing_pygls_names_the_extra_and_exits_2() -> None:
    done = run(BLOCK_PYGLS + "from charter.cli.main import main; sys.exit(main(['lsp']))")
    assert done.returncode == 2
    assert "install the 'lsp' extra" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_does_not_import_pygls() -> None:
    code = (
        "import sys; from charter.cli.main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol'))))"
    )
    assert run(code).stdout.strip() == "[]"
