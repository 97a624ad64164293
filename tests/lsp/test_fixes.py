"""The language-server fixes of issue 16, each over real JSON-RPC to ``charter lsp``.

Suppressions never split a paragraph or list; C001 "did you mean" has a quick fix; "Add
a precedent" inserts an example that parses; hover says a clause is abstract.
"""

from __future__ import annotations

from pathlib import Path

import charter
from charter.analysis import collect
from tests.lsp.client import LspClient
from tests.lsp.conftest import doc, position
from tests.lsp.test_editing import actions_for, apply

WRAPPED = "It should include the tracking link whenever the tool returns one."
ADDED = " The assistant should reply promptly and\nuse a friendly tone with VIP customers."


def statements(root: Path, clause: str) -> int:
    module = charter.load(root).module("larkspur-support")
    assert module is not None
    found = module.clause(clause)
    assert found is not None
    return len(found.statements)


def test_suppression_inside_a_wrapped_paragraph_keeps_the_parse(
    client: LspClient, shop: Path
) -> None:
    path = shop / "support" / "assistant.md"
    path.write_text(path.read_text().replace(WRAPPED, WRAPPED + ADDED), encoding="utf-8")
    count = statements(shop, "order_status")
    before = {(d.code, d.line) for d in collect(charter.load(shop))}
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    line, _ = position(path, "promptly")
    action = actions_for(client, uri, line)["Suppress L112 in this paragraph or list"]
    edits = action["edit"]["changes"][uri]
    assert all(e["range"]["start"]["character"] == 0 for e in edits)
    path.write_text(apply(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
    assert statements(shop, "order_status") == count
    after = {d.code for d in collect(charter.load(shop))}
    assert "L112" not in after and "L901" not in after
    assert after == {code for code, _ in before} - {"L112"}


def test_did_you_mean_has_a_quick_fix(client: LspClient, shop: Path) -> None:
    path = shop / "small.md"
    text = (
        "# Overview {#overview}\n\nA small module.\n\n"
        "## Refunds {#refunds authority=developer}\n\nThe assistant must not promise a refund.\n"
        "See [?](#refundz).\n"
    )
    path.write_text(text, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    line, _ = position(path, "[?](#refundz)")
    fix = actions_for(client, uri, line)["Change to '#refunds'"]
    assert fix["diagnostics"][0]["code"] == "C001"
    fixed = apply(text, fix["edit"]["changes"][uri])
    assert "See [?](#refunds).\n" in fixed
    path.write_text(fixed, encoding="utf-8")
    assert "C001" not in {d.code for d in collect(charter.load(path))}


def test_add_a_precedent_inserts_an_example_that_parses(client: LspClient, shop: Path) -> None:
    path = shop / "support" / "assistant.md"
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    line, _ = position(path, "The assistant must explain returns")
    action = actions_for(client, uri, line)[
        "Add a precedent to #returns_and_refunds (an example that becomes a test case)"
    ]
    count = len(
        charter.load(shop).module("larkspur-support").clause("returns_and_refunds").examples
    )  # type: ignore[union-attr]
    path.write_text(apply(path.read_text(), action["edit"]["changes"][uri]), encoding="utf-8")
    project = charter.load(shop)
    clause = project.module("larkspur-support").clause("returns_and_refunds")  # type: ignore[union-attr]
    assert len(clause.examples) == count + 1
    assert clause.examples[-1].candidates[1].reason == "WHY IT IS BAD"
    assert not [d for d in project.diagnostics if d.code.startswith("P")]
    line, _ = position(path, "# Larkspur support assistant")  # informative: not tested
    assert not [t for t in actions_for(client, uri, line) if t.startswith("Add a precedent")]


def test_hover_says_a_clause_is_abstract(client: LspClient, shop: Path) -> None:
    path = shop / "small.md"
    path.write_text(
        "# Overview {#overview}\n\nA small module.\n\n"
        "## Greeting {#greeting authority=user abstract}\n\nThe assistant should greet.\n\n"
        "## Concrete {#concrete authority=user}\n\nThe assistant must answer.\n",
        encoding="utf-8",
    )
    uri = client.open(path)
    line, col = position(path, "{#greeting", 3)
    text = client.request("textDocument/hover", doc(uri, line, col))["contents"]["value"]
    assert "**abstract**" in text
    line, col = position(path, "{#concrete", 3)
    text = client.request("textDocument/hover", doc(uri, line, col))["contents"]["value"]
    assert "abstract" not in text
