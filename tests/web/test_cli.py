"""``charter serve`` as a command: loopback only, clear errors, a light --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.web.conftest import SPEC_PATH, cookie, request, start, stop


def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    argv = (
        [sys.executable, "-c", code] if code else [sys.executable, "-m", "charter.cli.main", *args]
    )
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)


def test_only_loopback(shop: Path) -> None:
    done = run("serve", str(shop), "--host", "0.0.0.0")
    assert done.returncode == 2
    assert "loopback only" in done.stderr and "Traceback" not in done.stderr


def test_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    done = run("serve", str(tmp_path / "nothing"))
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr and "Traceback" not in done.stderr


def test_a_module_file_serves_its_project(shop: Path) -> None:
    # the same locator as every command: support/assistant.md belongs to the shop project
    served = start(shop / SPEC_PATH)
    try:
        status, body = request(served.base + "/", headers=cookie(served))
        assert status == 200 and "order_status" in body  # a clause of the file
        assert "protect_customer_data" in body  # and one of org/safety.md, another module
    finally:
        stop(served)


def test_missing_starlette_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['starlette'] = None; from charter.cli.main import main; "
        "sys.exit(main(['serve', '.']))"
    )
    done = run(code=code)
    assert done.returncode == 2
    assert "install the 'serve' extra" in done.stderr and "pip install -e '.[serve]'" in done.stderr


def test_help_does_not_import_the_web_stack() -> None:
    code = (
        "import sys; from charter.cli.main import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('starlette', 'uvicorn', 'jinja2', 'charter.web')))"
    )
    assert run(code=code).stdout.strip() == "[]"
