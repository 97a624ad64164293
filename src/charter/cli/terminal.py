"""Text from outside (model output, judge reasoning, spec text) made safe for a terminal.

:func:`printable` shows every control character except newline and tab as a visible
escape (``\\x1b`` → ``\\x1b`` spelled out), so ``ESC[2J``, OSC window titles and OSC 8
hyperlinks are printed inert; bidirectional-override and other invisible formatting
characters (Unicode category Cf, e.g. U+202E) are shown as ``\\u202e``. Printable text,
including every non-ASCII letter and emoji, passes through unchanged.
"""

from __future__ import annotations

import re

# C0 controls but \t and \n, DEL, C1 controls, and the Cf characters that reorder or hide text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """``text`` with terminal control and bidi characters replaced by visible escapes."""
    return _UNSAFE.sub(_escape, text)


def printable_line(text: str) -> str:
    """:func:`printable`, with newlines and tabs escaped too (for one-line output)."""
    return printable(text).replace("\n", "\\n").replace("\t", "\\t")


def _escape(m: re.Match[str]) -> str:
    char = m.group(0)
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"
