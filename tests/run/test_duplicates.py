"""Duplicate case ids stop ``charter test`` before any call (issue 11, item 3), with the
finding ``charter check`` reports too."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter.cli.main import main
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import clause_text

MODULE = "---\nid: spec\n---\n# Spec {{#spec authority=root}}\n\nOverview.\n\n{body}"


def _config(root: Path, base_url: str) -> None:
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{base_url}"\n', encoding="utf-8"
    )


def test_two_modules_with_one_id_stop_the_run_before_any_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = tmp_path / "p"
        for name in ("a", "b"):
            (root / name).mkdir(parents=True)
            body = clause_text(0, 100 if name == "a" else 2)
            (root / name / "spec.md").write_text(MODULE.format(body=body), encoding="utf-8")
        _config(root, server.base_url)
        code = main(["test", str(root), "--model", "local/m"])
        err = capsys.readouterr().err
        assert code == 2 and "T003" in err and "nothing was sent" in err
        assert server.stats.requests == 0
        assert not (root / ".charter" / "charter.db").exists()  # stopped before the store
        assert main(["check", str(root)]) == 1
        assert "T003" in capsys.readouterr().out


def test_a_duplicate_clause_id_stops_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with OpenAIServer() as server:
        root = tmp_path / "p"
        root.mkdir()
        body = clause_text(1, 2) + "\n" + clause_text(1, 2).replace("must answer", "must reply")
        (root / "spec.md").write_text(MODULE.format(body=body), encoding="utf-8")
        _config(root, server.base_url)
        code = main(["test", str(root), "--model", "local/m"])
        err = capsys.readouterr().err
        assert code == 2 and "P024" in err
        assert server.stats.requests == 0
        main(["check", str(root)])
        assert "C002" in capsys.readouterr().out  # the same finding, with related locations
