"""``charter test --repeat K``: the per-clause lines of the summary count as the totals
line does ("N cases × K repeats: …"). Before, a clause of 2 cases asked 3 times read
"6 passed" under "4 cases × 3 repeats", as if it had 6 cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project


def test_clause_lines_count_cases_times_repeats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=2, per_clause=2, base_url=server.base_url)
        assert main(["test", str(root), "--model", "local/m", "--repeat", "3"]) == 0
        out = capsys.readouterr().out
        assert main(["test", str(root), "--model", "local/m"]) == 0
        single = capsys.readouterr().out
    lines = out.splitlines()
    assert "  c001  2 cases × 3 repeats: 6 passed" in lines, out
    assert "  c002  2 cases × 3 repeats: 6 passed" in lines, out
    assert any(line.startswith("4 cases × 3 repeats: 12 of 12 results") for line in lines), out
    assert "  c001  2 passed" in single.splitlines(), single  # no repeats: cases are results
