"""Completion, rename and code actions against a real ``charter lsp`` process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import charter
from charter.cli.cmd_check import collect
from tests.lsp.client import LspClient
from tests.lsp.conftest import doc, position, span
from tests.lsp.test_diagnostics import SMALL


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP text edits (ASCII text, so characters are code units)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(pos: dict[str, int]) -> int:
        return offsets[pos["line"]] + pos["character"]

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def test_completion_of_ids_after_an_open_reference(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    uri = client.open(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(20, "See [?](#sup")
    client.change(uri, 2, "\n".join(lines))
    result = client.request("textDocument/completion", doc(uri, 20, 12))
    labels = {item["label"]: item for item in result["items"]}
    assert set(labels) == {"support_overview", "support_escalation"}
    assert labels["support_escalation"]["textEdit"] == {
        "range": span(20, 9, 12),
        "newText": "support_escalation",
    }
    lines[20] = "See [x](../org/safety.md#"
    client.change(uri, 3, "\n".join(lines))
    result = client.request("textDocument/completion", doc(uri, 20, 25))
    ids = {c.id for c in charter.load(shop / "org" / "safety.md").modules[0].clauses}
    assert {item["label"] for item in result["items"]} == ids
    lines[20] = "Nothing to complete here #"
    client.change(uri, 4, "\n".join(lines))
    assert client.request("textDocument/completion", doc(uri, 20, 26))["items"] == []


def test_rename_a_clause_id_across_modules(client: LspClient, shop: Path) -> None:
    path, safety = shop / "support" / "assistant.md", shop / "org" / "safety.md"
    uri = client.open(path)
    line, col = position(path, "safety.md#escalation_policy", 12)
    prepared = client.request("textDocument/prepareRename", doc(uri, line, col))
    assert prepared == span(line, col - 2, col - 2 + len("escalation_policy"))
    params = {**doc(uri, line, col), "newName": "handover_policy"}
    changes = client.request("textDocument/rename", params)["changes"]
    assert sorted(changes) == sorted([uri, safety.as_uri()])
    assert len(changes[uri]) == 2 and len(changes[safety.as_uri()]) == 2
    for file in (path, safety):
        file.write_text(apply(file.read_text(encoding="utf-8"), changes[file.as_uri()]), "utf-8")
    assert "escalation_policy" not in path.read_text() + safety.read_text()
    assert not [d for d in collect(charter.load(shop)) if d.code.startswith("C")]


def test_rename_refuses_an_invalid_id(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    uri = client.open(path)
    line, col = position(path, "{#order_status", 3)
    response = client.request_raw(
        "textDocument/rename", {**doc(uri, line, col), "newName": "not an id"}
    )
    assert "not a valid clause id" in response["error"]["message"]


def actions_for(client: LspClient, uri: str, line: int) -> dict[str, dict[str, Any]]:
    params = {
        "textDocument": {"uri": uri},
        "range": span(line, 0, 0),
        "context": {"diagnostics": []},
    }
    return {a["title"]: a for a in client.request("textDocument/codeAction", params)}


def test_code_actions_fix_suppress_and_add_an_id(client: LspClient, shop: Path) -> None:
    path = shop / "small.md"
    path.write_text(SMALL, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    heading = actions_for(client, uri, 8)
    add_id = heading["Add the id {#greeting}"]
    assert add_id["kind"] == "quickfix"
    assert add_id["diagnostics"][0]["code"] == "P023"
    assert add_id["edit"]["changes"][uri] == [{"range": span(8, 11, 11), "newText": " {#greeting}"}]
    refunds = actions_for(client, uri, 4)
    suppress = refunds["Suppress L401 on this line"]["edit"]["changes"][uri]
    assert suppress == [
        {"range": span(4, 0, 0), "newText": "<!-- charter-disable-next-line L401 -->\n"}
    ]
    skeleton = refunds["insert an example skeleton after the clause"]["edit"]["changes"][uri]
    assert skeleton[0]["range"] == span(8, 0, 0)  # before the next heading
    assert "**Example**: refunds: a first case" in skeleton[0]["newText"]
    fixed = apply(apply(SMALL, add_id["edit"]["changes"][uri]), suppress)
    path.write_text(fixed, encoding="utf-8")
    assert {d.code for d in collect(charter.load(path))} == {"C001"}
