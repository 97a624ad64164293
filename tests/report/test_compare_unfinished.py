"""``charter compare`` of a run that did not finish warns: the run's status and how many
of its cases have no result (they show as ``absent``, which reads like a regression or a
removed case otherwise). Two finished runs give no warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project

CLAUSES, PER = 2, 4


def test_compare_warns_of_an_unfinished_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer(latency=0.1) as server:
        root = write_project(
            tmp_path / "p", clauses=CLAUSES, per_clause=PER, base_url=server.base_url
        )
        argv = ["test", str(root), "--model", "local/m", "--concurrency", "1"]
        assert main(argv) == 0
        assert main(argv) == 0  # from the cache
        capsys.readouterr()
        assert main(["compare", "latest~1", "latest", str(root)]) == 0
        assert "warning" not in capsys.readouterr().err
        assert main([*argv, "--no-cache", "--deadline", "0.35"]) == 3
        capsys.readouterr()
        main(["compare", "latest~1", "latest", str(root)])
    err = capsys.readouterr().err
    assert "warning: run " in err and "did not finish (deadline)" in err, err
    missing = int(err.split(" of ")[0].rsplit(" ", 1)[-1])
    assert 0 < missing < CLAUSES * PER
    assert f"{missing} of {CLAUSES * PER} cases have no result" in err, err
