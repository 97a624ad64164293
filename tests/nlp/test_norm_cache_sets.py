"""Decoding stored readings: word sets are decoded once and shared, never changed."""

from __future__ import annotations

import pytest

from charter.nlp import norm_cache


def test_equal_stored_sets_decode_to_one_shared_object() -> None:
    first = norm_cache._words("receipt refund")
    again = norm_cache._words("receipt refund")
    assert first == frozenset({"receipt", "refund"}) and first is again
    assert norm_cache._words("") == frozenset()
    assert norm_cache._words(["two words", "x"]) == frozenset({"two words", "x"})


def test_a_full_table_is_emptied_and_decoding_stays_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(norm_cache, "_SETS_LIMIT", 2)
    monkeypatch.setattr(norm_cache, "_sets", {})
    stored = [f"w{k} shared" for k in range(7)]
    for text in stored * 2:
        assert norm_cache._words(text) == frozenset(text.split())
        assert len(norm_cache._sets) <= 2
