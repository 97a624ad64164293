"""Any text lints: a model plus findings, never a traceback (DESIGN §8). The only
exception is a malformed suppression comment, which is a clear InputError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from charter.errors import InputError
from tests.lint.helpers import lint_text

PIECES = st.sampled_from(
    [
        "# Title {#t authority=user}\n",
        "## Sub\n",
        "The assistant must answer quickly, etc.\n",
        "- it may not, and/or\n  appropriately\n",
        "**Example**: x\n\n~~~xml\n<user>hi <insert></user>\n<comparison>\n",
        "<assistant><!-- BAD -->no</assistant>\n</comparison>\n~~~\n",
        '!!! meta "Commentary"\n    TODO later\n',
        "```yaml test\nprompt: p\nexpect:\n  - judge: j\n```\n",
        "**Term**: meaning\n",
        "<!-- charter-disable-next-line L101 -->\n",
        "\n",
        "“quoted, appropriately” and [link](#t) `code` [^tag]\n",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES | st.text(max_size=40), max_size=12))
def test_any_text_lints(parts: list[str]) -> None:
    try:
        found = lint_text("".join(parts))
    except InputError as exc:
        assert "charter-" in str(exc) or "suppression" in str(exc)
        return
    for d in found:
        assert d.line >= 1 and d.col >= 1
        assert d.question
