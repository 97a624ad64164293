"""Normalising, similarity and word diffs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from charter.diff.text import normalize, similarity, word_diff, words


def test_typography_that_renders_the_same_is_one_text() -> None:
    assert normalize("it’s --- “fine”\u00a0 now") == normalize('it\'s — "fine" now')
    assert words("Non\u2011public—data") == ["non", "public", "data"]


def test_similarity_bounds() -> None:
    text = "the assistant should link the refund form for every order"
    assert similarity(text, text) == 1.0
    assert similarity(text, "completely different words appear in this other one") == 0.0


def _side(ops: list[tuple[str, str]], keep: str) -> str:
    return " ".join(t for op, t in ops if op in ("=", keep) and t)


@given(
    st.lists(st.sampled_from(["a", "b", "c", "should", "must", "x."]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c", "should", "must", "x."]), max_size=12),
)
def test_word_diff_rebuilds_both_sides(a: list[str], b: list[str]) -> None:
    old, new = " ".join(a), " ".join(b)
    ops = word_diff(old, new)
    assert _side(ops, "-") == normalize(old)
    assert _side(ops, "+") == normalize(new)


def test_word_diff_shows_the_changed_word() -> None:
    ops = word_diff("The assistant should link the form.", "The assistant must link the form.")
    assert ("-", "should") in ops and ("+", "must") in ops
