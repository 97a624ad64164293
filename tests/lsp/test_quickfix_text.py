"""Quick fixes that write text, over real JSON-RPC: the "Add the id" fix writes what
``charter fix --ids`` writes (a heading whose title ends in braces is not an attribute
block), and lines a fix inserts into a CRLF file end in CRLF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from charter.lint.ids import id_edits
from charter.spec.parse import parse_module
from charter.spec.writer import apply_edits
from tests.lsp.client import LspClient


def _apply(text: str, edits: list[dict[str, Any]]) -> str:
    """Apply LSP text edits (ASCII text: characters are UTF-16 units)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(pos: dict[str, int]) -> int:
        return offsets[pos["line"]] + pos["character"]

    for edit in sorted(edits, key=lambda e: at(e["range"]["start"]), reverse=True):
        start, end = at(edit["range"]["start"]), at(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


def _actions(client: LspClient, uri: str, line: int) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {
                "start": {"line": line, "character": 0},
                "end": {"line": line, "character": 0},
            },
            "context": {"diagnostics": []},
        },
    )
    return result


def test_add_id_on_a_title_ending_in_braces_matches_fix_ids(client: LspClient, shop: Path) -> None:
    text = (
        "# Forms {#forms authority=user}\n\n## Use of {curly braces}\n\n"
        "The assistant should fill the fields.\n"
    )
    path = shop / "support" / "forms.md"
    path.write_text(text, encoding="utf-8")
    uri = client.open(path)
    assert "P023" in {d["code"] for d in client.diagnostics(uri, version=1)}
    (action,) = [a for a in _actions(client, uri, 2) if a["title"].startswith("Add the id")]
    fixed = _apply(text, action["edit"]["changes"][uri])
    _, diags = parse_module(text, "forms.md")
    expected = apply_edits(text, id_edits(text, diags, ["forms"]))
    assert (
        fixed
        == expected
        == text.replace(
            "## Use of {curly braces}\n", "## Use of {curly braces} {#use_of_curly_braces}\n"
        )
    )
    after, _ = parse_module(fixed, "forms.md")
    assert after.clauses[1].title == "Use of {curly braces}"


def test_inserted_lines_keep_the_files_crlf_line_endings(client: LspClient, shop: Path) -> None:
    text = (
        "# Forms {#forms authority=user}\r\n\r\nThe assistant should mostly reply in English.\r\n"
    )
    path = shop / "support" / "crlf.md"
    path.write_bytes(text.encode("utf-8"))
    uri = path.as_uri()
    item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": item})
    assert "L111" in {d["code"] for d in client.diagnostics(uri, version=1)}
    actions = _actions(client, uri, 2)
    inserted = [
        e["newText"]
        for a in actions
        if a["title"].startswith(("Suppress", "Add a precedent"))
        for e in a["edit"]["changes"][uri]
    ]
    assert len(inserted) >= 2
    for new in inserted:
        assert "\n" in new and new.count("\n") == new.count("\r\n"), repr(new)
