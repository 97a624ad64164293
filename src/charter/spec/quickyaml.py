"""A fast reader for the common shape of a ```` ```yaml test ```` block, YAML for the rest.

Most test blocks are a few ``key: value`` lines and a list of one-key expectations::

    prompt: "Say hello"
    expect:
      - icontains: hello
      - max-length: 200

Reading 4,000 such blocks with the YAML parser takes about 80 ms, most of a large
spec's parse; this reader takes a few. :func:`read_simple` accepts only a strict subset
whose meaning under YAML 1.1 (PyYAML's safe loader) is plain: keys are identifiers that
do not resolve to booleans or null; values are double-quoted strings that JSON reads
the same way, decimal integers, or plain words (a letter first, no ``:`` or ``#``, not a
YAML boolean or null). Lists hold such values or one-line mappings, an item's further
keys indented under its first. Anything else — comments, blank lines, anchors, tags,
flow collections, block scalars, nested lists, tabs — returns ``None``, and the caller
uses the YAML parser, which also reports the errors. Guarantee: whenever
:func:`read_simple` returns a value, it equals (types included) what
``yaml.safe_load`` returns for the same text (tested differentially).
"""

from __future__ import annotations

import json
import re
from typing import Any

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_VALUE = r'"(?:[^"\\\x00-\x1f]|\\[^\x00-\x1f])*"|[A-Za-z][A-Za-z0-9 _.,!?\'()/-]*|0|[1-9][0-9]*'
# Used anchored (fullmatch); the look-behinds keep an unanchored search linear too (a
# search may not start inside a key or a run of spaces: tests/qa/test_regex_audit.py)
_ENTRY = re.compile(rf"(?<![A-Za-z0-9_-])({_KEY}):(?: ({_VALUE}))?")
_ITEM = re.compile(rf"(?<! )( *)- (?:({_KEY}): ({_VALUE})|({_VALUE}))")
# What YAML refuses (non-printable) or reads as a line break or byte-order mark: left to it.
# Written as the characters it matches, not as the negation of the printable ranges (the
# same set over every code point, tested; a tenth of the compile time at every start-up)
_ODD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# PyYAML's safe loader reads these plain words as booleans or null
_SPECIAL = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def read_simple(text: str) -> dict[str, Any] | None:
    """The mapping ``text`` denotes when it has the simple shape; ``None`` otherwise."""
    if _ODD.search(text):
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return None
    result: dict[str, Any] = {}
    at = 0
    while at < len(lines):
        entry = _ENTRY.fullmatch(lines[at])
        if entry is None or _special(entry.group(1)):
            return None
        key, raw = entry.group(1), entry.group(2)
        value: Any
        if raw is not None:
            value = _scalar(raw)
            at += 1
        else:
            value, at = _list(lines, at + 1)
        if value is None:
            return None
        result[key] = value
    return result


def _list(lines: list[str], at: int) -> tuple[list[Any] | None, int]:
    """The list whose items start at ``lines[at]``, and the index after it."""
    items: list[Any] = []
    indent: str | None = None
    while at < len(lines):
        item = _ITEM.fullmatch(lines[at])
        if item is None or (indent is not None and item.group(1) != indent):
            break
        indent = item.group(1)
        at += 1
        if item.group(4) is not None:
            value: Any = _scalar(item.group(4))
        else:
            value, at = _mapping_item(lines, at, indent + "  ", item.group(2), item.group(3))
        if value is None:
            return None, at
        items.append(value)
    if not items or (at < len(lines) and lines[at].startswith(" ")):
        return None, at  # no item, or a line indented deeper or otherwise than the list
    return items, at


def _mapping_item(
    lines: list[str], at: int, inner: str, key: str, raw: str
) -> tuple[dict[str, Any] | None, int]:
    """A list item that is a mapping: its first entry, then the lines at ``inner``."""
    pairs = [(key, raw)]
    while at < len(lines) and lines[at].startswith(inner) and lines[at][len(inner) :][:1] > " ":
        entry = _ENTRY.fullmatch(lines[at], len(inner))
        if entry is None or entry.group(2) is None:
            return None, at
        pairs.append((entry.group(1), entry.group(2)))
        at += 1
    mapping: dict[str, Any] = {}
    for name, text in pairs:
        value = _scalar(text)
        if value is None or _special(name):
            return None, at
        mapping[name] = value
    return mapping, at


def _scalar(raw: str) -> str | int | None:
    if raw[0] == '"':
        try:
            # without a backslash the pattern leaves nothing for JSON to decode
            value = raw[1:-1] if "\\" not in raw else json.loads(raw)
            value.encode("utf-8")  # a lone surrogate: let YAML decide
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    if raw[0].isdigit():
        return int(raw)
    if raw.endswith(" ") or _special(raw):
        return None
    return raw


def _special(word: str) -> bool:
    return word.lower() in _SPECIAL
