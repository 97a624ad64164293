"""charter test says which parts of a broken spec it cannot test, instead of dropping them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SPEC = """# A {#a authority=user}

The assistant must reply.

```yaml test
prompt: hi
expect:
  - regex: "("
```

```yaml test
prompt: hello
expect:
  - icontains: hello
```
"""


def test_parse_errors_are_reported_and_the_rest_runs(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SPEC, encoding="utf-8")
    (tmp_path / "r.yaml").write_text("default: hello there\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "charter.cli.main", "test", ".", "--model", "scripted/r.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "1 of 1 cases: 1 passed" in result.stdout and ": 1 case, model" in result.stdout
    assert "the spec has 1 parse error(s)" in result.stderr
    assert "a.md:8:5: P053" in result.stderr
