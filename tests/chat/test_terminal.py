"""Control and bidi characters from outside text are printed as visible escapes."""

from __future__ import annotations

from charter.cli.terminal import printable, printable_line


def test_escapes_are_made_visible() -> None:
    hostile = "ok\x1b[2J \x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\u202eevil\u200b"
    out = printable(hostile)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out and "\\u200b" in out


def test_text_and_layout_kept() -> None:
    text = "Café 🎉 日本語\n\tindented"
    assert printable(text) == text
    assert printable_line(text) == "Café 🎉 日本語\\n\\tindented"
