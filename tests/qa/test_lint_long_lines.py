"""A huge line with a finding on every word lints in linear time, with the same context
words as before (QA: a 2 MB line of 'very very …' took more than ten minutes)."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from charter.lint.text import words_after, words_before
from tests.lint.helpers import lint_text

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOPS = ",;:.()!?"


def _naive_before(masked: str, start: int, limit: int = 3) -> str:
    head = masked[:start]
    cut = max(head.rfind(ch) for ch in _STOPS)
    return " ".join(_WORD.findall(head[cut + 1 :])[-limit:])


def _naive_after(masked: str, end: int, limit: int = 3) -> str:
    tail = masked[end:]
    cut = min((i for i in (tail.find(ch) for ch in _STOPS) if i >= 0), default=len(tail))
    return " ".join(_WORD.findall(tail[:cut])[:limit])


_TEXT = st.lists(
    st.sampled_from(["a", "word", "x" * 300, "y" * 90, " ", "  ", ",", ".", "-", "'"]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.data())
def test_bounded_window_gives_the_same_words(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    assert words_before(text, at) == _naive_before(text, at)
    assert words_after(text, at) == _naive_after(text, at)


def test_a_long_paragraph_of_vague_words_lints_in_linear_time() -> None:
    # 120 sentences of 250 findings each: every statement is under the analysis budget
    # (one 400 KB statement is over it and skipped, see tests/spec/test_budgets.py)
    sentence = "The assistant must " + "sparingly " * 250 + "greet. "
    body = sentence * 120
    began = time.perf_counter()
    found = lint_text(f"# A {{#a authority=root}}\n\n{body}\n")
    elapsed = time.perf_counter() - began
    assert sum(d.code == "L101" for d in found) == 30_000
    # quadratic before the fix: about 8 s for 8,000 words, so minutes for 30,000
    assert elapsed < 30
