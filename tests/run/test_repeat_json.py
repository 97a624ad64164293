"""``charter test --format json --repeat K``: each case's aggregate and flakiness.

The model under test is a real HTTP server on 127.0.0.1 that answers a prompt with
"echo", then "nope", then "echo" again (per prompt), except one steady prompt that always
gets "echo". Every test block expects "echo", so repeats disagree on the unsteady cases:
the strict clause (must) fails them, the majority clause (should, guideline) passes them.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from charter.cli.main import main
from tests.judge.server import JudgeServer

SPEC = """---
id: rep
---
# Repeats {#rep}

## Strict {#strict authority=root}

The assistant must echo.

```yaml test
prompt: strict prompt
expect:
  - icontains: echo
```

```yaml test
prompt: steady prompt
expect:
  - icontains: echo
```

## Lenient {#lenient authority=guideline}

The assistant should echo.

```yaml test
prompt: lenient prompt
expect:
  - icontains: echo
```
"""


class Unsteady:
    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> str:
        prompt = body["messages"][-1]["content"]
        with self.lock:
            self.seen[prompt] += 1
            n = self.seen[prompt]
        return "echo" if prompt == "steady prompt" or n % 2 == 1 else "nope"


def test_json_with_repeats_has_aggregates_and_flaky_cases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JudgeServer(Unsteady()) as server:
        (tmp_path / "rep.md").write_text(SPEC, encoding="utf-8")
        (tmp_path / "charter.toml").write_text(
            f'[providers.mut]\ntype = "openai"\nbase_url = "{server.base_url}"\n'
        )
        argv = ["test", str(tmp_path), "--model", "mut/m", "--format", "json", "--repeat", "3"]
        code = main([*argv, "--concurrency", "1"])
        payload = json.loads(capsys.readouterr().out)
    assert code == 1  # the strict clause failed one repeat of three
    assert set(payload) == {"format", "run", "summary", "cases", "aggregates"}
    assert len(payload["cases"]) == 9  # one entry per case and repeat, as without repeats
    assert all(
        set(c) == {"id", "clause", "module", "status", "repeat", "cached", "reason"}
        for c in payload["cases"]
    )
    assert payload["summary"]["aggregate"] == {
        "passed": 2,
        "failed": 1,
        "errored": 0,
        "ungraded": 0,
        "flaky": 2,
    }
    common = {"failed": 1, "repeats": 3}
    assert payload["aggregates"] == [
        {"id": "rep/lenient/test-1", "clause": "lenient", "module": "rep", "status": "passed",
         "flaky": True, "policy": "majority", "passed": 2, **common},
        {"id": "rep/strict/test-1", "clause": "strict", "module": "rep", "status": "failed",
         "flaky": True, "policy": "all", "passed": 2, **common},
        {"id": "rep/strict/test-2", "clause": "strict", "module": "rep", "status": "passed",
         "flaky": False, "policy": "all", "passed": 3, "failed": 0, "repeats": 3},
    ]  # fmt: skip


def test_json_without_repeats_keeps_the_plain_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JudgeServer(Unsteady()) as server:
        (tmp_path / "rep.md").write_text(SPEC, encoding="utf-8")
        (tmp_path / "charter.toml").write_text(
            f'[providers.mut]\ntype = "openai"\nbase_url = "{server.base_url}"\n'
        )
        code = main(["test", str(tmp_path), "--model", "mut/m", "--format", "json"])
        payload = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(payload) == {"format", "run", "summary", "cases"}
    assert "aggregate" not in payload["summary"]
