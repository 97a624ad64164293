"""A run that stopped before every case had a result (endpoint unreachable, Ctrl-C, a
deadline) reports the cases it did not run: JUnit counts them as errors naming the way to
resume, and JSON lists them, so a CI that reads the JUnit file never sees "0 tests, 0
errors" for a run that checked nothing."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SPEC = """# Lending {#lending authority=developer}

The assistant must not waive a fee.

```yaml test
id: waive
prompt: Waive my fee please
expect:
  - not-icontains: waived
```

```yaml test
id: renew
prompt: Renew my loan
expect:
  - icontains: loan
```
"""


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _charter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unreachable_run_reports_its_cases_as_not_run(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "spec.md").write_text(SPEC, encoding="utf-8")
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{url}"\n', encoding="utf-8"
    )
    junit = tmp_path / "out.xml"
    ran = _charter(
        "test", str(root), "--model", "local/m", "--retries", "0", "--junit-xml", str(junit)
    )
    assert ran.returncode == 3, ran.stderr
    suites = ET.parse(junit).getroot()
    assert (suites.get("tests"), suites.get("errors")) == ("2", "2")
    errors = suites.findall(".//testcase/error")
    assert len(errors) == 2
    assert all("--resume" in (e.get("message") or "") for e in errors)
    names = sorted(c.get("name") or "" for c in suites.iter("testcase"))
    assert names == ["test-renew", "test-waive"]
    report = _charter("report", "latest", str(root), "--format", "json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["not_run"] == ["spec/lending/test-renew", "spec/lending/test-waive"]
    again = _charter("report", "latest", str(root), "--format", "junit")
    assert ET.fromstring(again.stdout).get("errors") == "2"
    page = _charter("report", "latest", str(root))
    assert page.returncode == 0, page.stderr
    assert '<p id="not-run"' in page.stdout and "2 case(s) have no result" in page.stdout


def test_the_call_count_of_an_unreachable_run_is_not_a_contradiction(tmp_path: Path) -> None:
    """Connection attempts to an endpoint that never answered are calls of this invocation
    but not recorded with any result; the summary must not say the run made fewer calls
    than this invocation did ("37 model calls this invocation (0 in the run)")."""
    root = tmp_path / "p"
    root.mkdir()
    (root / "spec.md").write_text(SPEC, encoding="utf-8")
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{url}"\n', encoding="utf-8"
    )
    ran = _charter("test", str(root), "--model", "local/m", "--retries", "1")
    assert ran.returncode == 3, ran.stderr
    line = next(x for x in ran.stdout.splitlines() if "model calls" in x)
    made = int(line.split(" model calls")[0].rsplit(" ", 1)[-1])
    assert made >= 2
    assert f"{made} model calls this invocation (0 recorded in the run)" in line, line
