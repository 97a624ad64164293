"""Masking and sentence splitting stay linear on generated hostile text, and give the
same answers as the straightforward (super-linear) versions they replaced."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from charter.lint.text import comment_spans, mask
from charter.spec.inline import code_spans
from charter.spec.sentences import ABBREVIATIONS, split_sentences

# -- the old implementations, kept here as references ------------------------------------
_OLD_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?:\[\^[A-Za-z0-9_-]+\])*(?=\s+\S)")
_OLD_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_OLD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _old_split(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _OLD_BOUNDARY.finditer(text):
        dot, end = m.start(), m.end()
        if text[dot] == "." and text[dot:end].startswith("..."):
            continue
        word = _OLD_WORD_BEFORE.search(text, 0, dot)
        if text[dot] == "." and word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
            continue
        nxt = text[end:].lstrip()[:1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘[(*`_"):
            continue
        yield from _trim(text, start, end)
        start = end
    yield from _trim(text, start, len(text))


def _trim(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _commonmark_spans(text: str) -> list[tuple[int, int]]:
    """Code spans by the rule, the slow way: from each unused opening run, scan on."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    spans, k = [], 0
    while k < len(runs):
        size = runs[k][1] - runs[k][0]
        close = next((j for j in range(k + 1, len(runs)) if runs[j][1] - runs[j][0] == size), None)
        if close is None:
            k += 1
            continue
        spans.append((runs[k][0], runs[close][1]))
        k = close + 1
    return spans


PIECES = ["a", "A", "e.g", ".", "!", "?", " ", "\n", "`", "``", '"', ")", "[^n]", "...", "Mr",
          "<!--", "-->", "<a ", ">", "[", "](#x)", "**", "_", "1", "“", "it "]  # fmt: skip
TEXT = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_sentences_match_the_old_splitter(text: str) -> None:
    assert list(split_sentences(text)) == list(_old_split(text))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_code_spans_follow_the_run_length_rule(text: str) -> None:
    assert code_spans(text) == _commonmark_spans(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_comment_spans_match_the_lazy_pattern(text: str) -> None:
    assert comment_spans(text) == [m.span() for m in _OLD_COMMENT.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_mask_keeps_the_length(text: str) -> None:
    assert len(mask(text)[0]) == len(text)


# -- time: a piece repeated to 200,000 characters is handled in well under a second ------
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)
SIZE = 200_000
BOUND = 3.0  # seconds, shared 2-core machine; the old code took minutes on several


def _timed(func: object, text: str) -> float:
    began = time.perf_counter()
    result = func(text)  # type: ignore[operator]
    if isinstance(result, Iterator):
        list(result)
    return time.perf_counter() - began


@settings(max_examples=40, deadline=None)
@given(HOSTILE)
def test_splitting_time_is_bounded(unit: str) -> None:
    text = unit * (SIZE // len(unit))
    assert _timed(split_sentences, text) < BOUND


@settings(max_examples=40, deadline=None)
@given(HOSTILE)
def test_masking_time_is_bounded(unit: str) -> None:
    text = unit * (SIZE // len(unit))
    assert _timed(mask, text) < BOUND
    assert _timed(code_spans, text) < BOUND


def test_the_cases_of_the_issue_are_fast() -> None:
    for text in ("`" * 100_000, "<!--" * 25_000, "Do it now. " * 10_000, "x! " * 50_000):
        assert _timed(mask, text) < BOUND
        assert _timed(split_sentences, text) < BOUND
