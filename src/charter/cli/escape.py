"""Spec text made safe for a terminal once it has been painted.

:func:`charter.cli.terminal.printable` escapes every control character, which would
also break the colour codes a renderer adds. :func:`printable_painted` keeps the colour
(SGR) sequences — ``ESC [ digits ; … m``, which can only change colours — and escapes
everything else, so a spec's ``ESC[2J``, OSC window titles and OSC 8 hyperlinks stay
inert even in coloured output.
"""

from __future__ import annotations

import re

from charter.cli.terminal import printable

_SGR = re.compile(r"(\x1b\[[0-9;]{0,32}m)")


def printable_painted(text: str, colour: bool = True) -> str:
    """``text`` escaped for a terminal; colour sequences kept when ``colour`` is set."""
    if not colour:
        return printable(text)
    parts = _SGR.split(text)
    # split with one group: the odd items are the colour sequences themselves
    return "".join(part if k % 2 else printable(part) for k, part in enumerate(parts))
