"""Unit tests of the parser on small, hand-written modules."""

from __future__ import annotations

from charter import parse_module
from charter.spec.model import Modality, Polarity, RefKind, Verdict

SPEC = """\
---
charter: 1
id: shop
title: Shop assistant
version: 1.2.0
imports: [../org/safety.md]
owner: support
---
# Overview {#overview}

**Refund**: money returned to the customer for an order.

## Refunds {#refunds authority=developer tags="money policy"}

The assistant must not promise a refund amount[^rf01]. It should link the refund form.
See [?](#tone) and [the safety rules](../org/safety.md#privacy).

- It may offer store credit.
- It should never ask for a card number.

!!! meta "Commentary"
    Amounts depend on [?](#overview) and the warehouse.

**Example**: refund amount asked

A customer asks for an amount.

~~~xml
<developer>
You are the Shop assistant.
</developer>
<user name="alex">
How much will I get back?
</user>
<comparison>
<assistant> <!-- GOOD -->
Here is the refund form.
</assistant>
<assistant> <!-- BAD[#tone, #overview]: promises an amount -->
You will get $40.
</assistant>
<assistant> <!-- OK, but terse -->
Use the form.
</assistant>
</comparison>
~~~

```yaml test
id: amount
prompt: How much will I get back for order 123?
expect:
  - contains: refund form
  - not-regex: '\\$\\d+'
  - judge: The response does not promise an amount.
```

### Tone {#tone overrides=#voice implements=../org/safety.md#calm abstract status=draft}

Be calm.
"""


def test_front_matter_fields() -> None:
    module, diags = parse_module(SPEC, "shop.md")
    assert diags == ()
    assert (module.id, module.title, module.version, module.charter) == (
        "shop",
        "Shop assistant",
        "1.2.0",
        1,
    )
    assert module.imports == ("../org/safety.md",) and module.owner == "support"


def test_clause_tree_and_authority() -> None:
    module, _ = parse_module(SPEC, "shop.md")
    overview, refunds, tone = module.clauses
    assert overview.authority is None and not overview.normative
    assert refunds.own_authority == "developer" and refunds.parent == "overview"
    assert tone.own_authority is None and tone.authority == "developer"
    assert tone.parent == "refunds" and refunds.children == ("tone",)
    assert refunds.tags == ("money", "policy")
    assert tone.abstract and tone.status == "draft"
    assert [r.target for r in tone.overrides] == ["voice"]
    assert [(r.file, r.target) for r in tone.implements] == [("../org/safety.md", "calm")]
    assert tone.span.line == 57 and tone.span.col == 5


def test_statements_modality_tags_and_spans() -> None:
    module, _ = parse_module(SPEC, "shop.md")
    refunds = module.clause("refunds")
    assert refunds is not None
    got = [(s.modality, s.polarity, s.list_item) for s in refunds.statements]
    assert got == [
        (Modality.MUST_NOT, Polarity.NEGATIVE, False),
        (Modality.SHOULD, Polarity.POSITIVE, False),
        (Modality.NONE, Polarity.POSITIVE, False),
        (Modality.MAY, Polarity.POSITIVE, True),
        (Modality.SHOULD_NOT, Polarity.NEGATIVE, True),
    ]
    first, second = refunds.statements[:2]
    assert first.tags == ("rf01",)
    assert (first.span.line, first.span.col) == (15, 1)
    assert (second.span.line, second.span.col) == (15, first.text.index(".") + 3)
    item = refunds.statements[3]
    assert (item.span.line, item.span.col) == (18, 3) and item.text == "It may offer store credit."


def test_references_of_every_kind() -> None:
    module, _ = parse_module(SPEC, "shop.md")
    refunds = module.clause("refunds")
    assert refunds is not None
    refs = [(r.kind, r.file, r.target) for r in refunds.references]
    assert (RefKind.SECTION, None, "tone") in refs
    assert (RefKind.FILE, "../org/safety.md", "privacy") in refs
    assert (RefKind.SECTION, None, "overview") in refs  # from the commentary
    assert (RefKind.CANDIDATE, None, "tone") in refs and (
        RefKind.CANDIDATE,
        None,
        "overview",
    ) in refs
    section = next(r for r in refunds.references if r.kind is RefKind.SECTION)
    assert (section.span.line, section.span.col) == (16, 5)


def test_definitions_and_commentary() -> None:
    module, _ = parse_module(SPEC, "shop.md")
    overview, refunds = module.clauses[0], module.clauses[1]
    assert [(d.term, d.meaning) for d in overview.definitions] == [
        ("Refund", "money returned to the customer for an order.")
    ]
    assert refunds.definitions == ()
    (commentary,) = refunds.commentary
    assert commentary.kind == "meta" and commentary.title == "Commentary"
    assert "warehouse" in commentary.text
    assert all("warehouse" not in s.text for s in refunds.statements)


def test_example_messages_and_candidates() -> None:
    module, _ = parse_module(SPEC, "shop.md")
    refunds = module.clause("refunds")
    assert refunds is not None
    (example,) = refunds.examples
    assert example.title == "refund amount asked"
    assert example.description == "A customer asks for an amount."
    assert [(m.role, m.attrs) for m in example.messages] == [
        ("developer", ()),
        ("user", (("name", "alex"),)),
    ]
    assert example.messages[1].content == "How much will I get back?"
    good, bad, ok = example.candidates
    assert (good.verdict, good.reason, good.refs) == (Verdict.GOOD, "", ())
    assert (bad.verdict, bad.reason, bad.refs) == (
        Verdict.BAD,
        "promises an amount",
        ("tone", "overview"),
    )
    assert (ok.verdict, ok.reason) == (Verdict.OK, "but terse")
    assert bad.content == "You will get $40."


def test_yaml_test_block() -> None:
    module, _ = parse_module(SPEC, "shop.md")
    refunds = module.clause("refunds")
    assert refunds is not None
    (block,) = refunds.test_blocks
    assert block.id == "amount" and block.prompt and "order 123" in block.prompt
    assert [(e.kind, e.negate) for e in block.expect] == [
        ("contains", False),
        ("regex", True),
        ("judge", False),
    ]
    assert block.span.line == 48


def test_lenient_conversation_reader() -> None:
    text = """# A {#a authority=user}

**Example**: messy

~~~xml
<system>
<settings>
under_18: true
</settings>
</system>
<developer>
Use `a < b && c` and:
```python
# not a heading
print("<user>")
```
</developer>
<user>Hi there</user>
[...]
<tool name="browser">
{"ok": true}
 </tool>
<assistant recipient="browser" end_turn="false">
open("x")
</assistant>
<comparison>
<assistant>
<!-- BAD: verdict on its own line -->
no
</assistant>
</comparison>
~~~
"""
    module, diags = parse_module(text, "a.md")
    assert diags == ()
    (example,) = module.clauses[0].examples
    roles = [m.role for m in example.messages]
    assert roles == ["system", "developer", "user", "tool", "assistant"]
    assert "<settings>" in example.messages[0].content
    assert "# not a heading" in example.messages[1].content
    assert example.messages[2].content == "Hi there"
    assert example.messages[4].attr("recipient") == "browser"
    (cand,) = example.candidates
    assert cand.verdict is Verdict.BAD and cand.content == "no"


def test_heading_without_id_gets_slug_and_warning() -> None:
    module, diags = parse_module("## Be kind, always!\n\nText.\n", "k.md")
    assert module.clauses[0].id == "be_kind_always"
    assert not module.clauses[0].id_explicit
    assert [d.code for d in diags] == ["P023"]


def test_crlf_and_bom() -> None:
    module, diags = parse_module("\ufeff# T {#t authority=user}\r\n\r\nYou must reply.\r\n", "c.md")
    assert diags == ()
    (clause,) = module.clauses
    assert (
        clause.statements[0].modality is Modality.MUST
        and clause.statements[0].text == "You must reply."
    )


def test_xml_entities_in_messages_are_decoded() -> None:
    text = (
        "# A {#a authority=user}\n\n**Example**: html\n\n~~~xml\n<user>\n"
        "&lt;form action=&quot;/x&quot;&gt; a &amp;&amp; b &#65;&#x42; &copy; AT&T\n</user>\n"
        "<comparison>\n<assistant> <!-- GOOD -->\nif a &lt; b: pass\n</assistant>\n"
        "<assistant> <!-- BAD -->\n&#0; &#x110000;\n</assistant>\n</comparison>\n~~~\n"
    )
    module, diags = parse_module(text, "e.md")
    assert diags == ()
    (example,) = module.clauses[0].examples
    assert example.messages[0].content == '<form action="/x"> a && b AB &copy; AT&T'
    assert example.candidates[0].content == "if a < b: pass"
    assert example.candidates[1].content == "&#0; &#x110000;"
