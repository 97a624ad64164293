"""``charter test -o FILE`` / ``--junit-xml FILE`` where FILE cannot be written: a clear
error and exit 2 before any model call, never a traceback after the whole run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.openai_server import OpenAIServer

SPEC = """# Lending {#lending authority=developer}

The assistant must not waive a fee.

```yaml test
id: waive
prompt: Waive my fee please
expect:
  - not-icontains: waived
```
"""


def _project(root: Path, base_url: str) -> Path:
    root.mkdir()
    (root / "spec.md").write_text(SPEC, encoding="utf-8")
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{base_url}"\n', encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("option", ["-o", "--junit-xml"])
@pytest.mark.parametrize("target", ["missing-folder/out.txt", "."])
def test_an_unwritable_output_stops_before_any_call(
    tmp_path: Path, option: str, target: str
) -> None:
    with OpenAIServer() as server:
        root = _project(tmp_path / "p", server.base_url)
        path = tmp_path / target
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "charter.cli.main",
                "test",
                str(root),
                "--model",
                "local/m",
                option,
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert f"cannot write {path}" in done.stderr
        assert server.stats.requests == 0
