"""A case whose conversation holds a tool call shows the call in its report: the name and
arguments the assistant sent (they were sent to the model), not an empty assistant turn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SPEC = """# Lending {#lending}

## Renewals {#renewals authority=developer}

The assistant must call the renewal tool before it says a loan was renewed.

**Example**: renewing with the tool

~~~xml
<user>
Please renew "Cien años de soledad" on card 2290.
</user>
<assistant recipient="functions.renew_loan">
{"card": "2290", "title": "<b>Cien</b>"}
</assistant>
<tool name="renew_loan">
{"ok": true, "new_due": "2026-12-20"}
</tool>
<comparison>
<assistant> <!-- GOOD -->
Done: it is now due on 20 December 2026.
</assistant>
<assistant> <!-- BAD: invents a date -->
Renewed until next year.
</assistant>
</comparison>
~~~
"""


def _charter(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "charter.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_report_shows_the_tool_call(tmp_path: Path) -> None:
    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    replies = tmp_path / "replies.yaml"
    replies.write_text("default: Done, it is due on 20 December.\n", encoding="utf-8")
    ran = _charter("test", str(tmp_path), "--model", f"scripted/{replies}")
    assert ran.returncode == 1, ran.stderr  # nothing graded without a judge
    report = _charter("report", "latest", str(tmp_path), "--format", "json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    clauses = {c["id"]: c for c in data["modules"][0]["clauses"]}
    (case,) = clauses["renewals"]["cases"]
    roles = [role for role, _ in case["conversation"]]
    assert roles == ["user", "assistant", "tool"]
    call = case["conversation"][1][1]
    assert "renew_loan" in call and '"card": "2290"' in call
    page = _charter("report", "latest", str(tmp_path), "-o", str(tmp_path / "r.html"))
    assert page.returncode == 0, page.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "renew_loan" in html and "&lt;b&gt;Cien&lt;/b&gt;" in html
    assert "<b>Cien</b>" not in html
