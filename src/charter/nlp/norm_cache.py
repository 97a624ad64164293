"""Readings of many statements at once, cached per text in memory and on disk.

:func:`read_texts` returns a :class:`~charter.nlp.norm.Reading` per text. Texts read
before come from memory or from the cache file ``norms2-<version>.json`` in the cache
folder; the others are parsed in one batch through the shared pipeline
(:func:`charter.nlp.pipeline.analyse`, so lint and check parse a text once per process).

Guarantees: the result is in input order; ``<version>`` hashes the source of the modules
that make a reading (and the pipeline's name), so a changed reader never serves stale
readings; a cache file that cannot be read or written only makes the run cold, never
fails it; a folder of Markdown that is not a project is never written to (see
:func:`cache_folder`); ``CHARTER_NO_CACHE`` turns the disk cache off.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from charter.config import find_config
from charter.hashing import Hasher
from charter.hashing import digest as hash_text
from charter.nlp import (
    lexicon,
    manner,
    norm,
    objects,
    quantities,
    reparse,
    senses,
    situations,
    wordnet,
)
from charter.nlp.norm import Reading
from charter.nlp.quantities import Bound
from charter.nlp.situations import Situation

_MEMO_LIMIT = 100_000
_memo: dict[str, Reading] = {}
_stores: dict[Path, dict[str, Any]] = {}


def cache_folder(root: Path) -> Path | None:
    """``<root>/.charter/`` for a project (a config file or an existing ``.charter/``),
    else the user's cache folder; None when ``CHARTER_NO_CACHE`` is set."""
    if os.environ.get("CHARTER_NO_CACHE"):
        return None
    if root.is_dir() and ((root / ".charter").is_dir() or find_config(root) is not None):
        return root / ".charter"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "charter"


@lru_cache(maxsize=1)
def version() -> str:
    """A hash of the reader's source, the pipeline package names and whether WordNet is
    there (words of manner are read with it)."""
    digest = Hasher(8)
    for module in (
        norm,
        objects,
        situations,
        quantities,
        lexicon,
        senses,
        manner,
        wordnet,
        reparse,
    ):
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(b"en_core_web_sm-3.8")
    digest.update(b"wordnet-3.0" if wordnet.available() else b"no-wordnet")
    return digest.hexdigest()


def read_texts(texts: Sequence[str], folder: Path | None = None) -> list[Reading]:
    """A reading for each text, in order (``folder``: where the disk cache lives)."""
    stored = _store(folder) if folder is not None else None
    distinct = list(dict.fromkeys(texts))
    keys = {t: _key(t) for t in distinct} if stored is not None else {}  # one hash a text
    unknown = [t for t in distinct if t not in _memo]
    if len(_memo) + len(unknown) > _MEMO_LIMIT:
        _memo.clear()
        unknown = distinct
    for text in unknown:
        row = stored.get(keys[text]) if stored is not None else None
        if row is not None:
            _memo[text] = from_data(row)
    to_parse = [t for t in unknown if t not in _memo]
    if to_parse:
        from charter.nlp.pipeline import analyse

        docs = analyse(to_parse)
        fixes = {i: v for i, doc in enumerate(docs) if (v := reparse.reworded(doc))}
        if fixes:  # a misparsed modal verb: parse a rewording, keep it if it reads right
            for i, doc in zip(fixes, analyse(list(fixes.values())), strict=True):
                docs[i] = doc if reparse.reworded(doc) is None else docs[i]
        for text, doc in zip(to_parse, docs, strict=True):
            _memo[text] = norm.read(doc)
    if folder is not None and stored is not None:
        new = {k: t for t, k in keys.items() if k not in stored}
        if new:
            stored.update({k: to_data(_memo[t]) for k, t in new.items()})
            _save(folder, stored)
    return [_memo[t] for t in texts]


def _store(folder: Path) -> dict[str, Any]:
    """The cache file's entries, loaded once per folder per process."""
    stored = _stores.get(folder)
    if stored is None:
        stored = _stores[folder] = _load(folder)
    return stored


def _key(text: str) -> str:
    return hash_text(text, 12)


def _path(folder: Path) -> Path:
    return folder / f"norms2-{version()}.json"  # norms2: word sets as joined strings


def _load(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads(_path(folder).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save(folder: Path, stored: dict[str, Any]) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = _path(folder).with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(stored, separators=(",", ":")), encoding="utf-8")
        tmp.replace(_path(folder))
    except OSError:
        pass  # a read-only project is still checked; it only stays cold


def to_data(reading: Reading) -> list[Any]:
    """A reading as compact JSON data (field order of :class:`Reading`): a set of words
    is one string joined by spaces (a list when a word holds a space), which decodes
    several times faster than a list of strings."""
    return [_plain(getattr(reading, name)) for name in Reading.__slots__]


def _plain(value: Any) -> Any:
    if isinstance(value, frozenset):
        return _joined(value)
    if isinstance(value, Situation):
        return [value.marker, value.text, _joined(value.lemmas)]
    if isinstance(value, Bound):
        return [value.unit, value.low, value.high, value.low_open, value.high_open]
    if isinstance(value, tuple):
        if all(isinstance(v, str) for v in value):
            return list(value)
        return [_plain(v) for v in value]
    return value


def _joined(words: frozenset[str]) -> str | list[str]:
    ordered = sorted(words)
    return " ".join(ordered) if all(w and " " not in w for w in ordered) else ordered


_EMPTY: frozenset[str] = frozenset()
_SETS_LIMIT = 200_000
_sets: dict[str, frozenset[str]] = {}  # decoded word sets, shared between readings


def _words(data: str | list[str]) -> frozenset[str]:
    """A set of words from its stored form; readings that hold the same set share one
    (immutable) object, decoded once."""
    if isinstance(data, str):
        found = _sets.get(data)
        if found is None:
            if len(_sets) >= _SETS_LIMIT:
                _sets.clear()
            found = _sets[data] = frozenset(data.split(" ")) if data else _EMPTY
        return found
    return frozenset(data)


def from_data(data: list[Any]) -> Reading:
    """The inverse of :func:`to_data` (positional, in the field order of :class:`Reading`)."""
    (actor, imperative, habitual, governed, verbs, action_text, negating, heads, universal,
     modifiers, object_slot, words, manner, found, concessions, exclusive, exclusive_slot, slots,
     bounds, population) = data  # fmt: skip
    return Reading(
        actor,
        imperative,
        habitual,
        governed,
        tuple(verbs),
        action_text,
        negating,
        _words(heads),
        universal,
        _words(modifiers),
        object_slot,
        _words(words),
        _words(manner),
        tuple(Situation(m, t, _words(w)) for m, t, w in found) if found else (),
        tuple(concessions),
        _words(exclusive),
        exclusive_slot,
        tuple((slot, _words(w)) for slot, w in slots) if slots else (),
        tuple(Bound(*b) for b in bounds) if bounds else (),
        tuple(Bound(*b) for b in population) if population else (),
    )
