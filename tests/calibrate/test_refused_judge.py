"""A judge endpoint that refuses the request itself (HTTP 401: a wrong key) makes
``charter calibrate`` stop with exit 3 and the reason, after the calls already in flight;
it asked about every candidate and reported "36 judge call(s) failed after retries",
agreement below the threshold, exit 1 — as if the judge were bad, not unreachable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from charter.cli.main import main
from tests.run.hostile_server import HostileServer

REPO = Path(__file__).resolve().parents[2]


def test_a_refusing_judge_exits_3_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(REPO / "examples" / "shop", shop)
    with HostileServer(fault_rates={"401": 1.0}) as server:
        config = shop / "charter.toml"
        config.write_text(
            config.read_text()
            + f'\n[providers.judge]\ntype = "openai"\nbase_url = "{server.base_url}"\n'
        )
        code = main(["calibrate", str(shop), "--grader", "judge/j1", "--concurrency", "2"])
    assert code == 3
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "API key" in err
    assert server.stats.requests <= 2
