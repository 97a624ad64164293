"""Where a suppression comment goes: never inside a paragraph, a list or a fence."""

from __future__ import annotations

from charter.lint.suppress import block_around, placement
from charter.spec.parse import parse_module
from charter.spec.writer import Edit, apply_edits

TEXT = """# Spec {#spec}

## Rules {#rules authority=user}

The assistant should reply promptly and
politely to every customer.

- first item
- second item that is
  wrapped

- a loose item

Alone on its line, the assistant should be brief.

**Example**: a case

~~~xml
<user>
Hello

there
</user>
<comparison>
<assistant> <!-- GOOD -->
Hi.
</assistant>
</comparison>
~~~
"""


def put(line: int, code: str = "L101") -> str:
    lines = TEXT.split("\n")
    edits = [Edit(at, 1, at, 1, text) for at, text in placement(lines, line, code, "why")]
    return apply_edits(TEXT, edits)


def test_blocks() -> None:
    lines = TEXT.split("\n")
    assert block_around(lines, 6) == (5, 6)  # a wrapped paragraph
    assert block_around(lines, 9) == (8, 12)  # a loose list, blank line and all
    assert block_around(lines, 14) == (14, 14)
    assert block_around(lines, 22) == (18, 29)  # inside a fence: the whole fence


def test_the_parse_never_changes() -> None:
    before, _ = parse_module(TEXT, "x.md")
    for line in (5, 6, 9, 12, 14, 21, 22):
        after, _ = parse_module(put(line), "x.md")
        rules = (before.clauses[1], after.clauses[1])
        assert [s.text for s in rules[0].statements] == [s.text for s in rules[1].statements]
        contents = [[m.content for m in r.examples[0].messages] for r in rules]
        assert contents[0] == contents[1], line


def test_one_line_gets_disable_next_line() -> None:
    assert put(14) == TEXT.replace(
        "Alone on its line", "<!-- charter-disable-next-line L101 -- why -->\nAlone on its line"
    )
