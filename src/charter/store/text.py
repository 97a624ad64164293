"""Text the store can hold: what a model said, kept whole.

SQLite stores UTF-8, and Python strings may hold lone surrogates (a reply cut in the
middle of an emoji arrives as ``"\\ud83d"`` in JSON and decodes to one). Such a string
cannot be encoded, so writing it raises outside ``sqlite3.Error``. :func:`storable`
replaces each lone surrogate with its visible escape (``\\ud83d`` as six characters), so
nothing the model said is dropped and every other character stays as it was.
"""

from __future__ import annotations


def storable(text: str) -> str:
    """``text`` with every lone surrogate written as a ``\\uXXXX`` escape; otherwise as is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def storable_or_none(text: str | None) -> str | None:
    return None if text is None else storable(text)
