"""One project locator (issue 10, item 5): ``charter test``, ``runs``, ``report``, ``cache``,
``compare`` and ``regrade`` given the same module path agree on the store, and read-only
commands never create ``.charter/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charter.cli.main import main
from charter.spec.locate import project_root
from tests.helpers.openai_server import OpenAIServer
from tests.helpers.specs import clause_text


def _shop(tmp: Path, base_url: str) -> Path:
    """``shop/charter.toml`` with the module two folders down, as in the issue."""
    root = tmp / "shop"
    folder = root / "support"
    folder.mkdir(parents=True)
    (folder / "assistant.md").write_text(
        "---\nid: bench\n---\n# Bench {#bench authority=root}\n\nOverview.\n\n" + clause_text(1, 2),
        encoding="utf-8",
    )
    (root / "charter.toml").write_text(
        f'[providers.local]\ntype = "openai"\nbase_url = "{base_url}"\n', encoding="utf-8"
    )
    return root


def test_every_command_finds_the_same_store_from_a_module_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with OpenAIServer() as server:
        root = _shop(tmp_path, server.base_url)
        module = str(root / "support" / "assistant.md")
        assert main(["test", module, "--model", "local/m", "--format", "json"]) == 0
        first = json.loads(capsys.readouterr().out)["run"]
        assert main(["test", module, "--model", "local/m", "--format", "json"]) == 0
        second = json.loads(capsys.readouterr().out)["run"]
        capsys.readouterr()
        assert main(["runs", module, "--format", "json"]) == 0
        runs = {r["id"] for r in json.loads(capsys.readouterr().out)["runs"]}
        assert runs == {first, second}
        assert main(["report", second, module, "--format", "json"]) == 0
        assert second in capsys.readouterr().out
        assert main(["cache", "stats", module]) == 0
        assert "2 cached responses" in capsys.readouterr().out
        assert main(["compare", first, second, module]) == 0
        capsys.readouterr()
        assert main(["regrade", second, module]) == 0
        assert f"regraded run {second}" in capsys.readouterr().out
    assert (root / ".charter" / "charter.db").is_file()
    assert not (root / "support" / ".charter").exists()
    assert not (elsewhere / ".charter").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["runs"],
        ["report", "latest"],
        ["cache", "stats"],
        ["compare", "a", "b"],
        ["regrade", "latest"],
    ],
)
def test_read_only_commands_never_create_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    root = _shop(tmp_path, "http://127.0.0.1:9/v1")
    module = str(root / "support" / "assistant.md")
    code = main([*argv, module])
    assert code in (0, 2)
    assert not (root / ".charter").exists() and not (root / "support" / ".charter").exists()
    if argv == ["runs"]:
        assert code == 0 and "no runs yet" in capsys.readouterr().out


def test_project_root_rules(tmp_path: Path) -> None:
    root = _shop(tmp_path, "http://127.0.0.1:9/v1")
    assert project_root(root / "support" / "assistant.md") == root
    assert project_root(root / "charter.toml") == root
    assert project_root(root / "support") == root  # a subfolder finds charter.toml above it
    assert project_root(tmp_path / "missing") is None
