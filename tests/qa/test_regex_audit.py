"""Every regular expression in charter runs in bounded time on adversarial input.

``regex_audit.py`` collects each compiled pattern of every ``charter.*`` module and runs
it over strings built to make backtracking patterns blow up; it runs in a subprocess so
a pattern that never finishes is caught by the time limit and named. A planted
pattern with nested quantifiers proves the audit can fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

AUDIT = Path(__file__).with_name("regex_audit.py")
BOUND = 0.25  # seconds for one pattern on one 8,000-character string (shared machine)
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _audit(*extra: str, timeout: float) -> tuple[list[dict[str, object]], str | None]:
    """Rows of the audit, and the pattern it was on when the time limit struck."""
    proc = subprocess.Popen(
        [sys.executable, str(AUDIT), *extra],
        stdout=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
        stuck = None
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        starts = [json.loads(line)["start"] for line in out.splitlines() if '"start"' in line]
        stuck = starts[-1] if starts else "<none>"
    rows = [json.loads(line) for line in out.splitlines() if '"seconds"' in line]
    return rows, stuck


def test_every_pattern_in_charter_is_bounded_on_adversarial_input() -> None:
    rows, stuck = _audit(timeout=600)
    assert stuck is None, f"pattern {stuck} did not finish"
    assert len(rows) >= 60, "the audit found too few patterns: collection is broken"
    slow = [r for r in rows if float(str(r["seconds"])) > BOUND]
    assert not slow, slow


def test_the_audit_catches_nested_quantifiers() -> None:
    # the shape of the old opening-tag pattern: a value readable two ways, repeated
    bad = r"<user((?:\s+\w+=(?:\"[^\"]*\"|[^\s>]+))*)\s*>"
    rows, stuck = _audit(bad, timeout=120)
    planted = [r for r in rows if str(r["pattern"]).startswith("planted")]
    assert stuck == "planted.0" or any(float(str(r["seconds"])) > BOUND for r in planted)
