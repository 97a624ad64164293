"""What ``charter test`` imports before its first request: nothing it does not need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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


def test_a_run_without_a_judge_never_imports_the_judge(tmp_path: Path) -> None:
    from tests.helpers.openai_server import OpenAIServer
    from tests.helpers.specs import write_project

    code = (
        "import sys; from charter.cli.main import main; "
        f"code = main(['test', {str(tmp_path / 'p')!r}, '--model', 'local/m', '-o', '/dev/null']); "
        "print(code, sorted(m for m in sys.modules if m.startswith('charter.grade.')))"
    )
    with OpenAIServer() as server:
        write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert server.stats.requests == 3, out.stderr
    last = out.stdout.strip().splitlines()[-1]
    assert last.split(" ", 1)[0] == "0", out.stderr
    assert "charter.grade.judge" not in last and "charter.grade.pipeline" in last
