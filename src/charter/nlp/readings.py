"""Readings of many statements at once: one spaCy pass over the texts not read before.

:func:`read_texts` parses in batches through the shared pipeline (with named entities
switched off: no reading uses them) and memoises each text's :class:`Reading` in
process. Guarantees: the result is in the order of the input; a text is parsed at most
once per process.
"""

from __future__ import annotations

from collections.abc import Sequence

from charter.nlp.pipeline import load
from charter.nlp.reading import Reading, read

_MEMO_LIMIT = 100_000
_memo: dict[str, Reading] = {}


def read_texts(texts: Sequence[str]) -> list[Reading]:
    """A reading for each text, in order."""
    missing = list(dict.fromkeys(t for t in texts if t not in _memo))
    if missing:
        if len(_memo) + len(missing) > _MEMO_LIMIT:
            _memo.clear()
        nlp = load()
        disabled = [name for name in ("ner",) if name in nlp.pipe_names]
        for text, doc in zip(
            missing, nlp.pipe(missing, batch_size=256, disable=disabled), strict=True
        ):
            _memo[text] = read(doc)
    return [_memo[t] for t in texts]
