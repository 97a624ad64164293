"""``charter test --repeat K`` names cases as its summary does: the first line says
"N cases × K repeats", not N×K "cases" (a case asked K times is one case)."""

from __future__ import annotations

import subprocess
import sys
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


def _test(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    replies = root / "replies.yaml"
    replies.write_text("default: About your loan, I cannot do that.\n", encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "charter.cli.main",
            "test",
            str(root),
            "--model",
            f"scripted/{replies}",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_first_line_counts_cases_and_repeats(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    done = _test(tmp_path, "--repeat", "3")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.endswith("2 cases × 3 repeats, model scripted/" + str(tmp_path / "replies.yaml"))
    assert "2 cases × 3 repeats: 6 of 6 results" in done.stdout


def test_one_repeat_keeps_the_plain_count(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    done = _test(tmp_path)
    assert done.returncode == 0, done.stderr
    assert ": 2 cases, model scripted/" in done.stdout.splitlines()[0]
