"""``--timeout`` and ``--deadline`` are durations above 0: ``nan`` failed every request
at once ("no answer within nan s", exit 3), and ``--deadline 0`` or a negative one
recorded a run that stopped before it began (exit 3, "10 model calls" and no request).
Both are bad input: exit 2 before any run is recorded or any request leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import write_project


@pytest.mark.parametrize(
    "option",
    [
        ["--timeout", "nan"],
        ["--timeout", "0"],
        ["--deadline", "0"],
        ["--deadline", "-5"],
        ["--deadline", "nan"],
        ["--deadline", "soon"],
    ],
)
def test_a_duration_that_is_not_above_zero_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        with pytest.raises(SystemExit) as stopped:
            main(["test", str(root), "--model", "local/m", *option])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert option[0] in err and "Traceback" not in err
    assert server.stats.requests == 0
    assert not (root / ".charter" / "charter.db").exists()


@pytest.mark.parametrize("command", ["regrade", "calibrate"])
def test_regrade_and_calibrate_check_timeout_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    root = write_project(tmp_path / "p", clauses=1, per_clause=1)
    argv = [command, "latest", str(root)] if command == "regrade" else [command, str(root)]
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--grader", "scripted/x.yaml", "--timeout", "nan"])
    assert stopped.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_infinite_durations_still_mean_no_limit(tmp_path: Path) -> None:
    with OpenAIServer() as server:
        root = write_project(tmp_path / "p", clauses=1, per_clause=3, base_url=server.base_url)
        code = main(
            ["test", str(root), "--model", "local/m", "--timeout", "inf", "--deadline", "inf"]
        )
    assert code == 0
