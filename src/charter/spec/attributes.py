"""Read a heading's attribute block: ``Title {#id authority=root overrides=#x abstract}``.

The syntax is the Model Spec's (and Pandoc's): ``#id``, ``key=value``, ``key="quoted
value"`` and bare flags, separated by spaces. Problems are returned as messages with
the column offset inside the heading text, so the caller can locate them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KNOWN_KEYS = frozenset({"authority", "overrides", "implements", "status", "tags", "abstract"})


@dataclass(slots=True)
class AttributeProblem:
    offset: int  # 0-based offset in the heading text
    message: str
    malformed: bool = True  # False: readable, but unknown


@dataclass(slots=True)
class HeadingAttributes:
    title: str
    id: str | None = None
    id_offset: int = 0
    pairs: list[tuple[str, str, int]] = field(default_factory=list)  # key, value, offset
    flags: list[tuple[str, int]] = field(default_factory=list)
    problems: list[AttributeProblem] = field(default_factory=list)
    block_offset: int | None = None  # where '{' starts


def split_heading(text: str) -> HeadingAttributes:
    """Split heading text into title and attributes; never raises."""
    stripped = text.rstrip()
    open_at = _block_start(stripped)
    if open_at is None:
        if "{#" in stripped:
            at = stripped.index("{#")
            problem = AttributeProblem(at, "attribute block '{#...' is not closed with '}'")
            return HeadingAttributes(stripped[:at].rstrip(), problems=[problem], block_offset=at)
        return HeadingAttributes(stripped)
    attrs = HeadingAttributes(stripped[:open_at].rstrip(), block_offset=open_at)
    _read_block(stripped, open_at + 1, len(stripped) - 1, attrs)
    return attrs


def _block_start(text: str) -> int | None:
    if not text.endswith("}"):
        return None
    found = _scan_for_open(text, quotes=True)
    # An unbalanced quote hides the '{'; find it again ignoring quotes, and let the
    # block reader report the quote precisely.
    return found if found is not None else _scan_for_open(text, quotes=False)


def _scan_for_open(text: str, *, quotes: bool) -> int | None:
    quote: str | None = None
    for i in range(len(text) - 2, -1, -1):
        ch = text[i]
        if quotes and ch in "\"'":
            quote = None if quote == ch else (quote or ch)
        elif ch == "{" and quote is None:
            inner = text[i + 1 : -1].lstrip()
            # Only a block that looks like attributes counts: '{#id ...}' or '{key=...}'.
            if inner.startswith("#") or "=" in inner.split(" ", 1)[0]:
                return i
            return None
    return None


def _read_block(text: str, start: int, end: int, attrs: HeadingAttributes) -> None:
    i = start
    while i < end:
        if text[i].isspace():
            i += 1
            continue
        token_start = i
        i, key, value, quoted_ok = _read_token(text, i, end)
        if not quoted_ok:
            attrs.problems.append(
                AttributeProblem(token_start, f"unterminated quote in '{text[token_start:end]}'")
            )
            return
        _store(attrs, key, value, token_start)


def _read_token(text: str, i: int, end: int) -> tuple[int, str, str | None, bool]:
    key_start = i
    while i < end and not text[i].isspace() and text[i] != "=":
        i += 1
    key = text[key_start:i]
    if i >= end or text[i] != "=":
        return i, key, None, True
    i += 1
    if i < end and text[i] in "\"'":
        quote = text[i]
        close = text.find(quote, i + 1, end)
        if close == -1:
            return end, key, None, False
        return close + 1, key, text[i + 1 : close], True
    value_start = i
    while i < end and not text[i].isspace():
        i += 1
    return i, key, text[value_start:i], True


def _store(attrs: HeadingAttributes, key: str, value: str | None, offset: int) -> None:
    if value is None:
        if key.startswith("#"):
            if attrs.id is not None:
                attrs.problems.append(AttributeProblem(offset, f"second id '{key}' in one heading"))
            elif not _valid_id(key[1:]):
                attrs.problems.append(AttributeProblem(offset, f"invalid id '{key}'"))
            else:
                attrs.id, attrs.id_offset = key[1:], offset
        elif not key or not _valid_id(key):
            attrs.problems.append(AttributeProblem(offset, f"cannot read attribute '{key}'"))
        else:
            attrs.flags.append((key, offset))
        return
    if not key:
        attrs.problems.append(AttributeProblem(offset, "attribute with no name before '='"))
    elif value == "":
        attrs.problems.append(AttributeProblem(offset, f"attribute '{key}' has an empty value"))
    else:
        attrs.pairs.append((key, value, offset))


def _valid_id(ident: str) -> bool:
    return bool(ident) and all(ch.isalnum() or ch in "_-.:" for ch in ident)
