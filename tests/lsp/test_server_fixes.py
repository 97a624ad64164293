"""Server-level fixes over real JSON-RPC: answers to invalid params, only the project's
modules served, check columns from the unsaved buffer, and analysis that never freezes
the server (a slow one is cancelled when a newer edit comes)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.lsp.client import LspClient
from tests.lsp.conftest import doc, position


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("textDocument/hover", {}),
        ("textDocument/hover", None),
        ("textDocument/definition", {"textDocument": {"uri": 5}}),
        ("textDocument/codeAction", {"textDocument": {"uri": "file:///x.md"}}),
        ("textDocument/completion", {"position": {"line": "a", "character": 0}}),
    ],
)
def test_invalid_params_get_an_error_response(
    client: LspClient, method: str, params: object
) -> None:
    response = client.request_raw(method, params)
    assert response["error"]["code"] == -32602
    assert method in response["error"]["message"]


def test_only_the_projects_modules_are_served(client: LspClient, shop: Path) -> None:
    readme = shop / "README.md"
    readme.write_text("# About this folder\n\nThe assistant should be nice.\n", encoding="utf-8")
    assert client.diagnostics(client.open(readme), version=1) == []
    config = shop / "charter.toml"
    config.write_text(config.read_text() + 'exclude = ["drafts/*.md"]\n', encoding="utf-8")
    draft = shop / "drafts" / "idea.md"
    draft.parent.mkdir()
    draft.write_text("# An idea\n\nThe assistant should be nice.\n", encoding="utf-8")
    assert client.diagnostics(client.open(draft), version=1) == []
    new = shop / "support" / "new.md"  # a module of the project: served
    new.write_text("# New {#new authority=user}\n\nThe assistant should reply kindly.\n")
    codes = {d["code"] for d in client.diagnostics(client.open(new), version=1)}
    assert "L401" in codes


def test_a_repository_without_charter_config(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "README.md").write_text("# Project\n\nSome words.\n", encoding="utf-8")
    (repo / "notes.md").write_text("# Notes\n\n## Ideas\n\nThings to do.\n", encoding="utf-8")
    spec = "# Rules {#rules}\n\n## Tone {#tone authority=user}\n\nThe assistant should reply sparingly.\n"
    (repo / "spec.md").write_text(spec, encoding="utf-8")
    lsp = LspClient(repo)
    try:
        lsp.initialize(repo)
        for name in ("README.md", "notes.md"):
            assert lsp.diagnostics(lsp.open(repo / name), version=1) == [], name
        codes = {d["code"] for d in lsp.diagnostics(lsp.open(repo / "spec.md"), version=1)}
        assert "L101" in codes and "P023" not in codes
        assert lsp.shutdown() == 0
    finally:
        lsp.kill()


def test_check_columns_come_from_the_buffer(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    disk = path.read_text(encoding="utf-8") + (
        "\n## Greeting {#greeting authority=user}\n\nThe assistant must greet[^zz99] the customer.\n"
    )
    path.write_text(disk, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    buffer = disk.replace("must greet[^zz99]", "must warmly greet[^zz99]")
    client.change(uri, 2, buffer)
    found = [d for d in client.diagnostics(uri, version=2) if "zz99" in d["message"]]
    (tag,) = found
    line = buffer.split("\n").index("The assistant must warmly greet[^zz99] the customer.")
    col = buffer.split("\n")[line].index("[^zz99]")
    assert tag["range"]["start"] == {"line": line, "character": col}
    assert tag["range"]["end"] == {"line": line, "character": col + len("[^zz99]")}


def test_a_slow_analysis_neither_freezes_the_server_nor_delays_the_next(
    client: LspClient, shop: Path
) -> None:
    """900 backticks in one statement take lint about 20 s on this branch (issue 11's
    super-linear code-span pattern): the hover must still be answered at once, and the
    next version's diagnostics must not wait for the stale analysis (it is killed). Once
    that pattern is linear the analysis is fast and the test still holds."""
    path = shop / "small.md"
    fine = "# Rules {#rules}\n\n## Tone {#tone authority=user}\n\nThe assistant must answer.\n"
    path.write_text(fine, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    slow = fine.replace("must answer.", "must answer " + "`" * 900 + " now.")
    client.change(uri, 2, slow)
    time.sleep(1.5)  # the analysis of version 2 is under way in the worker
    line, col = position(path, "{#tone", 3)
    started = time.monotonic()
    hover = client.request("textDocument/hover", doc(uri, line, col))
    assert time.monotonic() - started < 2.0
    assert "Tone" in hover["contents"]["value"]
    client.change(uri, 3, fine + "\nThe assistant should reply sparingly.\n")
    started = time.monotonic()
    found = client.diagnostics(uri, version=3)
    assert time.monotonic() - started < 10.0  # version 2 alone takes far longer
    assert "L101" in {d["code"] for d in found}


def test_an_unsaved_new_module_is_served_from_its_buffer(client: LspClient, shop: Path) -> None:
    for path in (shop / "unsaved.md", shop / "support" / "unsaved.md"):
        assert not path.exists()
        text = "# New {#new_rules authority=user}\n\nThe assistant should reply kindly.\n"
        item = {"uri": path.as_uri(), "languageId": "markdown", "version": 1, "text": text}
        client.notify("textDocument/didOpen", {"textDocument": item})
        codes = {d["code"] for d in client.diagnostics(path.as_uri(), version=1)}
        assert "L401" in codes, path
