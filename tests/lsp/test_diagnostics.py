"""publishDiagnostics from a real ``charter lsp`` process: parse, lint and check findings,
cross-file re-checks on unsaved changes, and broken documents that must not crash it."""

from __future__ import annotations

from pathlib import Path

from tests.lsp.client import LspClient
from tests.lsp.conftest import doc, position, span

SMALL = """\
# Overview {#overview}

This module is a small test.

## Refunds {#refunds authority=developer}

The assistant must not promise a refund.

## Greeting

The assistant should greet the customer by name.

See [?](#refunds) and [?](#missing_clause).
"""


def by_code(found: list[dict[str, object]]) -> dict[object, dict[str, object]]:
    return {d["code"]: d for d in found}


def test_open_publishes_lint_findings_with_exact_ranges_and_questions(
    client: LspClient, shop: Path
) -> None:
    path = shop / "support" / "assistant.md"
    vague = (
        "\n## Replies {#replies authority=user}\n\nThe assistant should mostly reply in English.\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + vague, encoding="utf-8")
    found = by_code(client.diagnostics(client.open(path), version=1))
    line, col = position(path, "mostly")
    l111 = found["L111"]
    assert l111["range"] == span(line, col, col + len("mostly"))
    assert l111["source"] == "charter"
    assert l111["severity"] == 3  # information: L111 is info since the real-text evaluation
    assert "\nquestion: 'mostly': in which cases exactly" in str(l111["message"])


def test_parse_lint_and_check_codes_map_to_lsp(client: LspClient, shop: Path) -> None:
    path = shop / "small.md"
    path.write_text(SMALL, encoding="utf-8")
    found = by_code(client.diagnostics(client.open(path), version=1))
    assert found["P023"]["range"] == span(8, 3, 11)  # '## Greeting': the heading text
    assert found["P023"]["severity"] == 2  # a warning: prose specs are served, not refused
    line, col = position(path, "[?](#missing_clause)")
    assert found["C001"]["range"] == span(line, col, col + len("[?](#missing_clause)"))
    assert found["L401"]["range"] == span(4, 3, 41)
    assert found["L401"]["severity"] == 2


def test_related_information_points_at_the_other_end(client: LspClient, shop: Path) -> None:
    path = shop / "small.md"
    path.write_text(SMALL + "\n## Refunds again {#refunds}\n\nMore text.\n", encoding="utf-8")
    found = by_code(client.diagnostics(client.open(path), version=1))
    duplicate = found["C002"]
    assert duplicate["range"]["start"]["line"] == 14
    (related,) = duplicate["relatedInformation"]
    assert related["location"]["uri"] == path.as_uri()
    assert related["location"]["range"]["start"]["line"] == 4


def test_an_unsaved_change_in_one_module_rechecks_the_other(client: LspClient, shop: Path) -> None:
    safety, assistant = shop / "org" / "safety.md", shop / "support" / "assistant.md"
    a_uri = client.open(assistant)
    assert "C001" not in by_code(client.diagnostics(a_uri, version=1))
    s_uri = client.open(safety)
    client.diagnostics(s_uri, version=1)
    text = safety.read_text(encoding="utf-8")
    client.change(s_uri, 2, text.replace("{#escalation_policy", "{#handover_policy"))
    found = client.diagnostics(a_uri)
    while "C001" not in by_code(found):  # the first publish may predate the change
        found = client.diagnostics(a_uri)
    link = "[the company-wide handover rule](../org/safety.md#escalation_policy)"
    line, col = position(assistant, link)
    unresolved = [d["range"] for d in found if d["code"] == "C001"]
    assert span(line, col, col + len(link)) in unresolved
    client.change(s_uri, 3, text)
    found = client.diagnostics(a_uri)
    while "C001" in by_code(found):
        found = client.diagnostics(a_uri)


def test_unsaved_text_is_what_lint_reads(client: LspClient, shop: Path) -> None:
    path = shop / "small.md"
    path.write_text(SMALL, encoding="utf-8")
    uri = client.open(path)
    client.diagnostics(uri, version=1)
    edited = SMALL.replace("greet the customer", "usually greet the customer")
    client.change(uri, 2, edited)
    found = by_code(client.diagnostics(uri, version=2))
    col = edited.split("\n")[10].index("usually")
    assert found["L111"]["range"] == span(10, col, col + len("usually"))


def test_a_broken_document_yields_diagnostics_not_a_crash(client: LspClient, shop: Path) -> None:
    path = shop / "broken.md"
    path.write_text(
        "# Broken {#broken authority=root}\n\nThe assistant must answer.\n\n"
        "**Example**: never closed\n\n~~~xml\n<user>\nhi\n</user>\n",
        encoding="utf-8",
    )
    uri = client.open(path)
    found = client.diagnostics(uri, version=1)
    assert any(str(d["code"]).startswith("P") for d in found), found
    hover = client.request("textDocument/hover", doc(uri, 0, 12))
    assert "**Broken** `#broken`" in hover["contents"]["value"]


def test_a_malformed_suppression_comment_is_a_diagnostic(client: LspClient, shop: Path) -> None:
    path = shop / "small.md"
    path.write_text(SMALL.replace("See", "<!-- charter-disable-next-line X9 -->\nSee"), "utf-8")
    found = by_code(client.diagnostics(client.open(path), version=1))
    assert found["lint"]["range"]["start"] == {"line": 12, "character": 0}
    assert "unknown rule code 'X9'" in str(found["lint"]["message"])
    assert "C001" in found  # the type checker's findings are still there


def test_closing_an_unsaved_module_rechecks_against_the_disk(client: LspClient, shop: Path) -> None:
    safety, assistant = shop / "org" / "safety.md", shop / "support" / "assistant.md"
    a_uri, s_uri = client.open(assistant), client.open(safety)
    text = safety.read_text(encoding="utf-8")
    client.change(s_uri, 2, text.replace("{#escalation_policy", "{#handover_policy"))
    while "C001" not in by_code(client.diagnostics(a_uri)):
        pass
    client.notify("textDocument/didClose", {"textDocument": {"uri": s_uri}})
    while client.diagnostics(s_uri):  # earlier publishes first, then the clearing one
        pass
    while "C001" in by_code(client.diagnostics(a_uri)):
        pass
