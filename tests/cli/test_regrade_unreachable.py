"""``charter regrade`` with a judge nobody answers stops, marks its new run
``interrupted`` and exits 3 (as ``charter test`` does with an unreachable model). Before,
every result was recorded ``errored`` and the regrade was marked ``finished``."""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.cli.test_regrade_interrupted import EXAMPLE, _statuses
from tests.helpers.openai_server import OpenAIServer


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_regrade_with_an_unreachable_judge_is_interrupted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "p"
    root.mkdir()
    body = "\n".join(EXAMPLE.format(n=n) for n in range(4))
    spec = f"# Fees {{#fees authority=developer}}\n\nThe assistant must not waive a fee.\n\n{body}"
    (root / "spec.md").write_text(spec, encoding="utf-8")
    with OpenAIServer() as model:
        (root / "charter.toml").write_text(
            f'[providers.local]\ntype = "openai"\nbase_url = "{model.base_url}"\n'
            f'[providers.judge]\ntype = "openai"\n'
            f'base_url = "http://127.0.0.1:{_closed_port()}/v1"\n',
            encoding="utf-8",
        )
        assert main(["test", str(root), "--model", "local/m"]) == 1  # no judge: ungraded
        (source,) = _statuses(root)
        capsys.readouterr()
        code = main(["regrade", source, str(root), "--grader", "judge/j", "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "interrupted" in err and "unreachable" in err.lower(), err
    statuses = _statuses(root)
    assert statuses.pop(source) == "finished"
    ((regrade, status),) = statuses.items()
    assert status == "interrupted"
    with sqlite3.connect(root / ".charter" / "charter.db") as conn:
        errored = conn.execute(
            "SELECT count(*) FROM results WHERE run_id = ? AND status = 'errored'", (regrade,)
        ).fetchone()[0]
    assert errored == 0  # nothing was graded: no result claims it was tried
