"""What ``charter test`` imports before its first request: nothing it does not need."""

from __future__ import annotations

import subprocess
import sys


def _imported_after(statement: str, prefix: str) -> list[str]:
    code = f"import sys; {statement}; print(sorted(m for m in sys.modules if m.startswith({prefix!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m.strip(" '") for m in out.stdout.strip(" []\n").split(",") if m.strip()]


def test_planning_a_run_does_not_import_the_diff_engine() -> None:
    assert _imported_after("import charter.run.api, charter.run.plan", "charter.diff") == []


def test_the_diff_engine_spells_case_ids_with_the_runners_function() -> None:
    from charter.diff.cases import case_id as diff_case_id
    from charter.run.plan import case_id as run_case_id

    assert diff_case_id is run_case_id
    assert run_case_id("m", "c", "prompt", 2, tag="t") == "m/c/prompt-t-2"
