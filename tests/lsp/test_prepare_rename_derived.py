"""prepareRename over real JSON-RPC agrees with rename: a clause whose id is derived from
its title (no ``{#id}`` in the heading) cannot be renamed, so the editor is told so before
it asks for a new name (prepareRename offered a range, then rename refused)."""

from __future__ import annotations

from pathlib import Path

from tests.lsp.client import LspClient
from tests.lsp.conftest import doc

TEXT = "# A {#a}\n\n## Scope\n\nOne. See [?](#scope) and [?](#a).\n"


def test_prepare_rename_refuses_a_derived_id_and_accepts_an_explicit_one(
    client: LspClient, shop: Path
) -> None:
    path = shop / "support" / "derived.md"
    path.write_text(TEXT, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    derived = doc(uri, 4, TEXT.split("\n")[4].index("#scope") + 2)
    assert client.request("textDocument/prepareRename", derived) is None
    assert "error" in client.request_raw("textDocument/rename", {**derived, "newName": "x"})
    explicit = doc(uri, 4, TEXT.split("\n")[4].index("#a)") + 1)
    found = client.request("textDocument/prepareRename", explicit)
    assert found is not None and found["start"]["line"] == 4
    edit = client.request("textDocument/rename", {**explicit, "newName": "intro"})
    assert len(edit["changes"][uri]) == 2
