"""Hover, go-to-definition and find-references against a real ``charter lsp`` process,
on the example project (two modules, an import, a prompt file)."""

from __future__ import annotations

from pathlib import Path

import charter
from tests.lsp.client import LspClient
from tests.lsp.conftest import doc, position, span


def test_hover_on_a_reference_describes_the_clause(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    uri = client.open(path)
    line, col = position(path, "[?](#support_escalation)")
    hover = client.request("textDocument/hover", doc(uri, line, col + 1))
    clause = charter.load(shop).module("larkspur-support").clause("support_escalation")
    assert clause is not None
    text = hover["contents"]["value"]
    assert text.startswith("**Hand over to Larkspur staff** `#support_escalation`")
    assert "authority: system" in text
    assert f"{len(clause.statements)} statements · {len(clause.examples)} examples" in text
    assert hover["range"] == span(line, col + 5, col + 5 + len("support_escalation"))


def test_hover_on_a_heading_id_and_on_a_footnote_tag(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    uri = client.open(path)
    line, col = position(path, "{#order_status")
    text = client.request("textDocument/hover", doc(uri, line, col + 4))["contents"]["value"]
    assert "**Report order status from the order tool** `#order_status`" in text
    line, col = position(path, "[^rt01]")
    hover = client.request("textDocument/hover", doc(uri, line, col + 3))
    prompt = charter.load(shop).prompt_files[0]
    assert hover["contents"]["value"] == (
        f"`[^rt01]` → support/examples/rt01.md for *{prompt.target_title}*: "
        f"{len(prompt.examples)} examples"
    )
    assert client.request("textDocument/hover", doc(uri, 0, 0)) is None


def test_definition_of_a_file_qualified_reference(client: LspClient, shop: Path) -> None:
    path, safety = shop / "support" / "assistant.md", shop / "org" / "safety.md"
    uri = client.open(path)
    line, col = position(path, "../org/safety.md#escalation_policy")
    found = client.request("textDocument/definition", doc(uri, line, col + 20))
    d_line, d_col = position(safety, "{#escalation_policy", 2)
    assert found == {
        "uri": safety.as_uri(),
        "range": span(d_line, d_col, d_col + len("escalation_policy")),
    }


def test_definition_of_a_footnote_tag_is_its_prompt_file(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    uri = client.open(path)
    line, col = position(path, "[^rt01]")
    found = client.request("textDocument/definition", doc(uri, line, col + 2))
    target = shop / "support" / "examples" / "rt01.md"
    assert found == {"uri": target.as_uri(), "range": span(0, 0, 0)}


def test_references_across_modules(client: LspClient, shop: Path) -> None:
    path, safety = shop / "support" / "assistant.md", shop / "org" / "safety.md"
    uri = client.open(path)
    line, col = position(path, "implements=#escalation_policy", 12)
    params = {**doc(uri, line, col), "context": {"includeDeclaration": True}}
    found = client.request("textDocument/references", params)
    name = len("escalation_policy")

    def at(file: Path, needle: str, offset: int) -> dict[str, object]:
        ln, c = position(file, needle, offset)
        return {"uri": file.as_uri(), "range": span(ln, c, c + name)}

    expected = [
        at(safety, "{#escalation_policy", 2),
        at(safety, "(#escalation_policy)", 2),
        at(path, "implements=#escalation_policy", 12),
        at(path, "safety.md#escalation_policy", 10),
    ]
    assert sorted(found, key=str) == sorted(expected, key=str)
    params["context"] = {"includeDeclaration": False}
    without = client.request("textDocument/references", params)
    assert sorted(without, key=str) == sorted(expected[1:], key=str)


def test_references_of_a_footnote_tag(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    uri = client.open(path)
    line, col = position(path, "[^rt01]")
    params = {**doc(uri, line, col + 3), "context": {"includeDeclaration": True}}
    found = client.request("textDocument/references", params)
    assert found == [{"uri": uri, "range": span(line, col + 2, col + 6)}]
