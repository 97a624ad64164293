"""``--early-stop`` skips the repeats that can no longer change a case's aggregate also
when every case fits in the concurrency at once: a round starts once the round before it
is recorded. Before, with ``--concurrency`` ≥ the cases, the next round was handed out
while the first was still in flight (nothing recorded yet, so nothing looked settled)
and every repeat was asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer

CASES, REPEATS = 4, 3


def _project(root: Path, base_url: str) -> Path:
    root.mkdir(parents=True)
    fail = "\n".join(
        f"```yaml test\nprompt: f{n} say something\nexpect:\n  - icontains: nowhere\n```\n"
        for n in range(CASES)
    )
    ok = "\n".join(
        f"```yaml test\nprompt: p{n} say something\nexpect:\n  - icontains: echo\n```\n"
        for n in range(CASES)
    )
    (root / "bench.md").write_text(
        "---\nid: bench\n---\n# Bench {#bench authority=root}\n\nOverview.\n\n"
        f"## Fails {{#fails}}\n\nThe assistant must answer.\n\n{fail}\n"
        f"## Passes {{#passes}}\n\nThe assistant must answer.\n\n{ok}",
        encoding="utf-8",
    )
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{base_url}"\n', encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("concurrency", ["1", "64"])
def test_early_stop_skips_settled_repeats_at_any_concurrency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], concurrency: str
) -> None:
    with OpenAIServer(latency=0.05) as server:
        root = _project(tmp_path / "p", server.base_url)
        argv = ["test", str(root), "--model", "local/m", "--repeat", str(REPEATS)]
        code = main([*argv, "--early-stop", "--concurrency", concurrency])
        out = capsys.readouterr().out
        # strict clause: a failed first repeat settles the case; a pass needs all repeats
        assert server.stats.requests == CASES + CASES * REPEATS, out
    assert code == 1
