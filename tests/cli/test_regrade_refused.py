"""``charter regrade`` with a judge that refuses the request (HTTP 401: a wrong key)
stops, marks its new run ``interrupted`` and exits 3 with the reason, as with a judge
nobody answers; every result was recorded ``errored`` ("judge: HTTP 401") and the regrade
marked ``finished``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.cli.test_regrade_interrupted import EXAMPLE, _statuses
from tests.helpers.openai_server import OpenAIServer
from tests.run.hostile_server import HostileServer


def test_a_regrade_with_a_refusing_judge_is_interrupted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "p"
    root.mkdir()
    body = "\n".join(EXAMPLE.format(n=n) for n in range(6))
    spec = f"# Fees {{#fees authority=developer}}\n\nThe assistant must not waive a fee.\n\n{body}"
    (root / "spec.md").write_text(spec, encoding="utf-8")
    with OpenAIServer() as model, HostileServer(fault_rates={"401": 1.0}) as judge:
        (root / "charter.toml").write_text(
            f'[providers.local]\ntype = "openai"\nbase_url = "{model.base_url}"\n'
            f'[providers.judge]\ntype = "openai"\nbase_url = "{judge.base_url}"\n',
            encoding="utf-8",
        )
        assert main(["test", str(root), "--model", "local/m"]) == 1  # no judge: ungraded
        (source,) = _statuses(root)
        capsys.readouterr()
        code = main(["regrade", source, str(root), "--grader", "judge/j", "--concurrency", "1"])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "HTTP 401" in err and "interrupted" in err, err
    assert judge.stats.requests == 1
    statuses = _statuses(root)
    statuses.pop(source)
    ((regrade, status),) = statuses.items()
    assert status == "interrupted"
    with sqlite3.connect(root / ".charter" / "charter.db") as conn:
        errored = conn.execute(
            "SELECT count(*) FROM results WHERE run_id = ? AND status = 'errored'", (regrade,)
        ).fetchone()[0]
    assert errored == 0
