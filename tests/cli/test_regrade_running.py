"""A regrade in progress holds its new run's lock: ``charter runs`` shows it ``running``,
not ``running (no process…)`` as it shows a run whose process died."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.cli.test_regrade_interrupted import EXAMPLE, _charter, _statuses
from tests.helpers.openai_server import OpenAIServer


def test_a_regrade_in_progress_is_running(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    body = "\n".join(EXAMPLE.format(n=n) for n in range(6))
    spec = f"# Fees {{#fees authority=developer}}\n\nThe assistant must not waive a fee.\n\n{body}"
    (root / "spec.md").write_text(spec, encoding="utf-8")
    with OpenAIServer() as model, OpenAIServer(latency=0.3) as judge:
        (root / "charter.toml").write_text(
            f'[providers.local]\ntype = "openai"\nbase_url = "{model.base_url}"\n'
            f'[providers.judge]\ntype = "openai"\nbase_url = "{judge.base_url}"\n',
            encoding="utf-8",
        )
        subprocess.run(_charter("test", str(root), "--model", "local/m"), capture_output=True)
        (source,) = _statuses(root)
        proc = subprocess.Popen(
            _charter("regrade", source, str(root), "--grader", "judge/j", "--concurrency", "1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while judge.stats.requests < 1:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        shown = subprocess.run(_charter("runs", str(root)), capture_output=True, text=True)
        proc.wait(60)
    lines = shown.stdout.splitlines()
    assert len(lines) == 2 and "  running  " in lines[0], shown.stdout
    assert "no process" not in shown.stdout
